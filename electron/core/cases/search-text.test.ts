import { describe, expect, it } from 'vitest';
import { caseSearchQuery, caseSearchText } from './search-text';

describe('case search text', () => {
  it('splits Chinese into characters and keeps references whole', () => {
    expect(caseSearchText(['BB20261121-0001', '张伟明', '食品经营许可'])).toBe(
      'bb20261121 0001 张 伟 明 食 品 经 营 许 可',
    );
  });

  it('turns typed text into phrase queries, prefix-matching a trailing word', () => {
    expect(caseSearchQuery('张伟')).toBe('"张 伟"');
    expect(caseSearchQuery('bb2026')).toBe('"bb2026"*');
    expect(caseSearchQuery('张伟 食品')).toBe('"张 伟" AND "食 品"');
  });

  it('ignores FTS syntax characters instead of passing them through', () => {
    expect(caseSearchQuery('"*) OR (')).toBe('"or"*');
    expect(caseSearchQuery('  ')).toBeUndefined();
  });
});
