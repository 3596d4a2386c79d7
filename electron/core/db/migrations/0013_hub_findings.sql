-- bangban:rebuilds-referenced-table
-- Findings and rectifications raised on another terminal of the hall arrive from the hub, so that
-- the owner of a rectification can work on it anywhere in the hall. Such a finding has neither a
-- local walk nor a local report: findings are rebuilt with their origin, the rule relaxed for
-- those from the hub (ids unchanged, so rectifications, evidence and recurrences keep pointing).
CREATE TABLE findings_with_origin (
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
  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'hub')),
  -- A local finding comes from a walk or from a report, never both, never neither.
  CHECK (origin = 'hub' OR ((walk_id IS NULL) <> (unresolved_report_id IS NULL)))
) STRICT;

INSERT INTO findings_with_origin (id, uid, walk_id, unresolved_report_id, unit_id, matter_code,
  matter_name, stage, category, severity, description, leader_id, recurring_of, year, created_at)
SELECT id, uid, walk_id, unresolved_report_id, unit_id, matter_code, matter_name, stage, category,
  severity, description, leader_id, recurring_of, year, created_at
FROM findings;

DROP TABLE findings;
ALTER TABLE findings_with_origin RENAME TO findings;
CREATE INDEX findings_walk ON findings (walk_id);
CREATE INDEX findings_year_unit ON findings (year, unit_id);
CREATE INDEX findings_recurring ON findings (recurring_of) WHERE recurring_of IS NOT NULL;
