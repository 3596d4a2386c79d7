import type { FindingCategory, FindingSeverity, RectificationState, WalkStage } from '@shared/api';
import type { Db } from '../db/connection';

export interface FindingRecord {
  id: number;
  uid: string;
  walkId: number | null;
  unresolvedReportId: number | null;
  unitId: number;
  unitName: string;
  matterCode: string | null;
  matterName: string;
  stage: WalkStage | null;
  category: FindingCategory;
  severity: FindingSeverity;
  description: string;
  leaderId: number;
  leaderName: string;
  recurringOfId: number | null;
  recurrenceCount: number;
  createdAt: string;
  rectificationCount: number;
  openRectifications: number;
}

export interface RectificationRecord {
  id: number;
  uid: string;
  findingId: number;
  findingUid: string;
  findingCategory: FindingCategory;
  findingDescription: string;
  walkId: number | null;
  matterCode: string | null;
  matterName: string;
  action: string;
  ownerUnitId: number;
  ownerUnitName: string;
  ownerPerson: string;
  ownerUserId: number | null;
  dueWorkingDays: number;
  dueDate: string;
  state: RectificationState;
  verifierId: number;
  verifierName: string;
  createdAt: string;
  closedAt: string | null;
  evidenceCount: number;
}

export interface FindingFilter {
  year?: number | undefined;
  unitId?: number | undefined;
  matterCode?: string | undefined;
  category?: FindingCategory | undefined;
  walkId?: number | undefined;
}

export interface RectificationFilter {
  unitId?: number | undefined;
  findingId?: number | undefined;
  walkId?: number | undefined;
  year?: number | undefined;
  /** Owned by or verified by this user. */
  userId?: number | undefined;
}

const findingColumns = `
  f.id, f.uid, f.walk_id AS walkId, f.unresolved_report_id AS unresolvedReportId,
  f.unit_id AS unitId, un.name AS unitName, f.matter_code AS matterCode,
  f.matter_name AS matterName, f.stage, f.category, f.severity, f.description,
  f.leader_id AS leaderId, u.display_name AS leaderName, f.recurring_of AS recurringOfId,
  (SELECT count(*) FROM findings again WHERE again.recurring_of = f.id) AS recurrenceCount,
  f.created_at AS createdAt,
  (SELECT count(*) FROM rectifications r WHERE r.finding_id = f.id) AS rectificationCount,
  (SELECT count(*) FROM rectifications r WHERE r.finding_id = f.id AND r.state <> 'closed')
    AS openRectifications
  FROM findings f JOIN units un ON un.id = f.unit_id JOIN users u ON u.id = f.leader_id`;

const rectificationColumns = `
  r.id, r.uid, r.finding_id AS findingId, f.uid AS findingUid, f.category AS findingCategory,
  f.description AS findingDescription, f.walk_id AS walkId, f.matter_code AS matterCode,
  f.matter_name AS matterName, r.action, r.owner_unit_id AS ownerUnitId, ou.name AS ownerUnitName,
  r.owner_person AS ownerPerson, r.owner_user_id AS ownerUserId,
  r.due_working_days AS dueWorkingDays, r.due_date AS dueDate, r.state,
  f.leader_id AS verifierId, v.display_name AS verifierName, r.created_at AS createdAt,
  r.closed_at AS closedAt,
  (SELECT count(*) FROM attachments a WHERE a.rectification_id = r.id) AS evidenceCount
  FROM rectifications r
  JOIN findings f ON f.id = r.finding_id
  JOIN units ou ON ou.id = r.owner_unit_id
  JOIN users v ON v.id = f.leader_id`;

/** SQL for findings, rectifications and their notes, and unresolved-matter reports. */
export class FindingRepository {
  constructor(private readonly db: Db) {}

