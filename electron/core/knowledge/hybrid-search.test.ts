import type { PolicyDocument, QaDocument } from '@shared/knowledge/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestEngine,
  SEED_KNOWLEDGE,
  type TestEngine,
} from '../../../tests/support/engine-harness';
import { silentLogger } from '../logger';
import { HybridRetriever, VectorIndexer, type Embedder } from './hybrid-search';
import { embeddingText, KnowledgeIndex } from './knowledge-index';
import { KnowledgeVectors } from './knowledge-vectors';
import { createJiebaSegmenter } from './segmenter';

/**
 * The vector side of retrieval without a model process: a deterministic stand-in embedder (a
 * bag of characters hashed into 32 dimensions), sqlite-vec over the seed knowledge, and the
 * fusion rules checked on rankings chosen by hand.
 */
let t: TestEngine;
let index: KnowledgeIndex;
const TODAY = '2026-11-20';

beforeAll(async () => {
  t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
  await t.setupAdmin();
  index = new KnowledgeIndex(t.engine.db, createJiebaSegmenter());
});

afterAll(() => {
  t.close();
});

const DIMENSIONS = 32;

function characterVector(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const char of text) {
    const slot = (char.codePointAt(0) ?? 0) % DIMENSIONS;
    vector[slot] = (vector[slot] ?? 0) + 1;
  }
  // Never all zero: cosine distance needs a direction.
  vector[0] = (vector[0] ?? 0) + 0.01;
  return vector;
}

/** Embeds like a model would, optionally held until `release` (to change the model meanwhile). */
class FakeEmbedder implements Embedder {
  embeddingModel: { fileName: string; dimensions: number } | undefined = {
    fileName: 'fake.gguf',
    dimensions: DIMENSIONS,
  };
  calls = 0;
  hold: Promise<void> | undefined;
  fail = false;

  async embed(texts: string[]): Promise<number[][]> {
    this.calls++;
    if (this.hold) await this.hold;
    if (this.fail) throw new Error('the embedding model crashed');
    return texts.map(characterVector);
  }
}

const rowId = (entryId: string, version = 1): number =>
  (
    t.engine.db
      .prepare('SELECT id FROM knowledge_entries WHERE entry_id = ? AND version = ?')
      .get(entryId, version) as { id: number }
  ).id;

const entryCount = (): number =>
  (t.engine.db.prepare('SELECT count(*) AS n FROM knowledge_entries').get() as { n: number }).n;

describe('reciprocal rank fusion (KnowledgeIndex.search with neighbours)', () => {
  const query = { query: '营业执照丢了怎么办', limit: 8 };

  it('adds an entry only the vectors found, ranked by Σ 1/(60 + rank), ties to BM25', () => {
    const lexical = index.search(query, TODAY);
    const topLexical = lexical[0];
    // An entry the words do not find at all: housing, not licences.
    const housing = index
      .search({ query: '公租房', limit: 50 }, TODAY)
      .find((hit) => !lexical.some((each) => each.entryId === hit.entryId));
    expect(topLexical && housing).toBeTruthy();
    const hits = index.search(query, TODAY, [{ id: rowId(housing?.entryId ?? ''), distance: 0.1 }]);
    // Both are first in one ranking only (1/61 each): BM25's first wins the tie.
    expect(hits[0]).toMatchObject({
      entryId: topLexical?.entryId,
      lexicalRank: 1,
      vectorRank: null,
      fusedScore: Math.round((1 / 61) * 1e6) / 1e6,
    });
    expect(hits[1]).toMatchObject({
      entryId: housing?.entryId,
      lexicalRank: null,
      vectorRank: 1,
      score: 0,
    });
    expect(hits).toHaveLength(8);
  });

  it('puts an entry both rankings found above those found by one', () => {
    const lexical = index.search(query, TODAY);
    const third = lexical[2];
    const hits = index.search(query, TODAY, [{ id: rowId(third?.entryId ?? ''), distance: 0 }]);
    expect(hits[0]).toMatchObject({ entryId: third?.entryId, lexicalRank: 3, vectorRank: 1 });
    expect(hits[0]?.fusedScore).toBe(Math.round((1 / 63 + 1 / 61) * 1e6) / 1e6);
    // Coverage is the lexical one, whatever the fusion did.
    expect(hits[0]?.coverage).toBe(third?.coverage);
  });

  it('drops neighbours outside the matter, or not in effect on the date', () => {
    const food = index.search({ query: '有效期', matterCode: 'SCJG-SPJY-001', limit: 20 }, TODAY);
    const elsewhere = index
      .search({ query: '公租房', limit: 5 }, TODAY)
      .filter((hit) => !hit.matters.includes('SCJG-SPJY-001'));
    expect(elsewhere.length).toBeGreaterThan(0);
    const hits = index.search(
      { query: '有效期', matterCode: 'SCJG-SPJY-001', limit: 20 },
      TODAY,
      elsewhere.map((hit) => ({ id: rowId(hit.entryId, hit.version), distance: 0 })),
    );
    expect(hits.map((hit) => hit.entryId)).toEqual(food.map((hit) => hit.entryId));
    expect(hits.every((hit) => hit.vectorRank === null)).toBe(true);
    // Before its effective date an entry is not found by its vector either.
    const before = index.search({ query: '有效期', limit: 20, date: '2000-01-01' }, TODAY, [
      { id: rowId(food[0]?.entryId ?? ''), distance: 0 },
    ]);
    expect(before).toEqual([]);
  });
});

