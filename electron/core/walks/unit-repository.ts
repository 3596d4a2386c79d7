import type { Db } from '../db/connection';

export interface UnitRecord {
  id: number;
  uid: string;
  name: string;
  kind: 'department' | 'hall';
  department: string | null;
  updatedAt: string;
}

export interface UnitLeaderRecord {
  unitId: number;
  userId: number;
  displayName: string;
  username: string;
  title: string;
}

export interface UnitMatterRecord {
  unitId: number;
  matterCode: string;
  highFrequency: boolean;
}

/** SQL for units, their leadership teams and their matters; callers own the transactions. */
export class UnitRepository {
  constructor(private readonly db: Db) {}

  all(): UnitRecord[] {
    return this.db
      .prepare(
        `SELECT id, uid, name, kind, department, updated_at AS updatedAt FROM units ORDER BY name`,
      )
      .all() as UnitRecord[];
  }

  byId(id: number): UnitRecord | undefined {
    return this.db
      .prepare(
        `SELECT id, uid, name, kind, department, updated_at AS updatedAt FROM units WHERE id = ?`,
      )
      .get(id) as UnitRecord | undefined;
  }

  byUid(uid: string): UnitRecord | undefined {
    return this.db
      .prepare(
        'SELECT id, uid, name, kind, department, updated_at AS updatedAt FROM units WHERE uid = ?',
      )
      .get(uid) as UnitRecord | undefined;
  }

  idByName(name: string): number | undefined {
    const row = this.db.prepare('SELECT id FROM units WHERE name = ?').get(name) as
      { id: number } | undefined;
    return row?.id;
  }

  insert(unit: Omit<UnitRecord, 'id' | 'updatedAt'>, at: string): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO units (uid, name, kind, department, created_at, updated_at)
         VALUES (@uid, @name, @kind, @department, @at, @at)`,
      )
      .run({ ...unit, at });
    return Number(lastInsertRowid);
  }

  update(id: number, unit: Pick<UnitRecord, 'name' | 'kind' | 'department'>, at: string): void {
    this.db
      .prepare(
        `UPDATE units SET name = @name, kind = @kind, department = @department, updated_at = @at
         WHERE id = @id`,
      )
      .run({ ...unit, id, at });
  }

  /** Every unit's leaders in their listed order (one query for all units). */
  leaders(): UnitLeaderRecord[] {
    return this.db
      .prepare(
        `SELECT l.unit_id AS unitId, l.user_id AS userId, u.display_name AS displayName,
                u.username, l.title
         FROM unit_leaders l JOIN users u ON u.id = l.user_id
         ORDER BY l.unit_id, l.position`,
      )
      .all() as UnitLeaderRecord[];
  }

  replaceLeaders(unitId: number, leaders: readonly { userId: number; title: string }[]): void {
    this.db.prepare('DELETE FROM unit_leaders WHERE unit_id = ?').run(unitId);
    const insert = this.db.prepare(
      'INSERT INTO unit_leaders (unit_id, user_id, title, position) VALUES (?, ?, ?, ?)',
    );
    leaders.forEach((leader, position) =>
      insert.run(unitId, leader.userId, leader.title, position),
    );
  }

  isLeaderOf(unitId: number, userId: number): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM unit_leaders WHERE unit_id = ? AND user_id = ?')
        .get(unitId, userId) !== undefined
    );
  }

  mattersOf(unitId: number): { matterCode: string; highFrequency: boolean }[] {
    return this.matters()
      .filter((matter) => matter.unitId === unitId)
      .map(({ matterCode, highFrequency }) => ({ matterCode, highFrequency }));
  }

  matters(): UnitMatterRecord[] {
    return (
      this.db
        .prepare(
          `SELECT unit_id AS unitId, matter_code AS matterCode, high_frequency AS highFrequency
           FROM unit_matters ORDER BY unit_id, matter_code`,
        )
        .all() as { unitId: number; matterCode: string; highFrequency: number }[]
    ).map((row) => ({ ...row, highFrequency: row.highFrequency === 1 }));
  }

  replaceMatters(
    unitId: number,
    matters: readonly { matterCode: string; highFrequency: boolean }[],
  ): void {
    this.db.prepare('DELETE FROM unit_matters WHERE unit_id = ?').run(unitId);
    const insert = this.db.prepare(
      'INSERT INTO unit_matters (unit_id, matter_code, high_frequency) VALUES (?, ?, ?)',
    );
    for (const matter of matters)
      insert.run(unitId, matter.matterCode, Number(matter.highFrequency));
  }

  /** A user's role and whether they are disabled; undefined for no such user. */
  userRole(userId: number): { role: string; disabled: boolean } | undefined {
    const row = this.db.prepare('SELECT role, disabled FROM users WHERE id = ?').get(userId) as
      { role: string; disabled: number } | undefined;
    return row && { role: row.role, disabled: row.disabled === 1 };
  }
}
