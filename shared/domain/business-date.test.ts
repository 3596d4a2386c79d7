import { describe, expect, it } from 'vitest';
import { businessDate, businessDayBounds } from './business-date';

describe('businessDate', () => {
  it('is the Beijing calendar day, whatever the instant’s UTC date', () => {
    expect(businessDate(new Date('2026-11-20T15:59:59.999Z'))).toBe('2026-11-20');
    expect(businessDate(new Date('2026-11-20T16:00:00.000Z'))).toBe('2026-11-21');
    expect(businessDate(new Date('2026-12-31T16:30:00.000Z'))).toBe('2027-01-01');
  });
});

describe('businessDayBounds', () => {
  it('bounds a Beijing day in UTC, across a year end', () => {
    expect(businessDayBounds('2026-12-31')).toEqual({
      start: '2026-12-30T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
    });
  });
});
