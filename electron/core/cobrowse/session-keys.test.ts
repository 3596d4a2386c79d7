import { describe, expect, it } from 'vitest';
import { SessionKeys } from './session-keys';

describe('session keys', () => {
  it('seal for one participant, who alone opens it, in its own context only', () => {
    const host = new SessionKeys();
    const expert = new SessionKeys();
    const stranger = new SessionKeys();
    expect(host.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sealed = host.seal('110105199003071234', expert.publicKey, 's_1/applicant.idNumber');
    expect(sealed).not.toContain('110105');
    expect(expert.open(sealed, host.publicKey, 's_1/applicant.idNumber')).toBe(
      '110105199003071234',
    );
    expect(() => stranger.open(sealed, host.publicKey, 's_1/applicant.idNumber')).toThrow();
    expect(() => expert.open(sealed, host.publicKey, 's_1/applicant.phone')).toThrow();
    const altered = Buffer.from(sealed, 'base64url');
    altered[14] = (altered[14] ?? 0) ^ 1;
    expect(() =>
      expert.open(altered.toString('base64url'), host.publicKey, 's_1/applicant.idNumber'),
    ).toThrow();
  });
});
