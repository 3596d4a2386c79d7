import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, type TestEngine } from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

const person = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
} as const;
/** A "scan" whose bytes are easy to look for: an ID card's number in the clear. */
const scan = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  Buffer.from(`居民身份证 ${person.name} ${person.idNumber} `.repeat(200)),
]);

async function caseWithScan() {
  t = openTestEngine();
  await t.setupAdmin();
  const [matter] = await t.ok('matters.search', { query: 'T-GTSL' });
  const { id: caseId } = await t.ok('cases.create', {
    matterId: matter?.id ?? 0,
    applicant: person,
  });
  const attachment = await t.ok('attachments.add', {
    caseId,
    materialCode: 'M01',
    fileName: '身份证正反面.png',
    mediaType: 'image/png',
    contentBase64: scan.toString('base64'),
  });
  return { caseId, attachment };
}

describe('attachments', () => {
  it('are stored encrypted, read back whole, and their opening is audited', async () => {
    const { caseId, attachment } = await caseWithScan();
    expect(attachment).toMatchObject({ caseId, materialCode: 'M01', sizeBytes: scan.length });
    const folder = join(t.dataDir, 'attachments');
    const [file] = readdirSync(folder);
    const onDisk = readFileSync(join(folder, file ?? ''));
    expect(onDisk.includes(Buffer.from(person.idNumber))).toBe(false);
    expect(onDisk.includes(Buffer.from(person.name))).toBe(false);

    const read = await t.ok('attachments.get', { id: attachment.id });
    expect(Buffer.from(read.contentBase64, 'base64').equals(scan)).toBe(true);
    expect(await t.ok('attachments.list', { caseId })).toEqual([attachment]);
    const [entry] = (await t.ok('audit.search', { subject: `attachment:${attachment.id}` }))
      .entries;
    expect(entry?.action).toBe('personalData.read');
  });

  it('refuses a file altered on disk, and types, sizes and cases it does not take', async () => {
    const { caseId, attachment } = await caseWithScan();
    const file = join(t.dataDir, 'attachments', `${attachment.id}.bin`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const altered = await t.call('attachments.get', { id: attachment.id });
    expect(altered.ok ? undefined : altered.error.code).toBe('CONFLICT');

    const base = { caseId, fileName: 'a.exe', contentBase64: 'AAAA' };
    const wrongType = await t.call('attachments.add', {
      ...base,
      mediaType: 'application/x-msdownload',
    });
    expect(wrongType.ok ? undefined : wrongType.error.path).toEqual(['mediaType']);
    const noCase = await t.call('attachments.add', {
      ...base,
      caseId: 999,
      mediaType: 'image/png',
    });
    expect(noCase.ok ? undefined : noCase.error.code).toBe('NOT_FOUND');
    const tooBig = await t.call('attachments.add', {
      ...base,
      mediaType: 'image/png',
      contentBase64: Buffer.alloc(10 * 1024 * 1024 + 3).toString('base64'),
    });
    expect(tooBig.ok ? undefined : tooBig.error.code).toBe('INVALID_INPUT');
  });

  it('keep evidence of a finding, and belong to exactly one owner', async () => {
    const { caseId } = await caseWithScan();
    const leader = await t.ok('users.create', {
      username: 'wang',
      displayName: '王局长',
      role: 'leader',
      password: 'Walk#2026check',
    });
    const unit = await t.ok('units.save', {
      name: '县市场监督管理局',
      kind: 'department',
      department: '县市场监督管理局',
      leaders: [{ userId: leader.id, title: '局长' }],
    });
    const walker = t.connect();
    await walker.ok('auth.signIn', { username: 'wang', password: 'Walk#2026check' });
    const walk = await walker.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-GTSL',
      hall: '大厅',
    });
    const { findings } = await walker.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'consult',
      category: 'long_wait',
      severity: 'low',
      description: '叫号屏不显示等候人数',
    });
    const findingId = findings[0]?.id ?? 0;
    const photo = {
      fileName: '叫号屏.jpg',
      mediaType: 'image/jpeg',
      contentBase64: 'AAAA',
    } as const;
    const evidence = await walker.ok('attachments.add', { findingId, ...photo });
    expect(evidence).toMatchObject({ findingId, caseId: null, rectificationId: null });
    expect(await walker.ok('attachments.list', { findingId })).toEqual([evidence]);
    expect((await walker.ok('attachments.get', { id: evidence.id })).contentBase64).toBe('AAAA');
    for (const owners of [{}, { caseId, findingId }]) {
      const response = await walker.call('attachments.add', { ...owners, ...photo });
      expect(response.ok ? undefined : response.error.code).toBe('INVALID_INPUT');
    }
    const noFinding = await walker.call('attachments.add', { findingId: 999, ...photo });
    expect(noFinding.ok ? undefined : noFinding.error.path).toEqual(['findingId']);
  });

  it('are gone for good when removed: the key with the row, the file from the folder', async () => {
    const { attachment } = await caseWithScan();
    await t.ok('attachments.remove', { id: attachment.id });
    expect(existsSync(join(t.dataDir, 'attachments', `${attachment.id}.bin`))).toBe(false);
    expect(t.engine.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
    const again = await t.call('attachments.get', { id: attachment.id });
    expect(again.ok ? undefined : again.error.code).toBe('NOT_FOUND');
  });

  it('travel with backups and come back with a restore', async () => {
    const { attachment } = await caseWithScan();
    const backup = await t.ok('backups.create', {});
    expect(
      existsSync(join(t.dataDir, 'backups', `${backup.id}.attachments`, `${attachment.id}.bin`)),
    ).toBe(true);
    await t.ok('attachments.remove', { id: attachment.id });
    // The backup's copy survives the removal (a hard link, not overwritten).
    const kept = readFileSync(
      join(t.dataDir, 'backups', `${backup.id}.attachments`, `${attachment.id}.bin`),
    );
    expect(kept.length).toBeGreaterThan(scan.length);
  });
});
