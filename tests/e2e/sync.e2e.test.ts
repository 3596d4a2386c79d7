import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PackageImportResult } from '@shared/hub/admin';
import type { HubDb } from '../../central/src/db/hub-db';
import { TestHubDatabases } from '../../central/src/testing/test-hub';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';
import { setUpHall } from '../support/e2e-steps';
import { ADMIN, openTestEngine, type TestEngine } from '../support/engine-harness';
import { connectEngineSocket, type EngineSocket } from '../support/engine-socket';
import {
  adminCall,
  enrolmentCode,
  listenHub,
  publishMatter,
  type ListeningHub,
} from '../support/sync-fixtures';

/**
 * Issue 6's screens in a real browser against browser mode, with a hub listening in this
 * process: the admin enrols the terminal with a one-time code, a matter published at the hub
 * arrives with 立即同步, an offline package goes out and the hub's reply comes back, the hub's
 * model file downloads from the models screen, an unreachable hub shows as 离线 (status bar
 * included), a leader reads the history, and leaving keeps the local data. Screenshots in
 * tests/artifacts/sync-*.png.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };
const hallName = '青山县政务服务中心';
const matterCode = 'SYNC-E2E-01';

let dataDir: string;
let scratch: string;
let databases: TestHubDatabases;
let hubDb: HubDb;
let hub: ListeningHub;
let engine: BrowserModeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: EngineSocket;
let secondTerminal: TestEngine | undefined;

async function shot(name: string, height = 900): Promise<void> {
  await page.setViewportSize({ width: 1366, height });
  await page.screenshot({ path: join(artifacts, `sync-${name}.png`), animations: 'disabled' });
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function go(target: Page, hash: string): Promise<void> {
  await target.evaluate((value) => {
    window.location.hash = value;
  }, hash);
}

function syncState(target: Page = page): Promise<string | null> {
  return target.getByTestId('sync-state').getAttribute('data-state');
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-sync-'));
  scratch = mkdtempSync(join(tmpdir(), 'bangban-e2e-sync-files-'));
  databases = new TestHubDatabases();
  hubDb = await databases.open();
  hub = await listenHub(hubDb);
  await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'qingshan', name: hallName });
  engine = await startBrowserMode(dataDir);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  await setUpHall(page, engine.url, admin, '青山县（本机）');
  api = connectEngineSocket(engine);
  await api.opened;
  await api.call('auth.signIn', { username: admin.username, password: admin.password });
  await api.call('settings.update', { idleTimeoutMinutes: 240 });
}, 120_000);

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await shot(`failed-${test.task.name.slice(0, 30)}`);
});

afterAll(async () => {
  secondTerminal?.close();
  api.socket.close();
  await browser.close();
  await engine.stop();
  await hub.close();
  await hubDb.close();
  await databases.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('sync with the hub, from the sync screen', () => {
  it('starts alone: 未配置中心 in the status bar, 未注册 on the sync screen', async () => {
    await expect.poll(() => page.getByTestId('status-network').innerText()).toContain('未配置中心');
    // The status bar's network item opens the sync screen.
    await page.getByTestId('status-network').click();
    await page.getByTestId('sync-screen').waitFor();
    expect(await syncState()).toBe('not_enrolled');
    expect(await page.getByTestId('sync-state').innerText()).toBe('未注册');
    await page.getByTestId('sync-enrol-card').waitFor();
    expect(await page.getByTestId('sync-now').count()).toBe(0);
  });

  it('checks the enrolment form, and refuses a code the hub never issued', async () => {
    await page.getByTestId('sync-hub-url').fill('ftp://hub.example');
    await page.getByTestId('sync-code').fill('abc');
    await page.getByTestId('sync-enrol').click();
    await page.getByText('请填写以 http:// 或 https:// 开头的完整中心地址').waitFor();
    await page.getByText('注册码应为 10 位字母和数字').waitFor();
    await page.getByText('请填写终端名称').waitFor();
    await shot('1-enrol-checks');

    // Typed in lower case without the dash: the field writes it as printed.
    await page.getByTestId('sync-hub-url').fill(hub.url);
    await page.getByTestId('sync-code').fill('');
    await page.getByTestId('sync-code').pressSequentially('abcde0fghj');
    expect(await page.getByTestId('sync-code').inputValue()).toBe('ABCDE-0FGHJ');
    await page.getByTestId('sync-terminal-name').fill('1号综合窗口');
    await page.getByTestId('sync-enrol').click();
    // The hub's refusal lands under the code.
    await page.locator('.ant-form-item-has-error').getByTestId('sync-code').waitFor();
    expect(await syncState()).toBe('not_enrolled');
  });

  it('enrols with a one-time code and syncs for the first time', async () => {
    await page.getByTestId('sync-code').fill(await enrolmentCode(hub, 'qingshan'));
    await page.getByTestId('sync-enrol').click();
    // The form stays, with its progress, until the first sync is done too.
    await page.getByText('注册成功：本终端已加入青山县政务服务中心').waitFor({ timeout: 30_000 });
    await page.getByTestId('sync-enrol-card').waitFor({ state: 'detached' });
    await expect.poll(() => syncState()).toBe('idle');
    expect(await page.getByTestId('sync-state').innerText()).toBe('已同步');
    expect(await page.getByTestId('sync-last-success').innerText()).not.toBe('尚未成功同步');
    expect(await page.getByTestId('sync-hall').innerText()).toBe(hallName);
    expect(await page.getByTestId('sync-terminal').innerText()).toBe('1号综合窗口');
    expect(await page.getByTestId('sync-hub').innerText()).toBe(hub.url);
    await page.getByTestId('sync-package-card').waitFor();
    await expect.poll(() => page.getByTestId('sync-run').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('status-network').innerText()).toContain('在线');
  });

  it('brings a matter published at the hub with 立即同步', async () => {
    await publishMatter(hub, matterCode);
    await page.getByTestId('sync-now').click();
    await expect
      .poll(() => page.getByTestId('sync-result').getAttribute('data-outcome'), {
        timeout: 30_000,
      })
      .toBe('ok');
    const result = await page.getByTestId('sync-result').innerText();
    expect(result).toMatch(/同步完成：上传 \d+ 条，下载 [1-9]\d* 条/);
    await shot('2-synced', 1300);

    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('matter-search').fill(matterCode);
    await expect
      .poll(() => page.getByTestId('matter-option').allInnerTexts())
      .toEqual([expect.stringContaining(`测试事项 ${matterCode}`) as string]);
  });

  it('exports an offline package and imports the hub’s reply', async () => {
    // A change made here waits in the outbox until it travels.
    await api.call('users.create', {
      username: 'li',
      displayName: '李建国',
      role: 'leader',
      password: 'Lead#Check2026',
    });
    await go(page, '/sync');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sync-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bangban-package-.+\.json$/);
    const saved = join(scratch, download.suggestedFilename());
    await download.saveAs(saved);
    const content = readFileSync(saved, 'utf8');
    const pkg = JSON.parse(content) as {
      format: string;
      direction: string;
      hallId: string;
      body: { mutations: unknown[] };
    };
    expect(pkg).toMatchObject({ format: 'bangban-sync-package', direction: 'to-hub' });
    expect(pkg.hallId).toBe('qingshan');
    const exported = page.getByTestId('sync-exported');
    await exported.waitFor();
    expect(await exported.getAttribute('data-count')).toBe(String(pkg.body.mutations.length));
    expect(await exported.innerText()).toContain(`含 ${String(pkg.body.mutations.length)} 条修改`);

    // At the hub, the package is applied and answered with a signed reply to carry back.
    await publishMatter(hub, `${matterCode}-USB`);
    const answered = (await adminCall(hub, 'POST', '/v1/admin/packages', {
      content,
    })) as PackageImportResult;
    const reply = join(scratch, answered.replyFileName);
    writeFileSync(reply, answered.reply);
    await page.getByTestId('sync-import-file').setInputFiles(reply);
    const imported = page.getByTestId('sync-imported');
    await imported.waitFor();
    expect(await imported.innerText()).toMatch(/回执已导入：中心确认 \d+ 条，下载更新 [1-9]\d* 条/);
    await expect.poll(() => page.getByTestId('sync-pending').getAttribute('data-count')).toBe('0');
    await expect.poll(() => page.getByTestId('sync-run').first().innerText()).toContain('离线包');
    await shot('3-offline-package', 1400);
  });

  it('lists the hub’s model file and downloads it from the models screen', async () => {
    const folder = join(scratch, 'hub-model');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'tiny-hub-q8_0.gguf');
    writeFileSync(file, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(2_000_000, 7)]));
    await hub.hub.models.add(file, {
      id: 'tiny-hub-q8_0',
      name: '测试模型（中心下发）',
      fileName: 'tiny-hub-q8_0.gguf',
      purpose: 'chat',
      licence: 'Apache-2.0',
      minimumRamGiB: 1,
      contextLength: 512,
    });
    await page.getByTestId('sync-now').click();
    await expect
      .poll(() => page.getByTestId('sync-result').getAttribute('data-outcome'), {
        timeout: 30_000,
      })
      .toBe('ok');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-models').click();
    const offer = page.getByTestId('hub-model');
    await offer.waitFor();
    expect(await offer.innerText()).toContain('测试模型（中心下发）');
    expect(await offer.innerText()).toContain('未安装');
    await offer.getByTestId('hub-model-download').click();
    await offer.getByTestId('hub-model-installed').waitFor({ timeout: 30_000 });
    await page.getByTestId('model-file').filter({ hasText: 'tiny-hub-q8_0.gguf' }).waitFor();
    await page.getByTestId('hub-models-card').scrollIntoViewIfNeeded();
    await shot('4-hub-models');
  });

  it('shows an unreachable hub as 离线, in the status bar too, and recovers', async () => {
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-change-hub').click();
    await page.getByTestId('sync-new-hub-url').fill('http://127.0.0.1:9');
    await page.getByTestId('sync-hub-save').click();
    await expect.poll(() => page.getByTestId('sync-hub').innerText()).toBe('http://127.0.0.1:9');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => syncState(), { timeout: 30_000 }).toBe('offline');
    expect(await page.getByTestId('sync-state').innerText()).toBe('离线');
    await page.getByTestId('sync-problem').waitFor();
    expect(await page.getByTestId('sync-problem').innerText()).toContain('无法连接中心');
    await expect.poll(() => page.getByTestId('status-network').innerText()).toContain('离线');
    await page.getByTestId('status-network').hover();
    const detail = page.getByTestId('status-network-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain('待上传');
    expect(await detail.innerText()).toContain('最近同步：');
    expect(await detail.locator('.status-detail-problem').innerText()).toContain('无法连接中心');
    await shot('5-offline');

    await page.getByTestId('sync-change-hub').click();
    await page.getByTestId('sync-new-hub-url').fill(hub.url);
    await page.getByTestId('sync-new-hub-url').press('Enter');
    await expect.poll(() => syncState(), { timeout: 30_000 }).toBe('idle');
    await expect.poll(() => page.getByTestId('status-network').innerText()).toContain('在线');
  });

  it('shows the conflict the hub recorded, then how it was settled', async () => {
    // A second window PC of the hall was set up alone, with an administrator named like ours.
    secondTerminal = openTestEngine({ sync: { auto: false } });
    await secondTerminal.engine.syncReady;
    await secondTerminal.ok('setup.createAdmin', { hallName: '青山县', ...ADMIN });
    await secondTerminal.ok('sync.enrol', {
      hubUrl: hub.url,
      code: await enrolmentCode(hub, 'qingshan'),
      terminalName: '2号综合窗口',
    });
    await page.getByTestId('sync-now').click();
    const row = page.getByTestId('sync-conflict');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('账号');
    expect(await row.innerText()).toContain('账号重名');
    expect(await row.getByTestId('sync-conflict-state').innerText()).toBe('待处理');
    await expect.poll(() => page.getByTestId('sync-open-conflicts').innerText()).toBe('1 条');
    await page.getByTestId('sync-conflicts').scrollIntoViewIfNeeded();
    await shot('6-conflict-open', 1600);

    // The hub's administrator settles it; the next sync brings the outcome.
    const [open] = (await adminCall(hub, 'GET', '/v1/admin/conflicts?open=true')) as {
      id: number;
    }[];
    await adminCall(hub, 'POST', `/v1/admin/conflicts/${String(open?.id)}/resolve`, {
      resolution: '保留大厅原有的 admin 账号，2号窗口改用新账号',
    });
    await page.getByTestId('sync-now').click();
    await expect
      .poll(() => row.getByTestId('sync-conflict-state').innerText(), { timeout: 30_000 })
      .toBe('已处理');
    expect(await row.innerText()).toContain('保留大厅原有的 admin 账号');
    await expect.poll(() => page.getByTestId('sync-open-conflicts').innerText()).toBe('0 条');
    await page.getByTestId('sync-conflicts').scrollIntoViewIfNeeded();
    await shot('7-conflict-settled', 1600);
  });

  it('lets a leader read the history and the conflicts, not enrol or export', async () => {
    const leaderContext = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const leader = await leaderContext.newPage();
    await leader.goto(engine.url);
    await leader.getByTestId('signin-username').fill('li');
    await leader.getByTestId('signin-password').fill('Lead#Check2026');
    await leader.getByTestId('signin-submit').click();
    await leader.getByTestId('nav-sync').click();
    await expect.poll(() => syncState(leader)).toBe('idle');
    await leader.getByTestId('sync-history').waitFor();
    await leader.getByTestId('sync-conflicts').waitFor();
    await leader.getByTestId('sync-now').waitFor();
    expect(await leader.getByTestId('sync-package-card').count()).toBe(0);
    expect(await leader.getByTestId('sync-change-hub').count()).toBe(0);
    expect(await leader.getByTestId('sync-leave').count()).toBe(0);
    await leaderContext.close();
  });

  it('leaves the hub after a confirmation; the local data stays', async () => {
    await page.getByTestId('sync-leave').click();
    await page.getByText('本机的办件、知识库、账号等数据全部保留').waitFor();
    // The dialog zooms in: the picture waits until its animation is over.
    await expect
      .poll(() => page.locator('.ant-modal-confirm').getAttribute('class'))
      .not.toContain('zoom');
    await shot('8-leave-confirm');
    await page.getByTestId('sync-leave-confirm').click();
    await expect.poll(() => syncState()).toBe('not_enrolled');
    await page.getByTestId('sync-enrol-card').waitFor();
    await expect.poll(() => page.getByTestId('status-network').innerText()).toContain('未配置中心');
    // What the hub brought is still here.
    const matters = (await api.call('matters.search', { query: matterCode })) as unknown[];
    expect(matters.length).toBeGreaterThan(0);
  });
});
