import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportSummary } from '@shared/api';
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

/**
 * Imports the seed knowledge shipped in resources/ so the copilot is useful from the first start.
 * A file is skipped once its exact content has been imported, so an interrupted start resumes
 * and an app update brings its newer versions. Matter files go first: Q&A refers to their codes.
 */
export function importSeedKnowledge(
  importer: KnowledgeImporter,
  repository: KnowledgeRepository,
  seedDir: string,
): ImportSummary[] {
  const imported = repository.importedSha256s();
  return readKnowledgeSources(seedDir)
    .filter((source) => !imported.has(sha256(source.content)))
    .sort(
      (a, b) =>
        Number(!a.fileName.startsWith('matters')) - Number(!b.fileName.startsWith('matters')),
    )
    .map((source) => importer.import({ ...source, dryRun: false, importedBy: 'system' }));
}
