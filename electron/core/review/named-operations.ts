import type { FieldValue, MaterialState } from '@shared/api';
import { parseCitizenId } from '@shared/domain/citizen-id';
import { isIsoDate, isoDateToDayNumber } from '@shared/domain/iso-date';
import { isPhoneNumber } from '@shared/domain/phone';
import { parseUscc } from '@shared/domain/uscc';
import type { WorkingDayCalendar } from '@shared/domain/working-days';
import type { NamedRuleOperator } from '@shared/knowledge/rule-operators';

/** Where the evaluator puts the holiday calendar on the data: invisible to a rule's `var`. */
export const CALENDAR = Symbol('calendar');

/** The case as rules see it (docs/knowledge-format.md, "rule data"). */
export interface RuleData {
  applicant: Record<string, unknown>;
  materials: Record<
    string,
    { received: boolean; state: MaterialState; fields: Record<string, FieldValue> }
  >;
  case: { reference: string; createdAt: string; matterCode: string };
  today: string;
  [CALENDAR]?: WorkingDayCalendar | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const isoDate = (value: unknown): string | undefined => {
  const date = text(value)?.trim();
  return date !== undefined && isIsoDate(date) ? date : undefined;
};

/** Names compare equal whatever their spaces and full- or half-width brackets. */
function normalisedName(value: unknown): string | undefined {
  const name = text(value)?.replace(/\s+/g, '').replaceAll('（', '(').replaceAll('）', ')');
  return name === undefined || name === '' ? undefined : name;
}

function ageOn(subject: unknown, onDate: unknown): number | null {
  const on = isoDate(onDate);
  const given = text(subject)?.trim() ?? '';
  const id = parseCitizenId(given);
  const birth = id.ok ? id.birthDate : isoDate(given);
  if (!on || !birth) return null;
  const [by = 0, bm = 0, bd = 0] = birth.split('-').map(Number);
  const [oy = 0, om = 0, od = 0] = on.split('-').map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/**
 * The named operators a rule may use beside standard JSONLogic. Each is called with the case
 * data as `this` (json-logic-js binds it), so `received` and the default dates can read the case.
 * Semantics are those documented in docs/knowledge-format.md.
 */
export const namedOperations: Record<
  NamedRuleOperator,
  (this: RuleData, ...args: unknown[]) => unknown
> = {
  validCitizenId(value) {
    const id = text(value);
    return id !== undefined && parseCitizenId(id).ok;
  },
  validUscc(value) {
    const code = text(value);
    return code !== undefined && parseUscc(code).ok;
  },
  validPhone(value) {
    const phone = text(value);
    return phone !== undefined && isPhoneNumber(phone);
  },
  notExpired(date, reference) {
    const until = isoDate(date);
    const on = isoDate(reference ?? this.today);
    return until !== undefined && on !== undefined && until >= on;
  },
  daysUntil(date, reference) {
    const until = isoDate(date);
    const from = isoDate(reference ?? this.today);
    return until && from ? isoDateToDayNumber(until) - isoDateToDayNumber(from) : null;
  },
  workingDaysBetween(first, second) {
    const from = isoDate(first);
    const to = isoDate(second);
    if (!from || !to) return null;
    const calendar = this[CALENDAR];
    // An unknown count must not pass a comparison (null <= 5 is true in JSONLogic): without the
    // calendar, or for a year it lacks, the rule cannot be evaluated and says why.
    if (!calendar) throw new Error('节假日安排数据不可用 / The holiday calendar is not available');
    return calendar.workingDaysBetween(from, to);
  },
  ageOn(subject, date) {
    return ageOn(subject, date);
  },
  sameName(...names) {
    const normalised = names.map(normalisedName);
    const first = normalised[0];
    return names.length >= 2 && first !== undefined && normalised.every((name) => name === first);
  },
  received(code) {
    const material = typeof code === 'string' ? this.materials[code] : undefined;
    return material?.received === true;
  },
  nonEmpty(value) {
    if (value === null || value === undefined) return false;
    if (typeof value === 'string') return value.trim() !== '';
    if (Array.isArray(value)) return value.length > 0;
    return true;
  },
};
