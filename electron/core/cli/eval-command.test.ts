import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evalCommand, INVALID_FILE_EXIT } from './eval-command';

const resources = join(import.meta.dirname, '../../../resources');
let folder: string;
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('bangban eval', () => {
  it('refuses an invalid set with exit 2, naming the file, line and field', async () => {
    folder = mkdtempSync(join(tmpdir(), 'bangban-eval-cli-'));
    const file = join(folder, 'bad.yaml');
    writeFileSync(
      file,
      'formatVersion: 1\nname: 坏集\nknowledgeBase: seed\nquestionDate: 2026-13-40\nquestions: []\ncases: []\n',
    );
    const lines: string[] = [];
    const code = await evalCommand(file, { json: false }, resources, (line) => lines.push(line));
    expect(code).toBe(INVALID_FILE_EXIT);
    expect(lines.join('\n')).toContain(`${file}:4:15 questionDate`);
  });

  it('reports metrics as JSON and exits 0 whatever they are', async () => {
    folder = mkdtempSync(join(tmpdir(), 'bangban-eval-cli-'));
    const file = join(folder, 'one.yaml');
    writeFileSync(
      file,
      'formatVersion: 1\nname: 一题\nknowledgeBase: seed\nquestionDate: 2026-11-20\nquestions:\n  - id: Q001\n    question: 第一次办护照要带什么？\n    expectedEntryIds: []\ncases: []\n',
    );
    const lines: string[] = [];
    const code = await evalCommand(file, { json: true }, resources, (line) => lines.push(line));
    expect(code).toBe(0);
    const report = JSON.parse(lines.join('\n')) as { summary: { noBasis: { recall: number } } };
    expect(report.summary.noBasis.recall).toBe(1);
  });
});
