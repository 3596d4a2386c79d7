export { parseDevSet, type DevSet } from './dev-set';
export { DevSetReferenceError, runEvaluation, type EvaluationOptions } from './run-evaluation';
export { formatReport } from './report-text';
export type { EvaluationReport } from './report';
