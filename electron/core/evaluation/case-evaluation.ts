import { ApiError, type Review } from '@shared/api';
import type { DevSetCase } from './dev-set';
import type { EvaluationEngine } from './evaluation-engine';
import type { KnowledgeLookup } from './knowledge-lookup';
import { pointMatches, type PointVerdict } from './metrics';

export interface PointResult {
  code: string;
  title: string;
  planted: boolean;
  verdict: PointVerdict;
  /** The engine's reason, for errors and mismatches. */
  reason: string | null;
  matches: boolean;
}

export interface CaseResult {
  id: string;
  matterCode: string;
  description: string;
  today: string;
  createdAt: string;
  /** Set-up steps the engine refused (e.g. a value of the wrong type): the case is still scored. */
  problems: string[];
  /** Rule-kind points only; empty when the case could not be created. */
  points: PointResult[];
}

/**
 * Enters one case as a clerk would — created on its `createdAt`, materials marked and fields
 * saved on its `today` — then reads the review and each rule point's suggested verdict.
 */
export async function evaluateCase(
  item: DevSetCase,
  engine: EvaluationEngine,
  lookup: KnowledgeLookup,
): Promise<CaseResult> {
  const createdAt = item.createdAt ?? item.today;
  const result: CaseResult = {
    id: item.id,
    matterCode: item.matterCode,
    description: item.description,
    today: item.today,
    createdAt,
    problems: [],
    points: [],
  };
  const attempt = async (step: string, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.problems.push(`${step}: ${error.localized.zh} / ${error.localized.en}`);
      return false;
    }
  };

  // Cases are created "now": the clock stands on the day the application was received.
  await engine.moveTo(createdAt);
  const matter = await lookup.matter(item.matterCode);
  if (!matter) {
    result.problems.push(`cases.create: ${createdAt} 没有有效的事项 / no matter in effect`);
    return result;
  }
  let caseId: number | undefined;
  await attempt('cases.create', async () => {
    caseId = (
      await engine.client.cases.create({ matterId: matter.detail.id, applicant: item.applicant })
    ).id;
  });
  if (caseId === undefined) return result;
  const id = caseId;

  await engine.moveTo(item.today);
  for (const [materialCode, material] of Object.entries(item.materials)) {
    if (material.state !== 'pending') {
      await attempt(`cases.setMaterialState ${materialCode}`, () =>
        engine.client.cases.setMaterialState({
          caseId: id,
          materialCode,
          state: material.state,
          ...(material.state === 'to_correct'
            ? { note: '评测集设定 / set by the evaluation set' }
            : {}),
        }),
      );
    }
    if (material.fields && Object.keys(material.fields).length > 0) {
      const values = material.fields;
      await attempt(`review.saveFields ${materialCode}`, () =>
        engine.client.review.saveFields({ caseId: id, materialCode, values }),
      );
    }
  }

  const review: Review = await engine.client.review.get({ caseId: id });
  const planted = new Set(item.expectedFailures);
  result.points = review.points
    .filter((point) => point.kind === 'rule')
    .map((point) => {
      const verdict: PointVerdict = point.suggestion?.verdict ?? 'none';
      const outcome = { planted: planted.has(point.code), verdict };
      const matches = pointMatches(outcome);
      return {
        code: point.code,
        title: point.title,
        ...outcome,
        reason: matches ? null : (point.suggestion?.reason.zh ?? null),
        matches,
      };
    });
  return result;
}
