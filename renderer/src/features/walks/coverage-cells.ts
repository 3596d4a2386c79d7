import type { Coverage } from '@shared/api/walks';

export type CoverageCell = Coverage['cells'][number];
export type CoverageLeader = Coverage['leaders'][number];
export type CoverageMatter = Coverage['matters'][number];

/** What one leader × matter cell shows: the furthest a walk of it got this year. */
export type CellState = 'done' | 'inProgress' | 'scheduled' | 'missing';

export function cellState(cell: CoverageCell | undefined): CellState {
  if (!cell) return 'missing';
  if (cell.done > 0) return 'done';
  if (cell.inProgress > 0) return 'inProgress';
  if (cell.scheduled > 0) return 'scheduled';
  return 'missing';
}

/** The cells by leader and matter, for lookups while drawing the matrix. */
export function cellIndex(coverage: Coverage): Map<string, CoverageCell> {
  return new Map(
    coverage.cells.map((cell) => [cellKey(cell.unitId, cell.leaderId, cell.matterCode), cell]),
  );
}

/** A leader on two units walks for each separately: the unit is part of the key. */
export function cellKey(unitId: number, leaderId: number, matterCode: string): string {
  return `${String(unitId)}|${String(leaderId)}|${matterCode}`;
}

export interface CoverageCsvLabels {
  title: string;
  header: [string, string, string, string, string, string, string, string, string];
  states: Record<CellState, string>;
  gaps: string;
  gapHeader: [string, string, string, string];
  leaderGap: string;
  matterGap: string;
  planned: string;
}

/**
 * The matrix as long-format rows (unit, leader, matter, counts, state) — one row per cell, so
 * units with different matters fit one sheet — then the gaps.
 */
export function coverageCsvRows(
  coverage: Coverage,
  unitNames: ReadonlyMap<number, string>,
  labels: CoverageCsvLabels,
): (string | number)[][] {
  const cells = cellIndex(coverage);
  const rows: (string | number)[][] = [[labels.title], labels.header];
  for (const leader of coverage.leaders) {
    const unit = unitNames.get(leader.unitId) ?? '';
    for (const matter of coverage.matters.filter((item) => item.unitId === leader.unitId)) {
      const cell = cells.get(cellKey(leader.unitId, leader.leaderId, matter.matterCode));
      rows.push([
        unit,
        leader.leaderName,
        leader.title,
        matter.matterCode,
        matter.matterName,
        cell?.done ?? 0,
        cell?.inProgress ?? 0,
        cell?.scheduled ?? 0,
        labels.states[cellState(cell)],
      ]);
    }
  }
  rows.push([], [labels.gaps], labels.gapHeader);
  for (const leader of coverage.leaders.filter((item) => !item.met))
    rows.push([
      labels.leaderGap,
      unitNames.get(leader.unitId) ?? '',
      leader.leaderName,
      leader.title,
    ]);
  for (const matter of coverage.matters.filter((item) => !item.covered))
    rows.push([
      labels.matterGap,
      unitNames.get(matter.unitId) ?? '',
      matter.matterName,
      matter.planned ? labels.planned : '',
    ]);
  return rows;
}
