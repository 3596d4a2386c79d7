import type { LocalizedText } from '../api/errors';
import { isIsoDate } from '../domain/iso-date';
import type { materialFieldTypes } from './format';

export type MaterialFieldType = (typeof materialFieldTypes)[number];
type Value = string | number | boolean | null;

const maxLength: Partial<Record<MaterialFieldType, number>> = {
  text: 200,
  longText: 5000,
  address: 200,
  citizenId: 20,
  uscc: 20,
  phone: 20,
};

/**
 * Checks a value read off a material against its field type and normalises it (trimmed text,
 * upper-case codes). ID numbers and credit codes are stored as written even when their check
 * character is wrong: the review rules must see what the material says, and flag it.
 */
export function checkFieldValue(
  type: MaterialFieldType,
  value: Value,
): { ok: true; value: Value } | { ok: false; problem: LocalizedText } {
  if (value === null) return { ok: true, value: null };
  if (type === 'boolean') {
    return typeof value === 'boolean'
      ? { ok: true, value }
      : { ok: false, problem: { zh: '应为“是”或“否”', en: 'Must be yes or no' } };
  }
  if (type === 'number') {
    return typeof value === 'number' && Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, problem: { zh: '应为数字', en: 'Must be a number' } };
  }
  if (typeof value !== 'string') {
    return { ok: false, problem: { zh: '应为文字', en: 'Must be text' } };
  }
  const text = value.trim();
  if (text === '') return { ok: true, value: null };
  const limit = maxLength[type];
  if (limit !== undefined && text.length > limit) {
    return {
      ok: false,
      problem: { zh: `不能超过 ${String(limit)} 个字`, en: `At most ${String(limit)} characters` },
    };
  }
  if (type === 'date' && !isIsoDate(text)) {
    return {
      ok: false,
      problem: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD' },
    };
  }
  if (type === 'citizenId' || type === 'uscc') return { ok: true, value: text.toUpperCase() };
  return { ok: true, value: text };
}
