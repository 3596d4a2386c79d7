/**
 * Citizen ID numbers (居民身份证号码), GB 11643-1999: 6-digit division code, 8-digit birth date,
 * 3-digit sequence (odd = male), check character over ISO 7064 MOD 11-2.
 */
import { businessDayNumber } from './business-date';
import { isIsoDate, isoDateToDayNumber } from './iso-date';

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

export type CitizenIdProblem = 'length' | 'format' | 'birthDate' | 'checkDigit';

export type CitizenIdResult =
  | {
      ok: true;
      /** The 18-character number, check character upper-case. */
      value: string;
      regionCode: string;
      /** ISO date, `YYYY-MM-DD`. */
      birthDate: string;
      sex: 'male' | 'female';
      /** True when the input was a legacy 15-digit number converted to 18. */
      convertedFrom15: boolean;
    }
  | { ok: false; problem: CitizenIdProblem };

/** The check character for the first 17 digits. */
export function citizenIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (weights[i] ?? 0);
  return checkCharacters[sum % 11] ?? '';
}

/**
 * A real date from 1800 up to today's date in Beijing. Comparing calendar days (not the birth
 * date's UTC midnight against the current instant) keeps someone born today valid between 00:00
 * and 08:00 Beijing time, whatever the machine's time zone.
 */
function isRealPastDate(yyyymmdd: string, today: Date): boolean {
  const isoDate = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (!isIsoDate(isoDate) || Number(yyyymmdd.slice(0, 4)) < 1800) return false;
  return isoDateToDayNumber(isoDate) <= businessDayNumber(today);
}

/**
 * Validates and normalises an ID number. Lower-case `x` is accepted; 15-digit legacy numbers are
 * converted (the year gets its "19", the check character is computed) rather than rejected.
 */
export function parseCitizenId(input: string, today: Date = new Date()): CitizenIdResult {
  const raw = input.trim().toUpperCase();
  let value: string;
  let convertedFrom15 = false;
  if (raw.length === 15) {
    if (!/^\d{15}$/.test(raw)) return { ok: false, problem: 'format' };
    const first17 = `${raw.slice(0, 6)}19${raw.slice(6)}`;
    value = first17 + citizenIdCheckCharacter(first17);
    convertedFrom15 = true;
  } else if (raw.length === 18) {
    if (!/^\d{17}[\dX]$/.test(raw)) return { ok: false, problem: 'format' };
    value = raw;
  } else {
    return { ok: false, problem: 'length' };
  }
  const birth = value.slice(6, 14);
  if (!isRealPastDate(birth, today)) return { ok: false, problem: 'birthDate' };
  if (!convertedFrom15 && citizenIdCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, problem: 'checkDigit' };
  }
  return {
    ok: true,
    value,
    regionCode: value.slice(0, 6),
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    convertedFrom15,
  };
}
