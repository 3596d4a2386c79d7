import type { Handlers } from '../rpc/dispatcher';
import type { ApplicationForms } from './application-form';

export { ApplicationForms, STANDARD_TEMPLATE } from './application-form';

export function documentHandlers(
  forms: ApplicationForms,
): Pick<Handlers, 'documents.applicationForm' | 'documents.applicationDocx'> {
  return {
    'documents.applicationForm': (input) => forms.compose(input.caseId),
    'documents.applicationDocx': (input) => forms.docx(input.caseId),
  };
}
