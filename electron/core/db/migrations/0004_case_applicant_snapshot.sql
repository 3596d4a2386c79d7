-- A case keeps the applicant as they were when it was opened: a later case for the same person
-- or enterprise (new phone, renamed company) must not rewrite earlier records. The applicants
-- table stays the registry of known applicants (for pre-filling new cases).
ALTER TABLE cases ADD COLUMN applicant_snapshot TEXT NOT NULL DEFAULT '{}';

UPDATE cases SET applicant_snapshot = (
  SELECT json_object(
    'kind', a.kind,
    'name', a.name,
    'idNumber', a.id_number,
    'phone', a.phone,
    'legalRepresentative', a.legal_representative,
    'address', a.address
  )
  FROM applicants a WHERE a.id = cases.applicant_id
);
