import { describe, expect, it } from 'vitest';
import type { HelpStatsRow } from '@shared/hub/remote';
import { formatPercent } from '../ui/format';
import {
  beijingDay,
  daySeries,
  daysBetween,
  departmentTotals,
  durationParts,
  overallTotals,
  resolutionRate,
  shiftDay,
  withinMinuteShare,
} from './help-stats';

function row(day: string, department: string, counts: Partial<HelpStatsRow>): HelpStatsRow {
  return {
    day,
    department,
    requests: 0,
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

describe('the 021 totals', () => {
  it('adds departments and days up, and takes the shares of the totals', () => {
    const totals = overallTotals(rows);
    expect(totals).toEqual({
      requests: 7,
      answered: 5,
      answeredWithinMinute: 4,
      closed: 5,
      resolved: 4,
    });
    expect(withinMinuteShare(totals)).toBeCloseTo(4 / 7);
    expect(resolutionRate(totals)).toBe(0.8);
    expect(departmentTotals(rows).map((line) => [line.department, line.requests])).toEqual([
      ['县市场监管局', 6],
      ['县人社局', 1],
    ]);
  });

  it('has no share where there is nothing to take it of', () => {
    const [, quiet] = departmentTotals(rows);
    expect(quiet && resolutionRate(quiet)).toBeNull();
    expect(withinMinuteShare(overallTotals([]))).toBeNull();
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });

  it('gives every day of the range a point, quiet days included, with a median for one department', () => {
    const all = daySeries(rows, '2026-05-20', '2026-05-22');
    expect(all.map((day) => [day.day, day.requests])).toEqual([
      ['2026-05-20', 4],
      ['2026-05-21', 0],
      ['2026-05-22', 3],
    ]);
    expect(all.every((day) => day.medianFirstResponseSeconds === null)).toBe(true);
    const market = daySeries(rows, '2026-05-20', '2026-05-22', '县市场监管局');
    expect(market.map((day) => day.medianFirstResponseSeconds)).toEqual([20, null, 8]);
  });
});

describe('days and durations', () => {
  it('counts Beijing days across a month end', () => {
    expect(beijingDay(new Date('2026-05-31T16:30:00Z'))).toBe('2026-06-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('reads a wait in its two largest units', () => {
    expect(durationParts(42.4)).toMatchObject({ unit: 'seconds', values: { s: '42' } });
    expect(durationParts(125)).toMatchObject({ unit: 'minutes', values: { m: 2, s: '05' } });
    expect(durationParts(3 * 3600 + 600)).toMatchObject({ unit: 'hours', values: { h: 3, m: 10 } });
    expect(durationParts(90_000)).toMatchObject({ unit: 'days', values: { d: 1, h: 1 } });
  });
});
