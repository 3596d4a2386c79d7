/**
 * The evaluation's metrics as pure functions over plain outcomes, so each definition can be read
 * and tested on its own. A rate whose denominator is zero is `null` (not measurable), never 0.
 */

/** `numerator / denominator`, or null when nothing was counted. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** One answerable question: the entry ids that answer it (best first) and the search's ranking. */
export interface RankedQuestion {
  expected: readonly string[];
  ranked: readonly string[];
}

/** 1-based rank of the first result that is any expected entry; null when none was retrieved. */
export function firstRelevantRank(question: RankedQuestion): number | null {
  const index = question.ranked.findIndex((id) => question.expected.includes(id));
  return index < 0 ? null : index + 1;
}

export interface RankingMetrics {
  questions: number;
  k: number;
  /** Share of questions with an expected entry among the first k results. */
  recallAtK: number | null;
  /** Mean of 1 / rank of the first expected entry (0 when none in the results). */
  mrr: number | null;
  /** Share whose first result is the best answer (the first expected id). */
  top1Best: number | null;
  /** Share whose first result is any expected entry. */
  top1Any: number | null;
}

export function rankingMetrics(questions: readonly RankedQuestion[], k: number): RankingMetrics {
  const ranks = questions.map((question) =>
    firstRelevantRank({ expected: question.expected, ranked: question.ranked.slice(0, k) }),
  );
  const within = ranks.filter((rank) => rank !== null).length;
  const reciprocal = ranks.reduce<number>((sum, rank) => sum + (rank === null ? 0 : 1 / rank), 0);
  const best = questions.filter(
    (question) => question.ranked[0] !== undefined && question.ranked[0] === question.expected[0],
  ).length;
  const any = ranks.filter((rank) => rank === 1).length;
  return {
    questions: questions.length,
    k,
    recallAtK: ratio(within, questions.length),
    mrr: ratio(reciprocal, questions.length),
    top1Best: ratio(best, questions.length),
    top1Any: ratio(any, questions.length),
  };
}

/** Whether the knowledge base can answer a question, and whether the copilot refused it. */
export interface BasisDecision {
  answerable: boolean;
  refused: boolean;
}

export interface NoBasisMetrics {
  answerable: number;
  unanswerable: number;
  /** Unanswerable questions the copilot refused (true positives of "no basis"). */
  correctlyRefused: number;
  /** Answerable questions the copilot refused (false positives). */
  wronglyRefused: number;
  /** Unanswerable questions the copilot answered anyway, from a near-miss entry (false negatives). */
  falselyAnswered: number;
  precision: number | null;
  recall: number | null;
  /** Share of answerable questions refused. */
  wrongRefusalRate: number | null;
}

export function noBasisMetrics(decisions: readonly BasisDecision[]): NoBasisMetrics {
  const count = (answerable: boolean, refused: boolean): number =>
    decisions.filter(
      (decision) => decision.answerable === answerable && decision.refused === refused,
    ).length;
  const correctlyRefused = count(false, true);
  const wronglyRefused = count(true, true);
  const falselyAnswered = count(false, false);
  const answerable = decisions.filter((decision) => decision.answerable).length;
  return {
    answerable,
    unanswerable: decisions.length - answerable,
    correctlyRefused,
    wronglyRefused,
    falselyAnswered,
    precision: ratio(correctlyRefused, correctlyRefused + wronglyRefused),
    recall: ratio(correctlyRefused, correctlyRefused + falselyAnswered),
    wrongRefusalRate: ratio(wronglyRefused, answerable),
  };
}

/** One answer the copilot gave (status answered) and what checking its citations found. */
export interface CitationCheck {
  /** Every cited entry exists at the cited version, and that version is in force on the date. */
  existAndInForce: boolean;
  /** At least one cited id is expected; null when the question has no expected entries. */
  citesExpected: boolean | null;
}

export interface CitationMetrics {
  answers: number;
  existAndInForce: number;
  existAndInForceShare: number | null;
  /** Answers to questions with expected entries (the denominator of `citesExpectedShare`). */
  answersWithExpected: number;
  citesExpected: number;
  citesExpectedShare: number | null;
}

export function citationMetrics(checks: readonly CitationCheck[]): CitationMetrics {
  const valid = checks.filter((check) => check.existAndInForce).length;
  const scored = checks.filter((check) => check.citesExpected !== null);
  const citing = scored.filter((check) => check.citesExpected === true).length;
  return {
    answers: checks.length,
    existAndInForce: valid,
    existAndInForceShare: ratio(valid, checks.length),
    answersWithExpected: scored.length,
    citesExpected: citing,
    citesExpectedShare: ratio(citing, scored.length),
  };
}

/** What the engine suggested for a rule point; `none` when it gave no suggestion at all. */
export type PointVerdict = 'pass' | 'fail' | 'error' | 'unsure' | 'none';

/** One rule-kind review point of one case: whether a failure was planted, and the verdict. */
export interface PointOutcome {
  planted: boolean;
  verdict: PointVerdict;
}

/** Whether a point's verdict is what the evaluation set expects. */
export function pointMatches(point: PointOutcome): boolean {
  return point.planted ? point.verdict === 'fail' : point.verdict === 'pass';
}

export interface DefectMetrics {
  points: number;
  planted: number;
  /** Planted failures the rule flagged (true positives). */
  detected: number;
  /** Planted failures not flagged: passed, errored or no verdict (false negatives). */
  missed: number;
  /** Clean points flagged as failing (false positives). */
  falseAlarms: number;
  /** Points whose rule could not be evaluated (each also counted as a miss or a mismatch). */
  errors: number;
  precision: number | null;
  recall: number | null;
  /** Share of all rule points with the expected verdict. */
  accuracy: number | null;
}

export function defectMetrics(points: readonly PointOutcome[]): DefectMetrics {
  const planted = points.filter((point) => point.planted);
  const detected = planted.filter((point) => point.verdict === 'fail').length;
  const falseAlarms = points.filter((point) => !point.planted && point.verdict === 'fail').length;
  return {
    points: points.length,
    planted: planted.length,
    detected,
    missed: planted.length - detected,
    falseAlarms,
    errors: points.filter((point) => point.verdict === 'error').length,
    precision: ratio(detected, detected + falseAlarms),
    recall: ratio(detected, planted.length),
    accuracy: ratio(points.filter(pointMatches).length, points.length),
  };
}

/** A question's answerability and the copilot's support for its best entry. */
export interface SupportedQuestion {
  answerable: boolean;
  support: number;
}

export interface ThresholdRow {
  threshold: number;
  /** Answerable questions whose support is below the threshold (would be refused). */
  wronglyRefused: number;
  /** Unanswerable questions whose support reaches the threshold (would be answered). */
  falselyAnswered: number;
}

/**
 * What the no-basis decision would have been at other support thresholds: the copilot refuses
 * below its threshold, so each row counts both kinds of mistake, to show where a threshold could sit.
 */
export function thresholdSweep(
  questions: readonly SupportedQuestion[],
  thresholds: readonly number[],
): ThresholdRow[] {
  return thresholds.map((threshold) => ({
    threshold,
    wronglyRefused: questions.filter(
      (question) => question.answerable && question.support < threshold,
    ).length,
    falselyAnswered: questions.filter(
      (question) => !question.answerable && question.support >= threshold,
    ).length,
  }));
}
