import type { CalendarPublication } from '@shared/hub/admin';
import { calendarYearSchema, type CalendarYear } from '@shared/domain/working-days';
import type { HubDb } from '../db/hub-db';
import { iso } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import type { ChangeLog } from '../sync/change-log';
import type { HubClock } from '../sync/hub-clock';

/**
 * The holiday arrangements (放假安排) the State Council publishes each year, sent to every hall:
 * deadlines counted in working days follow them. A year published again replaces the last one.
 */
export class CalendarService {
  constructor(
    private readonly db: HubDb,
    private readonly changes: ChangeLog,
    private readonly clock: HubClock,
  ) {}

  async publish(arrangement: unknown, publishedBy: string): Promise<CalendarPublication> {
    const parsed = calendarYearSchema.safeParse(arrangement);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HubApiError('INVALID_INPUT', {
        message: {
          zh: `节假日安排无效：${issue?.message ?? ''}`,
          en: `Invalid holiday arrangement: ${issue?.message ?? ''}`,
        },
        path: ['body', 'arrangement', ...(issue?.path ?? []).map(String)],
      });
    }
    const year = parsed.data;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ published_at: Date }>(
        `INSERT INTO calendar_years (year, arrangement, published_by) VALUES ($1, $2, $3)
         ON CONFLICT (year) DO UPDATE SET arrangement = excluded.arrangement,
           published_by = excluded.published_by, published_at = now()
         RETURNING published_at`,
        [year.year, JSON.stringify(year), publishedBy],
      );
      await this.changes.append(tx, {
        stream: 'calendar',
        scope: '*',
        key: `calendar:${year.year}`,
        op: 'upsert',
        hlc: this.clock.tick(),
        data: year,
      });
      return summary(year, rows[0]?.published_at ?? new Date());
    });
  }

  async years(): Promise<CalendarPublication[]> {
    const rows = await this.db.query<{ arrangement: CalendarYear; published_at: Date }>(
      'SELECT arrangement, published_at FROM calendar_years ORDER BY year DESC',
    );
    return rows.map((row) => summary(row.arrangement, row.published_at));
  }
}

function summary(year: CalendarYear, publishedAt: Date): CalendarPublication {
  return {
    year: year.year,
    source: year.source,
    holidays: year.holidays.length,
    makeUpWorkdays: year.makeUpWorkdays.length,
    publishedAt: iso(publishedAt),
  };
}
