import { describe, expect, it } from 'vitest';
import { parseKnowledgeText } from './parse';

const valid = `format: bangban-knowledge
formatVersion: 1
qa:
  - id: QA-1
    version: 1
    effectiveFrom: 2026-01-01
    question: 营业执照丢了怎么办？
    answer: 可在线申请遗失补领。
    sources: [《市场主体登记管理条例》]
`;

describe('parseKnowledgeText', () => {
  it('accepts a valid YAML file and applies defaults', () => {
    const result = parseKnowledgeText(valid);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.file.qa[0]?.variants).toEqual([]);
      expect(result.file.matters).toEqual([]);
    }
  });

  it('reads JSON through the same path', () => {
    const result = parseKnowledgeText(
      JSON.stringify({ format: 'bangban-knowledge', formatVersion: 1, policies: [] }),
    );
    expect(result.ok).toBe(true);
  });

  it('names the line, column and field of a schema problem', () => {
    const result = parseKnowledgeText(valid.replace('version: 1\n', 'version: zero\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ path: ['qa', 0, 'version'], line: 5, column: 14 });
    expect(result.issues[0]?.message.zh).toMatch(/数字/);
  });

  it('points a missing required field at its parent item', () => {
    const result = parseKnowledgeText(valid.replace('    answer: 可在线申请遗失补领。\n', ''));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ path: ['qa', 0, 'answer'], line: 4 });
  });

  it('reports YAML syntax errors with their position', () => {
    const result = parseKnowledgeText('format: bangban-knowledge\nqa: [\n  - broken: {\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.line).toBeGreaterThan(0);
    expect(result.issues[0]?.message.zh).toMatch(/文件格式错误/);
  });

  it('rejects duplicate keys instead of silently keeping the last', () => {
    const result = parseKnowledgeText(`${valid}format: other\n`);
    expect(result.ok).toBe(false);
  });

  it('rejects a rule with an operator the engine does not know', () => {
    const matter = `format: bangban-knowledge
formatVersion: 1
matters:
  - code: T-1
    version: 1
    effectiveFrom: 2026-01-01
    name: 测试事项
    department: 县政务服务中心
    level: county
    subjectKind: person
    promisedDays: 5
    legalBasis: [测试依据]
    materials:
      - code: M01
        name: 申请表
    reviewPoints:
      - code: R1
        title: 申请表已收取
        kind: rule
        rule: { explode: [1] }
        guidance: 检查
        legalBasis: 测试依据
`;
    const result = parseKnowledgeText(matter);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toEqual(['matters', 0, 'reviewPoints', 0, 'rule']);
    expect(result.issues[0]?.message.zh).toContain('explode');
  });
});

describe('parseKnowledgeText on JSON', () => {
  const json = JSON.stringify(
    {
      format: 'bangban-knowledge',
      formatVersion: 1,
      qa: [
        {
          id: 'QA-1',
          version: 1,
          effectiveFrom: '2026-01-01',
          question: '问',
          answer: '答',
          sources: ['依据'],
        },
      ],
    },
    null,
    2,
  );

  it('takes the fast path for a valid file', () => {
    expect(parseKnowledgeText(json).ok).toBe(true);
  });

  it('still names the line of a problem in a JSON file', () => {
    const result = parseKnowledgeText(json.replace('"version": 1', '"version": "one"'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = json.split('\n').findIndex((text) => text.includes('"version"')) + 1;
    expect(result.issues[0]).toMatchObject({ path: ['qa', 0, 'version'], line });
  });

  it('reports a JSON syntax error with its position', () => {
    const result = parseKnowledgeText('{ "format": "bangban-knowledge", ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.line).toBe(1);
  });
});
