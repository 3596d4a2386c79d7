import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseEnvelope } from '@shared/api';
import {
  ADMIN,
  CALENDARS,
  FIXTURE_KNOWLEDGE,
  ManualClock,
} from '../../tests/support/engine-harness';
import { DATABASE_FILE, Engine } from './engine';
import { EngineGate } from './engine-gate';
import { silentLogger } from './logger';
import { Vault } from './vault';

const SIGN_IN = { username: ADMIN.username, password: ADMIN.password };
const PASSPHRASE = '县政务服务中心-数据库口令';
const folders: string[] = [];
const gates: EngineGate[] = [];

afterEach(() => {
  for (const gate of gates.splice(0)) gate.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function startGate(dataDir: string, clock = new ManualClock()) {
  const vault = new Vault({
    dataDir,
    databaseFile: DATABASE_FILE,
    kdfCost: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    clock,
    logger: silentLogger,
  });
  const gate = await EngineGate.start(
    vault,
    (storeKey) =>
      Engine.open({
        dataDir,
        storeKey,
        vault,
        mode: 'browser',
        version: 'test',
        seedKnowledgeDir: FIXTURE_KNOWLEDGE,
        calendarDir: CALENDARS,
        clock,
        logger: silentLogger,
        checkOutputs: true,
      }),
    silentLogger,
  );
  gates.push(gate);
  const events: { event: string; payload: unknown }[] = [];
  const waiting = new Map<number, (envelope: ResponseEnvelope) => void>();
  const connection = gate.connect((message) => {
    const envelope = message as
      ResponseEnvelope | { type: 'event'; event: string; payload: unknown };
    if (envelope.type === 'event') events.push(envelope);
    else waiting.get(envelope.id)?.(envelope);
  });
  let nextId = 1;
  const call = (method: string, input: unknown = {}): Promise<ResponseEnvelope> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void connection.receive({ type: 'request', id, method, input });
    });
  return { gate, events, call };
}

function codeOf(response: ResponseEnvelope): string | undefined {
  return response.ok ? undefined : response.error.code;
}

describe('the engine gate in front of an encrypted store', () => {
  it('serves only the vault until the passphrase is set, then the whole engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bangban-gate-'));
    folders.push(dataDir);
    const first = await startGate(dataDir);
    expect(first.gate.engine).toBeUndefined();
    const status = await first.call('vault.status');
    expect(status.ok && status.output).toMatchObject({ state: 'needsSetup' });
    expect(codeOf(await first.call('setup.status'))).toBe('STORE_LOCKED');
    expect(codeOf(await first.call('cases.list'))).toBe('STORE_LOCKED');
    const short = await first.call('vault.setUp', { passphrase: 'short' });
    expect(codeOf(short)).toBe('INVALID_INPUT');
    expect(short.ok ? [] : short.error.path).toEqual(['passphrase']);

    const opened = await first.call('vault.setUp', { passphrase: PASSPHRASE });
    expect(opened.ok && opened.output).toMatchObject({
      state: 'open',
      protections: ['passphrase'],
    });
    expect(first.events.map((event) => event.event)).toContain('vault.status');
    expect((await first.call('setup.status')).ok).toBe(true);
    expect(
      (await first.call('setup.createAdmin', { hallName: '测试县政务服务中心', ...ADMIN })).ok,
    ).toBe(true);
    first.gate.close();

    // A restart: locked again, a wrong passphrase refused, the right one opens the same data.
    const second = await startGate(dataDir);
    expect((await second.call('vault.status')).ok).toBe(true);
    expect(codeOf(await second.call('auth.signIn', SIGN_IN))).toBe('STORE_LOCKED');
    expect(codeOf(await second.call('vault.unlock', { passphrase: 'not the passphrase' }))).toBe(
      'STORE_KEY_INVALID',
    );
    expect(codeOf(await second.call('vault.setUp', { passphrase: PASSPHRASE }))).toBe('SETUP_DONE');
    expect((await second.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect((await second.call('auth.signIn', SIGN_IN)).ok).toBe(true);

    // Rotation needs an administrator and the current passphrase.
    expect(codeOf(await second.call('vault.rekey', {}))).toBe('INVALID_INPUT');
    const rotated = await second.call('vault.rekey', { passphrase: PASSPHRASE });
    expect(rotated.ok).toBe(true);
    expect((await second.call('cases.list')).ok).toBe(true);
    second.gate.close();
    const third = await startGate(dataDir);
    expect((await third.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect((await third.call('auth.signIn', SIGN_IN)).ok).toBe(true);
  });
});
