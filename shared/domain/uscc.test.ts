import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organisationCodeCheckCharacter, parseUscc, usccCheckCharacter } from './uscc';

/*
 * Independent implementation, built differently from the module: the alphabet is produced by
 * walking the character codes and skipping I O S V Z, the weights are powers of 3 mod 31
 * computed by repeated multiplication, and the GB 11714 organisation-code check uses weights
 * 2^(8-i) mod 11 (= 3 7 9 10 5 8 4 2) with letter values from parseInt(…, 36).
 */
const referenceAlphabet: string[] = [];
for (let code = 48; code <= 90; code += 1) {
  const character = String.fromCharCode(code);
  if (/[0-9A-Z]/.test(character) && !'IOSVZ'.includes(character)) {
    referenceAlphabet.push(character);
  }
}

function referenceUsccCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const character of first17) {
    sum += referenceAlphabet.indexOf(character) * weight;
    weight = (weight * 3) % 31;
  }
  return referenceAlphabet[(31 - (sum % 31)) % 31] ?? '?';
}

function referenceOrganisationCheck(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    let weight = 1;
    for (let k = 0; k < 8 - i; k += 1) weight = (weight * 2) % 11;
    sum += parseInt(first8.charAt(i), 36) * weight;
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const characterArbitrary = fc.constantFrom(...referenceAlphabet);
const digitArbitrary = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const validUsccArbitrary = fc
  .tuple(
    fc.array(characterArbitrary, { minLength: 2, maxLength: 2 }),
    fc.array(digitArbitrary, { minLength: 6, maxLength: 6 }),
    fc.array(characterArbitrary, { minLength: 8, maxLength: 8 }),
  )
  .map(([head, division, organisation]) => {
    const organisationCode =
      organisation.join('') + referenceOrganisationCheck(organisation.join(''));
    const first17 = head.join('') + division.join('') + organisationCode;
    return first17 + referenceUsccCheck(first17);
  });

describe('parseUscc', () => {
  it('uses the 31-character alphabet of GB 32100', () => {
    expect(referenceAlphabet.join('')).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
  });

  it('accepts a real-world code and splits it into its parts', () => {
    expect(parseUscc('914403001922038216')).toEqual({
      ok: true,
      value: '914403001922038216',
      registrationAuthority: '9',
      organisationType: '1',
      regionCode: '440300',
      organisationCode: '192203821',
    });
  });

  it('does not validate the misprinted example of the standard, but does with its check fixed', () => {
    /*
     * 91350100M000100Y4: values 9 1 3 5 0 1 0 0 21 0 0 0 1 0 0 30 4 against the weights
     * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 give
     * 9 + 3 + 27 + 135 + 26 + 21·20 + 8 + 30·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
     * So the check character is 3, not Z — and Z is not even in the alphabet, so that is the
     * problem reported first.
     */
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(parseUscc('91350100M000100Y4Z')).toEqual({ ok: false, problem: 'alphabet' });
    /*
     * The fixed code must also pass the organisation-code check. M000100Y with GB 11714 values
     * M = 22, Y = 34 and weights 3 7 9 10 5 8 4 2: 22·3 + 1·5 + 34·2 = 139; 139 mod 11 = 7;
     * 11 − 7 = 4, which is the 17th character, so the fixed code validates.
     */
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(parseUscc('91350100M000100Y43')).toMatchObject({
      ok: true,
      organisationCode: 'M000100Y4',
    });
  });

  it('reports an organisation code that does not check out', () => {
    // M000100Y5: wrong organisation check, with the 18th character recomputed so only that fails.
    const first17 = '91350100M000100Y5';
    expect(parseUscc(first17 + referenceUsccCheck(first17))).toEqual({
      ok: false,
      problem: 'organisationCode',
    });
  });

  it('accepts lower case and surrounding blanks, and rejects wrong lengths', () => {
    expect(parseUscc(' 91350100m000100y43 ')).toMatchObject({
      ok: true,
      value: '91350100M000100Y43',
    });
    expect(parseUscc('')).toEqual({ ok: false, problem: 'length' });
    expect(parseUscc('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' });
  });

  it('accepts codes built by the independent implementation', () => {
    fc.assert(
      fc.property(validUsccArbitrary, (code) => {
        expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
        expect(parseUscc(code)).toMatchObject({ ok: true, value: code });
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every single-character substitution', () => {
    fc.assert(
      fc.property(
        validUsccArbitrary,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, position, shift) => {
          const current = referenceAlphabet.indexOf(code.charAt(position));
          const replacement = referenceAlphabet[(current + shift) % 31] ?? '';
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(parseUscc(changed)).toEqual({ ok: false, problem: 'checkCharacter' });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects the letters the code never uses: I O Z S V', () => {
    fc.assert(
      fc.property(
        validUsccArbitrary,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom('I', 'O', 'Z', 'S', 'V', 'i', 'o', 'z', 's', 'v'),
        (code, position, letter) => {
          const changed = code.slice(0, position) + letter + code.slice(position + 1);
          expect(parseUscc(changed)).toEqual({ ok: false, problem: 'alphabet' });
        },
      ),
    );
  });
});
