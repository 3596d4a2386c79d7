/** A mainland mobile number (11 digits from 13x to 19x), or a landline with its area code. */
const phonePattern = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export function isPhoneNumber(value: string): boolean {
  return phonePattern.test(value.trim());
}
