import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorIssue } from '@shared/api';
import { DevSetReferenceError, formatReport, parseDevSet, runEvaluation } from '../evaluation';

export interface EvalCommandOptions {
  /** A folder of knowledge files to evaluate against instead of the shipped seed. */
  knowledge?: string | undefined;
  json: boolean;
}

/** Exit code for a file that cannot be evaluated; metrics themselves never fail the command. */
export const INVALID_FILE_EXIT = 2;

/**
 * `bangban eval <file>`: runs an evaluation set (docs/evaluation-format.md) against a fresh
 * engine and reports its metrics. Exit 0 whatever the numbers; 2 when the file is invalid.
 */
export async function evalCommand(
  file: string,
  options: EvalCommandOptions,
  resourcesDir: string,
  out: (line: string) => void,
): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    out(`✖ 无法读取评测集 / cannot read the evaluation set: ${file} (${String(error)})`);
    return INVALID_FILE_EXIT;
  }
  const parsed = parseDevSet(text);
  if (!parsed.ok) {
    reportIssues(file, parsed.issues, out);
    return INVALID_FILE_EXIT;
  }
  const knowledgeDir = options.knowledge ?? join(resourcesDir, 'knowledge');
  try {
    const report = await runEvaluation(parsed.devSet, {
      file,
      knowledgeDir,
      calendarDir: join(resourcesDir, 'calendar'),
    });
    out(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } catch (error) {
    if (!(error instanceof DevSetReferenceError)) throw error;
    reportIssues(file, error.issues, out);
    return INVALID_FILE_EXIT;
  }
}

function reportIssues(file: string, issues: ErrorIssue[], out: (line: string) => void): void {
  out(`✖ 评测集有误，未运行 / the evaluation set is invalid, nothing was run: ${file}`);
  for (const issue of issues) {
    const where =
      issue.line === undefined
        ? file
        : `${file}:${String(issue.line)}:${String(issue.column ?? 1)}`;
    const path = issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
    out(`  ${where}${path}: ${issue.message.zh} / ${issue.message.en}`);
  }
}
