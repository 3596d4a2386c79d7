import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes every field and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['单位', '领导'],
        ['县局', 3],
      ]),
    ).toBe('\uFEFF"单位","领导"\r\n"县局","3"\r\n');
  });

  it('doubles quotes and keeps commas and line breaks inside a field', () => {
    expect(toCsv([['他说"好",\n行']])).toBe('\uFEFF"他说""好"",\n行"\r\n');
  });

  it('defuses text that Excel would run as a formula, but not negative numbers', () => {
    expect(toCsv([['=SUM(A1)', '-3', -3, '@x', null]])).toBe(
      `\uFEFF"'=SUM(A1)","'-3","-3","'@x",""\r\n`,
    );
  });
});
