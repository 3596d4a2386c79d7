import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import jsonLogic from 'json-logic-js';
import { afterAll, describe, it } from 'vitest';
import { loadWorkingDayCalendar } from '../electron/core/calendar/calendar-loader';
import { Engine } from '../electron/core/engine';
import { createJiebaSegmenter, KnowledgeIndex } from '../electron/core/knowledge';
import { silentLogger } from '../electron/core/logger';
import { CALENDAR, type RuleData } from '../electron/core/review/named-operations';
import { RuleEvaluator } from '../electron/core/review';
import { startBrowserMode } from '../tests/support/browser-mode-process';
import { CALENDARS, ManualClock, SEED_KNOWLEDGE } from '../tests/support/engine-harness';
import { generateEntryFiles, generateQueries } from '../tests/support/entry-generator';
import { engineCaller, quantile, type EngineCaller } from './engine-connection';
import {
  REVIEW_MATTER_CODE,
  reviewCaseFields,
  reviewMatterFile,
  reviewRules,
} from './review-matter';
import type { BenchResult } from './bench-result';

/**
 * Issue 3's benchmarks: retrieval over a 100,000-entry knowledge base (knowledge.search and
 * copilot.ask against a bare FTS5 query), the rule review of a 30-point case (review.get against
 * json-logic-js alone) and the engine's memory. Each beside a baseline measured in this run.
 */
const results: BenchResult[] = [];
const work = mkdtempSync(join(tmpdir(), 'bangban-bench3-'));
/** BANGBAN_BENCH_ENTRIES shrinks the knowledge base for a quick trial run. */
const ENTRIES = Number(process.env.BANGBAN_BENCH_ENTRIES ?? 100_000);
const PER_FILE = 10_000;
const QUERIES = 200;
const REVIEW_RUNS = 100;
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Bench#Admin2026' };

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const percentiles = (times: number[]): string =>
  `p50 ${ms(quantile(times, 0.5))} / p95 ${ms(quantile(times, 0.95))}`;

function memory(): { rss: number; heap: number } {
  collectGarbage();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed };
}

function openEngine(dataDir: string, clock: ManualClock): Engine {
  return Engine.open({
    dataDir,
    // A benchmark's throw-away store: a fresh key that dies with it.
    storeKey: randomBytes(32),
    mode: 'browser',
    version: 'bench',
    seedKnowledgeDir: SEED_KNOWLEDGE,
    calendarDir: CALENDARS,
    clock,
    logger: silentLogger,
  });
}

async function signedInCaller(engine: Engine): Promise<EngineCaller> {
  const call = engineCaller(engine);
  await call('setup.createAdmin', { hallName: '基准测试大厅', ...ADMIN });
  return call;
}

/** Resident memory of a process, from /proc (Linux): what the OS charges the engine. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return Number(kib ?? Number.NaN) * 1024;
}

/** Baseline: resident memory of a bare Node process that does nothing. */
async function bareNodeResident(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'console.log("ready");setInterval(()=>{},1e6)'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => {
    child.stdout.once('data', () => {
      resolve();
    });
  });
  const bytes = residentBytes(child.pid ?? 0);
  child.kill();
  return bytes;
}

/** Starts the real browser-mode engine on a data folder and reads its resident memory. */
async function engineProcessResident(dataDir: string): Promise<number> {
  const engine = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
  // Let start-up garbage settle before reading.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const bytes = residentBytes(engine.child.pid ?? 0);
  await engine.stop();
  return bytes;
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'retrieval-review.json'), JSON.stringify({ results }, null, 2));
});

