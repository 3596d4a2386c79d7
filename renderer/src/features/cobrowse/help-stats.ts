import type { HelpStatsRow } from '@shared/api/remote';

/** The "021" standard: a first human answer within a minute, more than 90% resolved. */
export const RESOLUTION_TARGET = 0.9;

export interface HelpFigures {
  requests: number;
  answered: number;
  answeredWithinMinute: number;
  closed: number;
  resolved: number;
  /** Of all requests, answered within a minute; null without requests. */
  withinMinuteRate: number | null;
  /** Of the requests closed as resolved or unresolved; null when none was. */
  resolutionRate: number | null;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Adds rows up (a period, a day across departments, a department across days). */
export function sumFigures(rows: readonly HelpStatsRow[]): HelpFigures {
  const total = { requests: 0, answered: 0, answeredWithinMinute: 0, closed: 0, resolved: 0 };
  for (const row of rows) {
    total.requests += row.requests;
    total.answered += row.answered;
    total.answeredWithinMinute += row.answeredWithinMinute;
    total.closed += row.closed;
    total.resolved += row.resolved;
  }
  return {
    ...total,
    withinMinuteRate: ratio(total.answeredWithinMinute, total.requests),
    resolutionRate: ratio(total.resolved, total.closed),
  };
}

/** Every day from `from` to `to` (YYYY-MM-DD, inclusive), so quiet days show as gaps. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** Per day of the period: the figures of one department, or of all when none is named. */
export function figuresByDay(
  rows: readonly HelpStatsRow[],
  days: readonly string[],
  department: string | undefined,
): { day: string; figures: HelpFigures }[] {
  const chosen = department === undefined ? rows : rows.filter((r) => r.department === department);
  return days.map((day) => ({ day, figures: sumFigures(chosen.filter((r) => r.day === day)) }));
}

/** Per department over the period, busiest first. */
export function figuresByDepartment(
  rows: readonly HelpStatsRow[],
): { department: string; figures: HelpFigures }[] {
  const departments = [...new Set(rows.map((row) => row.department))];
  return departments
    .map((department) => ({
      department,
      figures: sumFigures(rows.filter((row) => row.department === department)),
    }))
    .sort((a, b) => b.figures.requests - a.figures.requests);
}

/** A share as a whole percentage for charts and tables; null stays null (no data). */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
