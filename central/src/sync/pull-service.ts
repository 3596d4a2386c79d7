import type { PullResponse, Stream } from '@shared/hub/protocol';
import type { HubDb } from '../db/hub-db';
import type { HubMetrics } from '../metrics';
import type { ChangeLog } from './change-log';
import type { HubClock } from './hub-clock';

/**
 * Pages of a stream after a cursor. A cursor names its last change by number and id; a hub
 * restored from an older backup does not hold that change, and says so (`reset`) instead of
 * silently skipping what it hands out under reused numbers.
 */
export class PullService {
  constructor(
    private readonly db: HubDb,
    private readonly changes: ChangeLog,
    private readonly clock: HubClock,
    private readonly metrics: HubMetrics,
  ) {}

  async pull(
    hallId: string,
    query: { stream: Stream; cursor: string; limit: number },
  ): Promise<PullResponse> {
    let afterSeq = 0;
    let reset = false;
    if (query.cursor !== '') {
      const [seqText, changeId = ''] = query.cursor.split('.') as [string, string?];
      afterSeq = Number(seqText);
      if (!(await this.changes.holds(this.db, query.stream, afterSeq, changeId))) {
        afterSeq = 0;
        reset = true;
      }
    }
    const rows = await this.changes.after(this.db, query.stream, hallId, afterSeq, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    this.metrics.countPulled(query.stream, page.length);
    return {
      stream: query.stream,
      changes: page.map(({ key, op, hlc, data }) => ({ key, op, hlc, data: data as never })),
      cursor: last ? `${last.seq}.${last.changeId}` : reset ? '' : query.cursor,
      more: rows.length > query.limit,
      reset,
      hubHlc: this.clock.tick(),
    };
  }
}
