import { describe, expect, it } from 'vitest';
import type { HelpStatsRow } from '../hub/remote';
import {
  daysBetween,
  helpFiguresByDay,
  helpFiguresByDepartment,
  percentPoint,
  shiftIsoDate,
  sumHelpFigures,
} from './help-figures';

function row(day: string, department: string, counts: Partial<HelpStatsRow>): HelpStatsRow {
  return {
    day,
    department,
    requests: 0,
    withdrawnWithinMinute: 0,
    answered: 0,
    answeredWithinMinute: 0,
    medianFirstResponseSeconds: null,
    closed: 0,
    resolved: 0,
    ...counts,
  };
}

const rows: HelpStatsRow[] = [
  row('2026-05-20', '县市场监管局', {
    requests: 4,
    answered: 4,
    answeredWithinMinute: 3,
    medianFirstResponseSeconds: 20,
    closed: 4,
    resolved: 4,
  }),
  row('2026-05-22', '县市场监管局', {
    requests: 2,
    answered: 1,
    answeredWithinMinute: 1,
    medianFirstResponseSeconds: 8,
    closed: 1,
    resolved: 0,
  }),
  row('2026-05-22', '县人社局', { requests: 1 }),
];

describe('the 021 figures', () => {
  it('adds departments and days up, and takes the shares of the totals', () => {
    expect(sumHelpFigures(rows)).toEqual({
      requests: 7,
      withdrawnWithinMinute: 0,
      answerable: 7,
      answered: 5,
      answeredWithinMinute: 4,
      closed: 5,
      resolved: 4,
      withinMinuteRate: 4 / 7,
      resolutionRate: 0.8,
    });
  });

  it('leaves requests withdrawn within their first minute out of the 1-minute share', () => {
    const withdrawn = row('2026-05-23', '县人社局', {
      requests: 3,
      withdrawnWithinMinute: 1,
      answered: 2,
      answeredWithinMinute: 2,
    });
    expect(sumHelpFigures([withdrawn]).withinMinuteRate).toBe(1);
    expect(
      sumHelpFigures([row('2026-05-23', 'x', { requests: 1, withdrawnWithinMinute: 1 })]),
    ).toMatchObject({ withinMinuteRate: null });
  });

  it('has no share where there is nothing to take it of', () => {
    expect(sumHelpFigures([])).toMatchObject({ withinMinuteRate: null, resolutionRate: null });
    const [, quiet] = helpFiguresByDepartment(rows);
    expect(quiet?.figures.resolutionRate).toBeNull();
    expect(percentPoint(null)).toBeNull();
    expect(percentPoint(2 / 3)).toBe(66.7);
  });

  it('lines departments up busiest first, then by name', () => {
    const tied = [...rows, row('2026-05-21', '县公安局', { requests: 1 })];
    expect(helpFiguresByDepartment(tied).map((d) => [d.department, d.figures.requests])).toEqual([
      ['县市场监管局', 6],
      ['县公安局', 1],
      ['县人社局', 1],
    ]);
  });

  it('gives every day of the range a point, quiet days included, with a median for one department', () => {
    const all = helpFiguresByDay(rows, '2026-05-20', '2026-05-22');
    expect(all.map((day) => [day.day, day.figures.requests])).toEqual([
      ['2026-05-20', 4],
      ['2026-05-21', 0],
      ['2026-05-22', 3],
    ]);
    expect(all[1]?.figures.withinMinuteRate).toBeNull();
    expect(all.every((day) => day.medianFirstResponseSeconds === null)).toBe(true);
    const market = helpFiguresByDay(rows, '2026-05-20', '2026-05-22', '县市场监管局');
    expect(market.map((day) => day.medianFirstResponseSeconds)).toEqual([20, null, 8]);
  });

  it('counts days across a month end', () => {
    expect(shiftIsoDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });
});
