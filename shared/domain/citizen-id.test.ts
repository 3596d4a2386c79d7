import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter, parseCitizenId } from './citizen-id';

/** A fixed "today" so results do not depend on when the tests run. */
const today = new Date('2025-06-01T12:00:00Z');

/*
 * Independent check character, written differently from the module on purpose: the weight of
 * 0-based position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2 counts positions from the right, the
 * check character being position 1), and the check value C solves S + C ≡ 1 (mod 11), i.e.
 * C = (12 - S mod 11) mod 11, with 10 written X.
 */
function referenceCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    let weight = 1;
    for (let k = 0; k < 17 - i; k += 1) weight = (weight * 2) % 11;
    sum += Number(first17.charAt(i)) * weight;
  }
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const realDivisions = ['110105', '310104', '440305', '330106', '510107', '650102', '150102'];
const divisionArbitrary = fc.oneof(
  fc.constantFrom(...realDivisions),
  fc.integer({ min: 110000, max: 829999 }).map(String),
);
const birthArbitrary = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-05-31T00:00:00Z') })
  .filter((date) => !Number.isNaN(date.getTime()))
  .map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));
const sequenceArbitrary = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
const first17Arbitrary = fc
  .tuple(divisionArbitrary, birthArbitrary, sequenceArbitrary)
  .map(([division, birth, sequence]) => `${division}${birth}${sequence}`);

describe('parseCitizenId', () => {
  it('accepts the published example 11010519491231002X', () => {
    expect(parseCitizenId('11010519491231002X', today)).toEqual({
      ok: true,
      value: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
      convertedFrom15: false,
    });
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    const result = parseCitizenId(' 11010519491231002x ', today);
    expect(result.ok && result.value).toBe('11010519491231002X');
  });

  it('converts a legacy 15-digit number by inserting 19 and computing the check character', () => {
    const result = parseCitizenId('110105491231002', today);
    expect(result).toMatchObject({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      convertedFrom15: true,
    });
  });

  it('rejects impossible and future birth dates', () => {
    const withCheck = (first17: string): string => first17 + referenceCheck(first17);
    expect(parseCitizenId(withCheck('11010519900230123'), today)).toEqual({
      ok: false,
      problem: 'birthDate',
    });
    expect(parseCitizenId(withCheck('11010520250602123'), today)).toEqual({
      ok: false,
      problem: 'birthDate',
    });
    expect(parseCitizenId(withCheck('11010517991231123'), today)).toEqual({
      ok: false,
      problem: 'birthDate',
    });
    // 2000 was a leap year, 1900 was not.
    expect(parseCitizenId(withCheck('11010520000229123'), today).ok).toBe(true);
    expect(parseCitizenId(withCheck('11010519000229123'), today).ok).toBe(false);
  });

  it('takes "today" as the Beijing calendar day', () => {
    const born = '11010520250601123';
    const number = born + referenceCheck(born);
    // 00:30 on 1 June in Beijing is still 31 May in UTC: born today, not in the future.
    expect(parseCitizenId(number, new Date('2025-06-01T00:30:00+08:00')).ok).toBe(true);
    expect(parseCitizenId(number, new Date('2025-05-31T23:30:00+08:00')).ok).toBe(false);
  });

  it('reports length and format problems', () => {
    expect(parseCitizenId('', today)).toEqual({ ok: false, problem: 'length' });
    expect(parseCitizenId('1101051949123100', today)).toEqual({ ok: false, problem: 'length' });
    expect(parseCitizenId('1101051949123100XX', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseCitizenId('11010549123100X', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('reads the sex from the sequence number', () => {
    const male = '11010519800101011';
    const female = '11010519800101022';
    expect(parseCitizenId(male + referenceCheck(male), today)).toMatchObject({ sex: 'male' });
    expect(parseCitizenId(female + referenceCheck(female), today)).toMatchObject({
      sex: 'female',
    });
  });

  it('agrees with an independent implementation of the check character', () => {
    fc.assert(
      fc.property(first17Arbitrary, (first17) => {
        expect(citizenIdCheckCharacter(first17)).toBe(referenceCheck(first17));
        const result = parseCitizenId(first17 + referenceCheck(first17), today);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every number with one character changed', () => {
    const digits = '0123456789X';
    fc.assert(
      fc.property(
        first17Arbitrary,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (first17, position, shift) => {
          const number = first17 + referenceCheck(first17);
          // Positions 1-17 hold digits only; the 18th may also be X.
          const alphabet = position === 17 ? digits : digits.slice(0, 10);
          const current = alphabet.indexOf(number.charAt(position));
          const replacement = alphabet.charAt((current + shift) % alphabet.length);
          fc.pre(replacement !== number.charAt(position));
          const changed = number.slice(0, position) + replacement + number.slice(position + 1);
          const result = parseCitizenId(changed, today);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(['checkDigit', 'birthDate']).toContain(result.problem);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('converts any 15-digit number of the 1900s to the 18-digit number with the same data', () => {
    fc.assert(
      fc.property(
        divisionArbitrary,
        birthArbitrary.filter((birth) => birth.startsWith('19')),
        sequenceArbitrary,
        (division, birth, sequence) => {
          const legacy = `${division}${birth.slice(2)}${sequence}`;
          const first17 = `${division}${birth}${sequence}`;
          expect(parseCitizenId(legacy, today)).toMatchObject({
            ok: true,
            value: first17 + referenceCheck(first17),
            convertedFrom15: true,
          });
        },
      ),
    );
  });
});
