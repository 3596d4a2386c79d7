-- The purge report: every run of the retention rule, what it removed and up to when.
CREATE TABLE retention_purges (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  -- Cases whose last activity is before this instant were removed.
  cutoff TEXT NOT NULL,
  retention_months INTEGER NOT NULL CHECK (retention_months > 0),
  trigger TEXT NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
  by_user INTEGER REFERENCES users (id),
  cases INTEGER NOT NULL CHECK (cases >= 0),
  applicants INTEGER NOT NULL CHECK (applicants >= 0)
) STRICT;
