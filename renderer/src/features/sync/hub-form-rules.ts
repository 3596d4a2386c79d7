import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { enrolmentCodeSchema } from '@shared/hub/protocol';

/** An absolute http(s) address with a host: what `sync.enrol` and `sync.setHubUrl` accept. */
export function isHubUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function hubUrlRule(t: TFunction): FormRule {
  return {
    validator: (_rule, value: string | undefined) =>
      !value?.trim() || isHubUrl(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t('sync.hubUrlInvalid'))),
  };
}

export function enrolmentCodeRule(t: TFunction): FormRule {
  return {
    validator: (_rule, value: string | undefined) =>
      !value?.trim() || enrolmentCodeSchema.safeParse(value).success
        ? Promise.resolve()
        : Promise.reject(new Error(t('sync.codeInvalid'))),
  };
}

/** Types an enrolment code as it is printed: capitals, two groups of five (ABCDE-FGHJK). */
export function formatEnrolmentCode(value: string | undefined): string {
  const plain = (value ?? '')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, 10);
  return plain.length > 5 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain;
}
