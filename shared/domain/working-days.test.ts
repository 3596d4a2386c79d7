import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIsoDateError } from './iso-date';
import type { CalendarYear } from './working-days';
import {
  CalendarDataError,
  CalendarOutOfRangeError,
  calendarYearSchema,
  createWorkingDayCalendar,
} from './working-days';

function loadYear(year: number): CalendarYear {
  const url = new URL(`../../resources/calendar/cn-${year}.json`, import.meta.url);
  return calendarYearSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

const year2025 = loadYear(2025);
const year2026 = loadYear(2026);
const calendar = createWorkingDayCalendar([year2025, year2026]);

/** Days of the loaded range as ISO strings, built with Date (independently of iso-date.ts). */
function isoDaysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const loadedDays = isoDaysBetween('2025-01-01', '2026-12-31');
/** Start dates that leave room for 40 working days before the end of 2026. */
const startArbitrary = fc.constantFrom(...isoDaysBetween('2024-12-31', '2026-10-15'));

describe('the shipped calendar files', () => {
  it('hold the 2025 and 2026 notices', () => {
    expect(year2025.makeUpWorkdays).toHaveLength(5);
    expect(year2025.holidays.map((holiday) => holiday.name)).toContain('春节');
    expect(year2026.makeUpWorkdays).toHaveLength(6);
    expect(year2026.holidays).toHaveLength(7);
    expect(calendar.coverage()).toEqual({ firstYear: 2025, lastYear: 2026 });
  });

  it('agree with a day-by-day reading of the notices', () => {
    const off = new Set<string>();
    for (const holiday of [...year2025.holidays, ...year2026.holidays]) {
      for (const day of isoDaysBetween(holiday.from, holiday.to)) off.add(day);
    }
    const on = new Set([...year2025.makeUpWorkdays, ...year2026.makeUpWorkdays]);
    for (const day of loadedDays) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const expected = off.has(day) ? false : on.has(day) || (weekday >= 1 && weekday <= 5);
      expect(calendar.isWorkingDay(day), day).toBe(expected);
    }
  });

  it('give 248 working days in each year (hand count from the notices)', () => {
    // 2025: 365 − 104 weekend days − 18 weekday holidays + 5 make-up days.
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    // 2026: 365 − 104 weekend days − 19 weekday holidays + 6 make-up days.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('isWorkingDay', () => {
  it('knows the make-up working days, holidays and plain weekends', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day
    for (const day of isoDaysBetween('2025-10-01', '2025-10-08')) {
      expect(calendar.isWorkingDay(day), day).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up day
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up day
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Monday in 春节
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true); // Sunday, make-up day
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false); // a plain Saturday
    expect(calendar.isWorkingDay('2025-03-09')).toBe(false); // a plain Sunday
    expect(calendar.isWorkingDay('2025-03-10')).toBe(true); // a plain Monday
  });

  it('refuses a year it does not hold, in Chinese and English', () => {
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarOutOfRangeError);
    try {
      calendar.isWorkingDay('2027-01-04');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarOutOfRangeError);
      if (error instanceof CalendarOutOfRangeError) {
        expect(error.year).toBe(2027);
        expect(error.message).toBe(
          '2027 年的节假日安排尚未导入 / The 2027 holiday arrangement is not loaded',
        );
        expect(error.localized.zh).toContain('2027 年');
        expect(error.coverage).toEqual({ firstYear: 2025, lastYear: 2026 });
      }
    }
    expect(() => calendar.isWorkingDay('2024-06-03')).toThrow(
      expect.objectContaining({ year: 2024 }) as Error,
    );
  });

  it('rejects strings that are not dates', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(InvalidIsoDateError);
    expect(() => calendar.isWorkingDay('2025-3-1')).toThrow(InvalidIsoDateError);
    expect(() => calendar.isWorkingDay('')).toThrow(InvalidIsoDateError);
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of acceptance', () => {
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    expect(calendar.addWorkingDays('2025-03-10', 5)).toBe('2025-03-17');
    expect(calendar.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // accepted on Saturday
    expect(calendar.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
  });

  it('steps over 春节 2026 and counts its make-up Saturdays', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Saturday, make-up
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-18', 1)).toBe('2026-02-24'); // accepted in the break
    expect(calendar.addWorkingDays('2026-02-24', 4)).toBe('2026-02-28'); // Saturday, make-up
    expect(calendar.addWorkingDays('2026-02-24', 5)).toBe('2026-03-02');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-03-02')).toBe(7);
  });

  it('crosses the new year and 国庆 2025', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // Sunday, make-up
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Sunday, make-up
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02'); // start day is not read
  });

  it('counts back with a negative n', () => {
    expect(calendar.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2025-03-10', -1)).toBe('2025-03-07');
    expect(calendar.workingDaysBetween('2026-02-24', '2026-02-14')).toBe(-1);
  });

  it('throws rather than guess past the loaded years', () => {
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrow(CalendarOutOfRangeError);
    expect(() => calendar.addWorkingDays('2025-01-03', -3)).toThrow(CalendarOutOfRangeError);
    expect(() => calendar.addWorkingDays('2025-01-03', Number.MAX_SAFE_INTEGER)).toThrow(
      CalendarOutOfRangeError,
    );
    expect(() => calendar.addWorkingDays('2025-01-03', 1.5)).toThrow(RangeError);
  });

  it('lands on a working day that is exactly n working days later', () => {
    fc.assert(
      fc.property(startArbitrary, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const deadline = calendar.addWorkingDays(start, n);
        expect(calendar.isWorkingDay(deadline)).toBe(true);
        expect(deadline > start).toBe(true);
        expect(calendar.workingDaysBetween(start, deadline)).toBe(n);
        expect(calendar.workingDaysBetween(deadline, start)).toBe(-n);
        expect(calendar.addWorkingDays(calendar.addWorkingDays(start, n - 1), 1)).toBe(deadline);
      }),
      { numRuns: 500 },
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(
        startArbitrary,
        // n + more stays within the 40 working days the start dates leave room for.
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        (start, n, more) => {
          expect(calendar.addWorkingDays(start, n) < calendar.addWorkingDays(start, n + more)).toBe(
            true,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('calendarYearSchema', () => {
  const base: CalendarYear = {
    year: 2030,
    source: 'test',
    publishedAt: '2029-11-01',
    holidays: [{ name: '春节', from: '2030-02-02', to: '2030-02-08' }],
    makeUpWorkdays: ['2030-01-26'],
  };
  const problems = (value: unknown): string[] => {
    const result = calendarYearSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('accepts a well-formed year', () => {
    expect(problems(base)).toEqual([]);
  });

  it('rejects dates outside the year', () => {
    expect(
      problems({ ...base, holidays: [{ name: '国庆节', from: '2031-10-01', to: '2031-10-07' }] }),
    ).toEqual(['holidays.0.from', 'holidays.0.to']);
    expect(problems({ ...base, makeUpWorkdays: ['2029-06-02'] })).toEqual(['makeUpWorkdays.0']);
    expect(problems({ ...base, makeUpWorkdays: ['2031-01-04'] })).toEqual(['makeUpWorkdays.0']);
  });

  it('allows the 元旦 break to reach back into the previous December, as in 2019', () => {
    const year2019 = {
      year: 2019,
      source: '国务院办公厅关于2019年部分节假日安排的通知',
      publishedAt: '2018-12-06',
      holidays: [{ name: '元旦', from: '2018-12-30', to: '2019-01-01' }],
      makeUpWorkdays: ['2018-12-29'],
    };
    expect(problems(year2019)).toEqual([]);
    expect(
      problems({ ...year2019, holidays: [{ name: '元旦', from: '2018-12-30', to: '2018-12-31' }] }),
    ).toEqual(['holidays.0.to']);
  });

  it('reports an impossible holiday date without crashing', () => {
    expect(
      problems({ ...base, holidays: [{ name: '春节', from: '2030-02-30', to: '2030-03-02' }] }),
    ).toEqual(['holidays.0.from']);
  });

  it('rejects impossible dates, reversed ranges, overlaps and weekday make-up days', () => {
    expect(problems({ ...base, publishedAt: '2029-02-29' })).toEqual(['publishedAt']);
    expect(
      problems({ ...base, holidays: [{ name: '春节', from: '2030-02-08', to: '2030-02-02' }] }),
    ).toEqual(['holidays.0.to']);
    expect(
      problems({ ...base, holidays: [{ name: '春节', from: '2030-02-02', to: '2030-12-08' }] }),
    ).toEqual(['holidays.0.to']);
    expect(
      problems({
        ...base,
        holidays: [...base.holidays, { name: '元宵', from: '2030-02-08', to: '2030-02-09' }],
      }),
    ).toEqual(['holidays.1']);
    expect(problems({ ...base, makeUpWorkdays: ['2030-01-28'] })).toEqual(['makeUpWorkdays.0']);
    expect(problems({ ...base, makeUpWorkdays: ['2030-02-02'] })).toEqual(['makeUpWorkdays.0']);
    expect(problems({ ...base, makeUpWorkdays: ['2030-01-26', '2030-01-26'] })).toEqual([
      'makeUpWorkdays.1',
    ]);
    expect(problems({ ...base, year: 2030.5 })).toEqual(['year']);
  });
});

describe('createWorkingDayCalendar', () => {
  it('refuses no years, duplicate years and gaps', () => {
    expect(() => createWorkingDayCalendar([])).toThrow(CalendarDataError);
    expect(() => createWorkingDayCalendar([year2025, year2025])).toThrow(CalendarDataError);
    const year2027: CalendarYear = {
      year: 2027,
      source: 'test',
      publishedAt: '2026-11-01',
      holidays: [],
      makeUpWorkdays: [],
    };
    expect(() => createWorkingDayCalendar([year2025, year2027])).toThrow(CalendarDataError);
    expect(createWorkingDayCalendar([year2027, year2026, year2025]).coverage()).toEqual({
      firstYear: 2025,
      lastYear: 2027,
    });
  });

  it('validates what it is given, even when the type says it is fine', () => {
    const broken: CalendarYear = { ...year2026, makeUpWorkdays: ['2026-02-16'] };
    expect(() => createWorkingDayCalendar([broken])).toThrow(CalendarDataError);
  });

  it('refuses two years that contradict each other', () => {
    const year2026Clashing: CalendarYear = {
      ...year2026,
      holidays: [
        { name: '元旦', from: '2025-12-31', to: '2026-01-03' },
        ...year2026.holidays.slice(1),
      ],
    };
    const year2025Clashing: CalendarYear = {
      ...year2025,
      holidays: [...year2025.holidays, { name: '跨年', from: '2025-12-31', to: '2025-12-31' }],
    };
    expect(() => createWorkingDayCalendar([year2025, year2026Clashing])).not.toThrow();
    expect(() => createWorkingDayCalendar([year2025Clashing, year2026Clashing])).toThrow(
      CalendarDataError,
    );
  });

  it('applies a previous-December day announced with the next year', () => {
    const year2026Reaching: CalendarYear = {
      ...year2026,
      holidays: [
        { name: '元旦', from: '2025-12-31', to: '2026-01-03' },
        ...year2026.holidays.slice(1),
      ],
    };
    const both = createWorkingDayCalendar([year2025, year2026Reaching]);
    expect(both.isWorkingDay('2025-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2025-12-31')).toBe(true);
  });
});
