import { createHash } from 'node:crypto';
import type { Publication } from '@shared/hub/admin';
import { canonicalJson } from '@shared/hub/canonical-json';
import type { KnowledgeFile } from '@shared/knowledge/format';
import { parseKnowledgeText } from '@shared/knowledge/parse';
import type { HubDb, SqlExecutor } from '../db/hub-db';
import { iso } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import type { ChangeLog } from '../sync/change-log';
import type { HubClock } from '../sync/hub-clock';

interface KnowledgeItem {
  key: string;
  data: unknown;
}

/**
 * Publishes a knowledge file to every hall: each matter, policy and Q&A entry at its version
 * becomes one change of the `knowledge` stream. The hub wins for the catalogue: terminals import
 * what arrives, and an item's effective date decides when it applies, so a file published early
 * takes effect on its date everywhere.
 */
export class PublishingService {
  constructor(
    private readonly db: HubDb,
    private readonly changes: ChangeLog,
    private readonly clock: HubClock,
  ) {}

  async publish(fileName: string, content: string, publishedBy: string): Promise<Publication> {
    const parsed = parseKnowledgeText(content);
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      throw new HubApiError('INVALID_INPUT', {
        message: issue?.message ?? { zh: '知识文件无效', en: 'Invalid knowledge file' },
        path: ['body', 'content', ...(issue?.path ?? [])],
      });
    }
    const file = parsed.file;
    const items = itemsOf(file);
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.db.transaction(async (tx) => {
      await this.checkReferences(tx, file);
      const hlc = this.clock.tick();
      const current = await this.current(
        tx,
        items.map((item) => item.key),
      );
      const changed = items.filter((item) => {
        const published = current.get(item.key);
        if (published === undefined) return true;
        if (published === canonicalJson(item.data)) return false;
        throw new HubApiError('CONFLICT', {
          message: {
            zh: `${item.key} 已以不同内容发布：修改内容须提高版本号`,
            en: `${item.key} was published with other content: raise its version to change it`,
          },
          path: ['body', 'content'],
        });
      });
      await this.changes.appendMany(
        tx,
        changed.map((item) => ({
          stream: 'knowledge' as const,
          scope: '*',
          key: item.key,
          op: 'upsert' as const,
          hlc,
          data: item.data,
        })),
      );
      const rows = await tx.query<{ id: number; published_at: Date }>(
        `INSERT INTO knowledge_publications (file_name, sha256, published_by, matters, policies, qa)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, published_at`,
        [fileName, sha256, publishedBy, file.matters.length, file.policies.length, file.qa.length],
      );
      const row = rows[0];
      if (!row) throw new Error('publication not recorded');
      return {
        id: row.id,
        fileName,
        sha256,
        publishedBy,
        publishedAt: iso(row.published_at),
        matters: file.matters.length,
        policies: file.policies.length,
        qa: file.qa.length,
      };
    });
  }

  async publications(): Promise<Publication[]> {
    const rows = await this.db.query<{
      id: number;
      file_name: string;
      sha256: string;
      published_by: string;
      published_at: Date;
      matters: number;
      policies: number;
      qa: number;
    }>('SELECT * FROM knowledge_publications ORDER BY id DESC LIMIT 500');
    return rows.map((row) => ({
      id: row.id,
      fileName: row.file_name,
      sha256: row.sha256,
      publishedBy: row.published_by,
      publishedAt: iso(row.published_at),
      matters: row.matters,
      policies: row.policies,
      qa: row.qa,
    }));
  }

  /** What is published now under these keys, as canonical JSON. */
  private async current(tx: SqlExecutor, keys: string[]): Promise<Map<string, string>> {
    const rows = await tx.query<{ key: string; data: unknown }>(
      `SELECT key, data FROM changes
        WHERE stream = 'knowledge' AND scope = '*' AND key = ANY($1::text[]) AND NOT superseded`,
      [keys],
    );
    return new Map(rows.map((row) => [row.key, canonicalJson(row.data)]));
  }

  /** Terminals refuse an item naming a matter they do not know: so does the hub, up front. */
  private async checkReferences(tx: SqlExecutor, file: KnowledgeFile): Promise<void> {
    const inFile = new Set(file.matters.map((matter) => matter.code));
    const referenced = new Set<string>();
    for (const matter of file.matters) for (const code of matter.composedOf) referenced.add(code);
    for (const entry of [...file.policies, ...file.qa])
      for (const code of entry.matters) referenced.add(code);
    for (const code of referenced) {
      if (inFile.has(code)) continue;
      const rows = await tx.query(
        `SELECT 1 FROM changes WHERE stream = 'knowledge' AND scope = '*' AND key LIKE $1 LIMIT 1`,
        [`matter:${code}@%`],
      );
      if (rows.length === 0)
        throw new HubApiError('INVALID_INPUT', {
          message: {
            zh: `引用了中心知识库中不存在的事项编码“${code}”`,
            en: `Refers to a matter code "${code}" the hub has not published`,
          },
          path: ['body', 'content'],
        });
    }
  }
}

/** Matters first: an entry that names a matter always arrives after it. */
function itemsOf(file: KnowledgeFile): KnowledgeItem[] {
  return [
    ...file.matters.map((matter) => ({
      key: `matter:${matter.code}@${matter.version}`,
      data: matter,
    })),
    ...file.policies.map((policy) => ({
      key: `policy:${policy.id}@${policy.version}`,
      data: policy,
    })),
    ...file.qa.map((qa) => ({ key: `qa:${qa.id}@${qa.version}`, data: qa })),
  ];
}
