import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, openTestEngine, type TestEngine } from '../support/engine-harness';

/**
 * The disk fills up in the middle of the hall's work: the write that does not fit answers a
 * typed error in plain Chinese, nothing is corrupted or half-written, and work resumes as soon
 * as space is freed. The disk is a real 16 MiB tmpfs where this machine lets us mount one
 * (root in CI); elsewhere SQLite's page limit produces the same SQLITE_FULL, and the test says so.
 */
const person = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  address: '城关镇人民路 18 号',
} as const;

let root: string;
let mounted = false;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bangban-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', root], { stdio: 'pipe' });
    mounted = true;
  } catch {
    console.warn('disk-full test: cannot mount a tmpfs here; using SQLite max_page_count instead');
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', [root]);
  rmSync(root, { recursive: true, force: true });
});

/** Writes a filler file until the disk refuses more; returns its path. */
function fillDisk(folder: string): string {
  const filler = join(folder, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOSPC')) throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe('a full disk', () => {
  let current: TestEngine | undefined;
  afterEach(() => {
    // Closed before the tmpfs is unmounted, pass or fail.
    current?.engine.close();
  });

  it('refuses the write with STORAGE_FULL, keeps every saved case, and recovers when space returns', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    let t = openTestEngine({ dataDir });
    current = t;
    await t.setupAdmin();
    const [matter] = await t.ok('matters.search', { query: 'T-GTSL' });
    const create = () => t.call('cases.create', { matterId: matter?.id ?? 0, applicant: person });
    const saved: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await create();
      if (response.ok) saved.push((response.output as { reference: string }).reference);
    }
    expect(saved).toHaveLength(5);

    let filler: string | undefined;
    if (mounted) filler = fillDisk(root);
    else {
      const pages = t.engine.db.pragma('page_count', { simple: true }) as number;
      t.engine.db.pragma(`max_page_count = ${pages + 2}`);
    }

    // The WAL and free pages absorb a few writes; sooner or later one does not fit.
    let refusal: { code: string; message: { zh: string } } | undefined;
    for (let i = 0; i < 2_000 && !refusal; i++) {
      const response = await create();
      if (response.ok) saved.push((response.output as { reference: string }).reference);
      else refusal = response.error;
    }
    expect(refusal?.code).toBe('STORAGE_FULL');
    expect(refusal?.message.zh).toContain('磁盘空间已满');
    expect(t.engine.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = (
      t.engine.db.prepare('SELECT reference FROM cases').all() as { reference: string }[]
    )
      .map((row) => row.reference)
      .sort();
    expect(stored).toEqual([...saved].sort());

    // Space comes back: the next write goes through without a restart.
    if (filler) rmSync(filler);
    else t.engine.db.pragma('max_page_count = 1073741823');
    const after = await create();
    expect(after.ok).toBe(true);
    if (after.ok) saved.push((after.output as { reference: string }).reference);

    t = t.reopen();
    current = t;
    expect(t.engine.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.ok('cases.list', {})).total).toBe(saved.length);
  });
});
