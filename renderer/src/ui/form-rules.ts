import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/** A field that must be filled (blanks do not count), named in the message. */
export function requiredRule(t: TFunction, field: string): FormRule {
  return { required: true, whitespace: true, message: t('common.fieldRequired', { field }) };
}
