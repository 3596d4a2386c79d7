import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKnowledgeFile } from '../support/knowledge-generator';
import { keyFileFor, openTestStore } from '../support/test-store';

/**
 * SIGKILL the CLI while it imports a large file: the database must pass its integrity check and
 * hold either the whole import or none of it, every time.
 */
const cli = join(import.meta.dirname, '../../out/main/cli.js');
const MATTERS = 3000;
let workDir: string;
let file: string;

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
  workDir = mkdtempSync(join(tmpdir(), 'bangban-kill-'));
  file = join(workDir, 'large.json');
  writeFileSync(file, generateKnowledgeFile(MATTERS));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

interface Run {
  exitSignal: NodeJS.Signals | null;
  writingAfterMs: number | undefined;
  totalMs: number;
}

/** Runs `bangban import`; kills it `killAfterWritingMs` after the write phase starts, if given. */
function runImport(dataDir: string, killAfterWritingMs?: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'import', file], {
    env: { ...process.env, BANGBAN_DATA_DIR: dataDir, BANGBAN_KEY_FILE: keyFileFor(dataDir) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let writingAfterMs: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    if (writingAfterMs === undefined && chunk.toString().includes(': writing')) {
      writingAfterMs = performance.now() - started;
      if (killAfterWritingMs !== undefined) {
        setTimeout(() => child.kill('SIGKILL'), killAfterWritingMs);
      }
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      resolve({ exitSignal: signal, writingAfterMs, totalMs: performance.now() - started });
    });
  });
}

async function inspect(dataDir: string): Promise<{
  integrity: string;
  matters: number;
  entries: number;
  imports: number;
}> {
  const db = await openTestStore(dataDir);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      matters: (db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n,
      entries: (db.prepare('SELECT count(*) AS n FROM knowledge_entries').get() as { n: number }).n,
      imports: (db.prepare('SELECT count(*) AS n FROM knowledge_imports').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('killing the engine during an import', () => {
  it('leaves an intact database holding all of the import or none of it', async () => {
    // First an import left alone: it must complete, and it tells how long writing takes.
    const complete = join(workDir, 'complete');
    const run = await runImport(complete);
    expect(run.exitSignal).toBeNull();
    expect(run.writingAfterMs).toBeDefined();
    const writePhaseMs = run.totalMs - (run.writingAfterMs ?? 0);
    expect(await inspect(complete)).toEqual({
      integrity: 'ok',
      matters: MATTERS,
      entries: MATTERS,
      imports: 1,
    });

    // Then kills spread evenly over that write phase, from its very start to its end.
    const kills = 12;
    const outcomes: string[] = [];
    for (let index = 0; index < kills; index += 1) {
      const dataDir = join(workDir, `killed-${index}`);
      const delay = Math.round((writePhaseMs * index) / (kills - 1));
      const killed = await runImport(dataDir, delay);
      const state = await inspect(dataDir);
      expect(state.integrity).toBe('ok');
      const all = state.matters === MATTERS && state.entries === MATTERS && state.imports === 1;
      const none = state.matters === 0 && state.entries === 0 && state.imports === 0;
      expect(all || none, JSON.stringify({ delay, state })).toBe(true);
      outcomes.push(
        killed.exitSignal === 'SIGKILL'
          ? all
            ? 'killed-after-commit'
            : 'killed-rolled-back'
          : 'finished',
      );
    }
    // The kills must really have landed inside imports, not only after them.
    expect(outcomes.filter((outcome) => outcome === 'killed-rolled-back').length).toBeGreaterThan(
      3,
    );
    // Thirteen runs of the built CLI: about 45 s alone, more beside the suite's other workers.
  }, 240_000);
});
