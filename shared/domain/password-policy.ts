/**
 * The password policy for local accounts (等保 practice): at least 10 characters from at least
 * 3 of the 4 classes lower case, upper case, digits, symbols. The engine enforces it; forms use
 * it to say so before submitting.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MIN_PASSWORD_CLASSES = 3;

const characterClasses = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/] as const;

export function passwordClassCount(password: string): number {
  return characterClasses.filter((pattern) => pattern.test(password)).length;
}

export function meetsPasswordPolicy(password: string): boolean {
  return (
    password.length >= MIN_PASSWORD_LENGTH && passwordClassCount(password) >= MIN_PASSWORD_CLASSES
  );
}
