import type { SyncProblem, SyncRun } from '@shared/api';
import type { Db } from '../db/connection';

interface RunRow {
  id: number;
  trigger: SyncRun['trigger'];
  started_at: string;
  finished_at: string | null;
  pushed: number;
  pulled: number;
  outcome: SyncRun['outcome'];
  error_code: string | null;
  error_zh: string | null;
  error_en: string | null;
}

/** The history of sync runs: when, what moved, how it ended. */
export class SyncRuns {
  constructor(private readonly db: Db) {}

  begin(trigger: SyncRun['trigger'], at: string): number {
    return Number(
      this.db.prepare('INSERT INTO sync_runs (trigger, started_at) VALUES (?, ?)').run(trigger, at)
        .lastInsertRowid,
    );
  }

  finish(
    id: number,
    result: {
      at: string;
      pushed: number;
      pulled: number;
      outcome: NonNullable<SyncRun['outcome']>;
      problem: SyncProblem | null;
    },
  ): SyncRun {
    this.db
      .prepare(
        `UPDATE sync_runs SET finished_at = ?, pushed = ?, pulled = ?, outcome = ?, error_code = ?,
           error_zh = ?, error_en = ? WHERE id = ?`,
      )
      .run(
        result.at,
        result.pushed,
        result.pulled,
        result.outcome,
        result.problem?.code ?? null,
        result.problem?.message.zh ?? null,
        result.problem?.message.en ?? null,
        id,
      );
    const run = this.recent(1, id)[0];
    if (!run) throw new Error(`sync run ${id} vanished`);
    return run;
  }

  recent(limit: number, id?: number): SyncRun[] {
    const rows = this.db
      .prepare(`SELECT * FROM sync_runs WHERE (? IS NULL OR id = ?) ORDER BY id DESC LIMIT ?`)
      .all(id ?? null, id ?? null, limit) as RunRow[];
    return rows.map((row) => ({
      id: row.id,
      trigger: row.trigger,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      pushed: row.pushed,
      pulled: row.pulled,
      outcome: row.outcome,
      problem:
        row.error_code === null
          ? null
          : { code: row.error_code, message: { zh: row.error_zh ?? '', en: row.error_en ?? '' } },
    }));
  }

  lastSuccessAt(): string | null {
    const row = this.db
      .prepare("SELECT max(finished_at) AS at FROM sync_runs WHERE outcome = 'ok'")
      .get() as { at: string | null };
    return row.at;
  }

  lastAttemptAt(): string | null {
    return (
      this.db.prepare('SELECT max(started_at) AS at FROM sync_runs').get() as { at: string | null }
    ).at;
  }
}
