import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_KNOWLEDGE, openTestEngine } from '../support/engine-harness';
import { keyFileFor, openTestStore, storeKeyOf } from '../support/test-store';

/** The `bangban` admin CLI, run as the built program on real data folders. */
const cli = join(import.meta.dirname, '../../out/main/cli.js');
const folders: string[] = [];

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
});

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
    rmSync(keyFileFor(folder), { force: true });
  }
});

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'bangban-cli-'));
  folders.push(folder);
  return folder;
}

function bangban(
  dir: string,
  args: string[],
  input?: string,
): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, BANGBAN_DATA_DIR: dir, BANGBAN_KEY_FILE: keyFileFor(dir) },
    input,
    encoding: 'utf8',
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('bangban CLI', () => {
  it('doctor explains a fresh install, then a healthy one', () => {
    const dir = dataDir();
    const fresh = bangban(dir, ['doctor']);
    // Only the holiday calendar may fail on a fresh install: once the year runs past the
    // shipped arrangements, doctor must say so (and exit 1) until the new year is added.
    const failures = fresh.out.split('\n').filter((line) => line.startsWith('✖'));
    expect(failures.every((line) => line.includes('节假日安排'))).toBe(true);
    expect(fresh.code).toBe(failures.length > 0 ? 1 : 0);
    expect(fresh.out).toContain('数据库尚未创建');
    expect(fresh.out).toContain('检索模式');
    expect(fresh.out).toMatch(/节假日安排.*2025–20\d\d/);
    bangban(dir, ['import', FIXTURE_KNOWLEDGE]);
    const healthy = bangban(dir, ['doctor']);
    expect(healthy.out).toContain('✔ 数据库完整性检查：ok');
    expect(healthy.out).toContain('事项目录：2 个事项');
  });

  it('doctor fails on a file that is not a database, and says what to do', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'bangban.db'), 'this is not a database '.repeat(200));
    // Without a key store it cannot be told from an encrypted store whose key is lost.
    const keyless = bangban(dir, ['doctor']);
    expect(keyless.code).toBe(1);
    expect(keyless.out).toContain('✖ 数据库已加密，但密钥库文件缺失');
    expect(keyless.out).toContain('备份');
    // With this folder's key, the file is plainly not the store the key belongs to.
    const other = dataDir();
    await storeKeyOf(other);
    renameSync(join(other, 'keystore.json'), join(dir, 'keystore.json'));
    renameSync(keyFileFor(other), keyFileFor(dir));
    const wrong = bangban(dir, ['doctor']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('✖ 数据库文件无法用本机密钥打开');
    expect(wrong.out).toContain('bangban restore');
  });

  it('imports, and refuses a bad file naming file, line and column, with nothing written', () => {
    const dir = dataDir();
    const ok = bangban(dir, ['import', FIXTURE_KNOWLEDGE]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('✔ 已导入 / imported minimal.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'format: bangban-knowledge\nformatVersion: 1\nqa:\n  - id: Q1\n    version: x\n',
    );
    const result = bangban(dir, ['import', bad]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/bad\.yaml:5:14 qa\.0\.version/);
    expect(result.out).toContain('未导入任何内容');
    const check = bangban(dir, ['import', '--dry-run', FIXTURE_KNOWLEDGE]);
    expect(check.out).toContain('未变/unchanged 2');
  });

  it('manages users, with the password from standard input and the same rules as the app', () => {
    const dir = dataDir();
    const weak = bangban(
      dir,
      ['users', 'create', 'zhang', '--role', 'clerk', '--password-stdin'],
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('密码至少 10 位');
    const created = bangban(
      dir,
      [
        'users',
        'create',
        'zhang',
        '--display-name',
        '张三',
        '--role',
        'leader',
        '--password-stdin',
      ],
      'Leader#2026x\n',
    );
    expect(created.code).toBe(0);
    expect(bangban(dir, ['users', 'list']).out).toMatch(/zhang\s+张三\s+领导干部\(leader\)\s+正常/);
    expect(bangban(dir, ['users', 'disable', 'zhang']).out).toContain('已停用');
    expect(
      bangban(dir, ['users', 'reset-password', 'nobody', '--password-stdin'], 'Leader#2026x\n')
        .code,
    ).toBe(1);
  });

  it('exports knowledge that imports back unchanged into another terminal', () => {
    const source = dataDir();
    bangban(source, ['import', FIXTURE_KNOWLEDGE]);
    const file = join(source, 'export.yaml');
    expect(bangban(source, ['export', 'knowledge', '-o', file]).code).toBe(0);
    const target = dataDir();
    bangban(target, ['import', FIXTURE_KNOWLEDGE]);
    const again = bangban(target, ['import', file]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('事项 matters 新增/added 0, 替换/superseded 0, 未变/unchanged 2');
  });

  it('exports cases as an Excel-ready CSV with personal data masked', async () => {
    const dir = dataDir();
    const t = openTestEngine({ dataDir: dir, storeKey: await storeKeyOf(dir) });
    await t.setupAdmin();
    const [matter] = await t.ok('matters.search', { query: 'T-GTSL' });
    await t.ok('cases.create', {
      matterId: matter?.id ?? 0,
      applicant: {
        kind: 'person',
        name: '=张伟',
        idNumber: '11010519491231002X',
        phone: '13800138000',
      },
    });
    t.engine.close();
    const file = join(t.dataDir, 'cases.csv');
    expect(bangban(t.dataDir, ['export', 'cases', '-o', file]).code).toBe(0);
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFF受理编号,')).toBe(true);
    expect(csv).toContain('110105********002X');
    expect(csv).not.toContain('11010519491231002X');
    // A name starting with = would run as a formula in a spreadsheet: it is quoted out.
    expect(csv).toContain("'=*伟");
  });

  it('audit verify passes on a real trail and catches an edited or deleted entry', async () => {
    const dir = dataDir();
    expect(bangban(dir, ['import', FIXTURE_KNOWLEDGE]).code).toBe(0);
    expect(
      bangban(
        dir,
        ['users', 'create', 'clerk1', '--display-name', '窗口一', '--password-stdin'],
        'Clerk#2026xx',
      ).code,
    ).toBe(0);
    expect(bangban(dir, ['export', 'cases', '-o', join(dir, 'c.csv')]).code).toBe(0);
    const clean = bangban(dir, ['audit', 'verify']);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('✔ 审计日志完整：3 条');
    const tail = bangban(dir, ['audit', 'tail']).out;
    expect(tail).toMatch(/#1 .* cli:\S+ knowledge\.import files:1 success/);
    expect(tail).toMatch(/#2 .* user\.create user:clerk1 success \{"role":"clerk"\}/);
    expect(tail).toMatch(/#4 .* audit\.verify audit-log success/);

    // An insider with the key drops the triggers, edits one entry, deletes another, restores them.
    const db = await openTestStore(dir);
    db.exec(`
      DROP TRIGGER audit_log_no_update;
      DROP TRIGGER audit_log_no_delete;
      UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2;
      DELETE FROM audit_log WHERE seq = 3;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
    db.close();
    const tampered = bangban(dir, ['audit', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('第 2 条审计记录的内容被改动过');
    expect(tampered.out).toContain('第 3 条审计记录缺失');
  });

  it('backs up encrypted, lists, and restores only with --yes, keeping the old store', () => {
    const dir = dataDir();
    expect(bangban(dir, ['import', FIXTURE_KNOWLEDGE]).code).toBe(0);
    const made = bangban(dir, ['backup']);
    expect(made.code).toBe(0);
    const id = /已备份 \/ backed up: (\S+)/.exec(made.out)?.[1] ?? '';
    expect(bangban(dir, ['backup', 'list']).out).toContain(id);
    expect(
      bangban(
        dir,
        ['users', 'create', 'clerk1', '--display-name', '窗口一', '--password-stdin'],
        'Clerk#2026xx',
      ).code,
    ).toBe(0);
    const unconfirmed = bangban(dir, ['restore', id]);
    expect(unconfirmed.code).toBe(2);
    expect(bangban(dir, ['restore', 'bangban-20260101T000000000Z-manual', '--yes']).code).toBe(1);
    const restored = bangban(dir, ['restore', id, '--yes']);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('quarantine');
    // The user made after the backup is gone from the restored store.
    expect(bangban(dir, ['users', 'list']).out).not.toContain('clerk1');
  });
});
