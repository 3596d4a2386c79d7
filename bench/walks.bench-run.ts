import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { Db } from '../electron/core/db/connection';
import { Engine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logger';
import { ADMIN, CALENDARS, ManualClock, SEED_KNOWLEDGE } from '../tests/support/engine-harness';
import type { BenchResult } from './bench-result';
import { engineCaller, quantile } from './engine-connection';

/**
 * Coverage and dashboard queries of "walk the process" over five years of generated history for
 * 200 units (5 leaders and 8 high-frequency matters each; 2 walks a leader a year with 6 stages,
 * a finding each and a rectification for most). Measured through the engine's dispatcher, beside
 * the bare SQL aggregate of the same rows in the same store.
 */
const UNITS = 200;
const LEADERS_PER_UNIT = 5;
const MATTERS_PER_UNIT = 8;
const WALKS_PER_LEADER_YEAR = 2;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const STAGES = ['consult', 'apply', 'accept', 'review', 'complete', 'feedback'] as const;
const CATEGORIES = ['cumbersome_materials', 'repeated_submission', 'long_wait', 'other'] as const;
const RUNS = 15;

const work = mkdtempSync(join(tmpdir(), 'bangban-bench-walks-'));
const results: BenchResult[] = [];

afterAll(() => {
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'walks.json'), JSON.stringify({ results }, null, 2));
  rmSync(work, { recursive: true, force: true });
});

