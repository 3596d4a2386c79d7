import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';
import { setUpHall } from '../support/e2e-steps';

/**
 * Browser mode with no key file: the store passphrase is set on first start, asked for after
 * every restart, and rotated from the admin screen; the files on disk never hold the data in
 * the clear. Screenshots in tests/artifacts/.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };
const passphrase = '城关县政务服务中心的数据库口令';
const hallName = '城关县政务服务中心（安全测试）';
// No key file: a passphrase guards the key, as on a Linux terminal without a keyring.
const env = { BANGBAN_KEY_FILE: '' };

let dataDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let page: Page;

/** The fingerprint of the key now in use, from the key store on disk. */
function keyId(): string {
  return (JSON.parse(readFileSync(join(dataDir, 'keystore.json'), 'utf8')) as { keyId: string })
    .keyId;
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-security-'));
  engine = await startBrowserMode(dataDir, env);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await shot(`failed-${context.task.name.slice(0, 40)}`);
});

afterAll(async () => {
  await browser.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the encrypted store in browser mode', () => {
  it('asks for a store passphrase on first start, then sets up the hall', async () => {
    await page.goto(engine.url);
    await page.getByTestId('vault-passphrase').fill('too short');
    await page.getByTestId('vault-passphrase-repeat').fill('too short');
    await page.getByTestId('vault-setup-submit').click();
    await page.getByText('至少 12 位').first().waitFor();
    await shot('security-01-vault-setup');
    await page.getByTestId('vault-passphrase').fill(passphrase);
    await page.getByTestId('vault-passphrase-repeat').fill(passphrase);
    await page.getByTestId('vault-setup-submit').click();
    await setUpHall(page, engine.url, admin, hallName);
  });

  it('keeps nothing readable on disk', () => {
    const needles = [hallName, admin.displayName].map((text) => Buffer.from(text));
    const hits = readdirSync(dataDir).filter((name) => {
      const bytes = readFileSync(join(dataDir, name));
      return needles.some((needle) => bytes.includes(needle));
    });
    expect(hits).toEqual([]);
    expect(readFileSync(join(dataDir, 'bangban.db')).subarray(0, 15).toString()).not.toBe(
      'SQLite format 3',
    );
  });

  it('is locked after a restart until the passphrase is typed', async () => {
    await engine.kill();
    engine = await startBrowserMode(dataDir, env);
    await page.goto(engine.url);
    await page.getByTestId('vault-unlock').fill('not the passphrase');
    await page.getByTestId('vault-unlock-submit').click();
    await page.getByTestId('vault-error').waitFor();
    expect(await page.getByTestId('vault-error').innerText()).toContain('口令或密钥不正确');
    await shot('security-02-unlock-wrong');
    await page.getByTestId('vault-unlock').fill(passphrase);
    await page.getByTestId('vault-unlock-submit').click();
    await page.getByTestId('signin-username').fill(admin.username);
    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-cases').waitFor();
  });

  it('rotates the key from the admin screen; the new key opens the store after a restart', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-security').click();
    await page.getByTestId('security-screen').waitFor();
    const keyIdBefore = keyId();
    expect(await page.getByTestId('security-protections').innerText()).toContain('数据库口令');
    await page.getByTestId('rekey-passphrase').fill(passphrase);
    await page.getByTestId('rekey-submit').click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('数据库密钥已轮换').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot('security-03-rekeyed');
    expect(keyId()).not.toBe(keyIdBefore);

    await engine.kill();
    engine = await startBrowserMode(dataDir, env);
    await page.goto(engine.url);
    await page.getByTestId('vault-unlock').fill(passphrase);
    await page.getByTestId('vault-unlock-submit').click();
    await page.getByTestId('signin-username').waitFor();
  });

  it('masks the applicant until a reveal, and the audit screen shows the reveal and a whole chain', async () => {
    await page.getByTestId('signin-username').fill(admin.username);
    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('matter-search').fill('个体');
    await page.getByTestId('matter-option').first().click();
    await page.getByTestId('applicant-name').fill('欧阳明月');
    await page.getByTestId('applicant-id-number').fill('11010519491231002X');
    await page.getByTestId('applicant-phone').fill('13800138000');
    await page.getByTestId('case-create-submit').click();
    await page.getByTestId('case-reference').waitFor();
    const card = page.getByTestId('case-applicant');
    expect(await card.innerText()).toContain('110105********002X');
    expect(await card.innerText()).not.toContain('欧阳明月');
    await page.getByTestId('applicant-reveal').click();
    await page.getByTestId('applicant-hide').waitFor();
    expect(await card.innerText()).toContain('11010519491231002X');
    await shot('security-04-revealed');

    // A scan kept with the case: encrypted on disk, shown again when opened.
    const marker = 'SCAN-110101199003070011';
    const png = Buffer.concat([
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
      Buffer.from(marker),
    ]);
    await page
      .getByTestId('case-attachments')
      .locator('input[type=file]')
      .setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('attachment-row').first().waitFor();
    await page.getByTestId('case-attachments').scrollIntoViewIfNeeded();
    await shot('security-05-attachments');
    await page.getByTestId('attachment-open').first().click();
    await page.getByTestId('attachment-image').waitFor();
    await page.keyboard.press('Escape');
    const scans = readdirSync(join(dataDir, 'attachments'));
    expect(scans).toHaveLength(1);
    const stored = readFileSync(join(dataDir, 'attachments', scans[0] ?? ''));
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(stored.includes(png.subarray(0, 16))).toBe(false);

    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-audit').click();
    await page.getByTestId('audit-screen').waitFor();
    await page.getByTestId('audit-row').first().waitFor();
    const reveal = page.getByTestId('audit-row').filter({ hasText: '显示完整个人信息' });
    expect(await reveal.count()).toBe(1);
    expect(await page.getByTestId('audit-table').innerText()).not.toContain('11010519491231002X');
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verification').waitFor();
    expect(await page.getByTestId('audit-verification').innerText()).toContain('校验通过');
    await shot('security-06-audit');
  });

  it('backs up from the admin screen; a damaged store is restored from it after confirmation', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-security').click();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-row').first().waitFor();
    await shot('security-07-backups');

    await engine.stop();
    const file = join(dataDir, 'bangban.db');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    engine = await startBrowserMode(dataDir, env);
    await page.goto(engine.url);
    // The key is unlocked first; only then can the store be found damaged.
    await page.getByTestId('vault-unlock').fill(passphrase);
    await page.getByTestId('vault-unlock-submit').click();
    await page.getByTestId('vault-damage').waitFor();
    expect(await page.getByTestId('vault-damage').innerText()).toContain('已损坏');
    await shot('security-08-damaged');
    await page.getByTestId('vault-restore').click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('vault-unlock').fill(passphrase);
    await page.getByTestId('vault-unlock-submit').click();
    await page.getByTestId('signin-username').fill(admin.username);
    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-cases').waitFor();
    expect(readdirSync(join(dataDir, 'quarantine'))).toHaveLength(1);
  });
});
