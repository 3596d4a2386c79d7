import { describe, expect, it } from 'vitest';
import { isPhoneNumber } from './phone';
import { meetsPasswordPolicy, passwordClassCount } from './password-policy';

describe('password policy', () => {
  it('wants 10 characters from 3 of 4 classes', () => {
    expect(meetsPasswordPolicy('Abcdefgh12')).toBe(true);
    expect(meetsPasswordPolicy('abcdefgh12')).toBe(false);
    expect(meetsPasswordPolicy('Abc#12')).toBe(false);
    expect(passwordClassCount('aB3#')).toBe(4);
  });
});

describe('isPhoneNumber', () => {
  it('takes mobiles and landlines with area codes', () => {
    expect(isPhoneNumber('13800138000')).toBe(true);
    expect(isPhoneNumber('0591-87654321')).toBe(true);
    expect(isPhoneNumber('12800138000')).toBe(false);
    expect(isPhoneNumber('87654321')).toBe(false);
  });
});
