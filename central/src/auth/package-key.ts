import { createHmac, timingSafeEqual } from 'node:crypto';
import { PACKAGE_KEY_LABEL } from '@shared/hub/package';

/** The key offline packages are signed with: derived from the terminal's secret, one-way. */
export function packageKeyOf(secret: string): string {
  return createHmac('sha256', secret).update(PACKAGE_KEY_LABEL).digest('hex');
}

export function signText(keyHex: string, text: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(text).digest('hex');
}

export function signatureMatches(keyHex: string, text: string, signature: string): boolean {
  const expected = Buffer.from(signText(keyHex, text), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
