import type { Mutation } from '@shared/hub/protocol';
import {
  isRectificationAction,
  rectificationActionAllowed,
} from '@shared/domain/rectification-flow';
import type { RectificationState } from '@shared/api/walks';
import type { SqlExecutor } from '../db/hub-db';
import type { ChangeLog } from './change-log';
import type { ConflictLog } from './conflict-log';
import type { HubRecordRow, RecordStore } from './record-store';

export type ApplyOutcome = 'applied' | 'conflict' | 'ignored';

export interface ApplyContext {
  tx: SqlExecutor;
  terminal: { id: string; hallId: string };
  mutation: Mutation;
}

type JsonObject = Record<string, unknown>;

/** Parts of a rectification mutation that describe its note, not the rectification. */
const NOTE_FIELDS = new Set(['note', 'noteKind', 'by']);

/**
 * How the hub merges each entity a terminal pushes (DESIGN §2, issue 6):
 * - cases, reviews, walks, findings, reports, gaps, evidence: owned by the terminal that made them;
 *   another terminal writing the same record is a conflict;
 * - units and users of a hall: the record with the later clock wins, whole; an account created
 *   anew on a second terminal under a name the hall has is a conflict;
 * - rectifications: field by field, the later clock wins, and an action taken on a state it does
 *   not apply to (a stale copy) is a conflict;
 * - a redacted mutation (its case was purged before it was sent) and unknown entities: recorded,
 *   not applied.
 */
export class EntityRules {
  constructor(
    private readonly records: RecordStore,
    private readonly changes: ChangeLog,
    private readonly conflicts: ConflictLog,
  ) {}

  async apply(context: ApplyContext): Promise<ApplyOutcome> {
    const { mutation } = context;
    if (mutation.operation === 'redacted') return 'ignored';
    switch (mutation.entity) {
      case 'rectification':
        return this.mergeRectification(context);
      case 'unit':
        return this.lastWriterWins(context, mutation.entityId, 'unit');
      case 'user':
        return this.lastWriterWins(
          context,
          `${context.terminal.hallId}/${mutation.entityId}`,
          'user',
        );
      case 'walk':
      case 'finding':
      case 'unresolved_report':
        // Their ids are uids, the same on every terminal.
        return this.owned(context, mutation.entityId);
      case 'case':
      case 'case_material':
      case 'case_fields':
      case 'review':
      case 'review_decision':
      case 'knowledge_gap':
      case 'evidence':
        // Local ids: unique only on the terminal that made them.
        return this.owned(context, `${context.terminal.id}/${mutation.entityId}`);
      default:
        return 'ignored';
    }
  }

  private async owned(context: ApplyContext, key: string): Promise<ApplyOutcome> {
    const { tx, terminal, mutation } = context;
    const existing = await this.records.lock(tx, mutation.entity, key);
    if (existing && existing.ownerTerminal !== terminal.id) {
      await this.conflicts.record(tx, {
        hallId: terminal.hallId,
        entity: mutation.entity,
        entityKey: key,
        terminalId: terminal.id,
        seq: mutation.seq,
        field: null,
        reason: 'owned_by_other_terminal',
        theirs: mutation.payload,
        ours: existing.data,
        hlc: mutation.hlc,
      });
      return 'conflict';
    }
    await this.records.save(tx, {
      entity: mutation.entity,
      key,
      hallId: existing?.hallId ?? terminal.hallId,
      ownerTerminal: terminal.id,
      hlc: maxHlc(existing?.hlc, mutation.hlc),
      fieldHlcs: {},
      data: { ...existing?.data, ...asObject(mutation.payload), lastOperation: mutation.operation },
    });
    return 'applied';
  }

