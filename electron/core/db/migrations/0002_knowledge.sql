-- The matter catalogue and knowledge base. Every version of every item is kept; the version in
-- effect on a date is the highest one whose effective_from is on or before it.
CREATE TABLE knowledge_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  summary TEXT NOT NULL
) STRICT;

CREATE TABLE matters (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  name TEXT NOT NULL,
  department TEXT NOT NULL,
  level TEXT NOT NULL,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'enterprise', 'both')),
  high_frequency INTEGER NOT NULL CHECK (high_frequency IN (0, 1)),
  promised_days INTEGER NOT NULL,
  pinyin_initials TEXT NOT NULL,
  search_text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES knowledge_imports (id),
  UNIQUE (code, version)
) STRICT;
CREATE INDEX matters_effective ON matters (code, effective_from);

CREATE TABLE matter_materials (
  matter_id INTEGER NOT NULL REFERENCES matters (id),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (matter_id, code)
) STRICT;

CREATE TABLE matter_review_points (
  matter_id INTEGER NOT NULL REFERENCES matters (id),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rule', 'model', 'manual')),
  material_code TEXT,
  document TEXT NOT NULL,
  PRIMARY KEY (matter_id, code)
) STRICT;

CREATE TABLE knowledge_entries (
  id INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('policy', 'qa')),
  title TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  expires_on TEXT,
  matter_codes TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES knowledge_imports (id),
  UNIQUE (entry_id, version)
) STRICT;
