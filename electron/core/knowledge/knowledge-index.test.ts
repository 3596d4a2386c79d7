import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  openTestEngine,
  SEED_KNOWLEDGE,
  type TestEngine,
} from '../../../tests/support/engine-harness';

/** Retrieval over the real seed knowledge: what a clerk types, and what the copilot must find. */
let t: TestEngine;

beforeAll(async () => {
  t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
  await t.setupAdmin();
});

afterAll(() => {
  t.close();
});

const qa = (id: string, version: number, effectiveFrom: string, answer: string): string =>
  `format: bangban-knowledge\nformatVersion: 1\nqa:\n  - { id: ${id}, version: ${version}, effectiveFrom: ${effectiveFrom}, question: 营业执照正本和副本有什么区别？, answer: ${answer}, matters: [SCJG-ZZBL-001], sources: [POL-0003] }\n`;

describe('knowledge search', () => {
  it('finds the licence-replacement answers for a colloquial question', async () => {
    const hits = await t.ok('knowledge.search', { query: '营业执照丢了怎么办' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.slice(0, 3).some((hit) => hit.matters.includes('SCJG-ZZBL-001'))).toBe(true);
    expect(['qa', 'policy']).toContain(hits[0]?.kind);
    expect(hits[0]?.version).toBe(1);
    expect(hits[0]?.snippet.length).toBeGreaterThan(10);
    // Best first.
    const scores = hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('widens a query with synonyms (执照 → 营业执照, 丢 → 遗失, 补办 → 补领)', async () => {
    const plain = await t.ok('knowledge.search', { query: '执照丢了补办', limit: 20 });
    expect(plain.some((hit) => hit.matters.includes('SCJG-ZZBL-001'))).toBe(true);
    const housing = await t.ok('knowledge.search', { query: '廉租房', limit: 20 });
    expect(housing.some((hit) => hit.matters.includes('ZJ-GZF-001'))).toBe(true);
  });

  it('filters by matter and department, and finds nothing in empty words', async () => {
    const onlyFood = await t.ok('knowledge.search', {
      query: '有效期',
      matterCode: 'SCJG-SPJY-001',
      limit: 20,
    });
    expect(onlyFood.length).toBeGreaterThan(0);
    expect(onlyFood.every((hit) => hit.matters.includes('SCJG-SPJY-001'))).toBe(true);
    const [first] = onlyFood;
    const byDepartment = await t.ok('knowledge.search', {
      query: '有效期',
      department: first?.department ?? 'x',
      limit: 50,
    });
    expect(byDepartment.every((hit) => hit.department === first?.department)).toBe(true);
    expect(await t.ok('knowledge.search', { query: '怎么办？' })).toEqual([]);
  });

  it('indexes a new entry with its import, and answers from the version in effect on the date', async () => {
    await t.ok('knowledge.import', {
      fileName: 'v1.yaml',
      content: qa('QA-T-ZB', 1, '2026-01-01', '正副本具有同等法律效力甲'),
    });
    await t.ok('knowledge.import', {
      fileName: 'v2.yaml',
      content: qa('QA-T-ZB', 2, '2027-03-01', '正副本具有同等法律效力乙'),
    });
    const now = await t.ok('knowledge.search', { query: '营业执照正本副本区别' });
    const mine = now.filter((hit) => hit.entryId === 'QA-T-ZB');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ version: 1, effectiveFrom: '2026-01-01' });
    const later = await t.ok('knowledge.search', {
      query: '营业执照正本副本区别',
      date: '2027-06-01',
    });
    expect(later.filter((hit) => hit.entryId === 'QA-T-ZB').map((hit) => hit.version)).toEqual([2]);
  });

  it('indexes, once at start, entries imported before the index existed', async () => {
    t.engine.db.exec('DELETE FROM knowledge_fts; UPDATE knowledge_entries SET indexed = 0;');
    expect(await t.ok('knowledge.search', { query: '营业执照' })).toEqual([]);
    t = t.reopen();
    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.ok('knowledge.search', { query: '营业执照' })).length).toBeGreaterThan(0);
    const pending = t.engine.db
      .prepare('SELECT count(*) AS n FROM knowledge_entries WHERE indexed = 0')
      .get() as { n: number };
    expect(pending.n).toBe(0);
  });
});
