import fc from 'fast-check';
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
      { unitId: 1, leaderId: 10, matterCode: 'SPJY', done: 1, inProgress: 0, scheduled: 0 },
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
      { unitId: 1, leaderId: 10, matterCode: 'SPJY', done: 0, inProgress: 1, scheduled: 0 },
      { unitId: 1, leaderId: 11, matterCode: 'SPJY', done: 0, inProgress: 0, scheduled: 1 },
    ]);
  });

  it('treats a plan whose day has passed without a walk as a gap', () => {
    const lapsed = walk({ status: 'scheduled', startedAt: null, plannedDate: '2026-03-01' });
    const coming = walk({ status: 'scheduled', startedAt: null, plannedDate: '2026-12-01' });
    expect(computeCoverage(2026, [unit], [lapsed], '2026-06-01').matters[0]?.planned).toBe(false);
    expect(computeCoverage(2026, [unit], [lapsed], '2026-06-01').cells).toEqual([]);
    expect(computeCoverage(2026, [unit], [coming], '2026-06-01').matters[0]?.planned).toBe(true);
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

  it('finds exactly the gaps of a generated unit (property, against a plain re-count)', () => {
    const statuses = ['scheduled', 'in_progress', 'paused', 'finished', 'cancelled'] as const;
    const generatedWalk = fc.record({
      unitId: fc.constantFrom(1, 2),
      leaderId: fc.integer({ min: 1, max: 6 }),
      matterCode: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
      status: fc.constantFrom(...statuses),
      // Instants around the 2025/2026 and 2026/2027 boundaries as well as inside the year.
      at: fc.integer({
        min: Date.parse('2025-12-30T00:00:00Z'),
        max: Date.parse('2027-01-02T00:00:00Z'),
      }),
    });
    fc.assert(
      fc.property(
        fc.array(generatedWalk, { maxLength: 60 }),
        fc.subarray([1, 2, 3, 4, 5]),
        fc.subarray(['A', 'B', 'C', 'D']),
        (generated, leaderIds, matterCodes) => {
          const walks: CoverageWalk[] = generated.map((each) => ({
            unitId: each.unitId,
            leaderId: each.leaderId,
            matterCode: each.matterCode,
            status: each.status,
            startedAt: each.status === 'scheduled' ? null : new Date(each.at).toISOString(),
            plannedDate:
              each.status === 'scheduled'
                ? new Date(each.at + 8 * 3_600_000).toISOString().slice(0, 10)
                : null,
          }));
          const generatedUnit = {
            unitId: 1,
            unitName: '生成的单位',
            leaders: leaderIds.map((id) => ({
              leaderId: id,
              leaderName: `L${String(id)}`,
              title: '',
            })),
            matters: matterCodes.map((code) => ({ matterCode: code, matterName: code })),
          };
          const coverage = computeCoverage(2026, [generatedUnit], walks);
          // The re-count: Beijing year by adding 8 hours, nothing shared with the code under test.
          const yearOf = (walk: CoverageWalk) =>
            walk.startedAt === null
              ? Number(walk.plannedDate?.slice(0, 4))
              : new Date(Date.parse(walk.startedAt) + 8 * 3_600_000).getUTCFullYear();
          const done = walks.filter(
            (walk) => walk.unitId === 1 && walk.status === 'finished' && yearOf(walk) === 2026,
          );
          const leadersWithout = leaderIds.filter((id) => !done.some((w) => w.leaderId === id));
          const mattersUncovered = matterCodes.filter(
            (code) => !done.some((w) => w.matterCode === code),
          );
          expect(coverage.leaders.filter((l) => !l.met).map((l) => l.leaderId)).toEqual(
            leadersWithout,
          );
          expect(coverage.matters.filter((m) => !m.covered).map((m) => m.matterCode)).toEqual(
            mattersUncovered,
          );
          expect(coverage.units[0]?.complete).toBe(
            leaderIds.length > 0 && leadersWithout.length === 0 && mattersUncovered.length === 0,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
