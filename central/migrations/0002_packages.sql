-- Offline packages are signed with a key derived from the terminal's secret at enrolment (the hub
-- keeps the derived key, never the secret). Holiday arrangements the hub publishes.
ALTER TABLE terminals ADD COLUMN package_key text NOT NULL DEFAULT '';

CREATE TABLE calendar_years (
  year integer PRIMARY KEY,
  arrangement jsonb NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);
