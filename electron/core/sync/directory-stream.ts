import { z } from 'zod';
import { unitKinds } from '@shared/api/walks';
import { directoryUserSchema, type Change } from '@shared/hub/protocol';
import type { UserRepository } from '../auth';
import type { Db } from '../db/connection';
import type { UnitRepository } from '../walks/unit-repository';
import type { OutboxQueue } from './outbox-queue';
import type { StreamApplier } from './stream-applier';

const directoryUnitSchema = z.object({
  uid: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  department: z.string().nullable(),
  leaders: z.array(z.object({ username: z.string(), title: z.string() })),
  matters: z.array(z.object({ matterCode: z.string(), highFrequency: z.boolean() })),
});

/** A directory change: which kind of record, and the record as its terminal pushed it. */
const directoryChangeSchema = z.object({
  entity: z.enum(['user', 'unit']),
  record: z.unknown(),
});

/**
 * The hall's users and units, as the hub merged them (the later write wins). An account or a unit
 * with local changes the hub has not acknowledged yet is left alone: those changes go up first,
 * and the merged result comes back on a later pull.
 */
export class DirectoryStream implements StreamApplier {
  readonly stream = 'directory' as const;

  constructor(
    private readonly db: Db,
    private readonly users: UserRepository,
    private readonly units: UnitRepository,
    private readonly outbox: OutboxQueue,
    private readonly now: () => string,
  ) {}

  apply(changes: Change[]): void {
    for (const change of changes) {
      if (change.op !== 'upsert') continue;
      const { entity, record } = directoryChangeSchema.parse(change.data);
      if (entity === 'user') this.applyUser(directoryUserSchema.parse(record));
      else this.applyUnit(directoryUnitSchema.parse(record));
    }
  }

  private applyUser(user: z.infer<typeof directoryUserSchema>): void {
    if (this.outbox.hasPending('user', user.username.toLowerCase())) return;
    const at = this.now();
    const existing = this.users.byUsername(user.username);
    if (!existing) {
      const id = this.users.insert({ ...user, at });
      if (user.disabled) this.users.update(id, { disabled: true }, at);
      return;
    }
    this.users.update(
      existing.id,
      { displayName: user.displayName, role: user.role, disabled: user.disabled },
      at,
    );
    if (existing.passwordHash !== user.passwordHash) {
      this.users.setPassword(existing.id, user.passwordHash, at);
      this.users.endSessionsOf(existing.id, 'passwordChanged', at);
    }
    if (user.disabled && !existing.disabled) this.users.endSessionsOf(existing.id, 'disabled', at);
  }

  private applyUnit(unit: z.infer<typeof directoryUnitSchema>): void {
    if (this.outbox.hasPending('unit', unit.uid)) return;
    const at = this.now();
    const fields = { name: this.freeName(unit), kind: unit.kind, department: unit.department };
    const existing = this.units.byUid(unit.uid);
    const unitId = existing
      ? (this.units.update(existing.id, fields, at), existing.id)
      : this.units.insert({ uid: unit.uid, ...fields }, at);
    const leaders = unit.leaders.flatMap((leader) => {
      const user = this.users.byUsername(leader.username);
      return user ? [{ userId: user.id, title: leader.title }] : [];
    });
    this.units.replaceLeaders(unitId, leaders);
    this.units.replaceMatters(unitId, unit.matters);
  }

  /**
   * Two terminals that each created a unit of the same name made two units: the one arriving
   * here is told apart by a suffix rather than stopping the stream; an admin merges them.
   */
  private freeName(unit: { uid: string; name: string }): string {
    const holder = this.units.idByName(unit.name);
    if (holder === undefined || this.units.byId(holder)?.uid === unit.uid) return unit.name;
    const stmt = this.db.prepare('SELECT 1 FROM units WHERE name = ?');
    for (let n = 2; ; n += 1) {
      const candidate = `${unit.name}（${n}）`;
      if (stmt.get(candidate) === undefined) return candidate;
    }
  }
}
