import { signedIn } from '../auth';
import type { Handlers } from '../rpc/dispatcher';
import type { ReviewService } from './review-service';

export { CALENDAR, namedOperations, type RuleData } from './named-operations';
export { ReviewRepository } from './review-repository';
export { ReviewService, type PassageFinder, type ReviewModel } from './review-service';
export { RuleEvaluator, type RuleOutcome } from './rule-evaluator';

export function reviewHandlers(
  review: ReviewService,
): Pick<
  Handlers,
  | 'review.get'
  | 'review.start'
  | 'review.saveFields'
  | 'review.decide'
  | 'review.suggest'
  | 'review.prefill'
  | 'review.conclude'
  | 'review.notice'
> {
  return {
    'review.get': (input, context) => review.get(input.caseId, signedIn(context)),
    'review.start': (input, context) => review.start(input.caseId, signedIn(context)),
    'review.saveFields': (input, context) => review.saveFields(input, signedIn(context)),
    'review.decide': (input, context) => review.decide(input, signedIn(context)),
    'review.suggest': (input) => review.suggest(input),
    'review.prefill': (input) => review.prefill(input.caseId),
    'review.conclude': (input, context) => review.conclude(input.caseId, signedIn(context)),
    'review.notice': (input) => review.notice(input.caseId),
  };
}