/** A small deterministic generator, so every run measures the same history. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function generate(db: Db): { walks: number; stages: number; findings: number } {
  const next = random(42);
  const matters = (
    db.prepare('SELECT DISTINCT code FROM matters ORDER BY code').all() as { code: string }[]
  ).map((row) => row.code);
  const counts = { walks: 0, stages: 0, findings: 0 };
  db.transaction(() => {
    const at = '2022-01-01T00:00:00.000Z';
    const user = db.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, 'leader', 'x', ?, ?)`,
    );
    const unit = db.prepare(
      `INSERT INTO units (uid, name, kind, department, created_at, updated_at)
       VALUES (?, ?, 'department', NULL, ?, ?)`,
    );
    const leader = db.prepare(
      'INSERT INTO unit_leaders (unit_id, user_id, title, position) VALUES (?, ?, ?, ?)',
    );
    const unitMatter = db.prepare(
      'INSERT INTO unit_matters (unit_id, matter_code, high_frequency) VALUES (?, ?, 1)',
    );
    const walk = db.prepare(
      `INSERT INTO walks (uid, unit_id, leader_id, matter_code, matter_name, hall, status,
         started_at, finished_at, year, leader_rating, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '大厅', ?, ?, ?, ?, 4, ?, ?, ?)`,
    );
    const stage = db.prepare(
      `INSERT INTO walk_stages (walk_id, stage, started_at, ended_at, start_source, end_source)
       VALUES (?, ?, ?, ?, 'timer', 'timer')`,
    );
    const finding = db.prepare(
      `INSERT INTO findings (uid, walk_id, unit_id, matter_code, matter_name, stage, category,
         severity, description, leader_id, year, created_at)
       VALUES (?, ?, ?, ?, ?, 'accept', ?, 'medium', '生成的问题', ?, ?, ?)`,
    );
    const rectification = db.prepare(
      `INSERT INTO rectifications (uid, finding_id, action, owner_unit_id, owner_person,
         due_working_days, due_date, state, created_by, created_at, updated_at, closed_at)
       VALUES (?, ?, '生成的整改', ?, '责任人', 10, ?, ?, ?, ?, ?, ?)`,
    );
    for (let u = 0; u < UNITS; u++) {
      const unitId = Number(unit.run(randomUUID(), `单位${String(u)}`, at, at).lastInsertRowid);
      const unitMatters = Array.from(
        { length: MATTERS_PER_UNIT },
        (_, m) => matters[(u + m) % matters.length] ?? '',
      );
      for (const code of new Set(unitMatters)) unitMatter.run(unitId, code);
      for (let l = 0; l < LEADERS_PER_UNIT; l++) {
        const userId = Number(
          user.run(`leader-${String(u)}-${String(l)}`, `领导${String(u)}-${String(l)}`, at, at)
            .lastInsertRowid,
        );
        leader.run(unitId, userId, l === 0 ? '局长' : '副局长', l);
        for (const year of YEARS) {
          for (let w = 0; w < WALKS_PER_LEADER_YEAR; w++) {
            // Some leaders miss a year: the matrix must show the gap.
            if (next() < 0.1) continue;
            const matter = unitMatters[Math.floor(next() * unitMatters.length)] ?? '';
            const day = 1 + Math.floor(next() * 360);
            const start = Date.UTC(year, 0, day, 1);
            let clock = start;
            const finished = year < 2026 || next() < 0.7;
            const walkId = Number(
              walk.run(
                randomUUID(),
                unitId,
                userId,
                matter,
                matter,
                finished ? 'finished' : 'in_progress',
                new Date(start).toISOString(),
                finished ? new Date(start + 86_400_000).toISOString() : null,
                year,
                userId,
                at,
                at,
              ).lastInsertRowid,
            );
            counts.walks++;
            for (const name of STAGES) {
              const minutes = 3 + Math.floor(next() * 90);
              stage.run(
                walkId,
                name,
                new Date(clock).toISOString(),
                new Date(clock + minutes * 60_000).toISOString(),
              );
              clock += minutes * 60_000;
              counts.stages++;
            }
            const created = new Date(start).toISOString();
            const findingId = Number(
              finding.run(
                randomUUID(),
                walkId,
                unitId,
                matter,
                matter,
                CATEGORIES[Math.floor(next() * CATEGORIES.length)] ?? 'other',
                userId,
                year,
                created,
              ).lastInsertRowid,
            );
            counts.findings++;
            if (next() < 0.8) {
              const closed = next() < 0.75;
              rectification.run(
                randomUUID(),
                findingId,
                unitId,
                new Date(start + 20 * 86_400_000).toISOString().slice(0, 10),
                closed ? 'closed' : 'in_progress',
                userId,
                created,
                created,
                closed ? new Date(start + 15 * 86_400_000).toISOString() : null,
              );
            }
          }
        }
      }
    }
  })();
  return counts;
}

async function timed(work: () => unknown): Promise<number[]> {
  await work(); // warm: statements prepared, pages cached
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

const ms = (times: number[]): string =>
  `${quantile(times, 0.5).toFixed(1)} / ${quantile(times, 0.95).toFixed(1)} ms`;

describe('walk coverage and dashboards', () => {
  it('over five years of 200 units', async () => {
    const engine = Engine.open({
      dataDir: work,
      storeKey: randomBytes(32),
      mode: 'browser',
      version: 'bench',
      seedKnowledgeDir: SEED_KNOWLEDGE,
      calendarDir: CALENDARS,
      clock: new ManualClock(),
      logger: silentLogger,
    });
    try {
      const call = engineCaller(engine);
      await call('setup.createAdmin', { hallName: '基准测试县', ...ADMIN });
      const counts = generate(engine.db);
      const size = `${String(counts.walks)} walks, ${String(counts.stages)} stages, ${String(counts.findings)} findings over ${String(YEARS.length)} years`;
      const oneUnit = 57;

      const bareCoverage = (unitId: number | null) =>
        engine.db
          .prepare(
            `SELECT unit_id, leader_id, matter_code, status, count(*) FROM walks
             WHERE year = 2026 AND (@unit IS NULL OR unit_id = @unit)
             GROUP BY unit_id, leader_id, matter_code, status`,
          )
          .all({ unit: unitId });
      const bareDashboard = (unitId: number | null) =>
        engine.db
          .prepare(
            `SELECT w.matter_code, s.stage,
               (julianday(s.ended_at) - julianday(s.started_at)) * 1440 AS minutes
             FROM walks w JOIN walk_stages s ON s.walk_id = w.id
             WHERE w.year = 2026 AND w.status = 'finished' AND (@unit IS NULL OR w.unit_id = @unit)
             ORDER BY w.matter_code, s.stage, minutes`,
          )
          .all({ unit: unitId });

      const cases = [
        {
          name: 'coverage.matrix, all 200 units, one year',
          ours: () => call('coverage.matrix', { year: 2026 }),
          base: () => bareCoverage(null),
        },
        {
          name: 'coverage.matrix, one unit',
          ours: () => call('coverage.matrix', { year: 2026, unitId: oneUnit }),
          base: () => bareCoverage(oneUnit),
        },
        {
          name: 'coverage.dashboard, all 200 units, one year',
          ours: () => call('coverage.dashboard', { year: 2026 }),
          base: () => bareDashboard(null),
        },
        {
          name: 'coverage.dashboard, one unit',
          ours: () => call('coverage.dashboard', { year: 2026, unitId: oneUnit }),
          base: () => bareDashboard(oneUnit),
        },
      ];
      for (const each of cases) {
        const ours = await timed(each.ours);
        const base = await timed(each.base);
        results.push({
          name: `Walks: ${each.name} (p50 / p95, ${String(RUNS)} runs)`,
          ours: ms(ours),
          baseline: `${ms(base)} bare SQL aggregate`,
          note: `${size}; through the dispatcher (input validated, answer composed)`,
        });
      }
    } finally {
      engine.close();
    }
  });
});
