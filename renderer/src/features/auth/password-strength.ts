/** Mirrors the engine's rule (shared/api/auth.ts): ≥ 10 characters, 3 of 4 character classes. */
export const minPasswordLength = 10;

const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

export type PasswordLevel = 'weak' | 'fair' | 'strong';

export interface PasswordCheck {
  long: boolean;
  classCount: number;
  acceptable: boolean;
  level: PasswordLevel;
}

export function checkPassword(password: string): PasswordCheck {
  const long = password.length >= minPasswordLength;
  const classCount = classes.filter((pattern) => pattern.test(password)).length;
  const acceptable = long && classCount >= 3;
  const strong = acceptable && (classCount === 4 || password.length >= 14);
  return { long, classCount, acceptable, level: strong ? 'strong' : acceptable ? 'fair' : 'weak' };
}
