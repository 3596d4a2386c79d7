/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: 18 characters over an alphabet
 * without I, O, Z, S, V; the 18th is a MOD 31 check, and positions 9-17 carry their own
 * GB 11714 organisation-code check.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccProblem = 'length' | 'alphabet' | 'checkCharacter' | 'organisationCode';

export type UsccResult =
  | {
      ok: true;
      value: string;
      registrationAuthority: string;
      organisationType: string;
      regionCode: string;
      organisationCode: string;
    }
  | { ok: false; problem: UsccProblem };

/** The 18th character for the first 17. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += alphabet.indexOf(first17[i] ?? '') * (weights[i] ?? 0);
  }
  return alphabet[(31 - (sum % 31)) % 31] ?? '';
}

/** The GB 11714 check character (9th) of an organisation code, from its first 8 characters. */
export function organisationCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    sum += organisationCharacterValue(first8[i] ?? '') * (organisationWeights[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** GB 11714 values letters over the full Latin alphabet (A = 10 … Z = 35), unlike GB 32100. */
function organisationCharacterValue(character: string): number {
  return /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55;
}

export function parseUscc(input: string): UsccResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, problem: 'length' };
  for (const character of value) {
    if (!alphabet.includes(character)) return { ok: false, problem: 'alphabet' };
  }
  if (usccCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, problem: 'checkCharacter' };
  }
  const organisationCode = value.slice(8, 17);
  if (organisationCodeCheckCharacter(organisationCode.slice(0, 8)) !== organisationCode[8]) {
    return { ok: false, problem: 'organisationCode' };
  }
  return {
    ok: true,
    value,
    registrationAuthority: value.slice(0, 1),
    organisationType: value.slice(1, 2),
    regionCode: value.slice(2, 8),
    organisationCode,
  };
}
