import { describe, expect, it } from 'vitest';
import type { HelpStatsRow } from '@shared/api/remote';
import { daysBetween, figuresByDay, figuresByDepartment, percent, sumFigures } from './help-stats';

const row = (day: string, department: string, counts: Partial<HelpStatsRow>): HelpStatsRow => ({
  day,
  department,
  requests: 0,
  answered: 0,
  answeredWithinMinute: 0,
  medianFirstResponseSeconds: null,
  closed: 0,
  resolved: 0,
  ...counts,
});

const rows = [
  row('2026-03-01', '县市场监督管理局', { requests: 4, answered: 4, answeredWithinMinute: 3 }),
  row('2026-03-01', '县人力资源和社会保障局', { requests: 1, answered: 1, closed: 1 }),
  row('2026-03-03', '县市场监督管理局', {
    requests: 2,
    answered: 2,
    answeredWithinMinute: 2,
    closed: 4,
    resolved: 3,
  }),
];

describe('help-desk figures', () => {
  it('adds rows up, with rates of what they count', () => {
    expect(sumFigures(rows)).toEqual({
      requests: 7,
      answered: 7,
      answeredWithinMinute: 5,
      closed: 5,
      resolved: 3,
      withinMinuteRate: 5 / 7,
      resolutionRate: 3 / 5,
    });
    expect(sumFigures([])).toMatchObject({ withinMinuteRate: null, resolutionRate: null });
  });

  it('lists every day of the period, quiet ones too', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    const days = daysBetween('2026-03-01', '2026-03-03');
    const all = figuresByDay(rows, days, undefined);
    expect(all.map((d) => d.figures.requests)).toEqual([5, 0, 2]);
    expect(all[1]?.figures.withinMinuteRate).toBeNull();
    const one = figuresByDay(rows, days, '县人力资源和社会保障局');
    expect(one.map((d) => d.figures.requests)).toEqual([1, 0, 0]);
  });

  it('compares departments, busiest first, and rounds shares to a tenth of a percent', () => {
    expect(figuresByDepartment(rows).map((d) => [d.department, d.figures.requests])).toEqual([
      ['县市场监督管理局', 6],
      ['县人力资源和社会保障局', 1],
    ]);
    expect(percent(2 / 3)).toBe(66.7);
    expect(percent(null)).toBeNull();
  });
});
