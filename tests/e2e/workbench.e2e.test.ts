import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';

/**
 * The first real job, end to end in a real browser against browser mode: first-start setup →
 * sign in → open a 食品经营许可 case for an enterprise → checklist → the case is in the list and
 * survives an engine restart (SIGKILL). Screenshots are kept in tests/artifacts/.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };
const enterprise = {
  name: '城关镇好味道餐饮管理有限公司',
  uscc: '91350100M000100Y43',
  legalRepresentative: '李明',
  address: '城关镇人民路 18 号',
};

let dataDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let page: Page;
let reference = '';

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-'));
  engine = await startBrowserMode(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});

afterEach(async (context) => {
  // A failed step leaves a picture of the page beside the other artifacts.
  if (context.task.result?.state === 'fail') await shot(`failed-${context.task.name.slice(0, 40)}`);
});

afterAll(async () => {
  await browser.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('workbench', () => {
  it('creates the administrator on first start (no default password)', async () => {
    await page.goto(engine.url);
    await page.getByTestId('setup-hall').fill('城关县政务服务中心');
    await page.getByTestId('setup-username').fill(admin.username);
    await page.getByTestId('setup-display-name').fill(admin.displayName);
    await page.getByTestId('setup-password').fill('short');
    await page.getByTestId('setup-password-confirm').fill('short');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByText(/10/).count()).toBeGreaterThan(0);
    await shot('01-setup-weak-password');
    await page.getByTestId('setup-password').fill(admin.password);
    await page.getByTestId('setup-password-confirm').fill(admin.password);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('nav-cases').waitFor();
    await page.getByTestId('status-bar').waitFor();
    await shot('02-signed-in-empty-list');
  });

  it('signs out and back in', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('signout').click();
    await page.getByTestId('signin-username').fill(admin.username);
    await page.getByTestId('signin-password').fill('Wrong#Password1');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor();
    expect(await page.getByTestId('signin-error').innerText()).toContain('密码错误');
    await shot('03-signin-error');
    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-password').press('Enter');
    await page.getByTestId('nav-cases').waitFor();
  });

  it('opens a 食品经营许可 case for an enterprise, checking the USCC as it is typed', async () => {
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('matter-search').fill('spjy');
    await page.locator('[data-testid="matter-option"][data-code="SCJG-SPJY-001"]').click();
    // antd hides the native radio input; the visible button is its label.
    await page.locator('label:has([data-testid="applicant-kind-enterprise"])').click();
    await page.getByTestId('applicant-name').fill(enterprise.name);
    await page.getByTestId('applicant-uscc').fill('91350100M000100Y44');
    await page.getByTestId('applicant-legal-rep').fill(enterprise.legalRepresentative);
    await expect.poll(() => page.getByText('校验位').count()).toBeGreaterThan(0);
    await shot('04-new-case-bad-uscc');
    await page.getByTestId('applicant-uscc').fill(enterprise.uscc);
    // Corrected, the error goes and the decoded code shows instead.
    await page.getByTestId('applicant-uscc-insight').waitFor();
    await expect.poll(() => page.getByText('校验位').count()).toBe(0);
    await page.getByTestId('applicant-address').fill(enterprise.address);
    await shot('05-new-case-filled');
    await page.getByTestId('case-create-submit').click();
    await page.getByTestId('case-reference').waitFor();
    reference = (await page.getByTestId('case-reference').innerText()).trim();
    expect(reference).toMatch(/^BB\d{8}-\d{4}$/);
    // Either a date counted in working days, or the plain reason the calendar cannot give one.
    expect(await page.getByTestId('case-due-by').innerText()).toMatch(
      /^\d{4}-\d{2}-\d{2}$|节假日安排/,
    );
  });

  it('works through the materials checklist', async () => {
    const rows = page.getByTestId('material-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    await rows.nth(0).getByTestId('material-received').click();
    await expect.poll(() => rows.nth(0).getAttribute('data-state')).toBe('received');
    await rows.nth(1).getByTestId('material-to-correct').click();
    await page.getByTestId('material-note-input').fill('复印件未加盖公章');
    await page.getByTestId('material-note-ok').click();
    await expect.poll(() => rows.nth(1).getAttribute('data-state')).toBe('to_correct');
    await rows.nth(2).getByTestId('material-missing').click();
    await expect.poll(() => rows.nth(2).getAttribute('data-state')).toBe('missing');
    await expect
      .poll(() => page.getByTestId('case-history').innerText())
      .toContain('复印件未加盖公章');
    await shot('06-case-checklist');
  });

  it('lists the case, found by full-text search', async () => {
    await page.getByTestId('nav-cases').click();
    await page.locator(`[data-testid="case-row"][data-reference="${reference}"]`).waitFor();
    await page.getByTestId('case-search').fill('好味道');
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(1);
    await page.getByTestId('case-search').fill('不存在的申请人');
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(0);
    await page.getByTestId('case-search').fill('');
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(1);
    expect(await page.getByTestId('case-list-total').innerText()).toContain('1');
    await shot('07-case-list');
  });

  it('keeps everything through an engine crash and restart', async () => {
    await engine.kill();
    engine = await startBrowserMode(dataDir);
    await page.goto(engine.url);
    await page.getByTestId('signin-username').fill(admin.username);
    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-submit').click();
    const row = page.locator(`[data-testid="case-row"][data-reference="${reference}"]`);
    await row.waitFor();
    await row.dblclick();
    await page.getByTestId('case-reference').waitFor();
    const rows = page.getByTestId('material-row');
    expect(await rows.nth(0).getAttribute('data-state')).toBe('received');
    expect(await rows.nth(1).getAttribute('data-state')).toBe('to_correct');
    expect(await page.getByTestId('status-engine').innerText()).toMatch(/浏览器/);
    await shot('08-after-restart');
  });
});
