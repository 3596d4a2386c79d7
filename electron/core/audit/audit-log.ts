import { createHash } from 'node:crypto';
import type {
  AuditEntry,
  AuditOutcome,
  AuditPage,
  AuditVerification,
  SearchAuditInput,
} from '@shared/api';
import { businessDayBounds } from '@shared/domain/business-date';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';

/** What a caller says happened; the log adds time, terminal, sequence and hashes. */
export interface AuditRecord {
  userId: number | null;
  /** A user name, `cli:<os user>`, or `system`. */
  actor: string;
  action: string;
  /** The record acted on: `case:12`, `user:admin`, `model:qwen.gguf`; `-` for none. */
  subject: string;
  outcome: AuditOutcome;
  /** Codes, ids and counts only: never names, ID numbers or free text typed by a citizen. */
  detail?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: number | null;
  actor: string;
  terminal: string;
  action: string;
  subject: string;
  outcome: AuditOutcome;
  detail: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);
const TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete'];

/** The hash of one row: its fields and the previous row's hash, in a fixed order. */
function hashOf(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        row.seq,
        row.at,
        row.user_id,
        row.actor,
        row.terminal,
        row.action,
        row.subject,
        row.outcome,
        row.detail,
        row.prev_hash,
      ]),
    )
    .digest('hex');
}

/**
 * The append-only, hash-chained audit trail. Each append is its own transaction, so it is on
 * disk before the answer it describes leaves the engine.
 */
export class AuditLog {
  private readonly terminal: string;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    hostName: string,
  ) {
    const identity = db.prepare('SELECT terminal_id FROM terminal_identity').get() as
      { terminal_id: string } | undefined;
    this.terminal = `${hostName}#${identity?.terminal_id.slice(0, 8) ?? 'unknown'}`;
  }

  append(record: AuditRecord): AuditEntry {
    return inTransaction(this.db, () => {
      const last = this.db
        .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get() as { seq: number; hash: string } | undefined;
      const row: Omit<AuditRow, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: this.clock.now().toISOString(),
        user_id: record.userId,
        actor: record.actor,
        terminal: this.terminal,
        action: record.action,
        subject: record.subject,
        outcome: record.outcome,
        detail: JSON.stringify(record.detail ?? {}),
        prev_hash: last?.hash ?? GENESIS,
      };
      const hash = hashOf(row);
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, user_id, actor, terminal, action, subject, outcome,
             detail, prev_hash, hash)
           VALUES (@seq, @at, @user_id, @actor, @terminal, @action, @subject, @outcome, @detail,
             @prev_hash, @hash)`,
        )
        .run({ ...row, hash });
      return entryOf({ ...row, hash });
    });
  }

  search(input: SearchAuditInput & { limit: number }): AuditPage {
    const conditions: string[] = [];
    const parameters: Record<string, string | number> = {};
    if (input.from !== undefined) {
      conditions.push('at >= @from');
      parameters.from = businessDayBounds(input.from).start;
    }
    if (input.to !== undefined) {
      conditions.push('at < @to');
      parameters.to = businessDayBounds(input.to).end;
    }
    if (input.actor !== undefined) {
      conditions.push('actor = @actor');
      parameters.actor = input.actor;
    }
    if (input.action !== undefined) {
      // An exact action, or every action under a prefix (`personalData` → `personalData.read`).
      conditions.push(
        "(action = @action OR substr(action, 1, length(@action) + 1) = @action || '.')",
      );
      parameters.action = input.action;
    }
    if (input.subject !== undefined) {
      conditions.push('subject = @subject');
      parameters.subject = input.subject;
    }
    if (input.outcome !== undefined) {
      conditions.push('outcome = @outcome');
      parameters.outcome = input.outcome;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM audit_log ${where}`).get(parameters) as {
        n: number;
      }
    ).n;
    const pageWhere =
      input.beforeSeq === undefined
        ? where
        : `${where ? `${where} AND` : 'WHERE'} seq < @beforeSeq`;
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${pageWhere} ORDER BY seq DESC LIMIT @limit`)
      .all({
        ...parameters,
        ...(input.beforeSeq === undefined ? {} : { beforeSeq: input.beforeSeq }),
        limit: input.limit + 1,
      }) as AuditRow[];
    const page = rows.slice(0, input.limit);
    return {
      entries: page.map(entryOf),
      total,
      nextBeforeSeq: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }

  /**
   * Walks the whole chain: every row must hash to its stored hash, link to the row before, and
   * follow it without a gap; the append-only triggers must still be there.
   */
  verify(): AuditVerification {
    const problems: AuditVerification['problems'] = [];
    const triggers = new Set(
      (
        this.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    for (const name of TRIGGERS.filter((trigger) => !triggers.has(trigger))) {
      problems.push({
        seq: null,
        kind: 'unprotected',
        message: {
          zh: `审计日志的防改写触发器 ${name} 已被删除`,
          en: `The audit log's append-only trigger ${name} was removed`,
        },
      });
    }
    let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS };
    let entries = 0;
    for (const row of this.db
      .prepare('SELECT * FROM audit_log ORDER BY seq')
      .iterate() as IterableIterator<AuditRow>) {
      entries += 1;
      if (row.seq !== previous.seq + 1) {
        const gap =
          row.seq - 1 === previous.seq + 1
            ? String(row.seq - 1)
            : `${previous.seq + 1}–${row.seq - 1}`;
        problems.push({
          seq: row.seq,
          kind: 'missing',
          message: {
            zh: `第 ${gap} 条审计记录缺失（被删除）`,
            en: `Audit entry ${gap} is missing (deleted)`,
          },
        });
      } else if (row.prev_hash !== previous.hash) {
        problems.push({
          seq: row.seq,
          kind: 'unlinked',
          message: {
            zh: `第 ${row.seq} 条审计记录与前一条不衔接`,
            en: `Audit entry ${row.seq} does not chain to the one before it`,
          },
        });
      }
      if (hashOf(row) !== row.hash) {
        problems.push({
          seq: row.seq,
          kind: 'edited',
          message: {
            zh: `第 ${row.seq} 条审计记录的内容被改动过`,
            en: `Audit entry ${row.seq} was edited`,
          },
        });
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    return {
      ok: problems.length === 0,
      entries,
      head: entries > 0 ? previous : null,
      problems,
      checkedAt: this.clock.now().toISOString(),
    };
  }
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    actor: row.actor,
    terminal: row.terminal,
    action: row.action,
    subject: row.subject,
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
