import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_KNOWLEDGE,
  openTestEngine,
  type TestEngine,
} from '../../../tests/support/engine-harness';

const fixture = readFileSync(join(FIXTURE_KNOWLEDGE, 'minimal.yaml'), 'utf8');
let t: TestEngine;
afterEach(() => {
  t.close();
});

function count(table: string): number {
  return (t.engine.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The fixture's first matter at another version, with one more material. */
function newerGtsl(version: number, effectiveFrom: string): string {
  return fixture
    .replace(
      'code: T-GTSL\n    version: 1\n    effectiveFrom: 2026-01-01',
      `code: T-GTSL\n    version: ${version}\n    effectiveFrom: ${effectiveFrom}`,
    )
    .replace(
      '      - { code: M03, name: 经营场所使用证明 }',
      '      - { code: M03, name: 经营场所使用证明 }\n      - { code: M04, name: 委托书, required: 委托他人办理的 }',
    );
}

describe('knowledge import', () => {
  it('imports the seed at first start, and treats a re-import of the same file as unchanged', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    expect(count('matters')).toBe(2);
    const summary = await t.ok('knowledge.import', { fileName: 'minimal.yaml', content: fixture });
    expect(summary.matters).toEqual({ added: 0, superseded: 0, unchanged: 2 });
    expect(summary.qa).toEqual({ added: 0, superseded: 0, unchanged: 1 });
    expect(count('matters')).toBe(2);
  });

  it('supersedes with a newer version, keeps history, and shows the new version in search', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const summary = await t.ok('knowledge.import', {
      fileName: 'v2.yaml',
      content: newerGtsl(2, '2026-06-01'),
    });
    expect(summary.matters).toEqual({ added: 0, superseded: 1, unchanged: 1 });
    const [found] = await t.ok('matters.search', { query: '个体' });
    expect(found).toMatchObject({ code: 'T-GTSL', version: 2, materialCount: 4 });
    const detail = await t.ok('matters.get', { id: found?.id ?? 0 });
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('stores a future version but keeps the current one in effect until its date', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    await t.ok('knowledge.import', {
      fileName: 'future.yaml',
      content: newerGtsl(3, '2027-01-01'),
    });
    const [found] = await t.ok('matters.search', { query: 'T-GTSL' });
    expect(found?.version).toBe(1);
  });

  it('refuses the same version with different content and changes nothing', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const before = { matters: count('matters'), imports: count('knowledge_imports') };
    const response = await t.call('knowledge.import', {
      fileName: 'edited.yaml',
      content: newerGtsl(1, '2026-01-01'),
    });
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'KNOWLEDGE_VERSION_CONFLICT', path: ['matters', 0, 'version'] },
    });
    expect({ matters: count('matters'), imports: count('knowledge_imports') }).toEqual(before);
  });

  it('rejects an invalid file whole, naming file, line and field', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const broken = `${newerGtsl(2, '2026-06-01')}  - id: QA-T2\n    version: 1\n    effectiveFrom: 2026-13-01\n    question: 问\n    answer: 答\n    sources: [x]\n`;
    const response = await t.call('knowledge.import', { fileName: 'broken.yaml', content: broken });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('KNOWLEDGE_INVALID');
    expect(response.error.message.zh).toContain('broken.yaml');
    const badLine = broken.split('\n').findIndex((text) => text.includes('2026-13-01')) + 1;
    expect(response.error.issues?.[0]).toMatchObject({
      path: ['qa', 1, 'effectiveFrom'],
      line: badLine,
      column: 20,
    });
    // The valid matter in the same file was not imported either.
    const [found] = await t.ok('matters.search', { query: 'T-GTSL' });
    expect(found?.version).toBe(1);
  });

  it('rejects references to matters that do not exist', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const content = fixture.replace('matters: [T-SPJY]', 'matters: [T-NOPE]');
    const response = await t.call('knowledge.import', { fileName: 'ref.yaml', content });
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'KNOWLEDGE_INVALID', path: ['qa', 0, 'matters', 0] },
    });
  });

  it('checks with dryRun and reports what would change without writing', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const before = count('knowledge_imports');
    const summary = await t.ok('knowledge.import', {
      fileName: 'v2.yaml',
      content: newerGtsl(2, '2026-06-01'),
      dryRun: true,
    });
    expect(summary.matters.superseded).toBe(1);
    expect(count('knowledge_imports')).toBe(before);
    expect(count('matters')).toBe(2);
  });

  it('starts even when an updated seed file is refused, and imports the other new files', async () => {
    const seedDir = mkdtempSync(join(tmpdir(), 'bangban-seed-'));
    writeFileSync(join(seedDir, 'matters-test.yaml'), fixture);
    t = openTestEngine({ seedDir });
    await t.setupAdmin();
    // The next release changed a matter without raising its version, and added a Q&A file.
    writeFileSync(join(seedDir, 'matters-test.yaml'), newerGtsl(1, '2026-01-01'));
    writeFileSync(
      join(seedDir, 'qa-new.yaml'),
      'format: bangban-knowledge\nformatVersion: 1\nqa:\n  - { id: QA-N1, version: 1, effectiveFrom: 2026-01-01, question: 问, answer: 答, sources: [依据] }\n',
    );
    t = t.reopen();
    await t.ok('auth.signIn', { username: 'admin', password: 'Bangban#2026ok' });
    const [found] = await t.ok('matters.search', { query: 'T-GTSL' });
    expect(found?.materialCount).toBe(3);
    expect(count('knowledge_entries')).toBe(2);
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('reports progress to the importing window, and new counts to every window', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const otherWindow = t.connect();
    await t.ok('knowledge.import', { fileName: 'v2.yaml', content: newerGtsl(2, '2026-06-01') });
    expect(otherWindow.events.map((event) => event.event)).toEqual(['system.status']);
    const phases = t.events
      .filter((event) => event.event === 'knowledge.importProgress')
      .map((event) => (event.payload as { phase: string }).phase);
    expect(phases).toEqual(['parsing', 'validating', 'writing', 'done']);
    const [latest] = await t.ok('knowledge.imports', {});
    expect(latest).toMatchObject({ fileName: 'v2.yaml', importedBy: 'admin' });
    expect(latest?.summary.matters.superseded).toBe(1);
  });
});
