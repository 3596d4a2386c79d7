import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';

/**
 * The admin's knowledge import screen: a bad file is refused whole, naming line and field; a good
 * one is checked, imported with progress and a summary, and listed in the history.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
let dataDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let page: Page;

const goodFile = `format: bangban-knowledge
formatVersion: 1
qa:
  - id: QA-E2E-1
    version: 1
    effectiveFrom: 2026-01-01
    question: 营业执照可以邮寄吗？
    answer: 可以选择邮寄送达，邮费由申请人承担，以当地规定为准。
    matters: [SCJG-GTSL-001]
    sources: [POL-0003]
`;
const badFile = goodFile.replace('effectiveFrom: 2026-01-01', 'effectiveFrom: 2026-02-30');

async function choose(name: string, content: string): Promise<void> {
  await page
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'application/x-yaml', buffer: Buffer.from(content) });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-import-'));
  engine = await startBrowserMode(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(engine.url);
  await page.getByTestId('setup-hall').fill('城关县政务服务中心');
  await page.getByTestId('setup-username').fill('admin');
  await page.getByTestId('setup-display-name').fill('陈管理');
  await page.getByTestId('setup-password').fill('Hall#Admin2026');
  await page.getByTestId('setup-password-confirm').fill('Hall#Admin2026');
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('nav-cases').waitFor();
});

afterAll(async () => {
  await browser.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('knowledge import screen', () => {
  it('refuses a bad file, showing the line and field, and imports nothing', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-knowledge').click();
    await choose('bad.yaml', badFile);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-issues').waitFor();
    const issues = await page.getByTestId('import-issues').innerText();
    // Line 6, column 20 is where the impossible date stands in the file.
    expect(issues).toMatch(/6\s+20\s+qa\.0\.effectiveFrom/);
    await page.screenshot({ path: join(artifacts, '10-import-bad-file.png'), fullPage: true });
  });

  it('checks a good file without writing, then imports it with a summary and history', async () => {
    const entries = async (): Promise<number> =>
      Number(/条目\s*(\d+)/.exec(await page.getByTestId('status-knowledge').innerText())?.[1]);
    const before = await entries();
    await choose('good.yaml', goodFile);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').getAttribute('data-dry-run')).toBe('true');
    await page.getByTestId('import-submit').click();
    await expect
      .poll(() => page.getByTestId('import-summary').getAttribute('data-dry-run'))
      .toBe('false');
    // One Q&A entry added, nothing else touched.
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/问答[\s\S]*1/);
    await expect.poll(() => page.getByTestId('import-history').innerText()).toContain('good.yaml');
    expect(await page.getByTestId('import-history').innerText()).not.toContain('bad.yaml');
    await expect.poll(entries).toBe(before + 1);
    await page.screenshot({ path: join(artifacts, '11-import-done.png'), fullPage: true });
  });
});
