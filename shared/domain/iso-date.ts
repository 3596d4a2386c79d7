/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01).
 * Pure civil-calendar arithmetic (H. Hinnant's days-from-civil): no Date, no time zone, so a
 * date means the same day on every machine.
 */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Thrown when a string is not a real calendar date in `YYYY-MM-DD` form. */
export class InvalidIsoDateError extends Error {
  override readonly name = 'InvalidIsoDateError';

  constructor(readonly input: string) {
    super(`日期格式应为 YYYY-MM-DD：${input} / Not a YYYY-MM-DD date: ${input}`);
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Year, month and day of a real date, or undefined (wrong shape, month 13, 30 February…). */
function partsOf(value: string): [number, number, number] | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return [year, month, day];
}

export function isIsoDate(value: string): boolean {
  return partsOf(value) !== undefined;
}

/** Days since 1970-01-01 for a civil date (proleptic Gregorian). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  // Shift the year to start in March so the leap day is the last day of the shifted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Day number of an ISO date; throws {@link InvalidIsoDateError} for anything else. */
export function isoDateToDayNumber(isoDate: string): number {
  const parts = partsOf(isoDate);
  if (!parts) throw new InvalidIsoDateError(isoDate);
  return dayNumberFromParts(...parts);
}

export function dayNumberToIsoDate(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}
