import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ErrorIssue } from '../api/errors';
import { describeIssues } from '../api/validation';
import { knowledgeFileSchema, type KnowledgeFile } from './format';

export type ParseResult = { ok: true; file: KnowledgeFile } | { ok: false; issues: ErrorIssue[] };

/**
 * Parses a knowledge file (YAML, or JSON — which YAML 1.2 reads too) and validates it, naming the
 * line, column and field path of every problem so an admin can fix the file in one pass.
 */
export function parseKnowledgeText(text: string): ParseResult {
  // JSON (what the hub and exports send) takes the native parser, ~60× faster than a YAML
  // document; only a file that fails is re-read as a document to find its lines.
  if (/^\s*\{/.test(text)) {
    const valid = knowledgeFileSchema.safeParse(tryJson(text));
    if (valid.success) return { ok: true, file: valid.data };
  }
  return parseWithPositions(text);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseWithPositions(text: string): ParseResult {
  const parsed = parseYamlAs(text, knowledgeFileSchema);
  return parsed.ok ? { ok: true, file: parsed.value } : parsed;
}

/**
 * Reads YAML 1.2 (so `2026-03-10` stays a string) and validates it against `schema`, naming the
 * line, column and field path of every problem. Shared by every file format an admin writes.
 */
export function parseYamlAs<S extends z.ZodType>(
  text: string,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; issues: ErrorIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          path: [],
          line: position.line,
          column: position.col,
          message: {
            zh: `文件格式错误（第 ${position.line} 行第 ${position.col} 列）：${error.message.split('\n')[0] ?? ''}`,
            en: `Syntax error at line ${position.line}, column ${position.col}: ${error.message.split('\n')[0] ?? ''}`,
          },
        };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: describeIssues(schema, data).map((issue) => ({
      ...issue,
      ...locate(doc, lineCounter, issue.path),
    })),
  };
}

/** The position of the deepest node on `path` that exists (a missing key points at its parent). */
function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: (string | number)[],
): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}
