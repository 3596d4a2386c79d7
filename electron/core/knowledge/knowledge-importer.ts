import { createHash } from 'node:crypto';
import { ApiError, type ErrorIssue, type ImportProgress, type ImportSummary } from '@shared/api';
import type { KnowledgeFile } from '@shared/knowledge/format';
import { parseKnowledgeText } from '@shared/knowledge/parse';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import type { KnowledgeIndex } from './knowledge-index';
import type { KnowledgeRepository } from './knowledge-repository';
import { matterSearchText } from './matter-search-text';

export interface ImportRequest {
  fileName: string;
  content: string;
  dryRun: boolean;
  importedBy: string;
  onProgress?: (progress: ImportProgress) => void;
}

interface Counts {
  added: number;
  superseded: number;
  unchanged: number;
}

/** The identity of a file's or an item's content, as recorded with every import. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Imports a knowledge file all-or-nothing: it is parsed and checked in full first, then written
 * in one transaction. Every version is kept; a higher version supersedes the one before it.
 */
export class KnowledgeImporter {
  constructor(
    private readonly db: Db,
    private readonly repository: KnowledgeRepository,
    private readonly index: KnowledgeIndex,
    private readonly clock: Clock,
  ) {}

  import(request: ImportRequest): ImportSummary {
    const started = performance.now();
    const report = (phase: ImportProgress['phase'], done: number, total: number): void => {
      request.onProgress?.({ fileName: request.fileName, phase, done, total });
    };
    report('parsing', 0, 1);
    const parsed = parseKnowledgeText(request.content);
    if (!parsed.ok) throw this.invalid(request.fileName, parsed.issues);
    const file = parsed.file;
    report('validating', 0, 1);
    const referenceIssues = this.checkReferences(file);
    if (referenceIssues.length > 0) throw this.invalid(request.fileName, referenceIssues);

    const total = file.matters.length + file.policies.length + file.qa.length;
    const sha = sha256(request.content);
    const write = (): ImportSummary => {
      report('writing', 0, total);
      const importId = this.repository.insertImport({
        fileName: request.fileName,
        sha256: sha,
        importedBy: request.importedBy,
        at: this.clock.now().toISOString(),
      });
      const matters = this.writeMatters(file, importId);
      const policies = this.writeEntries(file, 'policy', importId);
      const qa = this.writeEntries(file, 'qa', importId);
      const summary = {
        importId,
        fileName: request.fileName,
        sha256: sha,
        matters,
        policies,
        qa,
        durationMs: Math.round(performance.now() - started),
      };
      this.repository.setImportSummary(importId, {
        matters,
        policies,
        qa,
        durationMs: summary.durationMs,
      });
      if (request.dryRun) throw new DryRunRollback(summary);
      return summary;
    };
    try {
      const summary = inTransaction(this.db, write);
      report('done', total, total);
      return summary;
    } catch (error) {
      // A dry run does every check and write, then rolls back: what it reports is exactly
      // what a real import would do.
      if (error instanceof DryRunRollback) return error.summary;
      throw error;
    }
  }

  /** Codes a file names must exist in the file itself or in an earlier import. */
  private checkReferences(file: KnowledgeFile): ErrorIssue[] {
    const inFile = new Set(file.matters.map((matter) => matter.code));
    const known = (code: string): boolean =>
      inFile.has(code) || this.repository.matterCodeExists(code);
    const issues: ErrorIssue[] = [];
    const unknown = (path: (string | number)[], code: string): void => {
      issues.push({
        path,
        message: {
          zh: `引用了知识库中不存在的事项编码“${code}”`,
          en: `Refers to a matter code "${code}" that is not in the knowledge base`,
        },
      });
    };
    file.matters.forEach((matter, index) => {
      matter.composedOf.forEach((code, position) => {
        if (!known(code)) unknown(['matters', index, 'composedOf', position], code);
      });
    });
    for (const kind of ['policies', 'qa'] as const) {
      file[kind].forEach((entry, index) => {
        entry.matters.forEach((code, position) => {
          if (!known(code)) unknown([kind, index, 'matters', position], code);
        });
      });
    }
    return issues;
  }

  private writeMatters(file: KnowledgeFile, importId: number): Counts {
    const counts: Counts = { added: 0, superseded: 0, unchanged: 0 };
    const conflicts: ErrorIssue[] = [];
    file.matters.forEach((matter, index) => {
      const contentHash = sha256(JSON.stringify(matter));
      const existing = this.repository.matterHash(matter.code, matter.version);
      if (existing === contentHash) {
        counts.unchanged += 1;
        return;
      }
      if (existing !== undefined) {
        conflicts.push(versionConflict(['matters', index, 'version'], matter.code, matter.version));
        return;
      }
      const newest = this.repository.newestMatterVersion(matter.code);
      this.repository.insertMatter(matter, { ...matterSearchText(matter), contentHash, importId });
      if (newest !== undefined && newest < matter.version) counts.superseded += 1;
      else counts.added += 1;
    });
    if (conflicts.length > 0) throw conflictError(conflicts);
    return counts;
  }

  private writeEntries(file: KnowledgeFile, kind: 'policy' | 'qa', importId: number): Counts {
    const counts: Counts = { added: 0, superseded: 0, unchanged: 0 };
    const conflicts: ErrorIssue[] = [];
    const list = kind === 'policy' ? file.policies : file.qa;
    list.forEach((document, index) => {
      const contentHash = sha256(JSON.stringify(document));
      const existing = this.repository.entryHash(document.id, document.version);
      if (existing === contentHash) {
        counts.unchanged += 1;
        return;
      }
      if (existing !== undefined) {
        const path = [kind === 'policy' ? 'policies' : 'qa', index, 'version'];
        conflicts.push(versionConflict(path, document.id, document.version));
        return;
      }
      const newest = this.repository.newestEntryVersion(document.id);
      const entry =
        kind === 'policy'
          ? { kind, document: document as KnowledgeFile['policies'][number] }
          : { kind, document: document as KnowledgeFile['qa'][number] };
      const id = this.repository.insertEntry(entry, { contentHash, importId });
      // Indexed in the same transaction: a search never sees an entry half-imported.
      this.index.indexEntry(id, entry.kind, entry.document);
      if (newest !== undefined && newest < document.version) counts.superseded += 1;
      else counts.added += 1;
    });
    if (conflicts.length > 0) throw conflictError(conflicts);
    return counts;
  }

  private invalid(fileName: string, issues: ErrorIssue[]): ApiError {
    const first = issues[0];
    const where = first?.line === undefined ? '' : `第 ${first.line} 行：`;
    const whereEn = first?.line === undefined ? '' : `line ${first.line}: `;
    return new ApiError('KNOWLEDGE_INVALID', {
      message: {
        zh: `${fileName} 有 ${issues.length} 处错误，未导入任何内容。${where}${first?.message.zh ?? ''}`,
        en: `${fileName} has ${issues.length} problem(s); nothing was imported. ${whereEn}${first?.message.en ?? ''}`,
      },
      path: first?.path ?? [],
      issues,
    });
  }
}

class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

function versionConflict(path: (string | number)[], code: string, version: number): ErrorIssue {
  return {
    path,
    message: {
      zh: `“${code}”第 ${version} 版已导入且内容不同；修改内容时请提高版本号`,
      en: `"${code}" version ${version} was imported with different content; raise the version`,
    },
  };
}

function conflictError(issues: ErrorIssue[]): ApiError {
  return new ApiError('KNOWLEDGE_VERSION_CONFLICT', { path: issues[0]?.path ?? [], issues });
}
