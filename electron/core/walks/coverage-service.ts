import {
  findingCategories,
  type Coverage,
  type ParsedInput,
  type WalkDashboard,
  type WalkStage,
} from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import { computeCoverage, median } from '@shared/domain/walk-coverage';
import type { Clock } from '../clock';
import type { FindingRepository } from './finding-repository';
import { caseStageEdges, effectiveStages, transitionsOf } from './stage-times';
import type { UnitService } from './unit-service';
import type { WalkRepository } from './walk-repository';

type CoverageInput = ParsedInput<'coverage.matrix'>;

/** Where a unit stands for a year: the coverage matrix and the dashboard's figures. */
export class CoverageService {
  constructor(
    private readonly walks: WalkRepository,
    private readonly findings: FindingRepository,
    private readonly units: UnitService,
    private readonly clock: Clock,
  ) {}

  matrix(input: CoverageInput): Coverage {
    const units = this.units.list(input.unitId).map((unit) => ({
      unitId: unit.id,
      unitName: unit.name,
      leaders: unit.leaders.map((leader) => ({
        leaderId: leader.userId,
        leaderName: leader.displayName,
        title: leader.title,
      })),
      matters: unit.matters
        .filter(
          (matter) =>
            matter.highFrequency &&
            (input.matterCode === undefined || matter.matterCode === input.matterCode),
        )
        .map((matter) => ({ matterCode: matter.matterCode, matterName: matter.matterName })),
    }));
    return computeCoverage(
      input.year,
      units,
      this.walks.forCoverage(input.year, input.unitId),
      businessDate(this.clock.now()),
    );
  }

  dashboard(input: CoverageInput): WalkDashboard {
    const walks = this.walks.finishedOfYear(input.year, input.unitId, input.matterCode);
    const stored = groupBy(this.walks.stages(walks.map((walk) => walk.id)), (s) => s.walkId);
    const transitions = groupBy(
      this.walks.caseTransitions(
        walks.flatMap((walk) => (walk.caseId === null ? [] : [walk.caseId])),
      ),
      (row) => row.caseId,
    );
    const durations = new Map<string, { matterName: string; minutes: number[] }>();
    for (const walk of walks) {
      const caseRows = walk.caseId === null ? [] : (transitions.get(walk.caseId) ?? []);
      const createdAt = caseRows[0]?.createdAt;
      const edges =
        createdAt === undefined ? undefined : caseStageEdges(createdAt, transitionsOf(caseRows));
      const stages = effectiveStages(stored.get(walk.id) ?? [], edges);
      for (const stage of stages) {
        if (stage.durationMinutes === null) continue;
        const key = `${walk.matterCode}\u0000${stage.stage}`;
        const entry = durations.get(key) ?? { matterName: walk.matterName, minutes: [] };
        entry.minutes.push(stage.durationMinutes);
        durations.set(key, entry);
      }
    }
    const categories = this.findings.categoryCounts({
      year: input.year,
      unitId: input.unitId,
      matterCode: input.matterCode,
    });
    const rectifications = this.findings
      .rectifications({ year: input.year, unitId: input.unitId })
      .filter((row) => input.matterCode === undefined || row.matterCode === input.matterCode);
    const today = businessDate(this.clock.now());
    return {
      year: input.year,
      stageDurations: [...durations.entries()].map(([key, entry]) => {
        const [matterCode = '', stage = ''] = key.split('\u0000');
        return {
          matterCode,
          matterName: entry.matterName,
          stage: stage as WalkStage,
          walks: entry.minutes.length,
          medianMinutes: median(entry.minutes),
          worstMinutes: Math.max(...entry.minutes),
        };
      }),
      findingsByCategory: findingCategories.map((category) => ({
        category,
        count: categories.get(category) ?? 0,
      })),
      closureByMonth: closureByMonth(input.year, rectifications),
      totals: {
        walks: walks.length,
        findings: [...categories.values()].reduce((sum, count) => sum + count, 0),
        rectifications: rectifications.length,
        closed: rectifications.filter((row) => row.state === 'closed').length,
        overdue: rectifications.filter(
          (row) => (row.state === 'pending' || row.state === 'in_progress') && row.dueDate < today,
        ).length,
      },
    };
  }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Rectifications raised and closed in each month of the year (Beijing calendar), and the share
 * of those raised so far that are closed.
 */
function closureByMonth(
  year: number,
  rectifications: readonly { createdAt: string; closedAt: string | null }[],
): WalkDashboard['closureByMonth'] {
  const monthOf = (timestamp: string) => businessDate(new Date(timestamp)).slice(0, 7);
  let raisedSoFar = 0;
  let closedSoFar = 0;
  return Array.from({ length: 12 }, (_, index) => {
    const month = `${String(year)}-${String(index + 1).padStart(2, '0')}`;
    const raised = rectifications.filter((row) => monthOf(row.createdAt) === month).length;
    const closed = rectifications.filter(
      (row) => row.closedAt !== null && monthOf(row.closedAt) === month,
    ).length;
    raisedSoFar += raised;
    closedSoFar += closed;
    return {
      month,
      raised,
      closed,
      cumulativeRate: raisedSoFar === 0 ? null : closedSoFar / raisedSoFar,
    };
  });
}