describe('benchmarks of issue 3', () => {
  let seedProcessRss: number | undefined;

  it('engine memory after open with the seed knowledge', async () => {
    const before = memory();
    const engine = openEngine(mkdtempSync(join(work, 'memory-')), new ManualClock());
    const call = await signedInCaller(engine);
    await call('knowledge.search', { query: '营业执照丢了怎么办' });
    const seedMemory = memory();
    engine.close();
    const processDir = mkdtempSync(join(work, 'memory-process-'));
    // The first start imports the seed (parsing, pinyin, jieba); later starts find it imported.
    const firstStartRss = await engineProcessResident(processDir);
    seedProcessRss = await engineProcessResident(processDir);
    const bare = await bareNodeResident();
    results.push({
      name: 'Engine memory after open with the seed knowledge (browser-mode process RSS, restart)',
      ours: mib(seedProcessRss),
      baseline: `${mib(bare)} (bare Node process)`,
      note: `first start, which imports the seed: ${mib(firstStartRss)}; in-process (bench worker, after GC): RSS ${mib(seedMemory.rss)}, heap ${mib(seedMemory.heap)}; opening the engine added RSS ${mib(seedMemory.rss - before.rss)}, heap ${mib(seedMemory.heap - before.heap)} (jieba dictionary, SQLite cache)`,
    });
  });

  it('review.get of a case with 30 rule review points', async () => {
    const clock = new ManualClock();
    const engine = openEngine(mkdtempSync(join(work, 'review-')), clock);
    const call = await signedInCaller(engine);
    await call('knowledge.import', { fileName: 'bench-rules.json', content: reviewMatterFile() });
    const matter = (await call('matters.search', { query: REVIEW_MATTER_CODE })).find(
      (found) => found.code === REVIEW_MATTER_CODE,
    );
    if (!matter) throw new Error('the benchmark matter was not imported');
    const created = await call('cases.create', {
      matterId: matter.id,
      applicant: {
        kind: 'person',
        name: reviewCaseFields.M03.name,
        idNumber: reviewCaseFields.M03.idNumber,
        phone: '13800000001',
      },
    });
    for (const [materialCode, values] of Object.entries(reviewCaseFields)) {
      await call('cases.setMaterialState', { caseId: created.id, materialCode, state: 'received' });
      await call('review.saveFields', { caseId: created.id, materialCode, values });
    }
    const first = await call('review.get', { caseId: created.id });
    const verdicts = first.points.map((point) => point.suggestion?.verdict);
    if (verdicts.length !== 30 || verdicts.some((verdict) => verdict !== 'pass')) {
      throw new Error(`the clean case should pass all 30 rules: ${JSON.stringify(verdicts)}`);
    }
    const ours: number[] = [];
    for (let run = 0; run < REVIEW_RUNS; run += 1) {
      const started = performance.now();
      await call('review.get', { caseId: created.id });
      ours.push(performance.now() - started);
    }
    engine.close();

    // Baseline: the same 30 rules through json-logic-js with our operators, on prebuilt data.
    new RuleEvaluator(undefined); // registers the named operators with json-logic-js
    const data: RuleData = {
      applicant: { kind: 'person', name: reviewCaseFields.M03.name },
      materials: Object.fromEntries(
        Object.entries(reviewCaseFields).map(([code, fields]) => [
          code,
          { received: true, state: 'received', fields },
        ]),
      ),
      case: { reference: 'BENCH', createdAt: '2026-11-20', matterCode: REVIEW_MATTER_CODE },
      today: '2026-11-20',
      [CALENDAR]: loadWorkingDayCalendar([CALENDARS]),
    };
    const bare: number[] = [];
    for (let run = 0; run < REVIEW_RUNS; run += 1) {
      const started = performance.now();
      for (const rule of reviewRules) jsonLogic.apply(rule, data);
      bare.push(performance.now() - started);
    }
    results.push({
      name: 'review.get of a case with 30 rule review points (all rules evaluated)',
      ours: percentiles(ours),
      baseline: `${percentiles(bare)} (json-logic-js apply of the same 30 rules on a prebuilt data object)`,
      note: `${String(REVIEW_RUNS)} runs through the in-process dispatcher; ours also reads the case, materials and fields from SQLite, builds the rule data and the review (passages cached after the first call)`,
    });
  });

  it(`${String(ENTRIES)}-entry knowledge base: import, knowledge.search, copilot.ask, memory`, async () => {
    const clock = new ManualClock();
    const dataDir = mkdtempSync(join(work, 'large-'));
    const engine = openEngine(dataDir, clock);
    const call = await signedInCaller(engine);
    const matterCodes = (await call('matters.search', { query: '', limit: 500 })).map(
      (matter) => matter.code,
    );
    const files = generateEntryFiles(ENTRIES, PER_FILE, matterCodes);
    const megabytes = files.reduce((sum, file) => sum + file.content.length, 0) / 2 ** 20;
    const importStarted = performance.now();
    for (const file of files) {
      await call('knowledge.import', { fileName: file.fileName, content: file.content });
    }
    const importMs = performance.now() - importStarted;
    const afterImport = memory();
    const databaseBytes = statSync(join(dataDir, 'bangban.db')).size;

    const queries = generateQueries(QUERIES);
    const inputFor = (query: string, index: number): { query: string; matterCode?: string } =>
      index % 4 === 3 && matterCodes[index % matterCodes.length] !== undefined
        ? { query, matterCode: matterCodes[index % matterCodes.length] ?? '' }
        : { query };
    for (const query of queries.slice(0, 10)) await call('knowledge.search', { query });
    const search: number[] = [];
    for (const [index, query] of queries.entries()) {
      const started = performance.now();
      await call('knowledge.search', inputFor(query, index));
      search.push(performance.now() - started);
    }
    const ask: number[] = [];
    let answered = 0;
    for (const question of queries) {
      const started = performance.now();
      const answer = await call('copilot.ask', { question });
      ask.push(performance.now() - started);
      if (answer.status === 'answered') answered += 1;
    }

    // Baseline: the bare FTS5 query over the same index, with the terms segmented beforehand.
    const index = new KnowledgeIndex(engine.db, createJiebaSegmenter());
    const matches = queries.map((query) =>
      index
        .queryGroups(query)
        .flat()
        .map((term) => `"${term}"`)
        .join(' OR '),
    );
    const statement = engine.db.prepare(
      'SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts) LIMIT 8',
    );
    const bare: number[] = [];
    for (const match of matches) {
      if (match === '') continue;
      const started = performance.now();
      statement.all(match);
      bare.push(performance.now() - started);
    }
    engine.close();
    const processRss = await engineProcessResident(dataDir);

    results.push({
      name: `Import of ${ENTRIES.toLocaleString('en')} generated policies and Q&A (knowledge.import, jieba, FTS5)`,
      ours: `${(importMs / 1000).toFixed(0)} s`,
      baseline: '—',
      note: `${String(files.length)} files of ${PER_FILE.toLocaleString('en')} entries, ${megabytes.toFixed(0)} MiB of JSON, ${((ENTRIES / importMs) * 1000).toFixed(0)} entries/s; database ${mib(databaseBytes)}`,
    });
    results.push({
      name: `knowledge.search over ${ENTRIES.toLocaleString('en')} entries`,
      ours: percentiles(search),
      baseline: `${percentiles(bare)} (bare FTS5 MATCH ORDER BY bm25 LIMIT 8, terms pre-segmented, in process)`,
      note: `${String(QUERIES)} varied questions (one in four filtered by matter), limit 8, in-process dispatcher; ours adds segmentation, synonyms, version/effective-date/matter filters, coverage and snippets`,
    });
    results.push({
      name: `copilot.ask over ${ENTRIES.toLocaleString('en')} entries (extractive, no model)`,
      ours: percentiles(ask),
      baseline: `${percentiles(bare)} (same bare FTS5 query)`,
      note: `${String(QUERIES)} questions, ${String(answered)} answered, the rest recorded as knowledge gaps; each answer is written to SQLite (synchronous=FULL)`,
    });
    results.push({
      name: `Engine memory with ${ENTRIES.toLocaleString('en')} entries imported (browser-mode process RSS, restart)`,
      ours: mib(processRss),
      baseline:
        seedProcessRss === undefined
          ? '—'
          : `${mib(seedProcessRss)} (the same, seed knowledge only)`,
      note: `the importing bench worker after the import (after GC): RSS ${mib(afterImport.rss)}, heap ${mib(afterImport.heap)}`,
    });
  });
  // Engine memory with a model loaded is measured in bench/model.bench-run.ts.
});
