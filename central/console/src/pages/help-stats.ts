import type { HelpStatsRow } from '@shared/hub/remote';
import type { TFunction } from 'i18next';

/**
 * The "021" standard of the remote window: a first human answer within 1 minute, and more than 90%
 * of the requests closed resolved. The hub counts per department and Beijing day
 * (`adminHelpStats`); these add its rows up for a department, a day or the whole range.
 */
export const RESOLUTION_TARGET = 0.9;

/** What adds up across days and departments (a median does not, so it is not here). */
export interface HelpTotals {
  requests: number;
  answered: number;
  answeredWithinMinute: number;
  /** Closed as resolved or unresolved; cancelled requests count as neither. */
  closed: number;
  resolved: number;
}

export interface DepartmentTotals extends HelpTotals {
  department: string;
}

export interface DayTotals extends HelpTotals {
  day: string;
  /** The department's own median for the day, when the series is of one department. */
  medianFirstResponseSeconds: number | null;
}

const zero: HelpTotals = {
  requests: 0,
  answered: 0,
  answeredWithinMinute: 0,
  closed: 0,
  resolved: 0,
};

function add(total: HelpTotals, row: HelpTotals): HelpTotals {
  return {
    requests: total.requests + row.requests,
    answered: total.answered + row.answered,
    answeredWithinMinute: total.answeredWithinMinute + row.answeredWithinMinute,
    closed: total.closed + row.closed,
    resolved: total.resolved + row.resolved,
  };
}

/** A share, or null when there is nothing to take it of (no requests, none closed). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The share of requests answered (claimed) within a minute of being raised. */
export function withinMinuteShare(totals: HelpTotals): number | null {
  return ratio(totals.answeredWithinMinute, totals.requests);
}

/** Resolved / (resolved + unresolved). */
export function resolutionRate(totals: HelpTotals): number | null {
  return ratio(totals.resolved, totals.closed);
}

export function overallTotals(rows: readonly HelpStatsRow[]): HelpTotals {
  return rows.reduce<HelpTotals>(add, zero);
}

/** One line per department, the busiest first (then by name, as Chinese readers sort). */
export function departmentTotals(rows: readonly HelpStatsRow[]): DepartmentTotals[] {
  const byDepartment = new Map<string, HelpTotals>();
  for (const row of rows)
    byDepartment.set(row.department, add(byDepartment.get(row.department) ?? zero, row));
  return [...byDepartment]
    .map(([department, totals]) => ({ department, ...totals }))
    .sort(
      (a, b) => b.requests - a.requests || a.department.localeCompare(b.department, 'zh-Hans-CN'),
    );
}

/** Every day from `from` to `to` (ISO dates, inclusive). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * One point per day of the range, quiet days included (with no requests, so no share), for one
 * department or all of them.
 */
export function daySeries(
  rows: readonly HelpStatsRow[],
  from: string,
  to: string,
  department?: string,
): DayTotals[] {
  const chosen = department === undefined ? rows : rows.filter((r) => r.department === department);
  return daysBetween(from, to).map((day) => {
    const ofDay = chosen.filter((row) => row.day === day);
    return {
      day,
      ...overallTotals(ofDay),
      medianFirstResponseSeconds:
        department !== undefined && ofDay.length === 1
          ? (ofDay[0]?.medianFirstResponseSeconds ?? null)
          : null,
    };
  });
}

/** The hub counts by Beijing day (UTC+8, no daylight saving), wherever the console is opened. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The same date `days` earlier or later. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** A wait in the two largest units a person reads it in: 45 秒, 2 分 05 秒, 3 小时 10 分. */
export function durationParts(totalSeconds: number): {
  unit: DurationUnit;
  values: { d: number; h: number; m: number; s: string };
} {
  const whole = Math.max(0, Math.round(totalSeconds));
  const d = Math.floor(whole / 86_400);
  const h = Math.floor((whole % 86_400) / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const unit: DurationUnit = d > 0 ? 'days' : h > 0 ? 'hours' : m > 0 ? 'minutes' : 'seconds';
  return {
    unit,
    values: { d, h, m, s: unit === 'minutes' ? String(seconds).padStart(2, '0') : String(seconds) },
  };
}

/** The wait in words of the current language (`remote.duration.*`). */
export function durationText(t: TFunction, totalSeconds: number): string {
  const { unit, values } = durationParts(totalSeconds);
  return t(`remote.duration.${unit}`, values);
}
