import type { FormInstance } from 'antd';
import type { ConsoleLanguage } from '../i18n';
import { errorText, toCallError } from './call-error';

/**
 * Puts a refusal under the field it is about (the hub's path `body.id` names the form field
 * `id`). Returns true when it found its field, false when the page must show it above the form.
 */
export function showErrorOnField(
  form: FormInstance,
  error: unknown,
  language: ConsoleLanguage,
): boolean {
  const typed = toCallError(error);
  if (typed.code !== 'INVALID_INPUT' && typed.code !== 'CONFLICT') return false;
  const [part, field] = typed.path;
  if (part !== 'body' || typeof field !== 'string') return false;
  const known = form.getFieldsError().some(({ name }) => name.join('.') === field);
  if (!known) return false;
  form.setFields([{ name: field, errors: [errorText(typed, language)] }]);
  return true;
}
