import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import WebSocket from 'ws';
import { systemClock } from '../electron/core/clock';
import { openDatabase } from '../electron/core/db/connection';
import { migrate } from '../electron/core/db/migrations';
import {
  createKnowledgeStore,
  importSeedKnowledge,
  readKnowledgeSources,
} from '../electron/core/knowledge';
import { startBrowserMode, type BrowserModeProcess } from '../tests/support/browser-mode-process';
import { launchChromium } from '../tests/support/chromium';
import { SEED_KNOWLEDGE } from '../tests/support/engine-harness';
import { openTestStore } from '../tests/support/test-store';
import { seedCases } from './seed-cases';
import type { BenchResult } from './bench-result';

/**
 * The benchmarks of the foundation: engine cold start, browser-mode first paint, a 10,000-case list
 * (query and render) and the seed-knowledge import, each beside a baseline measured in this run.
 */
const results: BenchResult[] = [];
const work = mkdtempSync(join(tmpdir(), 'bangban-bench-'));
let browser: Browser;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function timeRuns(runs: number, run: () => Promise<number> | number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) times.push(await run());
  return times;
}

/** Opens the engine socket of a browser-mode process and answers one request. */
function firstAnswer(
  engine: BrowserModeProcess,
  method = 'system.status',
  input: unknown = {},
): Promise<{ socket: WebSocket; ms: number }> {
  const started = performance.now();
  const token = new URL(engine.url).searchParams.get('token') ?? '';
  const socket = new WebSocket(`${engine.origin.replace('http', 'ws')}/engine?token=${token}`, {
    origin: engine.origin,
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'request', id: 1, method, input }));
    });
    socket.once('message', () => {
      resolve({ socket, ms: performance.now() - started });
    });
    socket.once('error', reject);
  });
}

function request(
  socket: WebSocket,
  method: string,
  input: unknown,
): Promise<{ ms: number; output: unknown }> {
  const id = Math.floor(Math.random() * 1e9);
  const started = performance.now();
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; output?: unknown };
      if (message.id !== id) return;
      socket.off('message', onMessage);
      resolve({ ms: performance.now() - started, output: message.output });
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'request', id, method, input }));
  });
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'workbench.json');
  const sqliteVersion = (
    new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }
  ).v;
  writeFileSync(out, JSON.stringify({ sqliteVersion, results }, null, 2));
});

