/**
 * Working days (工作日) under the State Council's yearly holiday arrangement: weekends and official
 * holidays are off, make-up working days (调休上班的周末) are on. The arrangement is data, one
 * entry per year, replaceable by sync; a date in a year that is not loaded throws rather than
 * being guessed from weekdays alone.
 */
import { z } from 'zod';
import {
  dayNumberFromParts,
  dayNumberToIsoDate,
  isIsoDate,
  isoDateToDayNumber,
  weekdayOfDayNumber,
} from './iso-date';

/**
 * How far into the previous December a year's arrangement may reach: the 元旦 break is announced
 * with the new year, and has started before it (2019: holiday from 2018-12-30, make-up working
 * day 2018-12-29; 2012: make-up working day 2011-12-31).
 */
const earliestDecemberDay = 25;
/** No official break has been longer than a month; a longer span is a typo in the data. */
const longestHolidayDays = 31;

const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD / Expected a YYYY-MM-DD date' });

export const holidaySchema = z.object({
  /** As the notice names it: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节. */
  name: z.string().trim().min(1),
  /** First and last day off, both inclusive. */
  from: isoDateSchema,
  to: isoDateSchema,
});

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(1949).max(9999),
    /** The notice this arrangement comes from, e.g. its title and document number. */
    source: z.string().trim().min(1),
    publishedAt: isoDateSchema,
    holidays: z.array(holidaySchema),
    /** Weekend days that are working days (调休上班). */
    makeUpWorkdays: z.array(isoDateSchema),
  })
  .superRefine((calendar, ctx) => {
    // Field-level date issues do not stop this refinement from running: skip those dates here.
    const dayOf = (value: string): number | undefined =>
      isIsoDate(value) ? isoDateToDayNumber(value) : undefined;
    const first = dayNumberFromParts(calendar.year - 1, 12, earliestDecemberDay);
    const last = dayNumberFromParts(calendar.year, 12, 31);
    const yearStart = dayNumberFromParts(calendar.year, 1, 1);
    const inYear = (day: number): boolean => day >= first && day <= last;
    const outOfYear = `不属于 ${calendar.year} 年的安排 / Outside the ${calendar.year} arrangement`;
    const daysOff = new Map<number, string>();

    calendar.holidays.forEach((holiday, index) => {
      const from = dayOf(holiday.from);
      const to = dayOf(holiday.to);
      if (from === undefined || to === undefined) return;
      if (!inYear(from)) {
        ctx.addIssue({ code: 'custom', message: outOfYear, path: ['holidays', index, 'from'] });
      }
      if (!inYear(to) || to < yearStart) {
        ctx.addIssue({ code: 'custom', message: outOfYear, path: ['holidays', index, 'to'] });
      }
      if (to < from) {
        ctx.addIssue({
          code: 'custom',
          message: '结束日期早于开始日期 / The holiday ends before it starts',
          path: ['holidays', index, 'to'],
        });
        return;
      }
      if (to - from + 1 > longestHolidayDays) {
        ctx.addIssue({
          code: 'custom',
          message: `假期超过 ${longestHolidayDays} 天，请核对 / A break longer than ${longestHolidayDays} days is surely a typo`,
          path: ['holidays', index, 'to'],
        });
        return;
      }
      for (let day = from; day <= to; day += 1) {
        const other = daysOff.get(day);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `与“${other}”的日期重叠 / Overlaps the ${other} holiday`,
            path: ['holidays', index],
          });
          return;
        }
        daysOff.set(day, holiday.name);
      }
    });

    const makeUpSeen = new Set<number>();
    calendar.makeUpWorkdays.forEach((isoDate, index) => {
      const day = dayOf(isoDate);
      if (day === undefined) return;
      const path = ['makeUpWorkdays', index];
      if (!inYear(day)) {
        ctx.addIssue({ code: 'custom', message: outOfYear, path });
      }
      const weekday = weekdayOfDayNumber(day);
      if (weekday !== 0 && weekday !== 6) {
        ctx.addIssue({
          code: 'custom',
          message:
            '调休上班日应是周六或周日 / A make-up working day is always a Saturday or Sunday',
          path,
        });
      }
      if (daysOff.has(day)) {
        ctx.addIssue({
          code: 'custom',
          message: '该日同时是假日 / This day is also a holiday',
          path,
        });
      }
      if (makeUpSeen.has(day)) {
        ctx.addIssue({ code: 'custom', message: '重复的调休上班日 / Listed twice', path });
      }
      makeUpSeen.add(day);
    });
  });

export type Holiday = z.infer<typeof holidaySchema>;
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export interface CalendarCoverage {
  firstYear: number;
  lastYear: number;
}

/** A date falls in a year whose arrangement is not loaded: the caller must not guess. */
export class CalendarOutOfRangeError extends Error {
  override readonly name = 'CalendarOutOfRangeError';
  readonly localized: { zh: string; en: string };

  constructor(
    readonly year: number,
    readonly coverage: CalendarCoverage,
  ) {
    const zh = `${year} 年的节假日安排尚未导入`;
    const en = `The ${year} holiday arrangement is not loaded`;
    super(`${zh} / ${en}`);
    this.localized = { zh, en };
  }
}