  insertFinding(finding: {
    uid: string;
    walkId: number | null;
    unresolvedReportId: number | null;
    unitId: number;
    matterCode: string | null;
    matterName: string;
    stage: WalkStage | null;
    category: FindingCategory;
    severity: FindingSeverity;
    description: string;
    leaderId: number;
    recurringOf: number | null;
    year: number;
    at: string;
  }): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO findings (uid, walk_id, unresolved_report_id, unit_id, matter_code,
           matter_name, stage, category, severity, description, leader_id, recurring_of, year,
           created_at)
         VALUES (@uid, @walkId, @unresolvedReportId, @unitId, @matterCode, @matterName, @stage,
           @category, @severity, @description, @leaderId, @recurringOf, @year, @at)`,
      )
      .run(finding);
    return Number(lastInsertRowid);
  }

  finding(id: number): FindingRecord | undefined {
    return this.db.prepare(`SELECT ${findingColumns} WHERE f.id = ?`).get(id) as
      FindingRecord | undefined;
  }

  findings(filter: FindingFilter): FindingRecord[] {
    return this.db
      .prepare(
        `SELECT ${findingColumns}
         WHERE (@year IS NULL OR f.year = @year)
           AND (@unitId IS NULL OR f.unit_id = @unitId)
           AND (@matterCode IS NULL OR f.matter_code = @matterCode)
           AND (@category IS NULL OR f.category = @category)
           AND (@walkId IS NULL OR f.walk_id = @walkId)
         ORDER BY f.id DESC`,
      )
      .all({
        year: filter.year ?? null,
        unitId: filter.unitId ?? null,
        matterCode: filter.matterCode ?? null,
        category: filter.category ?? null,
        walkId: filter.walkId ?? null,
      }) as FindingRecord[];
  }

  /** Findings per category, counted by the database (dashboards over many years). */
  categoryCounts(filter: FindingFilter): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT f.category, count(*) AS n FROM findings f
         WHERE (@year IS NULL OR f.year = @year)
           AND (@unitId IS NULL OR f.unit_id = @unitId)
           AND (@matterCode IS NULL OR f.matter_code = @matterCode)
         GROUP BY f.category`,
      )
      .all({
        year: filter.year ?? null,
        unitId: filter.unitId ?? null,
        matterCode: filter.matterCode ?? null,
      }) as { category: string; n: number }[];
    return new Map(rows.map((row) => [row.category, row.n]));
  }

  setRecurringOf(id: number, recurringOf: number | null): void {
    this.db.prepare('UPDATE findings SET recurring_of = ? WHERE id = ?').run(recurringOf, id);
  }

  /** Whether `candidate` is `id` or an earlier link of its chain (a loop must not form). */
  chainReaches(from: number, target: number): boolean {
    const row = this.db
      .prepare(
        `WITH RECURSIVE chain (id) AS (
           SELECT ? UNION SELECT f.recurring_of FROM findings f JOIN chain ON f.id = chain.id
           WHERE f.recurring_of IS NOT NULL)
         SELECT 1 FROM chain WHERE id = ?`,
      )
      .get(from, target);
    return row !== undefined;
  }

  insertRectification(rectification: {
    uid: string;
    findingId: number;
    action: string;
    ownerUnitId: number;
    ownerPerson: string;
    ownerUserId: number | null;
    dueWorkingDays: number;
    dueDate: string;
    createdBy: number;
    at: string;
  }): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO rectifications (uid, finding_id, action, owner_unit_id, owner_person,
           owner_user_id, due_working_days, due_date, state, created_by, created_at, updated_at)
         VALUES (@uid, @findingId, @action, @ownerUnitId, @ownerPerson, @ownerUserId,
           @dueWorkingDays, @dueDate, 'pending', @createdBy, @at, @at)`,
      )
      .run(rectification);
    return Number(lastInsertRowid);
  }

  rectification(id: number): RectificationRecord | undefined {
    return this.db.prepare(`SELECT ${rectificationColumns} WHERE r.id = ?`).get(id) as
      RectificationRecord | undefined;
  }

  rectifications(filter: RectificationFilter): RectificationRecord[] {
    return this.db
      .prepare(
        `SELECT ${rectificationColumns}
         WHERE (@unitId IS NULL OR r.owner_unit_id = @unitId OR f.unit_id = @unitId)
           AND (@findingId IS NULL OR r.finding_id = @findingId)
           AND (@walkId IS NULL OR f.walk_id = @walkId)
           AND (@year IS NULL OR f.year = @year)
           AND (@userId IS NULL OR r.owner_user_id = @userId OR f.leader_id = @userId)
         ORDER BY r.state = 'closed', r.due_date, r.id`,
      )
      .all({
        unitId: filter.unitId ?? null,
        findingId: filter.findingId ?? null,
        walkId: filter.walkId ?? null,
        year: filter.year ?? null,
        userId: filter.userId ?? null,
      }) as RectificationRecord[];
  }

  setState(id: number, state: RectificationState, at: string): void {
    this.db
      .prepare(
        `UPDATE rectifications SET state = @state, updated_at = @at,
           closed_at = CASE WHEN @state = 'closed' THEN @at ELSE NULL END
         WHERE id = @id`,
      )
      .run({ id, state, at });
  }

  insertNote(
    rectificationId: number,
    note: { kind: string; text: string; authorId: number; at: string },
  ): void {
    this.db
      .prepare(
        `INSERT INTO rectification_notes (rectification_id, kind, text, author_id, at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(rectificationId, note.kind, note.text, note.authorId, note.at);
  }

  notes(rectificationIds: readonly number[]): {
    id: number;
    rectificationId: number;
    at: string;
    author: string;
    kind: 'progress' | 'submitted' | 'verified' | 'ineffective';
    text: string;
  }[] {
    if (rectificationIds.length === 0) return [];
    return this.db
      .prepare(
        `SELECT n.id, n.rectification_id AS rectificationId, n.at, u.display_name AS author,
                n.kind, n.text
         FROM rectification_notes n JOIN users u ON u.id = n.author_id
         WHERE n.rectification_id IN (SELECT value FROM json_each(?)) ORDER BY n.id`,
      )
      .all(JSON.stringify(rectificationIds)) as ReturnType<FindingRepository['notes']>;
  }

  insertReport(report: {
    uid: string;
    unitId: number;
    matterCode: string | null;
    matterName: string;
    need: string;
    reason: string;
    caseId: number | null;
    filedBy: number;
    at: string;
  }): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO unresolved_reports (uid, unit_id, matter_code, matter_name, need, reason,
           case_id, filed_by, filed_at)
         VALUES (@uid, @unitId, @matterCode, @matterName, @need, @reason, @caseId, @filedBy, @at)`,
      )
      .run(report);
    return Number(lastInsertRowid);
  }

  reports(filter: { open?: boolean | undefined; unitId?: number | undefined; id?: number }): {
    id: number;
    uid: string;
    unitId: number;
    unitName: string;
    matterCode: string | null;
    matterName: string;
    need: string;
    reason: string;
    caseId: number | null;
    filedBy: string;
    filedAt: string;
    findingId: number | null;
    takenOverBy: string | null;
  }[] {
    return this.db
      .prepare(
        `SELECT r.id, r.uid, r.unit_id AS unitId, un.name AS unitName, r.matter_code AS matterCode,
                r.matter_name AS matterName, r.need, r.reason, r.case_id AS caseId,
                u.display_name AS filedBy, r.filed_at AS filedAt, f.id AS findingId,
                l.display_name AS takenOverBy
         FROM unresolved_reports r
         JOIN units un ON un.id = r.unit_id
         JOIN users u ON u.id = r.filed_by
         LEFT JOIN findings f ON f.unresolved_report_id = r.id
         LEFT JOIN users l ON l.id = f.leader_id
         WHERE (@id IS NULL OR r.id = @id)
           AND (@unitId IS NULL OR r.unit_id = @unitId)
           AND (@open IS NULL OR (f.id IS NULL) = @open)
         ORDER BY f.id IS NOT NULL, r.id DESC`,
      )
      .all({
        id: filter.id ?? null,
        unitId: filter.unitId ?? null,
        open: filter.open === undefined ? null : Number(filter.open),
      }) as ReturnType<FindingRepository['reports']>;
  }

  walkStatus(walkId: number): string | undefined {
    const row = this.db.prepare('SELECT status FROM walks WHERE id = ?').get(walkId) as
      { status: string } | undefined;
    return row?.status;
  }

  walkUid(walkId: number): string | null {
    const row = this.db.prepare('SELECT uid FROM walks WHERE id = ?').get(walkId) as
      { uid: string } | undefined;
    return row?.uid ?? null;
  }

  username(id: number): string | null {
    const row = this.db.prepare('SELECT username FROM users WHERE id = ?').get(id) as
      { username: string } | undefined;
    return row?.username ?? null;
  }

  userExists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE id = ?').get(id) !== undefined;
  }

  caseExists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id) !== undefined;
  }
}
