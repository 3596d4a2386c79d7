-- "Walk the process" leader checks: units and their leaders, walks and their six stages,
-- findings, rectifications, unresolved-matter reports. Rows other terminals and the hub will
-- see carry a uid (UUID) for sync; local ids stay local.
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('department', 'hall')),
  -- The catalogue department whose matters the unit handles; null for a hall.
  department TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- The unit's leadership team: users with the leader role, each with their title.
CREATE TABLE unit_leaders (
  unit_id INTEGER NOT NULL REFERENCES units (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (unit_id, user_id)
) STRICT;
CREATE INDEX unit_leaders_user ON unit_leaders (user_id);

-- The matters a unit handles, and whether it counts each as high-frequency (starts from the
-- catalogue's flag; the unit may differ).
CREATE TABLE unit_matters (
  unit_id INTEGER NOT NULL REFERENCES units (id),
  matter_code TEXT NOT NULL,
  high_frequency INTEGER NOT NULL CHECK (high_frequency IN (0, 1)),
  PRIMARY KEY (unit_id, matter_code)
) STRICT;

CREATE TABLE walks (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  leader_id INTEGER NOT NULL REFERENCES users (id),
  matter_code TEXT NOT NULL,
  -- The matter's name when the walk was planned: a later catalogue may rename or drop it.
  matter_name TEXT NOT NULL,
  hall TEXT NOT NULL,
  case_id INTEGER REFERENCES cases (id),
  status TEXT NOT NULL CHECK (
    status IN ('scheduled', 'in_progress', 'paused', 'finished', 'cancelled')
  ),
  planned_date TEXT,
  started_at TEXT,
  finished_at TEXT,
  -- The walk's year for coverage: of its start, or of its plan while it has not started.
  year INTEGER NOT NULL,
  leader_rating INTEGER CHECK (leader_rating BETWEEN 1 AND 5),
  feedback_satisfaction INTEGER CHECK (feedback_satisfaction BETWEEN 1 AND 5),
  feedback_comment TEXT,
  feedback_declined INTEGER NOT NULL DEFAULT 0 CHECK (feedback_declined IN (0, 1)),
  summary TEXT,
  summary_reviewed_by INTEGER REFERENCES users (id),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX walks_year_unit ON walks (year, unit_id, status);
CREATE INDEX walks_leader ON walks (leader_id, year);
-- The retention purge finds the walks and reports of a case it removes.
CREATE INDEX walks_case ON walks (case_id) WHERE case_id IS NOT NULL;

-- One row per stage that has anything recorded. Each time edge says where it came from; a case
-- linked to the walk supplies the edges it knows unless the leader edited them. 'case' marks
-- times kept from a case the retention purge has since removed.
CREATE TABLE walk_stages (
  walk_id INTEGER NOT NULL REFERENCES walks (id),
  stage TEXT NOT NULL CHECK (
    stage IN ('consult', 'apply', 'accept', 'review', 'complete', 'feedback')
  ),
  started_at TEXT,
  ended_at TEXT,
  start_source TEXT CHECK (start_source IN ('timer', 'edited', 'case')),
  end_source TEXT CHECK (end_source IN ('timer', 'edited', 'case')),
  channel TEXT CHECK (channel IN ('window', 'online', 'phone')),
  observations TEXT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (walk_id, stage)
) STRICT;

-- What happened to a walk: started, paused, resumed, times edited (with the reason), finished.
CREATE TABLE walk_events (
  id INTEGER PRIMARY KEY,
  walk_id INTEGER NOT NULL REFERENCES walks (id),
  at TEXT NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX walk_events_walk ON walk_events (walk_id, id);

CREATE TABLE walk_notes (
  id INTEGER PRIMARY KEY,
  walk_id INTEGER NOT NULL REFERENCES walks (id),
  text TEXT NOT NULL,
  after_finish INTEGER NOT NULL CHECK (after_finish IN (0, 1)),
  author_id INTEGER NOT NULL REFERENCES users (id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX walk_notes_walk ON walk_notes (walk_id, id);

-- 办不成事: filed at the window, taken over by a leader as a finding.
CREATE TABLE unresolved_reports (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  matter_code TEXT,
  matter_name TEXT NOT NULL,
  need TEXT NOT NULL,
  reason TEXT NOT NULL,
  case_id INTEGER REFERENCES cases (id),
  filed_by INTEGER NOT NULL REFERENCES users (id),
  filed_at TEXT NOT NULL
) STRICT;
CREATE INDEX unresolved_reports_case ON unresolved_reports (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  walk_id INTEGER REFERENCES walks (id),
  unresolved_report_id INTEGER UNIQUE REFERENCES unresolved_reports (id),
  unit_id INTEGER NOT NULL REFERENCES units (id),
  matter_code TEXT,
  matter_name TEXT NOT NULL,
  stage TEXT CHECK (stage IN ('consult', 'apply', 'accept', 'review', 'complete', 'feedback')),
  category TEXT NOT NULL CHECK (
    category IN (
      'cumbersome_materials', 'repeated_submission', 'multiple_trips', 'systems_disconnected',
      'long_wait', 'unclear_policy', 'cross_department', 'service_attitude', 'other'
    )
  ),
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  description TEXT NOT NULL,
  leader_id INTEGER NOT NULL REFERENCES users (id),
  recurring_of INTEGER REFERENCES findings (id),
  year INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  -- A finding comes from a walk or from a report, never both, never neither.
  CHECK ((walk_id IS NULL) <> (unresolved_report_id IS NULL))
) STRICT;
CREATE INDEX findings_walk ON findings (walk_id);
CREATE INDEX findings_year_unit ON findings (year, unit_id);
CREATE INDEX findings_recurring ON findings (recurring_of) WHERE recurring_of IS NOT NULL;

CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  finding_id INTEGER NOT NULL REFERENCES findings (id),
  action TEXT NOT NULL,
  owner_unit_id INTEGER NOT NULL REFERENCES units (id),
  owner_person TEXT NOT NULL,
  owner_user_id INTEGER REFERENCES users (id),
  due_working_days INTEGER NOT NULL CHECK (due_working_days > 0),
  due_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'in_progress', 'to_verify', 'closed')),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
) STRICT;
CREATE INDEX rectifications_finding ON rectifications (finding_id);
CREATE INDEX rectifications_open ON rectifications (state, due_date);

CREATE TABLE rectification_notes (
  id INTEGER PRIMARY KEY,
  rectification_id INTEGER NOT NULL REFERENCES rectifications (id),
  kind TEXT NOT NULL CHECK (
    kind IN ('progress', 'submitted', 'verified', 'ineffective')
  ),
  text TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users (id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX rectification_notes_rectification ON rectification_notes (rectification_id, id);

-- Attachments now also hold evidence of findings and of rectification progress: rebuilt with
-- exactly one owner (ids, keys and files unchanged).
CREATE TABLE attachments_with_owner (
  id INTEGER PRIMARY KEY,
  case_id INTEGER REFERENCES cases (id),
  finding_id INTEGER REFERENCES findings (id),
  rectification_id INTEGER REFERENCES rectifications (id),
  material_code TEXT,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL,
  file_key BLOB NOT NULL CHECK (length(file_key) = 32),
  added_by INTEGER NOT NULL REFERENCES users (id),
  added_at TEXT NOT NULL,
  CHECK (
    (case_id IS NOT NULL) + (finding_id IS NOT NULL) + (rectification_id IS NOT NULL) = 1
  )
) STRICT;
INSERT INTO attachments_with_owner (id, case_id, material_code, file_name, media_type, size_bytes,
  sha256, file_key, added_by, added_at)
SELECT id, case_id, material_code, file_name, media_type, size_bytes, sha256, file_key, added_by,
  added_at
FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_with_owner RENAME TO attachments;
CREATE INDEX attachments_case ON attachments (case_id, id);
CREATE INDEX attachments_finding ON attachments (finding_id, id) WHERE finding_id IS NOT NULL;
CREATE INDEX attachments_rectification ON attachments (rectification_id, id)
  WHERE rectification_id IS NOT NULL;
