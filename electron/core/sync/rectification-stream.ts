import { z } from 'zod';
import {
  findingCategorySchema,
  findingSeveritySchema,
  rectificationStateSchema,
  walkStageSchema,
} from '@shared/api/walks';
import { businessDate } from '@shared/domain/business-date';
import type { Change } from '@shared/hub/protocol';
import type { UserRepository } from '../auth';
import type { Logger } from '../logger';
import type { UnitRepository } from '../walks/unit-repository';
import type { HubRectificationRepository } from './hub-rectification-repository';
import type { OutboxQueue } from './outbox-queue';
import type { StreamApplier } from './stream-applier';

const hubFindingSchema = z.object({
  uid: z.string(),
  unit: z.string(),
  matterCode: z.string().nullable().default(null),
  matterName: z.string().default(''),
  stage: walkStageSchema.nullable().default(null),
  category: findingCategorySchema,
  severity: findingSeveritySchema,
  description: z.string(),
  leader: z.string(),
  createdAt: z.string(),
});

const noteKinds = ['progress', 'submitted', 'verified', 'ineffective'] as const;

const hubRectificationSchema = z.object({
  uid: z.string(),
  finding: z.string(),
  action: z.string(),
  ownerUnit: z.string(),
  ownerPerson: z.string(),
  ownerUser: z.string().nullable().default(null),
  verifier: z.string().nullable().default(null),
  dueWorkingDays: z.number().int().positive().default(1),
  dueDate: z.string(),
  state: rectificationStateSchema,
  createdAt: z.string(),
  closedAt: z.string().nullable().default(null),
  notes: z
    .array(
      z.object({
        kind: z.enum(noteKinds).nullable().default(null),
        text: z.string(),
        by: z.string().nullable().default(null),
        at: z.string(),
      }),
    )
    .default([]),
  findingRecord: hubFindingSchema.nullable().default(null),
});

/**
 * Rectifications the hall owns, as the hub merged them (field by field, stale actions refused),
 * with their findings: the owner of one works on it at any window of the hall, the raising
 * leader sees the progress on theirs. One with local changes not yet acknowledged waits: those
 * changes go up first, and the merged result comes back on the next pull.
 */
export class RectificationStream implements StreamApplier {
  readonly stream = 'rectifications' as const;

  constructor(
    private readonly rectifications: HubRectificationRepository,
    private readonly users: UserRepository,
    private readonly units: UnitRepository,
    private readonly outbox: OutboxQueue,
    private readonly logger: Logger,
    private readonly now: () => string,
  ) {}

  apply(changes: Change[]): void {
    for (const change of changes) {
      if (change.op !== 'upsert') continue;
      const parsed = hubRectificationSchema.safeParse(change.data);
      if (!parsed.success) {
        this.logger.warn('rectification from the hub not understood', { key: change.key });
        continue;
      }
      const rectification = parsed.data;
      if (this.outbox.hasPending('rectification', rectification.uid)) continue;
      this.applyOne(rectification);
    }
  }

  private applyOne(rectification: z.infer<typeof hubRectificationSchema>): void {
    const findingId = this.findingFor(rectification);
    const ownerUnit = this.units.byUid(rectification.ownerUnit);
    const verifier = this.userId(rectification.verifier ?? rectification.findingRecord?.leader);
    if (findingId === undefined || !ownerUnit || verifier === undefined) {
      // Its unit or its people have not reached this terminal: the next pull brings them.
      this.logger.warn('rectification from the hub waits for its unit or people', {
        uid: rectification.uid,
      });
      return;
    }
    const at = this.now();
    const id = this.rectifications.upsertRectification(
      {
        uid: rectification.uid,
        findingId,
        action: rectification.action,
        ownerUnitId: ownerUnit.id,
        ownerPerson: rectification.ownerPerson,
        ownerUserId: this.userId(rectification.ownerUser) ?? null,
        dueWorkingDays: rectification.dueWorkingDays,
        dueDate: rectification.dueDate,
        state: rectification.state,
        createdBy: verifier,
        createdAt: rectification.createdAt,
        closedAt: rectification.closedAt,
      },
      at,
    );
    for (const note of rectification.notes) {
      if (note.kind === null) continue;
      this.rectifications.addNote(id, {
        kind: note.kind,
        text: note.text,
        authorId: this.userId(note.by) ?? verifier,
        at: note.at,
      });
    }
  }

  private findingFor(rectification: z.infer<typeof hubRectificationSchema>): number | undefined {
    const known = this.rectifications.findingId(rectification.finding);
    if (known !== undefined) return known;
    const finding = rectification.findingRecord;
    if (!finding) return undefined;
    const unit = this.units.byUid(finding.unit);
    const leader = this.userId(finding.leader);
    if (!unit || leader === undefined) return undefined;
    return this.rectifications.insertFinding({
      uid: finding.uid,
      unitId: unit.id,
      matterCode: finding.matterCode,
      matterName: finding.matterName || finding.matterCode || '—',
      stage: finding.stage,
      category: finding.category,
      severity: finding.severity,
      description: finding.description,
      leaderId: leader,
      // The year it counts in, as at the hall: Beijing time.
      year: Number(businessDate(new Date(finding.createdAt)).slice(0, 4)),
      createdAt: finding.createdAt,
    });
  }

  private userId(username: string | null | undefined): number | undefined {
    return username ? this.users.byUsername(username)?.id : undefined;
  }
}