  private async lastWriterWins(
    context: ApplyContext,
    key: string,
    entity: 'unit' | 'user',
  ): Promise<ApplyOutcome> {
    const { tx, terminal, mutation } = context;
    const existing = await this.records.lock(tx, entity, key);
    if (existing && existing.hallId !== terminal.hallId) {
      await this.otherHall(context, key, existing);
      return 'conflict';
    }
    // Two terminals each set up an account of the same name: the hall keeps the one it had, and
    // the newcomer's becomes a conflict for a person (its terminal then receives the hall's).
    if (existing && mutation.operation === 'create' && existing.ownerTerminal !== terminal.id) {
      await this.conflicts.record(tx, {
        hallId: terminal.hallId,
        entity,
        entityKey: key,
        terminalId: terminal.id,
        seq: mutation.seq,
        field: null,
        reason: 'duplicate_account',
        theirs: withoutSecrets(mutation.payload),
        ours: withoutSecrets(existing.data),
        hlc: mutation.hlc,
      });
      return 'conflict';
    }
    if (existing && existing.hlc >= mutation.hlc) return 'ignored';
    const data = asObject(mutation.payload);
    await this.records.save(tx, {
      entity,
      key,
      hallId: terminal.hallId,
      ownerTerminal: existing?.ownerTerminal ?? terminal.id,
      hlc: mutation.hlc,
      fieldHlcs: {},
      data,
    });
    await this.changes.append(tx, {
      stream: 'directory',
      scope: terminal.hallId,
      key: `${entity}:${mutation.entityId}`,
      op: 'upsert',
      hlc: mutation.hlc,
      data: { entity, record: data },
    });
    return 'applied';
  }

  private async mergeRectification(context: ApplyContext): Promise<ApplyOutcome> {
    const { tx, terminal, mutation } = context;
    const key = mutation.entityId;
    const payload = asObject(mutation.payload);
    const existing = await this.records.lock(tx, 'rectification', key);
    const finding =
      typeof payload.finding === 'string'
        ? await this.records.lock(tx, 'finding', payload.finding)
        : undefined;
    const ownerUnit =
      typeof payload.ownerUnit === 'string'
        ? await this.records.lock(tx, 'unit', payload.ownerUnit)
        : undefined;
    const hallId = existing?.hallId ?? ownerUnit?.hallId ?? terminal.hallId;
    // A terminal acts on rectifications its hall owns or raised.
    if (existing && hallId !== terminal.hallId && finding?.hallId !== terminal.hallId) {
      await this.otherHall(context, key, existing);
      return 'conflict';
    }

    const state = existing?.data.state as RectificationState | undefined;
    const action = mutation.operation;
    if (isRectificationAction(action) && !rectificationActionAllowed(action, state)) {
      await this.conflicts.record(tx, {
        hallId,
        entity: 'rectification',
        entityKey: key,
        terminalId: terminal.id,
        seq: mutation.seq,
        field: 'state',
        reason: 'stale_action',
        theirs: { action, state: payload.state, note: payload.note ?? null },
        ours: { state: state ?? null },
        hlc: mutation.hlc,
      });
      return 'conflict';
    }

    const data: JsonObject = { ...existing?.data };
    const fieldHlcs: Record<string, string> = { ...existing?.fieldHlcs };
    for (const [field, value] of Object.entries(payload)) {
      if (NOTE_FIELDS.has(field)) continue;
      const seen = fieldHlcs[field];
      if (seen !== undefined && seen >= mutation.hlc) continue;
      data[field] = value;
      fieldHlcs[field] = mutation.hlc;
    }
    if (typeof payload.note === 'string') {
      const notes = Array.isArray(data.notes) ? (data.notes as unknown[]) : [];
      data.notes = [
        ...notes,
        {
          action,
          kind: payload.noteKind ?? null,
          text: payload.note,
          by: payload.by ?? null,
          hlc: mutation.hlc,
          at: mutation.at,
        },
      ];
    }
    const record: HubRecordRow = {
      entity: 'rectification',
      key,
      hallId,
      ownerTerminal: existing?.ownerTerminal ?? terminal.id,
      hlc: maxHlc(existing?.hlc, mutation.hlc),
      fieldHlcs,
      data,
    };
    await this.records.save(tx, record);
    await this.changes.append(tx, {
      stream: 'rectifications',
      scope: hallId,
      key: `rectification:${key}`,
      op: 'upsert',
      hlc: record.hlc,
      data: { ...data, findingRecord: finding?.data ?? null },
    });
    return 'applied';
  }

  private async otherHall(
    context: ApplyContext,
    key: string,
    existing: HubRecordRow,
  ): Promise<void> {
    await this.conflicts.record(context.tx, {
      hallId: context.terminal.hallId,
      entity: context.mutation.entity,
      entityKey: key,
      terminalId: context.terminal.id,
      seq: context.mutation.seq,
      field: null,
      reason: 'other_hall',
      theirs: context.mutation.payload,
      ours: { hallId: existing.hallId },
      hlc: context.mutation.hlc,
    });
  }
}

/** What a conflict may show of an account: never its password hash. */
function withoutSecrets(value: unknown): JsonObject {
  const { passwordHash: _hidden, ...rest } = asObject(value);
  return rest;
}

function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : { value };
}

function maxHlc(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}
