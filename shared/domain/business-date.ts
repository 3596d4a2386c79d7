import { dayNumberToIsoDate } from './iso-date';

/**
 * The hall's calendar day. China keeps one time zone, UTC+8 with no daylight saving, so "today"
 * for deadlines, references and effective dates is the Beijing date whatever zone the machine
 * (or a test runner) is set to.
 */
const beijingOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** Days since 1970-01-01 of the Beijing calendar day containing `instant`. */
export function businessDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + beijingOffsetMs) / dayMs);
}

/** The Beijing calendar day containing `instant`, `YYYY-MM-DD`. */
export function businessDate(instant: Date): string {
  return dayNumberToIsoDate(businessDayNumber(instant));
}

/**
 * The instants bounding a Beijing calendar day, as stored timestamps (UTC ISO strings): `start`
 * is inclusive, `end` (the next day's start) exclusive.
 */
export function businessDayBounds(isoDate: string): { start: string; end: string } {
  const start = Date.parse(`${isoDate}T00:00:00.000+08:00`);
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + dayMs).toISOString(),
  };
}
