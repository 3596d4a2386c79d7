import { createHash } from 'node:crypto';
import { canonicalJson } from '@shared/hub/canonical-json';
import type { Mutation, PushResponse } from '@shared/hub/protocol';
import type { HubDb, SqlExecutor } from '../db/hub-db';
import { HubApiError } from '../http/hub-error';
import type { HubMetrics } from '../metrics';
import type { EntityRules } from './entity-rules';
import type { HubClock } from './hub-clock';

export interface PushingTerminal {
  id: string;
  hallId: string;
}

/**
 * Applies a terminal's outbox, in order and exactly once. The whole batch is one transaction: each
 * mutation is merged and recorded together, so a crash or a lost answer leaves either all of it
 * or none, and the replay is recognised by its keys.
 */
export class PushService {
  constructor(
    private readonly db: HubDb,
    private readonly rules: EntityRules,
    private readonly clock: HubClock,
    private readonly metrics: HubMetrics,
  ) {}

  async push(
    terminal: PushingTerminal,
    mutations: Mutation[],
    via: 'network' | 'package' = 'network',
  ): Promise<PushResponse> {
    for (const mutation of mutations) this.clock.receive(mutation.hlc);
    const { lastSeq, results } = await this.db.transaction(async (tx) => {
      let last = await this.lockSequence(tx, terminal.id);
      const recorded = await this.recorded(tx, terminal.id, mutations);
      const outcomes: PushResponse['results'] = [];
      const applied: unknown[][] = [];
      for (const [index, mutation] of mutations.entries()) {
        const hash = payloadHash(mutation);
        if (mutation.seq <= last) {
          checkReplay(recorded.bySeq.get(mutation.seq), mutation, hash, index);
          outcomes.push({ seq: mutation.seq, outcome: 'duplicate' });
          continue;
        }
        if (mutation.seq !== last + 1)
          throw new HubApiError('SEQUENCE_GAP', {
            path: ['body', 'mutations', index, 'seq'],
            expectedSeq: last + 1,
          });
        if (recorded.keys.has(mutation.key))
          throw new HubApiError('IDEMPOTENCY_CONFLICT', {
            path: ['body', 'mutations', index, 'key'],
          });
        const outcome = await this.rules.apply({ tx, terminal, mutation });
        applied.push([
          terminal.id,
          mutation.seq,
          mutation.key,
          hash,
          mutation.entity,
          mutation.entityId,
          mutation.operation,
          mutation.hlc,
          mutation.at,
          JSON.stringify(mutation.payload),
          outcome,
          via,
        ]);
        recorded.keys.add(mutation.key);
        last = mutation.seq;
        outcomes.push({ seq: mutation.seq, outcome });
      }
      await recordApplied(tx, applied);
      await tx.query(
        `UPDATE terminals SET last_seq = $2, last_seen_at = now(),
           last_hlc = greatest(last_hlc, $3) WHERE id = $1`,
        [terminal.id, last, mutations.at(-1)?.hlc ?? ''],
      );
      return { lastSeq: last, results: outcomes };
    });
    this.metrics.countMutations(results);
    return { lastSeq, results, hubHlc: this.clock.tick() };
  }

  /** What the idempotency log already holds of this batch: by number, and the keys in use. */
  private async recorded(
    tx: SqlExecutor,
    terminalId: string,
    mutations: Mutation[],
  ): Promise<{ bySeq: Map<number, RecordedMutation>; keys: Set<string> }> {
    const rows = await tx.query<RecordedMutation & { seq: number }>(
      `SELECT seq, idempotency_key::text AS key, payload_hash AS hash FROM mutations
        WHERE terminal_id = $1 AND (seq = ANY($2::bigint[]) OR idempotency_key = ANY($3::uuid[]))`,
      [
        terminalId,
        mutations.map((mutation) => mutation.seq),
        mutations.map((mutation) => mutation.key),
      ],
    );
    return {
      bySeq: new Map(rows.map((row) => [row.seq, row])),
      keys: new Set(rows.map((row) => row.key)),
    };
  }

  /** The terminal's row, locked: two pushes of one terminal (two hub instances) take turns. */
  private async lockSequence(tx: SqlExecutor, terminalId: string): Promise<number> {
    const rows = await tx.query<{ last_seq: number }>(
      'SELECT last_seq FROM terminals WHERE id = $1 FOR UPDATE',
      [terminalId],
    );
    const row = rows[0];
    if (!row) throw new HubApiError('UNAUTHENTICATED');
    return row.last_seq;
  }
}

/** What a replay must match: everything the terminal said of the mutation. */
export function payloadHash(mutation: Mutation): string {
  return createHash('sha256').update(canonicalJson(mutation)).digest('hex');
}

interface RecordedMutation {
  key: string;
  hash: string;
}

/** A replay must be the very mutation recorded under its number. */
function checkReplay(
  recorded: RecordedMutation | undefined,
  mutation: Mutation,
  hash: string,
  index: number,
): void {
  // A terminal that purged a case empties its outbox copies: the replay of one is the same
  // mutation, redacted.
  if (
    recorded?.key === mutation.key &&
    (recorded.hash === hash || mutation.operation === 'redacted')
  )
    return;
  throw new HubApiError('IDEMPOTENCY_CONFLICT', {
    message: {
      zh: `第 ${mutation.seq} 号变更与中心已记录的内容不同，已拒绝`,
      en: `Mutation ${mutation.seq} differs from what the hub recorded under that number`,
    },
    path: ['body', 'mutations', index],
  });
}

const MUTATION_COLUMNS = 12;

/** The applied mutations into the idempotency log, many rows a statement. */
async function recordApplied(tx: SqlExecutor, rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 400) {
    const chunk = rows.slice(start, start + 400);
    const values = chunk
      .map(
        (_, row) =>
          `(${Array.from({ length: MUTATION_COLUMNS }, (_, column) => `$${row * MUTATION_COLUMNS + column + 1}`).join(', ')})`,
      )
      .join(', ');
    await tx.query(
      `INSERT INTO mutations (terminal_id, seq, idempotency_key, payload_hash, entity, entity_id,
         operation, hlc, at, payload, outcome, via) VALUES ${values}`,
      chunk.flat(),
    );
  }
}
