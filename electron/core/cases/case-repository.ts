import type { CaseRow, CaseStatus, MaterialState, ParsedInput } from '@shared/api';
import type { Db } from '../db/connection';

/** The applicant as they were when the case was opened (also the registry's row). */
export interface ApplicantSnapshot {
  kind: 'person' | 'enterprise';
  idNumber: string;
  name: string;
  phone: string | null;
  legalRepresentative: string | null;
  address: string | null;
}

export interface CaseRecord {
  id: number;
  reference: string;
  matterId: number;
  applicantId: number;
  applicant: ApplicantSnapshot;
  status: CaseStatus;
  note: string | null;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseMaterialRecord {
  materialCode: string;
  state: MaterialState;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CaseEventRecord {
  id: number;
  at: string;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
}

/** ORDER BY clauses by sort field: chosen from this fixed table, never built from input. */
const orderBy: Record<ParsedInput<'cases.list'>['sort']['field'], string> = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  reference: 'c.reference',
  applicantName: "json_extract(c.applicant_snapshot, '$.name')",
  matterName: 'm.name',
  status: 'c.status',
};

type ListRow = Omit<CaseRow, 'applicantIdMasked'> & { applicantIdNumber: string };

/** SQL for cases, applicants, checklists and case history; callers own the transactions. */
export class CaseRepository {
  constructor(private readonly db: Db) {}

  upsertApplicant(applicant: ApplicantSnapshot, at: string): number {
    const row = this.db
      .prepare(
        `INSERT INTO applicants (kind, id_number, name, phone, legal_representative, address, created_at, updated_at)
         VALUES (@kind, @idNumber, @name, @phone, @legalRepresentative, @address, @at, @at)
         ON CONFLICT (kind, id_number) DO UPDATE SET
           name = excluded.name,
           phone = coalesce(excluded.phone, phone),
           legal_representative = coalesce(excluded.legal_representative, legal_representative),
           address = coalesce(excluded.address, address),
           updated_at = excluded.updated_at
         RETURNING id`,
      )
      .get({ ...applicant, at }) as { id: number };
    return row.id;
  }

  /**
   * The next free sequence number for references of one day (`BB20261121-0001`). Compared as
   * numbers: past 9,999 cases a day the sequence grows a digit and must still sort after 9999.
   * The range condition lets SQLite use the reference's unique index.
   */
  nextReference(day: string): string {
    const prefix = `BB${day.replaceAll('-', '')}-`;
    const row = this.db
      .prepare(
        `SELECT max(CAST(substr(reference, length(@prefix) + 1) AS INTEGER)) AS last
         FROM cases WHERE reference > @prefix AND reference < @prefix || '~'`,
      )
      .get({ prefix }) as { last: number | null };
    return `${prefix}${String((row.last ?? 0) + 1).padStart(4, '0')}`;
  }

  insertCase(record: {
    reference: string;
    matterId: number;
    applicantId: number;
    applicant: ApplicantSnapshot;
    note: string | null;
    createdBy: number;
    at: string;
  }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO cases (reference, matter_id, applicant_id, applicant_snapshot, status, note,
             created_by, created_at, updated_at)
           VALUES (@reference, @matterId, @applicantId, @snapshot, 'intake', @note, @createdBy, @at, @at)`,
        )
        .run({
          reference: record.reference,
          matterId: record.matterId,
          applicantId: record.applicantId,
          snapshot: JSON.stringify(record.applicant),
          note: record.note,
          createdBy: record.createdBy,
          at: record.at,
        }).lastInsertRowid,
    );
  }

  touchCase(id: number, at: string): void {
    this.db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at, id);
  }

  /** The registry's record of an applicant and how many cases they have had here. */
  knownApplicant(
    kind: 'person' | 'enterprise',
    idNumber: string,
  ): (ApplicantSnapshot & { caseCount: number; lastCaseAt: string | null }) | undefined {
    return this.db
      .prepare(
        `SELECT a.kind, a.id_number AS idNumber, a.name, a.phone,
                a.legal_representative AS legalRepresentative, a.address,
                (SELECT count(*) FROM cases c WHERE c.applicant_id = a.id) AS caseCount,
                (SELECT max(c.created_at) FROM cases c WHERE c.applicant_id = a.id) AS lastCaseAt
         FROM applicants a WHERE a.kind = ? AND a.id_number = ?`,
      )
      .get(kind, idNumber) as
      (ApplicantSnapshot & { caseCount: number; lastCaseAt: string | null }) | undefined;
  }

  /**
   * 常用地址库: addresses of applicants and address fields read off materials, most used first.
   * Address fields are those whose key ends in "Address" (the knowledge format's convention).
   */
  frequentAddresses(query: string, limit: number): string[] {
    const rows = this.db
      .prepare(
        `WITH used (address) AS (
           SELECT address FROM applicants WHERE address IS NOT NULL
           UNION ALL
           SELECT json_extract(value, '$') FROM case_material_fields
           WHERE field_key = 'address' OR field_key LIKE '%Address'
         )
         SELECT address, count(*) AS uses FROM used
         WHERE address <> '' AND (@query = '' OR instr(address, @query) > 0)
         GROUP BY address ORDER BY uses DESC, address LIMIT @limit`,
      )
      .all({ query, limit }) as { address: string }[];
    return rows.map((row) => row.address);
  }

  setStatus(id: number, status: CaseStatus, at: string): void {
    this.db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
  }

  caseById(id: number): CaseRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT c.id, c.reference, c.matter_id AS matterId, c.applicant_id AS applicantId,
                c.applicant_snapshot AS applicant, c.status, c.note,
                u.display_name AS createdByName, c.created_at AS createdAt, c.updated_at AS updatedAt
         FROM cases c JOIN users u ON u.id = c.created_by WHERE c.id = ?`,
      )
      .get(id) as (Omit<CaseRecord, 'applicant'> & { applicant: string }) | undefined;
    return row && { ...row, applicant: JSON.parse(row.applicant) as ApplicantSnapshot };
  }

