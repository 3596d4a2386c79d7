import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseEnvelope } from '@shared/api';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';
import { setUpHall } from '../support/e2e-steps';
import { connectEngineSocket } from '../support/engine-socket';

/**
 * Script in a citizen's name, a knowledge entry and an answer built from it is shown as text:
 * nothing runs in the renderer (no alert, no injected element, no flag set). Screenshots in
 * tests/artifacts/.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };
const payload = '<img src=x onerror="window.__xss=1">';
const scriptPayload = '<script>window.__xss=2</script>';

let dataDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

/** Calls the engine as the administrator over its own socket, as a second client would. */
async function asAdmin(method: string, input: unknown): Promise<ResponseEnvelope> {
  const client = connectEngineSocket(engine);
  await client.opened;
  await client.call('auth.signIn', { username: admin.username, password: admin.password });
  const response = await client.send(method, input);
  client.socket.close();
  return response;
}

async function nothingRan(): Promise<void> {
  const state = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: number }).__xss,
    injected: document.querySelectorAll('img[src="x"], script:not([src])').length,
  }));
  expect(state).toEqual({ flag: undefined, injected: 0 });
  expect(dialogs).toEqual([]);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-xss-'));
  engine = await startBrowserMode(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hostile content', () => {
  it('shows script in a citizen’s fields as text, in the list and the revealed detail', async () => {
    await setUpHall(page, engine.url, admin);
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('matter-search').fill('个体');
    await page.getByTestId('matter-option').first().click();
    await page.getByTestId('applicant-name').fill(payload);
    await page.getByTestId('applicant-id-number').fill('11010519491231002X');
    await page.getByTestId('applicant-phone').fill('13800138000');
    await page.getByTestId('applicant-address').fill(scriptPayload);
    await page.getByTestId('case-create-submit').click();
    await page.getByTestId('case-reference').waitFor();
    await page.getByTestId('applicant-reveal').click();
    await page.getByTestId('applicant-hide').waitFor();
    expect(await page.getByTestId('case-applicant').innerText()).toContain(payload);
    await nothingRan();
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-row').first().waitFor();
    await nothingRan();
    await page.screenshot({ path: join(artifacts, 'xss-01-case.png'), fullPage: true });
  });

  it('shows script in a knowledge entry and in the answer quoting it as text', async () => {
    const file = [
      'format: bangban-knowledge',
      'formatVersion: 1',
      'publisher: tests',
      'qa:',
      '  - id: QA-XSS',
      '    version: 1',
      '    effectiveFrom: 2026-01-01',
      `    question: '营业执照遗失补领需要什么材料 ${payload}'`,
      `    answer: '营业执照遗失补领需要提交补领申请书。${scriptPayload}<a href="javascript:window.__xss=3">点此</a>'`,
      '    sources: [测试]',
    ].join('\n');
    const imported = await asAdmin('knowledge.import', { fileName: 'xss.yaml', content: file });
    expect(imported.ok).toBe(true);

    await page.getByTestId('nav-copilot').click();
    await page.getByTestId('copilot-question').fill('营业执照遗失补领需要什么材料');
    await page.getByTestId('copilot-ask').click();
    await page.getByTestId('copilot-answer').waitFor();
    const answer = await page.getByTestId('copilot-answer').innerText();
    expect(answer).toContain('补领申请书');
    await page.getByTestId('copilot-citation').first().click();
    await page.getByText('javascript:window.__xss=3', { exact: false }).first().waitFor();
    await nothingRan();
    await page.screenshot({ path: join(artifacts, 'xss-02-knowledge.png'), fullPage: true });
  });
});
