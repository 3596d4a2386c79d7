export { CALENDAR, namedOperations, type RuleData } from './named-operations';
export { RuleEvaluator, type RuleOutcome } from './rule-evaluator';
