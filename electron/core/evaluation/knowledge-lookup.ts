import { z } from 'zod';
import { ApiError, type BangbanClient, type KnowledgeEntry, type MatterDetail } from '@shared/api';

/** The parts of a review point the harness needs (the contract leaves points loosely typed). */
const pointSchema = z.object({ code: z.string(), kind: z.string(), title: z.string() });
export type PointSummary = z.infer<typeof pointSchema>;

export interface MatterInfo {
  detail: MatterDetail;
  points: PointSummary[];
}

/**
 * Looks up what an evaluation set refers to through the contract: matters by code (in effect on
 * the clock's date) and the version of an entry in force on a date.
 */
export class KnowledgeLookup {
  private readonly entries = new Map<string, Promise<KnowledgeEntry | undefined>>();

  constructor(private readonly client: BangbanClient) {}

  /** The matter version in effect today (by the engine's clock), or undefined. */
  async matter(code: string): Promise<MatterInfo | undefined> {
    const found = await this.client.matters.search({ query: code, limit: 500 });
    const summary = found.find((matter) => matter.code === code);
    if (!summary) return undefined;
    const detail = await this.client.matters.get({ id: summary.id });
    return { detail, points: detail.reviewPoints.map((point) => pointSchema.parse(point)) };
  }

  /**
   * The version of an entry in force on `date`, as search picks it: the newest version already
   * in effect on that date, provided it has not expired. Undefined when there is none.
   */
  entryInForce(entryId: string, date: string): Promise<KnowledgeEntry | undefined> {
    const key = `${entryId}@${date}`;
    let found = this.entries.get(key);
    if (!found) {
      found = this.findInForce(entryId, date);
      this.entries.set(key, found);
    }
    return found;
  }

  private async findInForce(entryId: string, date: string): Promise<KnowledgeEntry | undefined> {
    const newest = await this.entry(entryId, undefined);
    if (!newest) return undefined;
    for (let version = newest.newestVersion; version >= 1; version -= 1) {
      const entry = version === newest.version ? newest : await this.entry(entryId, version);
      if (!entry || entry.effectiveFrom > date) continue;
      return entry.expiresOn === null || entry.expiresOn >= date ? entry : undefined;
    }
    return undefined;
  }

  private async entry(
    entryId: string,
    version: number | undefined,
  ): Promise<KnowledgeEntry | undefined> {
    try {
      return await this.client.knowledge.entry(
        version === undefined ? { entryId } : { entryId, version },
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}
