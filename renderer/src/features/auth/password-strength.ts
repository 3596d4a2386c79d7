import {
  MIN_PASSWORD_LENGTH,
  meetsPasswordPolicy,
  passwordClassCount,
} from '@shared/domain/password-policy';

export type PasswordLevel = 'weak' | 'fair' | 'strong';

export interface PasswordCheck {
  long: boolean;
  classCount: number;
  acceptable: boolean;
  level: PasswordLevel;
}

/** The engine's policy (shared/domain/password-policy) plus a strength level for the hint. */
export function checkPassword(password: string): PasswordCheck {
  const long = password.length >= MIN_PASSWORD_LENGTH;
  const classCount = passwordClassCount(password);
  const acceptable = meetsPasswordPolicy(password);
  const strong = acceptable && (classCount === 4 || password.length >= 14);
  return { long, classCount, acceptable, level: strong ? 'strong' : acceptable ? 'fair' : 'weak' };
}
