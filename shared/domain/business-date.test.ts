import { describe, expect, it } from 'vitest';
import { businessDate } from './business-date';

describe('businessDate', () => {
  it('is the Beijing calendar day, whatever the instant’s UTC date', () => {
    expect(businessDate(new Date('2026-11-20T15:59:59.999Z'))).toBe('2026-11-20');
    expect(businessDate(new Date('2026-11-20T16:00:00.000Z'))).toBe('2026-11-21');
    expect(businessDate(new Date('2026-12-31T16:30:00.000Z'))).toBe('2027-01-01');
  });
});
