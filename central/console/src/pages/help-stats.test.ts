import { describe, expect, it } from 'vitest';
import { formatPercent } from '../ui/format';
import { durationParts } from './help-stats';

describe('the console reads the help desk', () => {
  it('writes shares as percentages, and a dash for none', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });

  it('reads a wait in its two largest units', () => {
    expect(durationParts(42.4)).toMatchObject({ unit: 'seconds', values: { s: '42' } });
    expect(durationParts(125)).toMatchObject({ unit: 'minutes', values: { m: 2, s: '05' } });
    expect(durationParts(3 * 3600 + 600)).toMatchObject({ unit: 'hours', values: { h: 3, m: 10 } });
    expect(durationParts(90_000)).toMatchObject({ unit: 'days', values: { d: 1, h: 1 } });
  });
});
