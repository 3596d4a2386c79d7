import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/core/audit';
import { systemClock } from '../../electron/core/clock';
import { startBrowserMode } from '../support/browser-mode-process';
import { ADMIN } from '../support/engine-harness';
import { connectEngineSocket } from '../support/engine-socket';
import { keyFileFor, openTestStore } from '../support/test-store';

/**
 * SIGKILL the real browser-mode engine at random moments while a client writes cases as fast as
 * it can, many times over one data folder: after every kill the store passes SQLite's integrity
 * check and holds every case whose creation was acknowledged over the socket. Bounded in runs
 * and in time; BANGBAN_KILL_RUNS and BANGBAN_KILL_SEED reproduce or extend a run.
 */
const RUNS = Number(process.env.BANGBAN_KILL_RUNS ?? 200);
const MINIMUM_RUNS = Math.min(RUNS, 100);
const BUDGET_MS = 6 * 60_000;
const SEED = Number(process.env.BANGBAN_KILL_SEED ?? Date.now() % 1_000_000);
const IN_FLIGHT = 4;

const dataDir = mkdtempSync(join(tmpdir(), 'bangban-kill-writes-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keyFileFor(dataDir), { force: true });
});

/** A small seeded generator, so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('killing the engine during writes', () => {
  it(
    'never loses an acknowledged write nor corrupts the store',
    { timeout: BUDGET_MS + 120_000 },
    async () => {
      const next = random(SEED);
      const acknowledged = new Set<string>();
      const started = performance.now();
      let runs = 0;
      let killedMidWrite = 0;
      let matterId = 0;

      for (; runs < RUNS && performance.now() - started < BUDGET_MS; runs += 1) {
        const engine = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
        const client = connectEngineSocket(engine);
        await client.opened;
        if (runs === 0) {
          const setup = await client.send('setup.createAdmin', {
            hallName: '测试县政务服务中心',
            ...ADMIN,
          });
          expect(setup.ok).toBe(true);
          const matters = await client.send('matters.search', { query: '个体' });
          matterId = matters.ok ? ((matters.output as { id: number }[])[0]?.id ?? 0) : 0;
        } else {
          const signIn = await client.send('auth.signIn', {
            username: ADMIN.username,
            password: ADMIN.password,
          });
          expect(signIn.ok).toBe(true);
        }

        // Writers keep IN_FLIGHT creations going until the kill lands at a random moment.
        let stop = false;
        const writer = async (): Promise<void> => {
          while (!stop) {
            const response = await client.send('cases.create', {
              matterId,
              applicant: {
                kind: 'person',
                name: '张伟',
                idNumber: '11010519491231002X',
                phone: '13800138000',
              },
            });
            if (response.ok) acknowledged.add((response.output as { reference: string }).reference);
            else throw new Error(`a write was refused: ${JSON.stringify(response.error)}`);
          }
        };
        const before = acknowledged.size;
        const writers = Array.from({ length: IN_FLIGHT }, () => writer());
        void Promise.all(writers).catch((error: unknown) => {
          stop = true;
          throw error;
        });
        await new Promise((resolve) => setTimeout(resolve, 5 + next() * 120));
        stop = true;
        await engine.kill();
        client.socket.terminate();
        if (acknowledged.size > before) killedMidWrite += 1;

        const db = await openTestStore(dataDir);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const stored = new Set(
            (db.prepare('SELECT reference FROM cases').all() as { reference: string }[]).map(
              (row) => row.reference,
            ),
          );
          const lost = [...acknowledged].filter((reference) => !stored.has(reference));
          expect(lost, `seed ${SEED}, run ${runs}`).toEqual([]);
          // The audit chain survives too: every entry written is whole and linked.
          expect(new AuditLog(db, systemClock, 'check').verify().problems).toEqual([]);
        } finally {
          db.close();
        }
      }
      console.info(
        `kill test: ${runs} runs (seed ${SEED}) in ${Math.round((performance.now() - started) / 1000)} s; ` +
          `${acknowledged.size} acknowledged writes; ${killedMidWrite} kills landed while writing`,
      );
      expect(runs).toBeGreaterThanOrEqual(MINIMUM_RUNS);
      // Most kills must land amid acknowledged writes, not before the first or after the last.
      expect(killedMidWrite).toBeGreaterThan(runs / 2);
    },
  );
});
