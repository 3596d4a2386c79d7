import type { ErrorIssue } from '@shared/api';
import { evaluateCase, type CaseResult } from './case-evaluation';
import type { DevSet } from './dev-set';
import { EvaluationEngine } from './evaluation-engine';
import { KnowledgeLookup } from './knowledge-lookup';
import { evaluateQuestions } from './question-evaluation';
import { checkReferences } from './reference-check';
import { summarise, type EvaluationReport } from './report';

export interface EvaluationOptions {
  /** Shown in the report: where the set was read from. */
  file: string;
  knowledgeDir: string;
  calendarDir: string;
}

/** The set names something the knowledge base lacks: nothing was measured. */
export class DevSetReferenceError extends Error {
  constructor(readonly issues: ErrorIssue[]) {
    super(`The evaluation set refers to ${String(issues.length)} things the knowledge lacks`);
    this.name = 'DevSetReferenceError';
  }
}

/**
 * Runs an evaluation set against a fresh engine holding only the given knowledge: checks what
 * the set refers to, asks its questions, enters and reviews its cases, and sums up the metrics.
 */
export async function runEvaluation(
  devSet: DevSet,
  options: EvaluationOptions,
): Promise<EvaluationReport> {
  const engine = await EvaluationEngine.open({
    knowledgeDir: options.knowledgeDir,
    calendarDir: options.calendarDir,
    startDate: devSet.questionDate,
  });
  try {
    const lookup = new KnowledgeLookup(engine.client);
    const issues = await checkReferences(devSet, engine, lookup);
    if (issues.length > 0) throw new DevSetReferenceError(issues);
    const questions = await evaluateQuestions(devSet, engine, lookup);
    const cases: CaseResult[] = [];
    for (const item of devSet.cases) cases.push(await evaluateCase(item, engine, lookup));
    return {
      devSet: {
        file: options.file,
        name: devSet.name,
        knowledgeBase: devSet.knowledgeBase,
        questionDate: devSet.questionDate,
        questions: devSet.questions.length,
        cases: devSet.cases.length,
      },
      knowledgeDir: options.knowledgeDir,
      warnings: [...engine.warnings],
      summary: summarise(questions, cases),
      questions,
      cases,
    };
  } finally {
    engine.close();
  }
}
