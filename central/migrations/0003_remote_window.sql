-- The remote window: help requests queued per department, remote sessions with their
-- participants, one-time join codes and relay tokens. Personal data never comes here: the case
-- stays at its hall (only its reference travels), and what the relay carries is kept in memory.

CREATE TABLE help_requests (
  id text PRIMARY KEY,
  hall_id text NOT NULL REFERENCES halls (id),
  terminal_id text NOT NULL REFERENCES terminals (id),
  case_ref jsonb NOT NULL,
  department text NOT NULL,
  question text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent')),
  state text NOT NULL CHECK (state IN ('waiting', 'claimed', 'resolved', 'unresolved', 'cancelled')),
  requester_username text NOT NULL,
  requester_name text NOT NULL,
  expert_username text,
  expert_name text,
  expert_hall_name text,
  expert_terminal_id text REFERENCES terminals (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  session_asked_at timestamptz,
  session_id text,
  closed_at timestamptz,
  closed_by text,
  resolution_note text
);
CREATE INDEX help_requests_queue ON help_requests (department, created_at) WHERE state = 'waiting';
CREATE INDEX help_requests_terminal ON help_requests (terminal_id, created_at);
CREATE INDEX help_requests_expert ON help_requests (expert_terminal_id, created_at);
CREATE INDEX help_requests_day ON help_requests (created_at);

CREATE TABLE help_messages (
  id bigserial PRIMARY KEY,
  request_id text NOT NULL REFERENCES help_requests (id),
  side text NOT NULL CHECK (side IN ('clerk', 'expert')),
  author_name text NOT NULL,
  text text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_messages_request ON help_messages (request_id, id);

CREATE TABLE remote_sessions (
  id text PRIMARY KEY,
  hall_id text NOT NULL REFERENCES halls (id),
  host_terminal_id text NOT NULL REFERENCES terminals (id),
  case_ref jsonb NOT NULL,
  help_request_id text REFERENCES help_requests (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ended_by text
);
CREATE UNIQUE INDEX remote_sessions_request ON remote_sessions (help_request_id)
  WHERE help_request_id IS NOT NULL;

CREATE TABLE remote_participants (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES remote_sessions (id),
  role text NOT NULL CHECK (role IN ('host', 'expert')),
  terminal_id text NOT NULL REFERENCES terminals (id),
  username text NOT NULL,
  display_name text NOT NULL,
  hall_name text NOT NULL,
  public_key text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  -- Live relay connections of this participant, on any instance.
  connections integer NOT NULL DEFAULT 0 CHECK (connections >= 0)
);
CREATE INDEX remote_participants_session ON remote_participants (session_id);

CREATE TABLE join_codes (
  code_hash text PRIMARY KEY,
  session_id text NOT NULL REFERENCES remote_sessions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by text
);

-- Failed joins per address, for the limit on guessing.
CREATE TABLE join_failures (
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX join_failures_address ON join_failures (address, at);

CREATE TABLE relay_tokens (
  token_hash text PRIMARY KEY,
  participant_id text NOT NULL REFERENCES remote_participants (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
