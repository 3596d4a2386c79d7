import pino from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '@shared/hub/protocol';
import { openPostgresDb, type PostgresHubDb } from '../db/postgres-db';
import { buildHub, type Hub } from '../hub';
import {
  mutation,
  postgresTestUrl,
  startTestHub,
  tokenOf,
  type TestHub,
} from '../testing/test-hub';

/**
 * Several hub instances behind a load balancer on one PostgreSQL: nothing lives in an instance
 * between requests, so pushes and pulls may land on any of them.
 */
describe.skipIf(!postgresTestUrl)('two hub instances on one PostgreSQL', () => {
  let first: TestHub;
  let secondDb: PostgresHubDb;
  let second: Hub;

  beforeAll(async () => {
    first = await startTestHub('postgres');
    const url = new URL(postgresTestUrl ?? '');
    url.pathname = `/${(first.db as PostgresHubDb).database}`;
    secondDb = openPostgresDb(url.toString(), { onIdleError: () => undefined });
    second = buildHub({
      db: secondDb,
      logger: pino({ level: 'silent' }),
      version: 'test',
      modelsDir: mkdtempSync(join(tmpdir(), 'hub-models-')),
    });
  });
  afterAll(async () => {
    await second.app.close();
    await secondDb.close();
    await first.dispose();
  });

  it('apply each terminal’s batches in order whichever instance takes them, and agree on streams', async () => {
    const terminals = await Promise.all([
      first.enrol('qingshan', '甲'),
      first.enrol('qingshan', '乙'),
    ]);
    const instances = [first.hub, second];
    // Each terminal sends ten batches of users, alternating instances, both terminals at once.
    await Promise.all(
      terminals.map(async (terminal, which) => {
        let seq = 0;
        for (let batch = 0; batch < 10; batch += 1) {
          const mutations = Array.from({ length: 5 }, () => {
            seq += 1;
            const username = `u${which}-${seq}`;
            return mutation(seq, 'user', username, 'create', {
              username,
              displayName: username,
              role: 'clerk',
              passwordHash: 'h',
              disabled: false,
            });
          });
          const instance = instances[(batch + which) % 2] ?? first.hub;
          const response = await instance.app.inject({
            method: 'POST',
            url: '/v1/sync/push',
            headers: { authorization: `Bearer ${tokenOf(terminal)}` },
            payload: { mutations },
          });
          expect(response.statusCode).toBe(200);
          expect(response.json<PushResponse>().lastSeq).toBe(seq);
        }
      }),
    );
    const pages = await Promise.all(
      instances.map(async (instance) =>
        (
          await instance.app.inject({
            method: 'GET',
            url: '/v1/sync/pull?stream=directory&limit=2000',
            headers: { authorization: `Bearer ${tokenOf(terminals[0])}` },
          })
        ).json<PullResponse>(),
      ),
    );
    expect(pages[0]?.changes).toHaveLength(100);
    expect(pages[1]?.changes).toEqual(pages[0]?.changes);
  });
});
