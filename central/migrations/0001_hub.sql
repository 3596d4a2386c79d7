-- The hub: halls, their terminals and the hub's administrators; every mutation terminals pushed;
-- the merged records; the change streams terminals pull; conflicts for people to settle.

CREATE TABLE halls (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub_admins (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Only hashes of tokens and secrets are stored: a copied database cannot act as anyone.
CREATE TABLE hub_admin_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES hub_admins (username),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  hall_id text NOT NULL REFERENCES halls (id),
  note text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_terminal text
);

CREATE TABLE terminals (
  id text PRIMARY KEY,
  hall_id text NOT NULL REFERENCES halls (id),
  name text NOT NULL,
  hostname text NOT NULL,
  app_version text NOT NULL,
  secret_hash text NOT NULL,
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text,
  -- The last mutation applied: the next one must be last_seq + 1.
  last_seq bigint NOT NULL DEFAULT 0,
  last_seen_at timestamptz,
  last_hlc text NOT NULL DEFAULT ''
);
CREATE INDEX terminals_hall ON terminals (hall_id);

-- Every mutation ever applied, recorded in the transaction that applied it: the idempotency log.
CREATE TABLE mutations (
  terminal_id text NOT NULL REFERENCES terminals (id),
  seq bigint NOT NULL,
  idempotency_key uuid NOT NULL,
  payload_hash text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  operation text NOT NULL,
  hlc text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'conflict', 'ignored')),
  via text NOT NULL CHECK (via IN ('network', 'package')),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, seq),
  UNIQUE (terminal_id, idempotency_key)
);

-- The hub's merged view of each entity, with the clock of each field for field-level merges.
CREATE TABLE records (
  entity text NOT NULL,
  entity_key text NOT NULL,
  hall_id text NOT NULL REFERENCES halls (id),
  owner_terminal text NOT NULL,
  hlc text NOT NULL,
  field_hlcs jsonb NOT NULL DEFAULT '{}',
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, entity_key)
);
CREATE INDEX records_hall ON records (entity, hall_id, updated_at);

-- What terminals pull, by stream and scope ('*' for all halls, else a hall id), in seq order.
-- A newer change of a key supersedes the older one (kept, empty, so that cursors still resolve).
CREATE TABLE changes (
  seq bigserial PRIMARY KEY,
  change_id uuid NOT NULL DEFAULT gen_random_uuid(),
  stream text NOT NULL,
  scope text NOT NULL,
  key text NOT NULL,
  op text NOT NULL CHECK (op IN ('upsert', 'delete')),
  hlc text NOT NULL,
  data jsonb,
  superseded boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_read ON changes (stream, scope, seq) WHERE NOT superseded;
CREATE INDEX changes_key ON changes (stream, scope, key) WHERE NOT superseded;

CREATE TABLE conflicts (
  id bigserial PRIMARY KEY,
  hall_id text NOT NULL REFERENCES halls (id),
  entity text NOT NULL,
  entity_key text NOT NULL,
  terminal_id text NOT NULL,
  seq bigint NOT NULL,
  field text,
  reason text NOT NULL,
  theirs jsonb,
  ours jsonb,
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text,
  resolution text
);
CREATE INDEX conflicts_open ON conflicts (hall_id) WHERE resolved_at IS NULL;

CREATE TABLE knowledge_publications (
  id bigserial PRIMARY KEY,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  matters integer NOT NULL,
  policies integer NOT NULL,
  qa integer NOT NULL
);

-- Model files the hub offers; the bytes live in the hub's model folder, named by sha256.
CREATE TABLE model_files (
  id text PRIMARY KEY,
  file_name text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  manifest jsonb NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);
