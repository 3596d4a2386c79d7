import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDevSet } from './dev-set';

const minimal = `formatVersion: 1
name: 小集
knowledgeBase: seed
questionDate: 2026-11-20
questions:
  - id: Q001
    question: 营业执照丢了怎么办？
    expectedEntryIds: [QA-0051]
cases: []
`;

describe('evaluation set file', () => {
  it('reads dates as strings and quoted codes as text (YAML 1.2)', () => {
    const parsed = parseDevSet(minimal);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.devSet.questionDate).toBe('2026-11-20');
  });

  it('reads the development set shipped with the project', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../eval/dev-set.yaml'), 'utf8');
    const parsed = parseDevSet(text);
    expect(parsed.ok ? parsed.devSet.questions.length : parsed.issues).toBeGreaterThan(0);
  });

  it('names the field, line and column of a problem', () => {
    const parsed = parseDevSet(minimal.replace('formatVersion: 1', 'formatVersion: 2'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ path: ['formatVersion'], line: 1 });
  });

  it('refuses duplicate ids and an applicant whose number does not validate', () => {
    const text = `${minimal.replace('cases: []', '')}  - id: Q001
    question: 又一个问题
    expectedEntryIds: []
cases:
  - id: C001
    matterCode: SCJG-SPJY-001
    description: 号码错误
    today: 2026-03-10
    applicant: { kind: person, name: 陈示例, idNumber: '350102198003151370', phone: '13800000101' }
    materials: {}
    expectedFailures: []
`;
    const parsed = parseDevSet(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining([
          ['questions', 1, 'id'],
          ['cases', 0, 'applicant', 'idNumber'],
        ]),
      );
    }
  });

  it('reports a YAML syntax error with its position', () => {
    const parsed = parseDevSet('formatVersion: [1\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.line).toBeGreaterThan(0);
  });
});