describe('benchmarks', () => {
  it('engine cold start → first answered request', async () => {
    const start = async (dataDir: string): Promise<number> => {
      const spawned = performance.now();
      const engine = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
      const { socket } = await firstAnswer(engine);
      const elapsed = performance.now() - spawned;
      socket.close();
      await engine.stop();
      return elapsed;
    };
    const firstStarts = await timeRuns(3, () => start(mkdtempSync(join(work, 'first-'))));
    const existing = mkdtempSync(join(work, 'again-'));
    await start(existing);
    const restarts = await timeRuns(5, () => start(existing));
    const echo = await timeRuns(5, rawEchoStart);
    results.push({
      name: 'Engine start → first answered request (restart, existing data)',
      ours: ms(median(restarts)),
      baseline: `${ms(median(echo))} (bare Node + ws echo server)`,
      note: `first start with migrations and seed import: ${ms(median(firstStarts))}; 5 restarts, 3 first starts`,
    });
  });

  it('seed knowledge import', async () => {
    const sources = readKnowledgeSources(SEED_KNOWLEDGE);
    const ours = await timeRuns(5, () => {
      const db = openDatabase(join(mkdtempSync(join(work, 'import-')), 'b.db'), randomBytes(32));
      migrate(db);
      const { repository, importer } = createKnowledgeStore(db, systemClock);
      const started = performance.now();
      importSeedKnowledge(importer, repository, SEED_KNOWLEDGE);
      const elapsed = performance.now() - started;
      db.close();
      return elapsed;
    });
    const documents = sources.map((source) => source.content);
    const raw = await timeRuns(5, () => {
      // The baseline pays for the same encryption: only the importer's own work differs.
      const db = openDatabase(join(mkdtempSync(join(work, 'raw-')), 'r.db'), randomBytes(32));
      db.exec('CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
      const started = performance.now();
      const insert = db.prepare('INSERT INTO docs (body) VALUES (?)');
      db.transaction(() => {
        for (const document of documents) insert.run(document);
      })();
      const elapsed = performance.now() - started;
      db.close();
      return elapsed;
    });
    const files = sources.length;
    const kib = Math.round(sources.reduce((sum, source) => sum + source.content.length, 0) / 1024);
    results.push({
      name: 'Seed knowledge import (parse, validate, write, pinyin, jieba search index)',
      ours: ms(median(ours)),
      baseline: `${ms(median(raw))} (raw insert of the same files as text, one transaction)`,
      note: `${files} files, ${kib} KiB of YAML; includes loading jieba's dictionary (once per start); median of 5`,
    });
  });

  it('knowledge search over the seed knowledge', async () => {
    const dataDir = mkdtempSync(join(work, 'search-'));
    const engine = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
    const { socket } = await firstAnswer(engine, 'setup.createAdmin', {
      hallName: '基准测试大厅',
      username: 'admin',
      displayName: '管理员',
      password: 'Bench#Admin2026',
    });
    const questions = [
      '营业执照丢了怎么办',
      '个体户可以用住宅做经营场所吗',
      '食品经营许可证有效期多久',
      '外地户口能申请公租房吗',
      '二手房过户要交哪些税',
      '身份证丢了异地能补吗',
      '灵活就业社保断缴了怎么办',
      '容缺受理是什么意思',
      '低保申请需要什么材料',
      '委托别人办需要带什么',
    ];
    await request(socket, 'knowledge.search', { query: questions[0] });
    const ours = await timeRuns(3, async () => {
      const times: number[] = [];
      for (const query of questions)
        times.push((await request(socket, 'knowledge.search', { query })).ms);
      return median(times);
    });
    socket.close();
    await engine.stop();
    const rawDb = await openTestStore(dataDir);
    const bare = await timeRuns(7, () => {
      const started = performance.now();
      rawDb
        .prepare(
          'SELECT rowid, bm25(knowledge_fts) FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY 2 LIMIT 8',
        )
        .all('"营业执照" OR "遗失"');
      return performance.now() - started;
    });
    rawDb.close();
    results.push({
      name: 'knowledge.search, a clerk’s question over 240 policies and Q&A',
      ours: ms(median(ours)),
      baseline: `${ms(median(bare))} (bare FTS5 MATCH + bm25 of two pre-segmented words, in process)`,
      note: 'ours: jieba segmentation, synonym expansion, version/effective-date filter, snippets, socket round trip; median of 10 questions × 3',
    });
  });

  it('case list of 10,000 cases: query and render', async () => {
    const dataDir = mkdtempSync(join(work, 'cases-'));
    const { adminPassword } = await seedCases(dataDir, 10_000);
    const engine = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
    const { socket } = await firstAnswer(engine, 'auth.signIn', {
      username: 'admin',
      password: adminPassword,
    });
    const list = await timeRuns(7, async () => (await request(socket, 'cases.list', {})).ms);
    const search = await timeRuns(
      7,
      async () => (await request(socket, 'cases.list', { query: '张' })).ms,
    );
    const sorted = await timeRuns(
      7,
      async () =>
        (
          await request(socket, 'cases.list', {
            sort: { field: 'applicantName', direction: 'asc' },
          })
        ).ms,
    );
    const rawDb = await openTestStore(dataDir);
    const bareFts = await timeRuns(7, () => {
      const started = performance.now();
      rawDb.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?').all('"张"');
      return performance.now() - started;
    });
    const bareSelect = await timeRuns(7, () => {
      const started = performance.now();
      rawDb.prepare('SELECT * FROM cases ORDER BY created_at DESC').all();
      return performance.now() - started;
    });
    rawDb.close();
    results.push({
      name: 'cases.list, all 10,000 rows over the WebSocket',
      ours: ms(median(list)),
      baseline: `${ms(median(bareSelect))} (bare SELECT of the cases table, in process)`,
      note: `joins, materials counts, masking, JSON over the socket; sort by applicant: ${ms(median(sorted))}`,
    });
    results.push({
      name: 'cases.list full-text search "张" (10,000 cases)',
      ours: ms(median(search)),
      baseline: `${ms(median(bareFts))} (bare FTS5 MATCH, rowids only)`,
      note: 'our time includes fetching and masking the matching rows and the socket round trip',
    });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(engine.url);
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(adminPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('case-row').first().waitFor({ timeout: 60_000 });
    const renders = await timeRuns(5, async () => {
      await page.getByTestId('nav-new-case').click();
      await page.getByTestId('matter-search').waitFor();
      const started = performance.now();
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('case-row').first().waitFor();
      return performance.now() - started;
    });
    const wheel = await page.evaluate(scrollFrameTimes, { step: 120, frames: 300 });
    const fling = await page.evaluate(scrollFrameTimes, { step: 3000, frames: 120 });
    await page.close();
    const plain = await plainTableRender(10_000);
    socket.close();
    await engine.stop();
    results.push({
      name: 'Case list screen, 10,000 cases: open to first rows',
      ours: ms(median(renders)),
      baseline: `${ms(plain)} (a plain, non-virtualised 10,000-row HTML table in the same browser)`,
      note: `virtualised, ${wheel.rows} rows in the DOM; scrolling by wheel (120 px/frame): median frame ${ms(wheel.median)}, worst ${ms(wheel.worst)}; fling (3,000 px/frame): median ${ms(fling.median)}, worst ${ms(fling.worst)}`,
    });
  });

  it('browser-mode first paint of the workbench', async () => {
    const engine = await startBrowserMode(mkdtempSync(join(work, 'paint-')), {
      BANGBAN_CHECK_OUTPUTS: '0',
    });
    await engine.stop();
    const dataDir = mkdtempSync(join(work, 'paint2-'));
    const running = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
    const ours = await timeRuns(5, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(running.url);
      await page.getByTestId('setup-hall').waitFor();
      const ready = performance.now() - started;
      await context.close();
      return ready;
    });
    const fcp = await (async () => {
      const page = await browser.newPage();
      await page.goto(running.url);
      await page.getByTestId('setup-hall').waitFor();
      const value = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      );
      await page.close();
      return value;
    })();
    await running.stop();
    const baseline = await staticPageReady();
    results.push({
      name: 'Browser mode: navigation → workbench usable (setup form shown)',
      ours: ms(median(ours)),
      baseline: `${ms(baseline)} (a one-line static page from a bare Node server, same browser)`,
      note: `first contentful paint ${ms(fcp)}; fresh browser context each run (no cache); median of 5`,
    });
  });
});

