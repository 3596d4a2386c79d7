import { describe, expect, it } from 'vitest';
import type { Coverage } from '@shared/api/walks';
import { cellState, coverageCsvRows, type CoverageCsvLabels } from './coverage-cells';

const coverage: Coverage = {
  year: 2025,
  cells: [
    { unitId: 7, leaderId: 1, matterCode: 'A', done: 2, inProgress: 0, scheduled: 1 },
    { unitId: 7, leaderId: 2, matterCode: 'A', done: 0, inProgress: 0, scheduled: 1 },
  ],
  leaders: [
    {
      unitId: 7,
      leaderId: 1,
      leaderName: '王局长',
      title: '局长',
      done: 2,
      inProgress: 0,
      scheduled: 1,
      met: true,
    },
    {
      unitId: 7,
      leaderId: 2,
      leaderName: '李副局长',
      title: '副局长',
      done: 0,
      inProgress: 0,
      scheduled: 1,
      met: false,
    },
  ],
  matters: [
    { unitId: 7, matterCode: 'A', matterName: '事项甲', covered: true, planned: false },
    { unitId: 7, matterCode: 'B', matterName: '事项乙', covered: false, planned: false },
  ],
  units: [],
};

const labels: CoverageCsvLabels = {
  title: 'T',
  header: ['u', 'l', 't', 'c', 'n', 'd', 'i', 's', 'state'],
  states: { done: '已完成', inProgress: '进行中', scheduled: '已安排', missing: '缺' },
  gaps: 'G',
  gapHeader: ['k', 'u', 'n', 'note'],
  leaderGap: '未走',
  matterGap: '未覆盖',
  planned: '已安排',
};

describe('coverage cells', () => {
  it('shows the furthest state a walk reached', () => {
    expect(cellState(coverage.cells[0])).toBe('done');
    expect(cellState(coverage.cells[1])).toBe('scheduled');
    expect(cellState(undefined)).toBe('missing');
  });

  it('writes one row per leader and matter of the unit, then the gaps', () => {
    const rows = coverageCsvRows(coverage, new Map([[7, '县局']]), labels);
    expect(rows.slice(2, 6)).toEqual([
      ['县局', '王局长', '局长', 'A', '事项甲', 2, 0, 1, '已完成'],
      ['县局', '王局长', '局长', 'B', '事项乙', 0, 0, 0, '缺'],
      ['县局', '李副局长', '副局长', 'A', '事项甲', 0, 0, 1, '已安排'],
      ['县局', '李副局长', '副局长', 'B', '事项乙', 0, 0, 0, '缺'],
    ]);
    expect(rows.slice(-2)).toEqual([
      ['未走', '县局', '李副局长', '副局长'],
      ['未覆盖', '县局', '事项乙', ''],
    ]);
  });
});
