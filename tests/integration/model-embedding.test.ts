import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnowledgeHit } from '@shared/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forkWorkerLauncher } from '../../electron/core/model';
import {
  buildModelWorkerForTests,
  tinyModelFixture,
} from '../../electron/core/model/model-test-support';
import { writeTinyModel } from '../../scripts/models/write-gguf.mjs';
import { ADMIN, openTestEngine, SEED_KNOWLEDGE, type TestEngine } from '../support/engine-harness';

/**
 * Hybrid retrieval end to end: the tiny generated GGUF loaded as the embedding model in a worker
 * of its own, every knowledge entry given a vector in sqlite-vec, searches fusing BM25 and vector
 * ranks under the same filters, the index kept across a restart and rebuilt for another model,
 * and BM25 alone again once the model is unloaded. The weights are random, so which entries are
 * "near" is noise; the structure, the counts and the filters are not.
 */
let t: TestEngine;
let worker: Awaited<ReturnType<typeof buildModelWorkerForTests>>;
let model: ReturnType<typeof tinyModelFixture>;
let otherModelDir: string;

beforeAll(async () => {
  worker = await buildModelWorkerForTests();
  model = tinyModelFixture();
  otherModelDir = mkdtempSync(join(tmpdir(), 'bangban-embed-'));
  t = openTestEngine({ seedDir: SEED_KNOWLEDGE, modelLauncher: forkWorkerLauncher(worker.path) });
  await t.setupAdmin();
}, 60_000);

afterAll(() => {
  t.close();
  worker.cleanup();
  model.cleanup();
  rmSync(otherModelDir, { recursive: true, force: true });
});

const count = (sql: string): number => (t.engine.db.prepare(sql).get() as { n: number }).n;
const entries = (): number => count('SELECT count(*) AS n FROM knowledge_entries');
const vectors = (): number => count('SELECT count(*) AS n FROM knowledge_vectors');
const vectorModel = (): unknown =>
  t.engine.db.prepare('SELECT model, dimensions FROM knowledge_vector_model').get();

/** RRF as documented: Σ 1/(60 + rank), rounded to six places. */
const rrf = (hit: KnowledgeHit): number =>
  Math.round(
    ((hit.lexicalRank ? 1 / (60 + hit.lexicalRank) : 0) +
      (hit.vectorRank ? 1 / (60 + hit.vectorRank) : 0)) *
      1e6,
  ) / 1e6;

function expectHybrid(hits: KnowledgeHit[]): void {
  expect(hits.length).toBeGreaterThan(0);
  for (const hit of hits) {
    expect(hit.fusedScore).toBe(rrf(hit));
    expect(hit.lexicalRank !== null || hit.vectorRank !== null).toBe(true);
    // Coverage stays lexical: an entry only the vectors found has no BM25 score.
    if (hit.lexicalRank === null) expect(hit.score).toBe(0);
  }
  const fused = hits.map((hit) => hit.fusedScore ?? 0);
  expect([...fused].sort((a, b) => b - a)).toEqual(fused);
}

const qa = (id: string, version: number, effectiveFrom: string, answer: string): string =>
  `format: bangban-knowledge\nformatVersion: 1\nqa:\n  - { id: ${id}, version: ${version}, effectiveFrom: ${effectiveFrom}, question: 营业执照正本和副本有什么区别？, answer: ${answer}, matters: [SCJG-ZZBL-001], sources: [POL-0003] }\n`;

