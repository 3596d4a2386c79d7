import { walkStages, type WalkStage, type WalkStageRecord } from '@shared/api';
import type { StoredStage } from './walk-repository';

export interface CaseTransition {
  kind: string;
  at: string;
  data: Record<string, unknown>;
}

type Edges = Partial<Record<WalkStage, { start?: string; end?: string }>>;

/**
 * The stage edges a linked case knows from its own history:
 * 申请 from the case's opening to the start of its review; 受理 from there to the acceptance
 * decision (accepted or refused; correction rounds in between belong to it); 审核 from acceptance
 * to completion; 办结 begins at completion (its end, handing over the result, is the leader's).
 * 咨询 and 反馈 happen outside the case.
 */
export function caseStageEdges(createdAt: string, transitions: readonly CaseTransition[]): Edges {
  const reviewStarted = transitions.find((each) => each.kind === 'review_started')?.at;
  const decision = transitions.find(
    (each) =>
      each.kind === 'review_concluded' &&
      (each.data.outcome === 'accept' || each.data.outcome === 'reject'),
  );
  const accepted = decision?.data.outcome === 'accept' ? decision.at : undefined;
  const completed = transitions.find((each) => each.kind === 'completed')?.at;
  return {
    apply: { start: createdAt, ...(reviewStarted && { end: reviewStarted }) },
    accept: {
      ...(reviewStarted && { start: reviewStarted }),
      ...(decision && { end: decision.at }),
    },
    review: {
      ...(accepted && { start: accepted }),
      ...(accepted && completed && { end: completed }),
    },
    complete: { ...(completed && { start: completed }) },
  };
}

/**
 * A stage as shown: an edge the leader edited wins; else the linked case's; else the timer's.
 */
export function effectiveStages(
  stored: readonly StoredStage[],
  fromCase: Edges | undefined,
): WalkStageRecord[] {
  return walkStages.map((stage) => {
    const row = stored.find((each) => each.stage === stage);
    const caseEdges = fromCase?.[stage];
    const start = edge(row?.startedAt ?? null, row?.startSource ?? null, caseEdges?.start);
    const end = edge(row?.endedAt ?? null, row?.endSource ?? null, caseEdges?.end);
    return {
      stage,
      startedAt: start.at,
      endedAt: end.at,
      startSource: start.source,
      endSource: end.source,
      durationMinutes:
        start.at !== null && end.at !== null
          ? Math.round((Date.parse(end.at) - Date.parse(start.at)) / 60_000)
          : null,
      channel: row?.channel ?? null,
      observations: row?.observations ?? null,
      rating: row?.rating ?? null,
    };
  });
}

function edge(
  stored: string | null,
  source: StoredStage['startSource'],
  fromCase: string | undefined,
): { at: string | null; source: 'timer' | 'case' | 'edited' | null } {
  if (source === 'edited') return { at: stored, source: stored === null ? null : 'edited' };
  if (fromCase !== undefined) return { at: fromCase, source: 'case' };
  return { at: stored, source: stored === null ? null : source };
}

/**
 * The stage the leader is timing: started by the timer (or an edit) and not yet ended. A stage a
 * linked case opened (审核 waiting on the department) runs on without the leader's timer.
 */
export function runningStage(stages: readonly WalkStageRecord[]): WalkStage | null {
  const open = stages.filter((stage) => stage.startedAt !== null && stage.endedAt === null);
  return (open.findLast((stage) => stage.startSource !== 'case') ?? open.at(-1))?.stage ?? null;
}

/** A case's history rows (left-joined, so a case without transitions gives one empty row). */
export function transitionsOf(
  rows: readonly { kind: string | null; at: string | null; data: string | null }[],
): CaseTransition[] {
  return rows.flatMap((row) =>
    row.kind !== null && row.at !== null
      ? [
          {
            kind: row.kind,
            at: row.at,
            data: JSON.parse(row.data ?? '{}') as Record<string, unknown>,
          },
        ]
      : [],
  );
}