/** The arrangements handed to the calendar contradict themselves or each other. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';

  constructor(
    readonly localized: { zh: string; en: string },
    readonly details: readonly string[] = [],
  ) {
    super(`${localized.zh} / ${localized.en}`);
  }
}

/** Arrow-function members so they may be passed around unbound (e.g. as rule operators). */
export interface WorkingDayCalendar {
  isWorkingDay: (isoDate: string) => boolean;
  /**
   * The deadline `n` working days after `isoDate`: the start day is not counted (accepted on a
   * Friday + 1 = the next Monday, holidays aside). `n = 0` gives `isoDate` itself; a negative `n`
   * counts back, giving the |n|-th working day before `isoDate`.
   */
  addWorkingDays: (isoDate: string, n: number) => string;
  /** Working days after `fromIso` up to and including `toIso`; negative when `toIso` is earlier. */
  workingDaysBetween: (fromIso: string, toIso: string) => number;
  coverage: () => CalendarCoverage;
}

/**
 * Builds a calendar over consecutive years. Only days that must be classified are checked against
 * the loaded years, so counting from 31 December of an unloaded year is fine, but stepping into one
 * throws {@link CalendarOutOfRangeError}. Throws {@link CalendarDataError} for invalid, duplicate,
 * missing-in-between or mutually contradicting years.
 */
export function createWorkingDayCalendar(years: readonly CalendarYear[]): WorkingDayCalendar {
  if (years.length === 0) {
    throw new CalendarDataError({
      zh: '未导入任何年度的节假日安排',
      en: 'No holiday arrangement is loaded',
    });
  }
  const holidays = new Map<number, string>();
  const makeUpWorkdays = new Set<number>();
  const loaded = new Set<number>();

  for (const entry of years) {
    const parsed = calendarYearSchema.safeParse(entry);
    if (!parsed.success) {
      throw new CalendarDataError(
        { zh: '节假日安排数据有误', en: 'A holiday arrangement is invalid' },
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    }
    const calendar = parsed.data;
    if (loaded.has(calendar.year)) {
      throw new CalendarDataError({
        zh: `${calendar.year} 年的节假日安排重复导入`,
        en: `The ${calendar.year} arrangement is given twice`,
      });
    }
    loaded.add(calendar.year);
    for (const holiday of calendar.holidays) {
      const to = isoDateToDayNumber(holiday.to);
      for (let day = isoDateToDayNumber(holiday.from); day <= to; day += 1) {
        if (holidays.has(day) || makeUpWorkdays.has(day)) throw conflictOn(day);
        holidays.set(day, holiday.name);
      }
    }
    for (const isoDate of calendar.makeUpWorkdays) {
      const day = isoDateToDayNumber(isoDate);
      if (holidays.has(day) || makeUpWorkdays.has(day)) throw conflictOn(day);
      makeUpWorkdays.add(day);
    }
  }

  const firstYear = Math.min(...loaded);
  const lastYear = Math.max(...loaded);
  // A gap would make coverage() claim years the calendar cannot answer for.
  for (let year = firstYear; year <= lastYear; year += 1) {
    if (!loaded.has(year)) {
      throw new CalendarDataError({
        zh: `缺少 ${year} 年的节假日安排`,
        en: `The ${year} arrangement is missing between ${firstYear} and ${lastYear}`,
      });
    }
  }
  const coverage: CalendarCoverage = { firstYear, lastYear };
  const firstDay = dayNumberFromParts(firstYear, 1, 1);
  const lastDay = dayNumberFromParts(lastYear, 12, 31);

  const isWorkingDayNumber = (day: number): boolean => {
    if (day < firstDay || day > lastDay) {
      throw new CalendarOutOfRangeError(Number(dayNumberToIsoDate(day).slice(0, 4)), coverage);
    }
    if (holidays.has(day)) return false;
    if (makeUpWorkdays.has(day)) return true;
    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && weekday !== 6;
  };

  return {
    isWorkingDay: (isoDate) => isWorkingDayNumber(isoDateToDayNumber(isoDate)),
    addWorkingDays: (isoDate, n) => {
      if (!Number.isSafeInteger(n)) {
        throw new RangeError(
          `工作日数应为整数 / The number of working days must be an integer: ${n}`,
        );
      }
      let day = isoDateToDayNumber(isoDate);
      const step = n < 0 ? -1 : 1;
      // Each step is range-checked, so even a huge n ends at the edge of the loaded years.
      for (let remaining = Math.abs(n); remaining > 0;) {
        day += step;
        if (isWorkingDayNumber(day)) remaining -= 1;
      }
      return dayNumberToIsoDate(day);
    },
    workingDaysBetween: (fromIso, toIso) => {
      const from = isoDateToDayNumber(fromIso);
      const to = isoDateToDayNumber(toIso);
      const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
      let count = 0;
      for (let day = low + 1; day <= high; day += 1) {
        if (isWorkingDayNumber(day)) count += 1;
      }
      return sign * count;
    },
    coverage: () => ({ ...coverage }),
  };
}

function conflictOn(day: number): CalendarDataError {
  const isoDate = dayNumberToIsoDate(day);
  return new CalendarDataError({
    zh: `${isoDate} 在多个节假日安排中重复出现或相互矛盾`,
    en: `${isoDate} is listed more than once across the arrangements`,
  });
}
