-- Guided review: values read off materials, review rounds with their decisions and the model's
-- suggestions, issued correction notices; the copilot's conversations and knowledge gaps.

-- What the clerk (or pre-fill, or the model) read off each material: the data rules evaluate.
CREATE TABLE case_material_fields (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  material_code TEXT NOT NULL,
  field_key TEXT NOT NULL,
  -- JSON scalar: string, number or boolean.
  value TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (case_id, material_code, field_key)
) STRICT;

-- One row per review round of a case; a round after a correction notice starts afresh.
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  round INTEGER NOT NULL,
  -- The matter version the case was opened under; decisions refer to its review points.
  matter_id INTEGER NOT NULL REFERENCES matters (id),
  started_by INTEGER NOT NULL REFERENCES users (id),
  started_at TEXT NOT NULL,
  outcome TEXT CHECK (outcome IN ('accept', 'correction', 'reject')),
  concluded_by INTEGER REFERENCES users (id),
  concluded_at TEXT,
  UNIQUE (case_id, round)
) STRICT;

-- Every verdict recorded, append-only: the latest per point counts, earlier ones are its history.
CREATE TABLE review_decisions (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews (id),
  point_code TEXT NOT NULL,
  point_version INTEGER NOT NULL,
  matter_version INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail')),
  note TEXT,
  -- JSON of the rule's or the model's suggestion shown when deciding; NULL for manual points.
  suggestion TEXT,
  overrode INTEGER NOT NULL CHECK (overrode IN (0, 1)),
  -- JSON [{entryId, version}]: the knowledge passages beside the point at the time.
  passages TEXT NOT NULL,
  decided_by INTEGER NOT NULL REFERENCES users (id),
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX review_decisions_point ON review_decisions (review_id, point_code, id);

-- What the local model said about a `model` point (latest per point counts).
CREATE TABLE review_suggestions (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews (id),
  point_code TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unsure')),
  reason TEXT NOT NULL,
  -- JSON array of cited entry ids, already checked against the passages given to the model.
  cited TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX review_suggestions_point ON review_suggestions (review_id, point_code, id);

-- 一次性告知书 as issued: the document is frozen so a reprint says exactly the same.
CREATE TABLE correction_notices (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  review_id INTEGER NOT NULL UNIQUE REFERENCES reviews (id),
  case_id INTEGER NOT NULL REFERENCES cases (id),
  document TEXT NOT NULL,
  issued_by INTEGER NOT NULL REFERENCES users (id),
  issued_at TEXT NOT NULL
) STRICT;
CREATE INDEX correction_notices_case ON correction_notices (case_id, id);

-- Questions the knowledge base could not answer (or answered unhelpfully), due in 5 working days.
CREATE TABLE knowledge_gaps (
  id INTEGER PRIMARY KEY,
  question TEXT NOT NULL,
  -- The question without spaces and punctuation: the same question asked again adds an occurrence.
  question_key TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('no_basis', 'unhelpful')),
  comment TEXT,
  matter_code TEXT,
  case_id INTEGER REFERENCES cases (id),
  raised_by INTEGER NOT NULL REFERENCES users (id),
  raised_at TEXT NOT NULL,
  due_by TEXT,
  occurrences INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_by INTEGER REFERENCES users (id),
  closed_at TEXT,
  resolution_entry_id TEXT,
  resolution_version INTEGER,
  resolution_note TEXT
) STRICT;
CREATE INDEX knowledge_gaps_status ON knowledge_gaps (status, due_by);
CREATE UNIQUE INDEX knowledge_gaps_open_question ON knowledge_gaps (question_key)
  WHERE status = 'open';

CREATE TABLE copilot_conversations (
  id INTEGER PRIMARY KEY,
  case_id INTEGER REFERENCES cases (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  started_at TEXT NOT NULL
) STRICT;

CREATE TABLE copilot_answers (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES copilot_conversations (id),
  question TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('answered', 'no_basis')),
  support REAL NOT NULL,
  -- JSON {extract, citations}: what was shown, so the answer can be shown again as it was.
  answer TEXT NOT NULL,
  helpful INTEGER CHECK (helpful IN (0, 1)),
  feedback_comment TEXT,
  gap_id INTEGER REFERENCES knowledge_gaps (id),
  asked_by INTEGER NOT NULL REFERENCES users (id),
  asked_at TEXT NOT NULL
) STRICT;
CREATE INDEX copilot_answers_conversation ON copilot_answers (conversation_id, id);

-- How many entries each indexed word occurs in: rare words weigh more when deciding whether the
-- knowledge base covers a question at all (a question about 护照 is not answered by 身份证 entries).
CREATE VIRTUAL TABLE knowledge_fts_vocab USING fts5vocab (knowledge_fts, row);
