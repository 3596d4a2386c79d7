import { ApiError, type KnowledgeEntry, type KnowledgeHit, type ParsedInput } from '@shared/api';
import { signedIn } from '../auth';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Handlers } from '../rpc/dispatcher';
import { KnowledgeIndex } from './knowledge-index';
import { KnowledgeImporter } from './knowledge-importer';
import { KnowledgeRepository } from './knowledge-repository';
import type { MatterCatalogue } from './matter-catalogue';
import { createJiebaSegmenter, type Segmenter } from './segmenter';

export { KnowledgeIndex, embeddingText } from './knowledge-index';
export { HybridRetriever, VectorIndexer, type Embedder } from './hybrid-search';
export { KnowledgeVectors, type VectorNeighbour } from './knowledge-vectors';
export { KnowledgeImporter } from './knowledge-importer';
export { createJiebaSegmenter, type Segmenter } from './segmenter';
export { KnowledgeRepository } from './knowledge-repository';
export { MatterCatalogue } from './matter-catalogue';
export { importSeedKnowledge, readKnowledgeSources } from './knowledge-sources';

/** The catalogue's repository, its search index and the importer that writes both. */
export function createKnowledgeStore(
  db: Db,
  clock: Clock,
  segmenter: Segmenter = createJiebaSegmenter(),
): { repository: KnowledgeRepository; index: KnowledgeIndex; importer: KnowledgeImporter } {
  const repository = new KnowledgeRepository(db);
  const index = new KnowledgeIndex(db, segmenter);
  return { repository, index, importer: new KnowledgeImporter(db, repository, index, clock) };
}

export function knowledgeHandlers(
  importer: KnowledgeImporter,
  repository: KnowledgeRepository,
  catalogue: MatterCatalogue,
  search: (input: ParsedInput<'knowledge.search'>) => Promise<KnowledgeHit[]>,
  onImported: () => void,
): Pick<
  Handlers,
  | 'knowledge.import'
  | 'knowledge.imports'
  | 'knowledge.search'
  | 'knowledge.entry'
  | 'matters.search'
  | 'matters.get'
> {
  return {
    'knowledge.import': (input, context) => {
      const summary = importer.import({
        ...input,
        importedBy: signedIn(context).username,
        // Progress is for the window that asked; the new counts are for every window.
        onProgress: (progress) => {
          context.connection.send({
            type: 'event',
            event: 'knowledge.importProgress',
            payload: progress,
          });
        },
      });
      if (!input.dryRun) onImported();
      return summary;
    },
    'knowledge.imports': () =>
      repository.imports().map((row) => ({
        id: row.id,
        fileName: row.file_name,
        sha256: row.sha256,
        importedAt: row.imported_at,
        importedBy: row.imported_by,
        summary: JSON.parse(row.summary) as ReturnType<KnowledgeImporter['import']>,
      })),
    'knowledge.search': (input) => search(input),
    'knowledge.entry': (input) => entryOf(repository, input.entryId, input.version),
    'matters.search': (input) => catalogue.search(input),
    'matters.get': (input) => catalogue.get(input.id),
  };
}

function entryOf(
  repository: KnowledgeRepository,
  entryId: string,
  version: number | undefined,
): KnowledgeEntry {
  const newestVersion = repository.newestEntryVersion(entryId);
  const entry =
    newestVersion === undefined ? undefined : repository.entry(entryId, version ?? newestVersion);
  if (newestVersion === undefined || !entry) {
    throw new ApiError('NOT_FOUND', { path: [version === undefined ? 'entryId' : 'version'] });
  }
  const common = {
    entryId,
    version: entry.document.version,
    newestVersion,
    effectiveFrom: entry.document.effectiveFrom,
    expiresOn: entry.document.expiresOn ?? null,
    matters: entry.document.matters,
    department: entry.document.department ?? null,
  };
  return entry.kind === 'policy'
    ? {
        ...common,
        kind: 'policy',
        title: entry.document.title,
        text: entry.document.body,
        issuer: entry.document.issuer,
        documentNumber: entry.document.documentNumber ?? null,
        sources: [],
      }
    : {
        ...common,
        kind: 'qa',
        title: entry.document.question,
        text: entry.document.answer,
        issuer: null,
        documentNumber: null,
        sources: entry.document.sources,
      };
}
