import jsonLogic from 'json-logic-js';
import type { LocalizedText } from '@shared/api';
import type { WorkingDayCalendar } from '@shared/domain/working-days';
import { CALENDAR, namedOperations, type RuleData } from './named-operations';

export type RuleOutcome =
  | { outcome: 'pass' }
  | { outcome: 'fail' }
  /** The rule could not be evaluated (a bug in the rule): the clerk decides, the error is shown. */
  | { outcome: 'error'; reason: LocalizedText };

/**
 * Evaluates review-point rules (JSONLogic over the case). json-logic-js keeps its operations in
 * one table for the process; ours are registered there once, and are pure functions of their
 * arguments and the case data, so sharing the table is harmless.
 */
export class RuleEvaluator {
  private static registered = false;

  constructor(private readonly calendar: WorkingDayCalendar | undefined) {
    if (!RuleEvaluator.registered) {
      for (const [name, operation] of Object.entries(namedOperations)) {
        jsonLogic.add_operation(name, operation);
      }
      RuleEvaluator.registered = true;
    }
  }

  evaluate(rule: unknown, data: Omit<RuleData, typeof CALENDAR>): RuleOutcome {
    try {
      const result: unknown = jsonLogic.apply(rule as jsonLogic.RulesLogic, {
        ...data,
        [CALENDAR]: this.calendar,
      });
      return jsonLogic.truthy(result) ? { outcome: 'pass' } : { outcome: 'fail' };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        outcome: 'error',
        reason: { zh: `规则无法计算：${detail}`, en: `The rule could not be evaluated: ${detail}` },
      };
    }
  }
}
