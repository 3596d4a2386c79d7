-- A help request may get a new remote window once its earlier one ended ("再次打开"): only one
-- open session per request, however many ended ones.
DROP INDEX remote_sessions_request;
CREATE UNIQUE INDEX remote_sessions_open_request ON remote_sessions (help_request_id)
  WHERE help_request_id IS NOT NULL AND ended_at IS NULL;

-- Wrong join codes are counted per terminal as well as per address: a county hall's experts
-- share one address behind its NAT, and one clumsy colleague must not lock them all out.
ALTER TABLE join_failures ADD COLUMN terminal_id text;
CREATE INDEX join_failures_terminal ON join_failures (terminal_id, at);
