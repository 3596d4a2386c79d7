import { calendarYearSchema, type CalendarYear } from '@shared/domain/working-days';
import type { Change } from '@shared/hub/protocol';
import type { Db } from '../db/connection';
import type { StreamApplier } from './stream-applier';

/** Holiday arrangements from the hub, one per year; the calendar is re-read once they are in. */
export class CalendarStream implements StreamApplier {
  readonly stream = 'calendar' as const;

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
    private readonly onChange: () => void,
  ) {}

  apply(changes: Change[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO calendar_years (year, arrangement, received_at) VALUES (?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET arrangement = excluded.arrangement,
         received_at = excluded.received_at`,
    );
    for (const change of changes) {
      const year = calendarYearSchema.parse(change.data);
      upsert.run(year.year, JSON.stringify(year), this.now());
    }
  }

  afterCommit(): void {
    this.onChange();
  }
}

/** The arrangements the hub sent, for the calendar loader. */
export function hubCalendarYears(db: Db): CalendarYear[] {
  return (
    db.prepare('SELECT arrangement FROM calendar_years ORDER BY year').all() as {
      arrangement: string;
    }[]
  ).map((row) => calendarYearSchema.parse(JSON.parse(row.arrangement)));
}
