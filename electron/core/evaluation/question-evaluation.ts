import type { Answer } from '@shared/api';
import type { DevSet, DevSetQuestion } from './dev-set';
import type { EvaluationEngine } from './evaluation-engine';
import type { KnowledgeLookup } from './knowledge-lookup';
import { contextApplicant } from './context-applicant';
import { firstRelevantRank, type CitationCheck } from './metrics';

/** Ranking is scored on the first five results: what a clerk's eye takes in. */
export const SEARCH_LIMIT = 5;

export interface RankedHit {
  entryId: string;
  score: number;
  coverage: number;
}

export interface QuestionResult {
  id: string;
  question: string;
  matterCode: string | null;
  expected: string[];
  answerable: boolean;
  /** knowledge.search's first results, best first. */
  ranked: RankedHit[];
  firstRelevantRank: number | null;
  copilot: {
    status: Answer['status'];
    support: number;
    /** `entryId@version`, best first. */
    citations: string[];
    /** Only for answers given (status answered). */
    check: CitationCheck | null;
  };
}

/**
 * Asks every question twice through the contract: `knowledge.search` for the ranking metrics and
 * `copilot.ask` for the copilot's decision and citations. A question with a matter is asked
 * beside a case of that matter, which is how the clerk at the window would ask it.
 */
export async function evaluateQuestions(
  devSet: DevSet,
  engine: EvaluationEngine,
  lookup: KnowledgeLookup,
): Promise<QuestionResult[]> {
  await engine.moveTo(devSet.questionDate);
  const contextCases = new Map<string, number>();
  const caseFor = async (matterCode: string): Promise<number> => {
    const known = contextCases.get(matterCode);
    if (known !== undefined) return known;
    const matter = await lookup.matter(matterCode);
    if (!matter) throw new Error(`Matter ${matterCode} vanished during the run`);
    const created = await engine.client.cases.create({
      matterId: matter.detail.id,
      applicant: contextApplicant(matter.detail.subjectKind),
      note: '评测：提问所在的办件 / evaluation: the case a question is asked beside',
    });
    contextCases.set(matterCode, created.id);
    return created.id;
  };

  const results: QuestionResult[] = [];
  for (const question of devSet.questions) {
    const hits = await engine.client.knowledge.search({
      query: question.question,
      date: devSet.questionDate,
      limit: SEARCH_LIMIT,
      ...(question.matterCode === undefined ? {} : { matterCode: question.matterCode }),
    });
    const ranked = hits.map(({ entryId, score, coverage }) => ({ entryId, score, coverage }));
    const answer = await engine.client.copilot.ask({
      question: question.question,
      ...(question.matterCode === undefined ? {} : { caseId: await caseFor(question.matterCode) }),
    });
    results.push({
      id: question.id,
      question: question.question,
      matterCode: question.matterCode ?? null,
      expected: question.expectedEntryIds,
      answerable: question.expectedEntryIds.length > 0,
      ranked,
      firstRelevantRank: firstRelevantRank({
        expected: question.expectedEntryIds,
        ranked: ranked.map((hit) => hit.entryId),
      }),
      copilot: {
        status: answer.status,
        support: answer.support,
        citations: answer.citations.map(
          (citation) => `${citation.entryId}@${String(citation.version)}`,
        ),
        check:
          answer.status === 'answered'
            ? await checkCitations(answer, question, devSet.questionDate, lookup)
            : null,
      },
    });
  }
  return results;
}

async function checkCitations(
  answer: Answer,
  question: DevSetQuestion,
  date: string,
  lookup: KnowledgeLookup,
): Promise<CitationCheck> {
  let existAndInForce = answer.citations.length > 0;
  for (const citation of answer.citations) {
    const inForce = await lookup.entryInForce(citation.entryId, date);
    if (inForce?.version !== citation.version) existAndInForce = false;
  }
  const expected = question.expectedEntryIds;
  return {
    existAndInForce,
    citesExpected:
      expected.length === 0
        ? null
        : answer.citations.some((citation) => expected.includes(citation.entryId)),
  };
}
