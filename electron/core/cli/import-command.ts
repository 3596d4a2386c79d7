import { ApiError } from '@shared/api';
import { systemClock } from '../clock';
import { createKnowledgeStore, readKnowledgeSources } from '../knowledge';
import type { Db } from '../db/connection';

/**
 * `bangban import <file-or-folder>…`: each file is imported all-or-nothing; a bad file is
 * reported with line, column and field, and the command stops there with exit code 1.
 */
export function importCommand(
  db: Db,
  paths: string[],
  options: { dryRun: boolean; importedBy: string },
  out: (line: string) => void,
): number {
  const { importer } = createKnowledgeStore(db, systemClock);
  for (const source of paths.flatMap(readKnowledgeSources)) {
    try {
      const summary = importer.import({
        ...source,
        ...options,
        onProgress: (progress) => {
          out(`${source.fileName}: ${progress.phase} ${progress.done}/${progress.total}`);
        },
      });
      const counts = (
        kind: string,
        c: { added: number; superseded: number; unchanged: number },
      ): string =>
        `${kind} 新增/added ${c.added}, 替换/superseded ${c.superseded}, 未变/unchanged ${c.unchanged}`;
      out(
        `${options.dryRun ? '✔ 校验通过（未写入）/ checked, nothing written' : '✔ 已导入 / imported'} ${source.fileName}: ` +
          [
            counts('事项 matters', summary.matters),
            counts('政策 policies', summary.policies),
            counts('问答 Q&A', summary.qa),
          ].join('; '),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      out(`✖ ${error.localized.zh}`);
      out(`  ${error.localized.en}`);
      for (const issue of error.issues ?? []) {
        const where =
          issue.line === undefined
            ? source.fileName
            : `${source.fileName}:${issue.line}:${issue.column ?? 1}`;
        out(`  ${where} ${issue.path.join('.')} — ${issue.message.zh} / ${issue.message.en}`);
      }
      return 1;
    }
  }
  return 0;
}
