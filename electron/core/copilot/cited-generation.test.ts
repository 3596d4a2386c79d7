import { describe, expect, it } from 'vitest';
import { checkCitations, numberedEntries } from './cited-generation';

describe('checking a generated answer’s citations', () => {
  it('ties each sentence to the entries it cites and flags the uncited ones', () => {
    const checked = checkCitations(
      '营业执照遗失的先发布作废声明[1]。然后向原登记机关申请补领【1，2】。补领一般当天办结。另见[7]。',
      2,
    );
    expect(checked.sentences).toEqual([
      { text: '营业执照遗失的先发布作废声明[1]。', citations: [0], uncited: false },
      { text: '然后向原登记机关申请补领【1，2】。', citations: [0, 1], uncited: false },
      { text: '补领一般当天办结。', citations: [], uncited: true },
      { text: '另见[7]。', citations: [], uncited: true },
    ]);
    expect(checked.invalidCitations).toEqual([7]);
  });

  it('keeps a mark written after the full stop with its sentence', () => {
    const checked = checkCitations('不收费。[2]', 2);
    expect(checked.sentences).toEqual([{ text: '不收费。[2]', citations: [1], uncited: false }]);
  });

  it('numbers the entries the model may cite, cut to a readable length', () => {
    const text = numberedEntries([
      { title: '甲', text: '一'.repeat(700) },
      { title: '乙', text: '二' },
    ]);
    expect(text.startsWith('[1] 甲\n')).toBe(true);
    expect(text).toContain('\n\n[2] 乙\n二');
    expect(text.length).toBeLessThan(700);
  });
});
