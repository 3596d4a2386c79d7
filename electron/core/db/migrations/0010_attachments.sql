-- Scans and photos kept with a case. The bytes live in <data>/attachments/<id>.bin, encrypted
-- with a key of their own (AES-256-GCM); that key lives only here, inside the encrypted store,
-- so deleting the row makes the file unreadable for good, wherever its blocks remain.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  material_code TEXT,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL,
  file_key BLOB NOT NULL CHECK (length(file_key) = 32),
  added_by INTEGER NOT NULL REFERENCES users (id),
  added_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_case ON attachments (case_id, id);