/** Baseline for start-up: a bare Node process with a ws echo server, spawn to first echo. */
async function rawEchoStart(): Promise<number> {
  const started = performance.now();
  const script = `const {WebSocketServer}=require('ws');const s=new WebSocketServer({port:0,host:'127.0.0.1'},()=>console.log('PORT='+s.address().port));s.on('connection',c=>c.on('message',m=>c.send(m)));`;
  const child = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: join(import.meta.dirname, '..'),
  });
  const port = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /PORT=(\d+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve) => {
    socket.once('open', () => {
      socket.send('ping');
    });
    socket.once('message', () => {
      resolve();
    });
  });
  const elapsed = performance.now() - started;
  socket.close();
  child.kill();
  return elapsed;
}

/**
 * Scrolls the case list by `step` pixels a frame for up to `frames` frames (or to the bottom) and
 * samples frame times with requestAnimationFrame: 120 px is one mouse-wheel notch; a step of a
 * whole screen or more is a fling, where every frame shows rows never rendered before.
 */
async function scrollFrameTimes(options: {
  step: number;
  frames: number;
}): Promise<{ median: number; worst: number; rows: number }> {
  const list = document.querySelector('[data-testid="case-list"]');
  const candidates = [list, ...(list ? Array.from(list.querySelectorAll('*')) : [])];
  const scroller = candidates.find(
    (element): element is HTMLElement =>
      element instanceof HTMLElement && element.scrollHeight > element.clientHeight + 100,
  );
  if (!scroller) return { median: Number.NaN, worst: Number.NaN, rows: 0 };
  scroller.scrollTop = 0;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const frames: number[] = [];
  let last = performance.now();
  for (let frame = 0; frame < options.frames; frame += 1) {
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
    scroller.scrollTop += options.step;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  return {
    median: frames[Math.floor(frames.length / 2)] ?? Number.NaN,
    worst: frames.at(-1) ?? Number.NaN,
    rows: document.querySelectorAll('[data-testid="case-row"]').length,
  };
}

async function plainTableRender(rows: number): Promise<number> {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><body></body>');
  const elapsed = await page.evaluate((count) => {
    const started = performance.now();
    const table = document.createElement('table');
    for (let index = 0; index < count; index += 1) {
      const row = table.insertRow();
      for (const text of [
        `BB20261120-${index}`,
        '食品经营许可',
        '张*',
        '110105********002X',
        '收件中',
        '3/5',
        '王窗口',
        '2026-11-20',
      ]) {
        row.insertCell().textContent = text;
      }
    }
    document.body.append(table);
    return new Promise<number>((resolve) => {
      requestAnimationFrame(() => {
        resolve(performance.now() - started);
      });
    });
  }, rows);
  await page.close();
  return elapsed;
}

async function staticPageReady(): Promise<number> {
  const server = createServer((_request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><p data-testid="ready">帮办台</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const times = await timeRuns(5, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByTestId('ready').waitFor();
    const elapsed = performance.now() - started;
    await context.close();
    return elapsed;
  });
  server.close();
  return median(times);
}
