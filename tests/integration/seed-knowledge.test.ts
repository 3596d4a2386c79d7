import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { knowledgeFileSchema, type KnowledgeFile } from '@shared/knowledge/format';
import { describeIssues } from '@shared/api/validation';

/** The seed knowledge shipped in resources/knowledge must be valid and rich enough to be useful. */
const seedDir = join(import.meta.dirname, '../../resources/knowledge');

function loadSeed(): { file: string; data: KnowledgeFile }[] {
  return readdirSync(seedDir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((file) => {
      const raw: unknown = parse(readFileSync(join(seedDir, file), 'utf8'));
      const result = knowledgeFileSchema.safeParse(raw);
      if (!result.success) {
        const issues = describeIssues(knowledgeFileSchema, raw)
          .slice(0, 10)
          .map((issue) => `${issue.path.join('.')}: ${issue.message.en}`);
        throw new Error(`${file} is invalid:\n${issues.join('\n')}`);
      }
      return { file, data: result.data };
    });
}

describe('seed knowledge', () => {
  const seed = loadSeed();
  const matters = seed.flatMap((entry) => entry.data.matters);
  const codes = new Set(matters.map((matter) => matter.code));

  it('has at least 12 matters, each with 5+ materials and 6+ review points', () => {
    expect(matters.length).toBeGreaterThanOrEqual(12);
    for (const matter of matters) {
      expect(matter.materials.length, matter.name).toBeGreaterThanOrEqual(5);
      expect(matter.reviewPoints.length, matter.name).toBeGreaterThanOrEqual(6);
    }
  });

  it('covers the matters every hall needs, for persons and enterprises', () => {
    const names = matters.map((matter) => matter.name).join('\n');
    for (const required of [
      '食品经营许可',
      '个体工商户设立登记',
      '公共租赁住房',
      '企业跨省迁移登记',
      '社会保险参保登记',
      '二手房转移登记',
      '开办餐饮店',
    ]) {
      expect(names).toContain(required);
    }
    expect(matters.some((matter) => matter.subjectKind !== 'enterprise')).toBe(true);
    expect(matters.some((matter) => matter.subjectKind !== 'person')).toBe(true);
  });

  it('composes the 一件事 package from matters that exist', () => {
    const packages = matters.filter((matter) => matter.composedOf.length > 0);
    expect(packages.length).toBeGreaterThanOrEqual(1);
    for (const pack of packages) {
      expect(pack.composedOf.length).toBeGreaterThanOrEqual(2);
      for (const code of pack.composedOf) expect(codes.has(code), code).toBe(true);
    }
  });

  it('uses every review-point kind and gives every rule point a rule', () => {
    const points = matters.flatMap((matter) => matter.reviewPoints);
    for (const kind of ['rule', 'model', 'manual'] as const) {
      expect(points.filter((point) => point.kind === kind).length, kind).toBeGreaterThan(10);
    }
  });

  it('has at least 150 Q&A and policy entries, each tied to known matters', () => {
    const policies = seed.flatMap((entry) => entry.data.policies);
    const qa = seed.flatMap((entry) => entry.data.qa);
    expect(policies.length + qa.length).toBeGreaterThanOrEqual(150);
    expect(policies.length).toBeGreaterThanOrEqual(15);
    for (const item of [...policies, ...qa]) {
      for (const code of item.matters) expect(codes.has(code), `${item.id} → ${code}`).toBe(true);
    }
    const ids = [...policies, ...qa].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
