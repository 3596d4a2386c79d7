import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError, type ImportSummary } from '@shared/api';
import { sha256, type KnowledgeImporter } from './knowledge-importer';
import type { KnowledgeRepository } from './knowledge-repository';

export interface KnowledgeSource {
  fileName: string;
  content: string;
}

const knowledgeFile = /\.(ya?ml|json)$/i;

/** The knowledge files at a path: the file itself, or a folder's files in name order. */
export function readKnowledgeSources(path: string): KnowledgeSource[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => knowledgeFile.test(name))
        .sort()
        .map((name) => join(path, name))
    : [path];
  return files.map((file) => ({ fileName: basename(file), content: readFileSync(file, 'utf8') }));
}

export interface SeedImportResult {
  imported: ImportSummary[];
  /** Files refused (e.g. changed content under an old version): the rest still import. */
  refused: { fileName: string; error: ApiError }[];
}

/**
 * Imports the seed knowledge shipped in resources/ so the copilot is useful from the first start.
 * A file is skipped once its exact content has been imported, so an interrupted start resumes
 * and an app update brings its newer versions. Matter files go first: Q&A refers to their codes.
 * A refused file never stops the engine: the hall keeps working on what it has.
 */
export function importSeedKnowledge(
  importer: KnowledgeImporter,
  repository: KnowledgeRepository,
  seedDir: string,
): SeedImportResult {
  const imported = repository.importedSha256s();
  const result: SeedImportResult = { imported: [], refused: [] };
  const pending = readKnowledgeSources(seedDir)
    .filter((source) => !imported.has(sha256(source.content)))
    .sort(
      (a, b) =>
        Number(!a.fileName.startsWith('matters')) - Number(!b.fileName.startsWith('matters')),
    );
  for (const source of pending) {
    try {
      result.imported.push(importer.import({ ...source, dryRun: false, importedBy: 'system' }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.refused.push({ fileName: source.fileName, error });
    }
  }
  return result;
}
