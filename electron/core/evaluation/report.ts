import type { CaseResult } from './case-evaluation';
import {
  citationMetrics,
  defectMetrics,
  noBasisMetrics,
  rankingMetrics,
  ratio,
  type CitationCheck,
  type CitationMetrics,
  type DefectMetrics,
  type NoBasisMetrics,
  type RankingMetrics,
  thresholdSweep,
  type ThresholdRow,
} from './metrics';
import { SEARCH_LIMIT, type QuestionResult } from './question-evaluation';

export interface EvaluationSummary {
  /** knowledge.search over answerable questions. */
  retrieval: RankingMetrics;
  /** copilot.ask: when it said it had no basis. */
  noBasis: NoBasisMetrics;
  /** copilot.ask: the citations of the answers it gave. */
  citations: CitationMetrics;
  /** Answers to answerable questions whose first citation is an expected entry. */
  copilotFirstCitationExpected: number | null;
  /** The no-basis mistakes at other support thresholds (the copilot's own is 0.6). */
  supportSweep: ThresholdRow[];
  /** Rule-kind review points over all cases that could be entered. */
  review: DefectMetrics;
  /** Cases the engine refused to open: their points are not in `review`. */
  casesNotEvaluated: string[];
}

const SWEPT_THRESHOLDS = [0.2, 0.3, 0.4, 0.45, 0.5, 0.6];

export interface EvaluationReport {
  devSet: {
    file: string;
    name: string;
    knowledgeBase: string;
    questionDate: string;
    questions: number;
    cases: number;
  };
  knowledgeDir: string;
  /** Knowledge files refused at import and other engine warnings. */
  warnings: string[];
  summary: EvaluationSummary;
  questions: QuestionResult[];
  cases: CaseResult[];
}

export function summarise(questions: QuestionResult[], cases: CaseResult[]): EvaluationSummary {
  const answerable = questions.filter((question) => question.answerable);
  const checks = questions
    .map((question) => question.copilot.check)
    .filter((check): check is CitationCheck => check !== null);
  const answeredAnswerable = answerable.filter(
    (question) => question.copilot.status === 'answered',
  );
  const firstCitedExpected = answeredAnswerable.filter((question) => {
    const first = question.copilot.citations[0]?.split('@')[0];
    return first !== undefined && question.expected.includes(first);
  }).length;
  return {
    retrieval: rankingMetrics(
      answerable.map((question) => ({
        expected: question.expected,
        ranked: question.ranked.map((hit) => hit.entryId),
      })),
      SEARCH_LIMIT,
    ),
    noBasis: noBasisMetrics(
      questions.map((question) => ({
        answerable: question.answerable,
        refused: question.copilot.status === 'no_basis',
      })),
    ),
    citations: citationMetrics(checks),
    copilotFirstCitationExpected: ratio(firstCitedExpected, answeredAnswerable.length),
    supportSweep: thresholdSweep(
      questions.map((question) => ({
        answerable: question.answerable,
        support: question.copilot.support,
      })),
      SWEPT_THRESHOLDS,
    ),
    review: defectMetrics(cases.flatMap((item) => item.points)),
    casesNotEvaluated: cases.filter((item) => item.points.length === 0).map((item) => item.id),
  };
}

/**
 * Answerable questions ranked worst first: no expected entry in the results, then by how far
 * down the first one came; ties keep the set's order.
 */
export function worstQuestions(questions: QuestionResult[], limit: number): QuestionResult[] {
  const rankOf = (question: QuestionResult): number =>
    question.firstRelevantRank ?? Number.POSITIVE_INFINITY;
  return questions
    .filter((question) => question.answerable && rankOf(question) > 1)
    .sort((a, b) => rankOf(b) - rankOf(a))
    .slice(0, limit);
}
