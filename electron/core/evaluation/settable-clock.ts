import type { Clock } from '../clock';

/** 10:00 Beijing time (UTC+8): inside office hours, well clear of either midnight. */
const TEN_AM_BEIJING_UTC = 'T02:00:00.000Z';

/**
 * The evaluation's clock: a fixed instant the harness moves from date to date, so that "today"
 * in rules, effective dates and case creation follow the evaluation set, never the day of the run.
 */
export class SettableClock implements Clock {
  private current: Date;

  constructor(date: string) {
    this.current = atTenBeijing(date);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves to 10:00 Beijing time on `date` (YYYY-MM-DD). */
  setDate(date: string): void {
    this.current = atTenBeijing(date);
  }
}

function atTenBeijing(date: string): Date {
  const instant = new Date(`${date}${TEN_AM_BEIJING_UTC}`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date: ${date}`);
  return instant;
}