describe('hybrid retrieval with an embedding model', () => {
  it('searches by BM25 alone while no embedding model is loaded', async () => {
    const status = await t.ok('models.status', {});
    expect(status.embedding).toMatchObject({ state: 'none', loaded: null });
    expect(status.embedding.vectors).toEqual({ available: true, indexed: 0, entries: entries() });
    const hits = await t.ok('knowledge.search', { query: '营业执照丢了怎么办' });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit).not.toHaveProperty('vectorRank');
  });

  it('loads a model for embeddings beside the chat slot and gives every entry a vector', async () => {
    await t.ok('models.install', { sourcePath: model.path, fileName: 'tiny-embed.gguf' });
    const loaded = await t.ok('models.load', { fileName: 'tiny-embed.gguf', purpose: 'embedding' });
    expect(loaded.embedding).toMatchObject({
      state: 'ready',
      loaded: { fileName: 'tiny-embed.gguf', dimensions: 64 },
    });
    // The chat model is another slot: still none, so answers stay extractive.
    expect(loaded).toMatchObject({ state: 'none', loaded: null });
    expect((await t.ok('settings.get', {})).activeEmbeddingModel).toBe('tiny-embed.gguf');
    await t.engine.vectorIndexer.idle();
    expect(vectors()).toBe(entries());
    expect(vectorModel()).toEqual({ model: 'tiny-embed.gguf', dimensions: 64 });
    const status = await t.ok('models.status', {});
    expect(status.embedding.vectors).toEqual({
      available: true,
      indexed: entries(),
      entries: entries(),
    });
  }, 120_000);

  it('fuses BM25 and vector ranks, under the same matter and department filters', async () => {
    const hits = await t.ok('knowledge.search', { query: '营业执照丢了怎么办', limit: 20 });
    expectHybrid(hits);
    expect(hits.some((hit) => hit.vectorRank !== null)).toBe(true);
    expect(hits.some((hit) => hit.lexicalRank !== null)).toBe(true);

    const onlyFood = await t.ok('knowledge.search', {
      query: '有效期',
      matterCode: 'SCJG-SPJY-001',
      limit: 20,
    });
    expectHybrid(onlyFood);
    // Vector neighbours from other matters are filtered out, not just ranked lower.
    expect(onlyFood.every((hit) => hit.matters.includes('SCJG-SPJY-001'))).toBe(true);
    const department = onlyFood[0]?.department ?? 'x';
    const byDepartment = await t.ok('knowledge.search', {
      query: '有效期',
      department,
      limit: 50,
    });
    expectHybrid(byDepartment);
    expect(byDepartment.every((hit) => hit.department === department)).toBe(true);
    // Empty words find nothing, vectors or not.
    expect(await t.ok('knowledge.search', { query: '怎么办？' })).toEqual([]);
  }, 60_000);

  it('gives imported entries vectors, and answers from the version in effect on the date', async () => {
    await t.ok('knowledge.import', {
      fileName: 'v1.yaml',
      content: qa('QA-T-VEC', 1, '2026-01-01', '正副本具有同等法律效力甲'),
    });
    await t.ok('knowledge.import', {
      fileName: 'v2.yaml',
      content: qa('QA-T-VEC', 2, '2027-03-01', '正副本具有同等法律效力乙'),
    });
    await t.engine.vectorIndexer.idle();
    expect(vectors()).toBe(entries());
    const search = (date?: string) =>
      t.ok('knowledge.search', { query: '营业执照正本副本区别', limit: 50, ...(date && { date }) });
    const now = await search();
    expectHybrid(now);
    expect(now.filter((hit) => hit.entryId === 'QA-T-VEC').map((hit) => hit.version)).toEqual([1]);
    const later = await search('2027-06-01');
    expectHybrid(later);
    expect(later.filter((hit) => hit.entryId === 'QA-T-VEC').map((hit) => hit.version)).toEqual([
      2,
    ]);
    // Nothing not yet in effect, nothing expired: every hit is dated on or before the day.
    for (const hit of now) expect(hit.effectiveFrom <= '2026-11-20').toBe(true);
  }, 60_000);

  it('reloads the embedding model after a restart and keeps its vectors', async () => {
    const before = vectors();
    t = t.reopen();
    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    await vi.waitFor(
      async () => {
        expect((await t.ok('models.status', {})).embedding.state).toBe('ready');
      },
      { timeout: 60_000, interval: 100 },
    );
    await t.engine.vectorIndexer.idle();
    expect(vectors()).toBe(before);
    expectHybrid(await t.ok('knowledge.search', { query: '公租房怎么申请' }));
  }, 120_000);

  it('rebuilds the vectors for a different embedding model', async () => {
    const other = writeTinyModel(join(otherModelDir, 'other.gguf'), { seed: 7 });
    await t.ok('models.install', { sourcePath: other.path, fileName: 'tiny-embed-2.gguf' });
    await t.ok('models.load', { fileName: 'tiny-embed-2.gguf', purpose: 'embedding' });
    await t.engine.vectorIndexer.idle();
    expect(vectorModel()).toEqual({ model: 'tiny-embed-2.gguf', dimensions: 64 });
    expect(vectors()).toBe(entries());
    expectHybrid(await t.ok('knowledge.search', { query: '营业执照丢了怎么办' }));
  }, 120_000);

  it('unloads the embedding model back to BM25 alone', async () => {
    const status = await t.ok('models.unload', { purpose: 'embedding' });
    expect(status.embedding).toMatchObject({ state: 'none', loaded: null });
    expect((await t.ok('settings.get', {})).activeEmbeddingModel).toBeNull();
    const hits = await t.ok('knowledge.search', { query: '营业执照丢了怎么办' });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit).not.toHaveProperty('vectorRank');
    const scores = hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  }, 60_000);
});
