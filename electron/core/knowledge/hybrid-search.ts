import type { KnowledgeHit, ParsedInput } from '@shared/api';
import type { PolicyDocument, QaDocument } from '@shared/knowledge/format';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { embeddingText, type KnowledgeIndex } from './knowledge-index';
import type { KnowledgeVectors } from './knowledge-vectors';

/** The embedding model as retrieval needs it (the engine's ModelService is one). */
export interface Embedder {
  /** The model ready to embed, if any: its file name identifies its vectors. */
  readonly embeddingModel: { fileName: string; dimensions: number } | undefined;
  embed(texts: string[]): Promise<number[][]>;
}

/** Texts per embed request: small enough that a search query never waits long behind a batch. */
const BATCH = 16;
/** Neighbours asked of sqlite-vec per hit wanted: the filters (date, matter) drop many of them. */
const NEIGHBOURS_PER_HIT = 25;
const MIN_NEIGHBOURS = 200;

/**
 * Gives every knowledge entry a vector from the loaded embedding model, in the background and in
 * batches (one transaction each), so the engine keeps answering meanwhile: after the model loads,
 * and after each import. A new model (or none) stops a run in progress; its vectors would not fit.
 */
export class VectorIndexer {
  private model: { fileName: string; dimensions: number } | undefined;
  /** Bumped whenever the model changes: a run from an older one stops at its next batch. */
  private generation = 0;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly vectors: KnowledgeVectors,
    private readonly embedder: Pick<Embedder, 'embed'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The embedding model became ready, or went away (undefined). */
  setModel(model: { fileName: string; dimensions: number } | undefined): void {
    this.generation++;
    this.model = model;
    if (!model) return;
    if (!this.vectors.available) {
      this.logger.warn('embedding model loaded, but vectors cannot be stored here', {
        reason: this.vectors.support.available ? '' : this.vectors.support.reason,
      });
      return;
    }
    try {
      if (this.vectors.prepare(model.fileName, model.dimensions, this.clock.now().toISOString()))
        this.logger.info('knowledge vectors rebuilt for a new embedding model', { ...model });
    } catch (error) {
      this.logger.error('knowledge vector table not prepared', error);
      return;
    }
    this.schedule();
  }

  /** Indexes entries without a vector (new imports); coalesces with a run in progress. */
  schedule(): void {
    if (!this.model || !this.vectors.available) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
  }

  /** Resolves once no run is in progress (tests; the engine never waits for indexing). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    const model = this.model;
    let indexed = 0;
    try {
      for (;;) {
        if (generation !== this.generation) return;
        const batch = this.vectors.pending(BATCH);
        if (batch.length === 0) break;
        const texts = batch.map((entry) =>
          embeddingText(entry.kind, JSON.parse(entry.document) as PolicyDocument | QaDocument),
        );
        const vectors = await this.embedder.embed(texts);
        // The model changed while this batch was embedded: its vectors belong to no table now.
        if (generation !== this.generation) return;
        this.vectors.store(
          batch.map((entry, index) => ({ id: entry.id, vector: vectors[index] ?? [] })),
        );
        indexed += batch.length;
      }
      if (indexed > 0)
        this.logger.info('knowledge vectors indexed', { entries: indexed, ...model });
    } catch (error) {
      // Retried with the next import or model load; BM25 search is unaffected meanwhile.
      this.logger.warn('knowledge vectors not indexed', { error: String(error), indexed });
    }
  }
}

/**
 * Knowledge search with vectors where they exist: the query is embedded by the loaded embedding
 * model and the nearest entries fused with BM25's (KnowledgeIndex.search). Without an embedding
 * model, without sqlite-vec, before any entry has a vector, or when embedding the query fails,
 * it is exactly the BM25 search.
 */
export class HybridRetriever {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly vectors: KnowledgeVectors,
    private readonly embedder: Embedder,
    private readonly logger: Logger,
  ) {}

  async search(input: ParsedInput<'knowledge.search'>, today: string): Promise<KnowledgeHit[]> {
    const model = this.embedder.embeddingModel;
    const stored = this.vectors.model();
    // Vectors from another model (a rebuild not started yet) cannot be compared with its query.
    if (!model || stored?.model !== model.fileName || stored.dimensions !== model.dimensions)
      return this.index.search(input, today);
    if (!this.vectors.hasVectors()) return this.index.search(input, today);
    let vector: number[] | undefined;
    try {
      [vector] = await this.embedder.embed([input.query]);
    } catch (error) {
      this.logger.warn('query not embedded; searching by words only', { error: String(error) });
    }
    if (vector?.length !== stored.dimensions) return this.index.search(input, today);
    const k = Math.max(input.limit * NEIGHBOURS_PER_HIT, MIN_NEIGHBOURS);
    try {
      // Checked again: the embedding model may have changed while the query was embedded.
      const now = this.vectors.model();
      if (now?.model !== stored.model || now.dimensions !== stored.dimensions)
        return this.index.search(input, today);
      return this.index.search(input, today, this.vectors.nearest(vector, k));
    } catch (error) {
      this.logger.warn('vector search failed; searching by words only', { error: String(error) });
      return this.index.search(input, today);
    }
  }
}
