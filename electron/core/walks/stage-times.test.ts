import { describe, expect, it } from 'vitest';
import { caseStageEdges, effectiveStages, runningStage } from './stage-times';
import type { StoredStage } from './walk-repository';

const opened = '2026-11-20T01:00:00.000Z';
const transitions = [
  { kind: 'review_started', at: '2026-11-20T01:10:00.000Z', data: { round: 1 } },
  { kind: 'review_concluded', at: '2026-11-20T01:30:00.000Z', data: { outcome: 'correction' } },
  { kind: 'review_started', at: '2026-11-23T01:00:00.000Z', data: { round: 2 } },
  { kind: 'review_concluded', at: '2026-11-23T01:20:00.000Z', data: { outcome: 'accept' } },
  { kind: 'completed', at: '2026-11-25T08:00:00.000Z', data: {} },
];

function stored(partial: Partial<StoredStage> & Pick<StoredStage, 'stage'>): StoredStage {
  return {
    walkId: 1,
    startedAt: null,
    endedAt: null,
    startSource: null,
    endSource: null,
    channel: null,
    observations: null,
    rating: null,
    ...partial,
  };
}

describe('stage times', () => {
  it('reads 申请 受理 审核 办结 from a case; a correction round belongs to 受理', () => {
    expect(caseStageEdges(opened, transitions)).toEqual({
      apply: { start: opened, end: '2026-11-20T01:10:00.000Z' },
      accept: { start: '2026-11-20T01:10:00.000Z', end: '2026-11-23T01:20:00.000Z' },
      review: { start: '2026-11-23T01:20:00.000Z', end: '2026-11-25T08:00:00.000Z' },
      complete: { start: '2026-11-25T08:00:00.000Z' },
    });
  });

  it('ends 受理 at a refusal, with no 审核 after it', () => {
    const refused = [
      { kind: 'review_started', at: '2026-11-20T01:10:00.000Z', data: {} },
      { kind: 'review_concluded', at: '2026-11-20T01:40:00.000Z', data: { outcome: 'reject' } },
    ];
    const edges = caseStageEdges(opened, refused);
    expect(edges.accept?.end).toBe('2026-11-20T01:40:00.000Z');
    expect(edges.review).toEqual({});
  });

  it('lets an edit win over the case, and the case over the timer', () => {
    const stages = effectiveStages(
      [
        stored({ stage: 'apply', startedAt: '2026-11-20T00:55:00.000Z', startSource: 'edited' }),
        stored({ stage: 'accept', startedAt: '2026-11-20T01:11:00.000Z', startSource: 'timer' }),
      ],
      caseStageEdges(opened, transitions),
    );
    expect(stages.find((s) => s.stage === 'apply')).toMatchObject({
      startSource: 'edited',
      endSource: 'case',
      durationMinutes: 15,
    });
    expect(stages.find((s) => s.stage === 'accept')?.startSource).toBe('case');
    expect(stages.find((s) => s.stage === 'consult')?.durationMinutes).toBeNull();
  });

  it('names the stage the leader is timing, not one a case left open', () => {
    const stages = effectiveStages(
      [stored({ stage: 'consult', startedAt: '2026-11-20T00:50:00.000Z', startSource: 'timer' })],
      caseStageEdges(opened, transitions.slice(0, 4)),
    );
    expect(stages.find((s) => s.stage === 'review')?.endedAt).toBeNull();
    expect(runningStage(stages)).toBe('consult');
  });
});
