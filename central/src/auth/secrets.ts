import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Hex sha256: how the hub keeps secrets, tokens and codes (never the values themselves). */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A prefix and 20 random Crockford characters (100 bits): terminals, requests, sessions. */
export function newHubId(prefix: 't' | 'h' | 's' | 'p' | 'f'): string {
  return `${prefix}_${Array.from({ length: 20 }, () => CROCKFORD[randomInt(32)] ?? '0')
    .join('')
    .toLowerCase()}`;
}

/**
 * Ten Crockford base32 characters: 50 bits, easy to read out and type (no I, L, O, U). Enrolment
 * and join codes.
 */
export function newOneTimeCode(): string {
  return Array.from({ length: 10 }, () => CROCKFORD[randomInt(32)] ?? '0').join('');
}

export function groupCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
