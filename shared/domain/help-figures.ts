import type { HelpStatsRow } from '../hub/remote';
import { dayNumberToIsoDate, isoDateToDayNumber } from './iso-date';

/**
 * The "021" standard of the help desk: a first human answer within 1 minute, and more than 90% of
 * the requests closed resolved. The hub counts per department and Beijing day; these add its rows
 * up for a department, a day or a whole period, on a terminal's screen and in the hub's console.
 */
export const RESOLUTION_TARGET = 0.9;

export interface HelpFigures {
  requests: number;
  /** Withdrawn within the first minute, before anyone answered: outside the 1-minute share. */
  withdrawnWithinMinute: number;
  answered: number;
  answeredWithinMinute: number;
  /** Closed as resolved or unresolved; cancelled requests count as neither. */
  closed: number;
  resolved: number;
  /** The requests an expert had a whole minute to answer: the base of the 1-minute share. */
  answerable: number;
  /** Of the answerable requests, answered within the minute; null when there were none. */
  withinMinuteRate: number | null;
  /** Resolved of the closed; null when none was closed. */
  resolutionRate: number | null;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Adds rows up (a period, a day across departments, a department across days). */
export function sumHelpFigures(rows: readonly HelpStatsRow[]): HelpFigures {
  const total = {
    requests: 0,
    withdrawnWithinMinute: 0,
    answered: 0,
    answeredWithinMinute: 0,
    closed: 0,
    resolved: 0,
  };
  for (const row of rows) {
    total.requests += row.requests;
    total.withdrawnWithinMinute += row.withdrawnWithinMinute;
    total.answered += row.answered;
    total.answeredWithinMinute += row.answeredWithinMinute;
    total.closed += row.closed;
    total.resolved += row.resolved;
  }
  const answerable = total.requests - total.withdrawnWithinMinute;
  return {
    ...total,
    answerable,
    withinMinuteRate: ratio(total.answeredWithinMinute, answerable),
    resolutionRate: ratio(total.resolved, total.closed),
  };
}

/** Every day from `from` to `to` (ISO dates, inclusive), so quiet days show as gaps. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = isoDateToDayNumber(to);
  for (let day = isoDateToDayNumber(from); day <= end; day += 1) days.push(dayNumberToIsoDate(day));
  return days;
}

/** The same date `days` earlier (negative) or later. */
export function shiftIsoDate(isoDate: string, days: number): string {
  return dayNumberToIsoDate(isoDateToDayNumber(isoDate) + days);
}

export interface HelpDay {
  day: string;
  figures: HelpFigures;
  /** The department's own median for the day, when the series is of one department. */
  medianFirstResponseSeconds: number | null;
}

/** One entry per day of the period, quiet days included: one department, or all when none named. */
export function helpFiguresByDay(
  rows: readonly HelpStatsRow[],
  from: string,
  to: string,
  department?: string,
): HelpDay[] {
  const chosen = department === undefined ? rows : rows.filter((r) => r.department === department);
  return daysBetween(from, to).map((day) => {
    const ofDay = chosen.filter((row) => row.day === day);
    return {
      day,
      figures: sumHelpFigures(ofDay),
      // Medians do not add up: only a single department's day has one.
      medianFirstResponseSeconds:
        department !== undefined && ofDay.length === 1
          ? (ofDay[0]?.medianFirstResponseSeconds ?? null)
          : null,
    };
  });
}

/** Per department over the period, busiest first (then by name, as Chinese readers sort). */
export function helpFiguresByDepartment(
  rows: readonly HelpStatsRow[],
): { department: string; figures: HelpFigures }[] {
  const departments = [...new Set(rows.map((row) => row.department))];
  return departments
    .map((department) => ({
      department,
      figures: sumHelpFigures(rows.filter((row) => row.department === department)),
    }))
    .sort(
      (a, b) =>
        b.figures.requests - a.figures.requests ||
        a.department.localeCompare(b.department, 'zh-Hans-CN'),
    );
}

/** A share as a percentage to a tenth, for charts; null stays null (nothing to take it of). */
export function percentPoint(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
