import { describe, expect, it } from 'vitest';
import { zhCN } from '../locales/zh-cn';
import { recordEntities, recordFields, recordValue } from './record-fields';

describe('recordValue', () => {
  it('takes the first key that holds text or a number', () => {
    expect(
      recordValue({ matterName: '', matterCode: 'T-GTSL' }, ['matterName', 'matterCode']),
    ).toBe('T-GTSL');
    expect(recordValue({ seq: 7 }, ['seq'])).toBe('7');
  });

  it('gives nothing for structured, missing or non-object data', () => {
    expect(recordValue({ stages: [1, 2] }, ['stages'])).toBeUndefined();
    expect(recordValue({ a: null }, ['a', 'b'])).toBeUndefined();
    expect(recordValue('text', ['a'])).toBeUndefined();
    expect(recordValue(null, ['a'])).toBeUndefined();
  });
});

describe('recordFields', () => {
  it('names a column and a vocabulary the strings have, for every entity offered', () => {
    for (const entity of recordEntities) {
      expect(zhCN.records.entities[entity]).toBeTruthy();
      for (const field of recordFields[entity]) {
        expect(zhCN.records.columns[field.label]).toBeTruthy();
        if (field.vocabulary)
          expect(Object.keys(zhCN.records[field.vocabulary]).length).toBeGreaterThan(0);
      }
    }
  });
});
