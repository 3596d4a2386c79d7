import { signedIn } from '../auth';
import type { Handlers } from '../rpc/dispatcher';
import type { CopilotService } from './copilot-service';

export { CopilotRepository } from './copilot-repository';
export { CopilotService, GAP_DUE_WORKING_DAYS, type CopilotModel } from './copilot-service';
export {
  composeExtractiveAnswer,
  SUPPORT_THRESHOLD,
  WEIGHTED_SUPPORT_THRESHOLD,
} from './extractive-answer';

export function copilotHandlers(
  copilot: CopilotService,
): Pick<
  Handlers,
  | 'copilot.ask'
  | 'copilot.generate'
  | 'copilot.conversation'
  | 'copilot.feedback'
  | 'gaps.list'
  | 'gaps.close'
> {
  return {
    'copilot.ask': (input, context) => copilot.ask(input, signedIn(context)),
    'copilot.generate': (input, context) =>
      copilot.generate(input.answerId, signedIn(context), (text) => {
        context.connection.send({
          type: 'event',
          event: 'copilot.token',
          payload: { answerId: input.answerId, text },
        });
      }),
    'copilot.conversation': (input, context) =>
      copilot.conversation(input.conversationId, signedIn(context)),
    'copilot.feedback': (input, context) => copilot.feedback(input, signedIn(context)),
    'gaps.list': (input) => copilot.gaps(input),
    'gaps.close': (input, context) => copilot.closeGap(input, signedIn(context)),
  };
}
