import { describe, expect, it } from 'vitest';
import { computeCoverage, median, walkYear, type CoverageWalk } from './walk-coverage';

const unit = {
  unitId: 1,
  unitName: '县市场监督管理局',
  leaders: [
    { leaderId: 10, leaderName: '王局长', title: '局长' },
    { leaderId: 11, leaderName: '李副局长', title: '副局长' },
  ],
  matters: [
    { matterCode: 'SPJY', matterName: '食品经营许可' },
    { matterCode: 'GTSL', matterName: '个体工商户设立登记' },
  ],
};

function walk(partial: Partial<CoverageWalk>): CoverageWalk {
  return {
    unitId: 1,
    leaderId: 10,
    matterCode: 'SPJY',
    status: 'finished',
    startedAt: '2026-03-02T02:00:00.000Z',
    plannedDate: null,
    ...partial,
  };
}

describe('walk coverage', () => {
  it('names a leader with no walk this year and a matter no leader covered', () => {
    const coverage = computeCoverage(2026, [unit], [walk({})]);
    expect(coverage.leaders.map((l) => [l.leaderId, l.met])).toEqual([
      [10, true],
      [11, false],
    ]);
    expect(coverage.matters.map((m) => [m.matterCode, m.covered])).toEqual([
      ['SPJY', true],
      ['GTSL', false],
    ]);
    expect(coverage.units[0]).toMatchObject({ leadersMet: 1, mattersCovered: 1, complete: false });
    expect(coverage.cells).toEqual([
      { leaderId: 10, matterCode: 'SPJY', done: 1, inProgress: 0, scheduled: 0 },
    ]);
  });

  it('is complete when every leader walked and the leaders together covered every matter', () => {
    const coverage = computeCoverage(
      2026,
      [unit],
      [walk({}), walk({ leaderId: 11, matterCode: 'GTSL' })],
    );
    expect(coverage.units[0]?.complete).toBe(true);
  });

  it('counts only finished walks; under way and scheduled ones show as planned', () => {
    const coverage = computeCoverage(
      2026,
      [unit],
      [
        walk({ status: 'paused' }),
        walk({ leaderId: 11, status: 'scheduled', startedAt: null, plannedDate: '2026-12-30' }),
        walk({ leaderId: 11, matterCode: 'GTSL', status: 'cancelled' }),
      ],
    );
    expect(coverage.leaders.every((l) => !l.met)).toBe(true);
    expect(coverage.matters.find((m) => m.matterCode === 'SPJY')).toMatchObject({
      covered: false,
      planned: true,
    });
    expect(coverage.matters.find((m) => m.matterCode === 'GTSL')?.planned).toBe(false);
    expect(coverage.cells).toEqual([
      { leaderId: 10, matterCode: 'SPJY', done: 0, inProgress: 1, scheduled: 0 },
      { leaderId: 11, matterCode: 'SPJY', done: 0, inProgress: 0, scheduled: 1 },
    ]);
  });

  it('does not count last year’s walk, and counts by the Beijing calendar at the boundary', () => {
    // 16:30 UTC on 31 December is 00:30 on 1 January in Beijing.
    const newYearsNight = walk({ startedAt: '2025-12-31T16:30:00.000Z' });
    const newYearsEve = walk({ leaderId: 11, startedAt: '2025-12-31T15:59:59.999Z' });
    expect(walkYear(newYearsNight)).toBe(2026);
    expect(walkYear(newYearsEve)).toBe(2025);
    const coverage = computeCoverage(2026, [unit], [newYearsNight, newYearsEve]);
    expect(coverage.leaders.map((l) => l.met)).toEqual([true, false]);
    expect(
      computeCoverage(2025, [unit], [newYearsNight, newYearsEve]).leaders.map((l) => l.met),
    ).toEqual([false, true]);
  });

  it('counts a walk on 29 February of a leap year in that year', () => {
    const leapDay = walk({ startedAt: '2028-02-29T01:00:00.000Z' });
    expect(walkYear(leapDay)).toBe(2028);
    expect(computeCoverage(2028, [unit], [leapDay]).leaders[0]?.met).toBe(true);
    const planned = walk({ status: 'scheduled', startedAt: null, plannedDate: '2028-02-29' });
    expect(walkYear(planned)).toBe(2028);
  });

  it('credits a walk to the unit it was recorded under, not to the leader’s other unit', () => {
    const other = { ...unit, unitId: 2, unitName: '县政务服务中心' };
    const coverage = computeCoverage(2026, [unit, other], [walk({})]);
    expect(coverage.units.map((u) => u.leadersMet)).toEqual([1, 0]);
  });

  it('lets a former leader’s walk cover the matter but not count as a leader', () => {
    const coverage = computeCoverage(2026, [unit], [walk({ leaderId: 99 })]);
    expect(coverage.matters[0]?.covered).toBe(true);
    expect(coverage.leaders.every((l) => !l.met)).toBe(true);
  });

  it('never calls a unit without leaders complete', () => {
    const empty = { ...unit, leaders: [], matters: [] };
    expect(computeCoverage(2026, [empty], []).units[0]?.complete).toBe(false);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
