-- Files shared in a remote session (material images, camera snapshots): ciphertext only, sealed
-- by the sharing engine for the session's participants. Uploaded in chunks, so a weak link
-- resumes where it stopped; removed when the session ends.
CREATE TABLE session_files (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES remote_sessions (id),
  participant_id text NOT NULL REFERENCES remote_participants (id),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  received integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX session_files_session ON session_files (session_id);

CREATE TABLE session_file_chunks (
  file_id text NOT NULL REFERENCES session_files (id) ON DELETE CASCADE,
  "offset" integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (file_id, "offset")
);
