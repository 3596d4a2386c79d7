import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { parseCitizenId } from '@shared/domain/citizen-id';
import { isPhoneNumber } from '@shared/domain/phone';
import { parseUscc } from '@shared/domain/uscc';
import { requiredRule } from '../../ui/form-rules';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * GB 11643 check while typing: a wrong character, date or check digit shows at once; "too short"
 * waits until the field is left (or the form is sent), so typing is not nagged.
 */
export function citizenIdRules(t: TFunction): FormRule[] {
  const problem = (value: unknown) => {
    const raw = text(value);
    if (!raw) return undefined;
    const result = parseCitizenId(raw);
    return result.ok ? undefined : result.problem;
  };
  return [
    requiredRule(t, t('newCase.person.idNumber')),
    {
      validator: (_rule, value: unknown) => {
        const found = problem(value);
        const tooLong = text(value).length > 18;
        if (!found || (found === 'length' && !tooLong)) return Promise.resolve();
        return Promise.reject(new Error(t(`newCase.idProblems.${found}`)));
      },
    },
    {
      validateTrigger: 'onBlur',
      validator: (_rule, value: unknown) =>
        problem(value) === 'length'
          ? Promise.reject(new Error(t('newCase.idProblems.length')))
          : Promise.resolve(),
    },
  ];
}

/** GB 32100 check for the unified social credit code, in the same manner. */
export function usccRules(t: TFunction): FormRule[] {
  const problem = (value: unknown) => {
    const raw = text(value);
    if (!raw) return undefined;
    const result = parseUscc(raw);
    return result.ok ? undefined : result.problem;
  };
  return [
    requiredRule(t, t('newCase.enterprise.uscc')),
    {
      validator: (_rule, value: unknown) => {
        const found = problem(value);
        const tooLong = text(value).length > 18;
        if (!found || (found === 'length' && !tooLong)) return Promise.resolve();
        return Promise.reject(new Error(t(`newCase.usccProblems.${found}`)));
      },
    },
    {
      validateTrigger: 'onBlur',
      validator: (_rule, value: unknown) =>
        problem(value) === 'length'
          ? Promise.reject(new Error(t('newCase.usccProblems.length')))
          : Promise.resolve(),
    },
  ];
}

export function phoneRules(t: TFunction, required: boolean, label: string): FormRule[] {
  return [
    ...(required ? [requiredRule(t, label)] : []),
    {
      validateTrigger: 'onBlur',
      validator: (_rule, value: unknown) => {
        const raw = text(value);
        return !raw || isPhoneNumber(raw)
          ? Promise.resolve()
          : Promise.reject(new Error(t('newCase.phoneInvalid')));
      },
    },
  ];
}