  insertMaterials(caseId: number, codes: string[], at: string): void {
    const insert = this.db.prepare(
      "INSERT INTO case_materials (case_id, material_code, state, updated_at) VALUES (?, ?, 'pending', ?)",
    );
    for (const code of codes) insert.run(caseId, code, at);
  }

  materials(caseId: number): CaseMaterialRecord[] {
    return this.db
      .prepare(
        `SELECT cm.material_code AS materialCode, cm.state, cm.note, cm.updated_at AS updatedAt,
                u.display_name AS updatedBy
         FROM case_materials cm LEFT JOIN users u ON u.id = cm.updated_by
         WHERE cm.case_id = ?`,
      )
      .all(caseId) as CaseMaterialRecord[];
  }

  setMaterialState(
    caseId: number,
    code: string,
    change: { state: MaterialState; note: string | null; userId: number; at: string },
  ): boolean {
    const result = this.db
      .prepare(
        `UPDATE case_materials SET state = ?, note = ?, updated_by = ?, updated_at = ?
         WHERE case_id = ? AND material_code = ?`,
      )
      .run(change.state, change.note, change.userId, change.at, caseId, code);
    return result.changes === 1;
  }

  insertEvent(
    caseId: number,
    event: { actorId: number; kind: string; data: unknown; at: string },
  ): void {
    this.db
      .prepare('INSERT INTO case_events (case_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?)')
      .run(caseId, event.at, event.actorId, event.kind, JSON.stringify(event.data));
  }

  events(caseId: number): CaseEventRecord[] {
    const rows = this.db
      .prepare(
        `SELECT e.id, e.at, u.display_name AS actor, e.kind, e.data
         FROM case_events e JOIN users u ON u.id = e.actor_id
         WHERE e.case_id = ? ORDER BY e.id DESC`,
      )
      .all(caseId) as (Omit<CaseEventRecord, 'data'> & { data: string })[];
    return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> }));
  }

  indexForSearch(caseId: number, text: string): void {
    this.db.prepare('DELETE FROM cases_fts WHERE rowid = ?').run(caseId);
    this.db.prepare('INSERT INTO cases_fts (rowid, search_text) VALUES (?, ?)').run(caseId, text);
  }

  list(
    input: ParsedInput<'cases.list'>,
    match: string | undefined,
  ): { total: number; rows: ListRow[] } {
    const where = [
      match === undefined
        ? '1'
        : 'c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH @match)',
      input.status === undefined ? '1' : 'c.status = @status',
      input.matterCode === undefined ? '1' : 'm.code = @matterCode',
    ].join(' AND ');
    const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const from = `FROM cases c
      JOIN matters m ON m.id = c.matter_id
      JOIN users u ON u.id = c.created_by
      WHERE ${where}`;
    const parameters = {
      match: match ?? null,
      status: input.status ?? null,
      matterCode: input.matterCode ?? null,
      limit: input.limit,
    };
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(parameters) as { n: number })
      .n;
    const rows = this.db
      .prepare(
        `SELECT c.id, c.reference, c.status, m.code AS matterCode, m.name AS matterName,
                json_extract(c.applicant_snapshot, '$.kind') AS applicantKind,
                json_extract(c.applicant_snapshot, '$.name') AS applicantName,
                json_extract(c.applicant_snapshot, '$.idNumber') AS applicantIdNumber,
                (SELECT count(*) FROM case_materials cm WHERE cm.case_id = c.id AND cm.state = 'received')
                  AS materialsReceived,
                (SELECT count(*) FROM case_materials cm WHERE cm.case_id = c.id) AS materialsTotal,
                u.display_name AS createdBy, c.created_at AS createdAt, c.updated_at AS updatedAt
         ${from}
         ORDER BY ${orderBy[input.sort.field]} ${direction}, c.id ${direction}
         LIMIT @limit`,
      )
      .all(parameters) as ListRow[];
    return { total, rows };
  }
}
