import { businessDate } from './business-date';

/**
 * The yearly requirement of "walk the process" (我陪群众走流程): every member of a unit's
 * leadership team walks at least once a year, and the unit's leaders together cover all of its
 * high-frequency matters. Only finished walks count; walks under way and scheduled ones show
 * what is coming. Pure, so the engine, the hub and the tests agree.
 */

export type CoverageWalkStatus = 'scheduled' | 'in_progress' | 'paused' | 'finished' | 'cancelled';

export interface CoverageWalk {
  unitId: number;
  leaderId: number;
  matterCode: string;
  status: CoverageWalkStatus;
  /** When the walk started (a stored UTC timestamp); null while only scheduled. */
  startedAt: string | null;
  /** The planned day (`YYYY-MM-DD`, Beijing calendar). */
  plannedDate: string | null;
}

export interface CoverageUnitInput {
  unitId: number;
  unitName: string;
  leaders: readonly { leaderId: number; leaderName: string; title: string }[];
  /** The unit's high-frequency matters. */
  matters: readonly { matterCode: string; matterName: string }[];
}

export interface CoverageCell {
  unitId: number;
  leaderId: number;
  matterCode: string;
  done: number;
  inProgress: number;
  scheduled: number;
}

export interface CoverageResult {
  year: number;
  cells: CoverageCell[];
  leaders: {
    unitId: number;
    leaderId: number;
    leaderName: string;
    title: string;
    done: number;
    inProgress: number;
    scheduled: number;
    met: boolean;
  }[];
  matters: {
    unitId: number;
    matterCode: string;
    matterName: string;
    covered: boolean;
    planned: boolean;
  }[];
  units: {
    unitId: number;
    unitName: string;
    leaders: number;
    leadersMet: number;
    matters: number;
    mattersCovered: number;
    complete: boolean;
  }[];
}

/**
 * The year a walk counts for: the Beijing calendar year of its start (a walk begun at 00:30 on
 * 1 January Beijing time is next year's, though it is still 31 December in UTC), or of its
 * planned day while it has not started.
 */
export function walkYear(walk: Pick<CoverageWalk, 'startedAt' | 'plannedDate'>): number {
  const day = walk.startedAt !== null ? businessDate(new Date(walk.startedAt)) : walk.plannedDate;
  if (day === null) throw new Error('A walk has neither a start nor a planned day');
  return Number(day.slice(0, 4));
}

type Tally = Pick<CoverageCell, 'done' | 'inProgress' | 'scheduled'>;

function tallyOf(status: CoverageWalkStatus): Tally | undefined {
  if (status === 'finished') return { done: 1, inProgress: 0, scheduled: 0 };
  if (status === 'in_progress' || status === 'paused')
    return { done: 0, inProgress: 1, scheduled: 0 };
  if (status === 'scheduled') return { done: 0, inProgress: 0, scheduled: 1 };
  return undefined;
}

function add(into: Tally, tally: Tally): void {
  into.done += tally.done;
  into.inProgress += tally.inProgress;
  into.scheduled += tally.scheduled;
}

/**
 * Coverage of `year` for the given units. A walk counts for the unit it was recorded under; a
 * leader who sits in two units walks for each separately.
 */
export function computeCoverage(
  year: number,
  units: readonly CoverageUnitInput[],
  walks: readonly CoverageWalk[],
  /**
   * The day plans are judged on: a walk planned for an earlier day that never started is a gap,
   * not a plan. Without it every plan counts.
   */
  today?: string,
): CoverageResult {
  const byUnit = new Map<number, CoverageWalk[]>();
  for (const walk of walks) {
    if (walk.status === 'cancelled' || walkYear(walk) !== year) continue;
    const lapsed =
      walk.status === 'scheduled' &&
      today !== undefined &&
      walk.plannedDate !== null &&
      walk.plannedDate < today;
    if (lapsed) continue;
    const list = byUnit.get(walk.unitId) ?? [];
    list.push(walk);
    byUnit.set(walk.unitId, list);
  }
  const result: CoverageResult = { year, cells: [], leaders: [], matters: [], units: [] };
  for (const unit of units) {
    const unitWalks = byUnit.get(unit.unitId) ?? [];
    const leaderIds = new Set(unit.leaders.map((leader) => leader.leaderId));
    const leaderTally = new Map<number, Tally>();
    const cellTally = new Map<string, Tally>();
    const matterTally = new Map<string, Tally>();
    for (const walk of unitWalks) {
      const tally = tallyOf(walk.status);
      if (!tally) continue;
      // A walk by someone no longer on the team still covers the matter it walked.
      const matter = matterTally.get(walk.matterCode) ?? { done: 0, inProgress: 0, scheduled: 0 };
      add(matter, tally);
      matterTally.set(walk.matterCode, matter);
      if (!leaderIds.has(walk.leaderId)) continue;
      const leader = leaderTally.get(walk.leaderId) ?? { done: 0, inProgress: 0, scheduled: 0 };
      add(leader, tally);
      leaderTally.set(walk.leaderId, leader);
      const key = `${String(walk.leaderId)}\u0000${walk.matterCode}`;
      const cell = cellTally.get(key) ?? { done: 0, inProgress: 0, scheduled: 0 };
      add(cell, tally);
      cellTally.set(key, cell);
    }
    let leadersMet = 0;
    for (const leader of unit.leaders) {
      const tally = leaderTally.get(leader.leaderId) ?? { done: 0, inProgress: 0, scheduled: 0 };
      const met = tally.done > 0;
      if (met) leadersMet += 1;
      result.leaders.push({ unitId: unit.unitId, ...leader, ...tally, met });
      for (const matter of unit.matters) {
        const cell = cellTally.get(`${String(leader.leaderId)}\u0000${matter.matterCode}`);
        if (cell)
          result.cells.push({
            unitId: unit.unitId,
            leaderId: leader.leaderId,
            matterCode: matter.matterCode,
            ...cell,
          });
      }
    }
    let mattersCovered = 0;
    for (const matter of unit.matters) {
      const tally = matterTally.get(matter.matterCode);
      const covered = (tally?.done ?? 0) > 0;
      if (covered) mattersCovered += 1;
      const planned = !covered && (tally?.inProgress ?? 0) + (tally?.scheduled ?? 0) > 0;
      result.matters.push({ unitId: unit.unitId, ...matter, covered, planned });
    }
    result.units.push({
      unitId: unit.unitId,
      unitName: unit.unitName,
      leaders: unit.leaders.length,
      leadersMet,
      matters: unit.matters.length,
      mattersCovered,
      // A unit without a leadership team on record cannot meet the requirement.
      complete:
        unit.leaders.length > 0 &&
        leadersMet === unit.leaders.length &&
        mattersCovered === unit.matters.length,
    });
  }
  return result;
}

/** The median of durations (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
