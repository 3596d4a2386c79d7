-- The audit trail: who did what to which record, from which terminal, with what outcome.
-- Append-only and hash-chained: each row's hash covers its fields and the previous row's hash,
-- so an edit, a deletion or a reordering shows up in `bangban audit verify`. Rows hold ids and
-- codes, never citizens' names or ID numbers.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq > 0),
  at TEXT NOT NULL,
  user_id INTEGER,
  actor TEXT NOT NULL,
  terminal TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  detail TEXT NOT NULL CHECK (json_valid(detail)),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- This terminal's identity, made once: audit rows and (later) sync name the terminal by it.
CREATE TABLE terminal_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  terminal_id TEXT NOT NULL
) STRICT;

INSERT INTO terminal_identity (id, terminal_id) VALUES (1, lower(hex(randomblob(8))));
