import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseEnvelope } from '@shared/api';
import { ADMIN, ManualClock } from '../../tests/support/engine-harness';
import { startTestGate } from '../../tests/support/gate-harness';
import { DATABASE_FILE } from './engine';
import type { EngineGate } from './engine-gate';
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

async function startGate(dataDir: string) {
  const vault = new Vault({
    dataDir,
    databaseFile: DATABASE_FILE,
    kdfCost: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    clock: new ManualClock(),
    logger: silentLogger,
  });
  const started = await startTestGate(dataDir, vault);
  gates.push(started.gate);
  return { gate: started.gate, events: started.events, call: started.send };
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
