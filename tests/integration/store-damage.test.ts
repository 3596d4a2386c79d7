import {
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultStatus } from '@shared/api';
import { DATABASE_FILE } from '../../electron/core/engine';
import type { EngineGate } from '../../electron/core/engine-gate';
import { ADMIN } from '../support/engine-harness';
import { startTestGate } from '../support/gate-harness';
import { keyFileFor, testVault } from '../support/test-store';

/**
 * A damaged store (a bad page, cut short, another file, its log deleted) is caught at start,
 * kept aside in quarantine, said plainly, and restored from the latest good backup once the
 * person at the screen chooses it.
 */
const SIGN_IN = { username: ADMIN.username, password: ADMIN.password };
const folders: string[] = [];
const gates: EngineGate[] = [];

afterEach(() => {
  for (const gate of gates.splice(0)) gate.close();
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
    rmSync(keyFileFor(folder), { force: true });
  }
});

function newFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'bangban-damage-'));
  folders.push(folder);
  return folder;
}

async function startGate(dataDir: string) {
  const started = await startTestGate(dataDir, testVault(dataDir));
  gates.push(started.gate);
  return { gate: started.gate, call: started.call };
}

const person = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
} as const;

/** A hall with one case, backed up, then a second case after the backup. */
async function hallWithBackup(): Promise<{ dataDir: string; references: string[] }> {
  const dataDir = newFolder();
  const { gate, call } = await startGate(dataDir);
  await call('setup.createAdmin', { hallName: '测试县政务服务中心', ...ADMIN });
  const [matter] = (await call('matters.search', { query: 'T-GTSL' })) as { id: number }[];
  const first = (await call('cases.create', { matterId: matter?.id, applicant: person })) as {
    reference: string;
  };
  const backup = (await call('backups.create')) as { id: string; reason: string };
  expect(backup.reason).toBe('manual');
  const second = (await call('cases.create', { matterId: matter?.id, applicant: person })) as {
    reference: string;
  };
  gate.close();
  gates.splice(gates.indexOf(gate), 1);
  return { dataDir, references: [first.reference, second.reference] };
}

async function expectDamagedThenRestored(dataDir: string, code: string, firstReference: string) {
  const { gate, call } = await startGate(dataDir);
  expect(gate.engine).toBeUndefined();
  const status = (await call('vault.status')) as VaultStatus;
  expect(status.state).toBe('damaged');
  expect(status.problem?.code).toBe(code);
  expect(status.problem?.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(status.problem?.recovery.zh).toContain('quarantine');
  await expect(call('cases.list')).rejects.toThrow(/STORE_LOCKED/);
  const [latest] = status.backups;
  if (!latest) throw new Error('no backup offered');

  const restored = (await call('vault.restoreBackup', { backupId: latest.id })) as VaultStatus;
  expect(restored.state).toBe('open');
  await call('auth.signIn', SIGN_IN);
  const list = (await call('cases.list', {})) as { rows: { reference: string }[] };
  // The store as it was at the backup: the first case, not the one made after it.
  expect(list.rows.map((row) => row.reference)).toEqual([firstReference]);
  const quarantine = join(dataDir, 'quarantine');
  const [kept] = readdirSync(quarantine);
  expect(readdirSync(join(quarantine, kept ?? ''))).toContain('bangban.db');
}

describe('a damaged store', () => {
  it('keeps its backups encrypted, and refuses a restore while the store is sound', async () => {
    const { dataDir } = await hallWithBackup();
    const backups = readdirSync(join(dataDir, 'backups'));
    const file = backups.find((name) => name.endsWith('.db'));
    if (!file) throw new Error('no backup file');
    const bytes = readFileSync(join(dataDir, 'backups', file));
    expect(bytes.subarray(0, 15).toString()).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from(person.idNumber))).toBe(false);
    expect(bytes.includes(Buffer.from(person.name))).toBe(false);
    expect(() =>
      new Database(join(dataDir, 'backups', file)).prepare('SELECT 1 FROM cases').get(),
    ).toThrow(/not a database/);
    const { call } = await startGate(dataDir);
    await expect(
      call('vault.restoreBackup', { backupId: file.replace(/\.db$/, '') }),
    ).rejects.toThrow(/CONFLICT/);
  });

  it('with a bad page: detected, quarantined, restored from the backup', async () => {
    const { dataDir, references } = await hallWithBackup();
    const file = join(dataDir, DATABASE_FILE);
    const fd = openSync(file, 'r+');
    // Garbage over a page in the middle: SQLCipher's per-page HMAC refuses it.
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(file).size / 8192) * 4096);
    closeSync(fd);
    await expectDamagedThenRestored(dataDir, 'corrupt', references[0] ?? '');
  });

  it('cut short: detected and restored', async () => {
    const { dataDir, references } = await hallWithBackup();
    const file = join(dataDir, DATABASE_FILE);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    await expectDamagedThenRestored(dataDir, 'corrupt', references[0] ?? '');
  });

  it('replaced by another file, encrypted-looking or a foreign SQLite database: detected and restored', async () => {
    const { dataDir, references } = await hallWithBackup();
    writeFileSync(join(dataDir, DATABASE_FILE), Buffer.alloc(64 * 1024, 0x33));
    await expectDamagedThenRestored(dataDir, 'notOpenable', references[0] ?? '');

    const second = await hallWithBackup();
    rmSync(join(second.dataDir, DATABASE_FILE));
    const foreign = new Database(join(second.dataDir, DATABASE_FILE));
    foreign.exec("CREATE TABLE other (x TEXT); INSERT INTO other VALUES ('not ours')");
    foreign.close();
    await expectDamagedThenRestored(second.dataDir, 'notOpenable', second.references[0] ?? '');
  });

  it('with its log deleted after a crash: detected and restored', async () => {
    const { dataDir, references } = await hallWithBackup();
    // A crash: an engine still running leaves its log and shared memory behind; copy that.
    const { call } = await startGate(dataDir);
    await call('auth.signIn', SIGN_IN);
    const crashed = newFolder();
    cpSync(dataDir, crashed, { recursive: true });
    cpSync(keyFileFor(dataDir), keyFileFor(crashed));
    expect(existsSync(join(crashed, `${DATABASE_FILE}-wal`))).toBe(true);
    rmSync(join(crashed, `${DATABASE_FILE}-wal`));
    await expectDamagedThenRestored(crashed, 'walMissing', references[0] ?? '');
  });
});
