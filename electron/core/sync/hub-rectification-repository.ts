import type { Db } from '../db/connection';

export interface HubFindingRow {
  uid: string;
  unitId: number;
  matterCode: string | null;
  matterName: string;
  stage: string | null;
  category: string;
  severity: string;
  description: string;
  leaderId: number;
  year: number;
  createdAt: string;
}

export interface HubRectificationRow {
  uid: string;
  findingId: number;
  action: string;
  ownerUnitId: number;
  ownerPerson: string;
  ownerUserId: number | null;
  dueWorkingDays: number;
  dueDate: string;
  state: string;
  createdBy: number;
  createdAt: string;
  closedAt: string | null;
}

/** SQL for findings and rectifications as they arrive from the hub. */
export class HubRectificationRepository {
  constructor(private readonly db: Db) {}

  findingId(uid: string): number | undefined {
    const row = this.db.prepare('SELECT id FROM findings WHERE uid = ?').get(uid) as
      { id: number } | undefined;
    return row?.id;
  }

  insertFinding(finding: HubFindingRow): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO findings (uid, unit_id, matter_code, matter_name, stage, category, severity,
             description, leader_id, year, created_at, origin)
           VALUES (@uid, @unitId, @matterCode, @matterName, @stage, @category, @severity,
             @description, @leaderId, @year, @createdAt, 'hub')`,
        )
        .run(finding).lastInsertRowid,
    );
  }

  /** Inserts or brings up to the hub's state; returns the local id. */
  upsertRectification(rectification: HubRectificationRow, at: string): number {
    this.db
      .prepare(
        `INSERT INTO rectifications (uid, finding_id, action, owner_unit_id, owner_person,
           owner_user_id, due_working_days, due_date, state, created_by, created_at, updated_at,
           closed_at)
         VALUES (@uid, @findingId, @action, @ownerUnitId, @ownerPerson, @ownerUserId,
           @dueWorkingDays, @dueDate, @state, @createdBy, @createdAt, @at, @closedAt)
         ON CONFLICT (uid) DO UPDATE SET action = excluded.action,
           owner_unit_id = excluded.owner_unit_id, owner_person = excluded.owner_person,
           owner_user_id = excluded.owner_user_id, due_working_days = excluded.due_working_days,
           due_date = excluded.due_date, state = excluded.state, closed_at = excluded.closed_at,
           updated_at = excluded.updated_at`,
      )
      .run({ ...rectification, at });
    return (
      this.db.prepare('SELECT id FROM rectifications WHERE uid = ?').get(rectification.uid) as {
        id: number;
      }
    ).id;
  }

  /** Adds a note unless the same one (kind, text, time) is already there. */
  addNote(
    rectificationId: number,
    note: { kind: string; text: string; authorId: number; at: string },
  ): void {
    const known = this.db
      .prepare(
        `SELECT 1 FROM rectification_notes
          WHERE rectification_id = ? AND kind = ? AND text = ? AND at = ?`,
      )
      .get(rectificationId, note.kind, note.text, note.at);
    if (known) return;
    this.db
      .prepare(
        `INSERT INTO rectification_notes (rectification_id, kind, text, author_id, at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(rectificationId, note.kind, note.text, note.authorId, note.at);
  }
}
