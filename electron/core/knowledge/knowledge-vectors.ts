import type { VectorSupport } from '../db/vector-extension';
import { inTransaction, type Db } from '../db/connection';

/** One entry near a query vector: its row id and cosine distance (0 = same direction). */
export interface VectorNeighbour {
  id: number;
  distance: number;
}

/** An entry waiting for its vector. */
export interface PendingEntry {
  id: number;
  kind: 'policy' | 'qa';
  document: string;
}

/** sqlite-vec answers at most this many neighbours per query. */
const MAX_NEIGHBOURS = 4096;
/** Wider than any embedding model a hall PC runs; guards the width written into the DDL. */
const MAX_DIMENSIONS = 8192;

/**
 * SQL for the vector index: a sqlite-vec `vec0` table (rowid = knowledge_entries.id) holding one
 * model's embeddings, and the record of which model that is (migration 0007). Every method is a
 * no-op or empty where the extension did not load, so callers need not ask first.
 */
export class KnowledgeVectors {
  constructor(
    private readonly db: Db,
    readonly support: VectorSupport,
  ) {}

  get available(): boolean {
    return this.support.available;
  }

  /** The model the stored vectors came from, while its table exists. */
  model(): { model: string; dimensions: number } | undefined {
    if (!this.available || !this.tableExists()) return undefined;
    return this.db
      .prepare('SELECT model, dimensions FROM knowledge_vector_model WHERE id = 1')
      .get() as { model: string; dimensions: number } | undefined;
  }

  /**
   * Makes the table hold `model`'s vectors: kept when it already does, otherwise dropped and
   * created at the model's width (another model's vectors cannot be compared with its queries).
   * Returns whether the table was (re)created, i.e. every entry needs a vector again.
   */
  prepare(model: string, dimensions: number, at: string): boolean {
    if (!this.available) return false;
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS)
      throw new RangeError(`embedding width out of range: ${String(dimensions)}`);
    return inTransaction(this.db, () => {
      const current = this.model();
      if (current?.model === model && current.dimensions === dimensions) return false;
      this.db.exec('DROP TABLE IF EXISTS knowledge_vectors');
      this.db.exec(
        `CREATE VIRTUAL TABLE knowledge_vectors USING vec0 (embedding float[${String(dimensions)}] distance_metric=cosine)`,
      );
      this.db
        .prepare(
          `INSERT INTO knowledge_vector_model (id, model, dimensions, created_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET model = excluded.model, dimensions = excluded.dimensions,
             created_at = excluded.created_at`,
        )
        .run(model, dimensions, at);
      return true;
    });
  }

  /** Up to `limit` entries (every version) without a vector yet, in import order. */
  pending(limit: number): PendingEntry[] {
    if (!this.model()) return [];
    return this.db
      .prepare(
        `SELECT id, kind, document FROM knowledge_entries
         WHERE id NOT IN (SELECT rowid FROM knowledge_vectors) ORDER BY id LIMIT ?`,
      )
      .all(limit) as PendingEntry[];
  }

  /** Stores vectors (replacing any an entry had), all in one transaction. */
  store(vectors: { id: number; vector: readonly number[] }[]): void {
    if (!this.available) return;
    inTransaction(this.db, () => {
      // vec0 has no upsert; its rowids must be bound as integers, not as JS numbers (REAL).
      const remove = this.db.prepare('DELETE FROM knowledge_vectors WHERE rowid = ?');
      const insert = this.db.prepare(
        'INSERT INTO knowledge_vectors (rowid, embedding) VALUES (?, ?)',
      );
      for (const { id, vector } of vectors) {
        remove.run(BigInt(id));
        insert.run(BigInt(id), new Float32Array(vector));
      }
    });
  }

  /** The `k` entries (any version, any matter) nearest to `vector`, nearest first. */
  nearest(vector: readonly number[], k: number): VectorNeighbour[] {
    if (!this.model()) return [];
    return this.db
      .prepare(
        `SELECT rowid AS id, distance FROM knowledge_vectors
         WHERE embedding MATCH ? AND k = ? ORDER BY distance`,
      )
      .all(new Float32Array(vector), Math.min(Math.max(1, k), MAX_NEIGHBOURS)) as VectorNeighbour[];
  }

  /** Entries with a vector, of all entries. */
  counts(): { indexed: number; entries: number } {
    const entries = (
      this.db.prepare('SELECT count(*) AS n FROM knowledge_entries').get() as { n: number }
    ).n;
    if (!this.model()) return { indexed: 0, entries };
    const indexed = (
      this.db.prepare('SELECT count(*) AS n FROM knowledge_vectors').get() as { n: number }
    ).n;
    return { indexed, entries };
  }

  /** Whether any vector is stored: a search can then use them. */
  hasVectors(): boolean {
    if (!this.model()) return false;
    return this.db.prepare('SELECT rowid FROM knowledge_vectors LIMIT 1').get() !== undefined;
  }

  private tableExists(): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'knowledge_vectors'")
        .get() !== undefined
    );
  }
}
