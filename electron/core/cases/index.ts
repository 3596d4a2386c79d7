import { signedIn } from '../auth';
import type { Handlers } from '../rpc/dispatcher';
import type { CaseService } from './case-service';

export { CaseRepository } from './case-repository';
export { CaseService } from './case-service';

export function caseHandlers(
  cases: CaseService,
): Pick<
  Handlers,
  | 'cases.create'
  | 'cases.list'
  | 'cases.get'
  | 'cases.reveal'
  | 'cases.setMaterialState'
  | 'cases.complete'
  | 'applicants.lookup'
  | 'addresses.suggest'
> {
  return {
    'cases.create': (input, context) => cases.create(input, signedIn(context)),
    'cases.list': (input) => cases.list(input),
    'cases.get': (input) => cases.get(input.id),
    'cases.reveal': (input) => cases.reveal(input.id),
    'cases.setMaterialState': (input, context) => cases.setMaterialState(input, signedIn(context)),
    'cases.complete': (input, context) => cases.complete(input, signedIn(context)),
    'applicants.lookup': (input) => cases.lookupApplicant(input),
    'addresses.suggest': (input) => cases.suggestAddresses(input),
  };
}