describe('KnowledgeVectors, VectorIndexer and HybridRetriever', () => {
  const support = { available: true as const, version: 'test' };

  it('creates the table at the model’s width, keeps it for the same model, rebuilds for another', () => {
    const vectors = new KnowledgeVectors(t.engine.db, support);
    expect(vectors.prepare('a.gguf', 4, 't1')).toBe(true);
    expect(vectors.model()).toEqual({ model: 'a.gguf', dimensions: 4 });
    vectors.store([{ id: rowId('QA-0001'), vector: [1, 0, 0, 0] }]);
    expect(vectors.prepare('a.gguf', 4, 't2')).toBe(false);
    expect(vectors.counts().indexed).toBe(1);
    expect(vectors.prepare('b.gguf', 4, 't3')).toBe(true);
    expect(vectors.counts()).toEqual({ indexed: 0, entries: entryCount() });
    expect(() => vectors.prepare('c.gguf', 0, 't4')).toThrow(RangeError);
    expect(vectors.model()).toEqual({ model: 'b.gguf', dimensions: 4 });
  });

  it('indexes every entry in batches, then searches by both rankings', async () => {
    const vectors = new KnowledgeVectors(t.engine.db, support);
    const embedder = new FakeEmbedder();
    const indexer = new VectorIndexer(vectors, embedder, t.clock, silentLogger);
    indexer.setModel(embedder.embeddingModel);
    await indexer.idle();
    expect(vectors.counts()).toEqual({ indexed: entryCount(), entries: entryCount() });
    expect(embedder.calls).toBe(Math.ceil(entryCount() / 16));
    // Nearest first; an entry's own text is nearest to itself.
    const id = rowId('QA-0001');
    const own = t.engine.db
      .prepare('SELECT kind, document FROM knowledge_entries WHERE id = ?')
      .get(id) as { kind: 'qa'; document: string };
    const document = JSON.parse(own.document) as PolicyDocument | QaDocument;
    const nearest = vectors.nearest(characterVector(embeddingText(own.kind, document)), 3);
    expect(nearest[0]).toEqual({ id, distance: expect.closeTo(0, 5) as number });
    const distances = nearest.map((neighbour) => neighbour.distance);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);

    const retriever = new HybridRetriever(index, vectors, embedder, silentLogger);
    const hits = await retriever.search({ query: '营业执照丢了怎么办', limit: 8 }, TODAY);
    expect(hits.every((hit) => hit.fusedScore !== undefined)).toBe(true);
    expect(hits.some((hit) => hit.vectorRank !== null)).toBe(true);

    // No model, another model's vectors, or a failing model: BM25 alone, as before.
    const lexical = index.search({ query: '营业执照丢了怎么办', limit: 8 }, TODAY);
    embedder.fail = true;
    expect(await retriever.search({ query: '营业执照丢了怎么办', limit: 8 }, TODAY)).toEqual(
      lexical,
    );
    embedder.fail = false;
    embedder.embeddingModel = { fileName: 'other.gguf', dimensions: DIMENSIONS };
    expect(await retriever.search({ query: '营业执照丢了怎么办', limit: 8 }, TODAY)).toEqual(
      lexical,
    );
    embedder.embeddingModel = undefined;
    expect(await retriever.search({ query: '营业执照丢了怎么办', limit: 8 }, TODAY)).toEqual(
      lexical,
    );
  });

  it('drops a batch embedded for a model that was replaced meanwhile', async () => {
    const vectors = new KnowledgeVectors(t.engine.db, support);
    const embedder = new FakeEmbedder();
    const indexer = new VectorIndexer(vectors, embedder, t.clock, silentLogger);
    let release: () => void = () => undefined;
    embedder.hold = new Promise((resolve) => {
      release = resolve;
    });
    indexer.setModel({ fileName: 'first.gguf', dimensions: DIMENSIONS });
    // While the first batch is with the "model", another model arrives (same width).
    indexer.setModel({ fileName: 'second.gguf', dimensions: DIMENSIONS });
    expect(vectors.counts().indexed).toBe(0);
    embedder.hold = undefined;
    release();
    await indexer.idle();
    expect(vectors.model()).toEqual({ model: 'second.gguf', dimensions: DIMENSIONS });
    expect(vectors.counts()).toEqual({ indexed: entryCount(), entries: entryCount() });
    // Gone: a new import schedules nothing.
    indexer.setModel(undefined);
    const calls = embedder.calls;
    indexer.schedule();
    await indexer.idle();
    expect(embedder.calls).toBe(calls);
  });

  it('without sqlite-vec stores nothing and searches by BM25 alone', async () => {
    const vectors = new KnowledgeVectors(t.engine.db, { available: false, reason: 'no binary' });
    const embedder = new FakeEmbedder();
    const indexer = new VectorIndexer(vectors, embedder, t.clock, silentLogger);
    indexer.setModel(embedder.embeddingModel);
    await indexer.idle();
    expect(embedder.calls).toBe(0);
    expect(vectors.model()).toBeUndefined();
    expect(vectors.nearest([1, 0], 5)).toEqual([]);
    expect(vectors.counts().indexed).toBe(0);
    const retriever = new HybridRetriever(index, vectors, embedder, silentLogger);
    const query = { query: '公租房怎么申请', limit: 8 };
    expect(await retriever.search(query, TODAY)).toEqual(index.search(query, TODAY));
    expect(embedder.calls).toBe(0);
  });
});
