import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { checkPassword } from './password-strength';
import { requiredRule } from '../../ui/form-rules';

/** Client-side check for a new password; the engine checks again (INVALID_INPUT). */
export function newPasswordRules(t: TFunction, label: string): FormRule[] {
  return [
    requiredRule(t, label),
    {
      validator: (_rule, value: unknown) => {
        const password = typeof value === 'string' ? value : '';
        if (!password) return Promise.resolve();
        const check = checkPassword(password);
        if (!check.long) return Promise.reject(new Error(t('password.tooShort')));
        if (!check.acceptable) return Promise.reject(new Error(t('password.tooFewClasses')));
        return Promise.resolve();
      },
    },
  ];
}

/** The "type it again" field: must equal the field called `passwordField`. */
export function confirmPasswordRules(t: TFunction, passwordField: string): FormRule[] {
  return [
    requiredRule(t, t('password.confirm')),
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || getFieldValue(passwordField) === value
          ? Promise.resolve()
          : Promise.reject(new Error(t('password.mismatch'))),
    }),
  ];
}
