import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayNumberToIsoDate,
  InvalidIsoDateError,
  isIsoDate,
  isoDateToDayNumber,
  weekdayOfDayNumber,
} from './iso-date';

const dayMs = 86_400_000;

describe('iso-date', () => {
  it('agrees with Date in UTC on day numbers and weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 2_900_000 }), (dayNumber) => {
        const date = new Date(dayNumber * dayMs);
        const iso = date.toISOString().slice(0, 10);
        expect(dayNumberToIsoDate(dayNumber)).toBe(iso);
        expect(isoDateToDayNumber(iso)).toBe(dayNumber);
        expect(weekdayOfDayNumber(dayNumber)).toBe(date.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('knows fixed points', () => {
    expect(isoDateToDayNumber('1970-01-01')).toBe(0);
    expect(weekdayOfDayNumber(isoDateToDayNumber('2026-02-14'))).toBe(6); // a Saturday
    expect(dayNumberToIsoDate(isoDateToDayNumber('2024-02-29') + 1)).toBe('2024-03-01');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    for (const valid of ['2024-02-29', '2000-02-29', '1999-12-31', '2025-04-30']) {
      expect(isIsoDate(valid), valid).toBe(true);
    }
    for (const invalid of [
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-1-01',
      '20250101',
      '2025-01-01T00:00',
      ' 2025-01-01',
      '',
    ]) {
      expect(isIsoDate(invalid), invalid).toBe(false);
    }
    expect(() => isoDateToDayNumber('2025-02-29')).toThrow(InvalidIsoDateError);
  });
});
