import { describe, expect, it } from 'vitest';
import {
  citationMetrics,
  defectMetrics,
  firstRelevantRank,
  noBasisMetrics,
  pointMatches,
  rankingMetrics,
  ratio,
  thresholdSweep,
} from './metrics';

describe('ranking metrics', () => {
  it('finds the rank of the first expected entry, whichever expected entry it is', () => {
    expect(firstRelevantRank({ expected: ['A', 'B'], ranked: ['X', 'B', 'A'] })).toBe(2);
    expect(firstRelevantRank({ expected: ['A'], ranked: ['X', 'Y'] })).toBeNull();
  });

  it('computes recall@k, MRR and both top-1 rates over the first k results only', () => {
    const metrics = rankingMetrics(
      [
        { expected: ['A'], ranked: ['A', 'X'] }, // rank 1, best
        { expected: ['A', 'B'], ranked: ['B', 'A'] }, // rank 1, not the best
        { expected: ['A'], ranked: ['X', 'Y', 'Z', 'A'] }, // rank 4
        { expected: ['A'], ranked: ['X', 'Y', 'A'] }, // beyond k = 2: a miss
      ],
      2,
    );
    expect(metrics).toEqual({
      questions: 4,
      k: 2,
      recallAtK: 0.5,
      mrr: 0.5,
      top1Best: 0.25,
      top1Any: 0.5,
    });
  });

  it('says nothing was measured rather than zero when there are no questions', () => {
    expect(rankingMetrics([], 5).mrr).toBeNull();
    expect(ratio(0, 0)).toBeNull();
  });
});

describe('no-basis decision', () => {
  it('counts refusals of unanswerable questions as hits and of answerable ones as errors', () => {
    const metrics = noBasisMetrics([
      { answerable: false, refused: true },
      { answerable: false, refused: true },
      { answerable: false, refused: false },
      { answerable: true, refused: true },
      { answerable: true, refused: false },
      { answerable: true, refused: false },
      { answerable: true, refused: false },
    ]);
    expect(metrics).toEqual({
      answerable: 4,
      unanswerable: 3,
      correctlyRefused: 2,
      wronglyRefused: 1,
      falselyAnswered: 1,
      precision: 2 / 3,
      recall: 2 / 3,
      wrongRefusalRate: 0.25,
    });
  });

  it('sweeps thresholds: below refuses, at or above answers', () => {
    const rows = thresholdSweep(
      [
        { answerable: true, support: 0.5 },
        { answerable: true, support: 0.3 },
        { answerable: false, support: 0.4 },
      ],
      [0.4, 0.5],
    );
    expect(rows).toEqual([
      { threshold: 0.4, wronglyRefused: 1, falselyAnswered: 1 },
      { threshold: 0.5, wronglyRefused: 1, falselyAnswered: 0 },
    ]);
  });
});

describe('citation metrics', () => {
  it('scores "cites an expected entry" only over questions that have expected entries', () => {
    const metrics = citationMetrics([
      { existAndInForce: true, citesExpected: true },
      { existAndInForce: true, citesExpected: false },
      { existAndInForce: false, citesExpected: null },
    ]);
    expect(metrics).toEqual({
      answers: 3,
      existAndInForce: 2,
      existAndInForceShare: 2 / 3,
      answersWithExpected: 2,
      citesExpected: 1,
      citesExpectedShare: 0.5,
    });
  });
});

describe('defect detection', () => {
  it('counts an error on a planted point as a miss, and on a clean point as a mismatch', () => {
    const points = [
      { planted: true, verdict: 'fail' as const },
      { planted: true, verdict: 'error' as const },
      { planted: true, verdict: 'pass' as const },
      { planted: false, verdict: 'fail' as const },
      { planted: false, verdict: 'pass' as const },
      { planted: false, verdict: 'error' as const },
    ];
    expect(defectMetrics(points)).toEqual({
      points: 6,
      planted: 3,
      detected: 1,
      missed: 2,
      falseAlarms: 1,
      errors: 2,
      precision: 0.5,
      recall: 1 / 3,
      accuracy: 2 / 6,
    });
    expect(points.map(pointMatches)).toEqual([true, false, false, false, true, false]);
  });
});
