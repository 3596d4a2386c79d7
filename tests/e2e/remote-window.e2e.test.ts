import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, CaseDetail, MatterSummary } from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import type { HubDb } from '../../central/src/db/hub-db';
import { TestHubDatabases } from '../../central/src/testing/test-hub';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { FAKE_MEDIA_ARGS, launchChromium } from '../support/chromium';
import { connectEngineSocket, type EngineSocket } from '../support/engine-socket';
import { APPLICANT_ID_NUMBER, APPLICANT_PHONE } from '../support/remote-fixtures';
import { adminCall, enrolmentCode, listenHub, type ListeningHub } from '../support/sync-fixtures';

/**
 * The remote window (远程虚拟窗口) in two real browsers against two browser-mode engines enrolled
 * at two halls of one hub listening in this process: a township clerk asks for help from a case,
 * a county expert takes the request within the minute and asks for a window; the clerk opens it;
 * the expert's suggestion changes the case once accepted, the ID number shows only after the
 * applicant's consent, direct edits work only while the clerk grants control; a shared scan is
 * marked up on both sides; the expert records the ID check and the clerk keeps a still of the card
 * with consent; the window's record stays on the case. Then an invitation by join code. Screenshots in tests/artifacts/remote-*.png.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const MASKED_ID = '110105********002X';
const MASKED_PHONE = '138****8000';
const halls = {
  township: { id: 'qingshan', name: '青山镇便民服务中心' },
  county: { id: 'county', name: '县政务服务中心' },
} as const;
const clerkUser = { username: 'li', displayName: '李窗口', password: 'Clerk#Desk2026' };
const expertUser = { username: 'wang', displayName: '王专家', password: 'Expert#Desk2026' };

let databases: TestHubDatabases;
let hubDb: HubDb;
let hub: ListeningHub;
const dataDirs: string[] = [];
let township: BrowserModeProcess;
let county: BrowserModeProcess;
let townshipApi: EngineSocket;
let countyApi: EngineSocket;
let browser: Browser;
let clerkContext: BrowserContext;
let expertContext: BrowserContext;
let clerk: Page;
let expert: Page;
let caseId = 0;
let reference = '';

/** The app scrolls inside its own frame: a taller viewport shows a whole screen. */
async function shot(page: Page, name: string, height = 900): Promise<void> {
  await page.setViewportSize({ width: 1366, height });
  await page.screenshot({ path: join(artifacts, `remote-${name}.png`), animations: 'disabled' });
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

async function signIn(page: Page, engine: BrowserModeProcess, user: typeof clerkUser) {
  await page.goto(engine.url);
  await page.getByTestId('signin-username').fill(user.username);
  await page.getByTestId('signin-password').fill(user.password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-cases').waitFor();
}

/** A terminal as its hall's administrator sets it up: the hall, enrolled at the hub, idle 4 h. */
async function setUpTerminal(
  engine: BrowserModeProcess,
  hall: { id: string; name: string },
  username: string,
  terminalName: string,
): Promise<EngineSocket> {
  const api = connectEngineSocket(engine);
  await api.opened;
  const password = 'Hall#Admin2026';
  await api.call('setup.createAdmin', {
    hallName: hall.name,
    username,
    displayName: '大厅管理员',
    password,
  });
  await api.call('auth.signIn', { username, password });
  await api.call('settings.update', { idleTimeoutMinutes: 240 });
  await api.call('sync.enrol', {
    hubUrl: hub.url,
    code: await enrolmentCode(hub, hall.id),
    terminalName,
  });
  return api;
}

function material(page: Page, code: string) {
  return page.locator(`[data-testid="remote-material"][data-code="${code}"]`);
}

function point(page: Page, code: string) {
  return page.locator(`[data-testid="remote-point"][data-code="${code}"]`);
}

function field(page: Page, key: string) {
  return page.locator(`[data-testid="remote-field"][data-key="${key}"]`);
}

function sharedFile(page: Page, name: string) {
  return page.locator(`[data-testid="remote-file"][data-name="${name}"]`);
}

/** How wide the viewer's image is in its own pixels: more than 0 once it decoded. */
function naturalWidth(page: Page): Promise<number> {
  return page
    .getByTestId('remote-viewer-image')
    .evaluate((image: HTMLImageElement) => image.naturalWidth);
}

/**
 * A scan to share, drawn in the page (no binary fixture in the repository): a lease with its
 * title, a few lines and a signature line, as PNG bytes.
 */
async function leaseScan(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 800;
    canvas.height = 500;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#fbf8f1';
    context.fillRect(0, 0, 800, 500);
    context.strokeStyle = '#9a7b4f';
    context.lineWidth = 6;
    context.strokeRect(16, 16, 768, 468);
    context.fillStyle = '#222';
    context.font = 'bold 40px sans-serif';
    context.textAlign = 'center';
    context.fillText('房屋租赁合同', 400, 90);
    context.textAlign = 'left';
    context.font = '22px sans-serif';
    const lines = [
      '出租方：赵某某',
      '承租方：张伟',
      '房屋坐落：青山镇幸福路 8 号 1 层',
      '用途：住宅',
    ];
    lines.forEach((line, index) => {
      context.fillText(line, 70, 160 + index * 44);
    });
    context.fillText('出租方签字：', 70, 420);
    context.fillRect(210, 426, 220, 2);
    return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  });
  return Buffer.from(base64, 'base64');
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  databases = new TestHubDatabases();
  hubDb = await databases.open();
  hub = await listenHub(hubDb);
  for (const hall of Object.values(halls)) await adminCall(hub, 'POST', '/v1/admin/halls', hall);

  for (const name of ['township', 'county'])
    dataDirs.push(mkdtempSync(join(tmpdir(), `bangban-e2e-remote-${name}-`)));
  [township, county] = await Promise.all([
    startBrowserMode(dataDirs[0] ?? ''),
    startBrowserMode(dataDirs[1] ?? ''),
  ]);

  // 青山镇: a clerk and a case of 个体工商户设立登记 for 张伟, its review started.
  townshipApi = await setUpTerminal(township, halls.township, 'admin', '综合窗口 1');
  await townshipApi.call('users.create', { ...clerkUser, role: 'clerk' });
  const [matter] = (await townshipApi.call('matters.search', {
    query: 'SCJG-GTSL',
  })) as MatterSummary[];
  const created = (await townshipApi.call('cases.create', {
    matterId: matter?.id ?? 0,
    applicant: {
      kind: 'person',
      name: '张伟',
      idNumber: APPLICANT_ID_NUMBER,
      phone: APPLICANT_PHONE,
    },
  })) as CaseDetail;
  caseId = created.id;
  reference = created.reference;
  await townshipApi.call('review.start', { caseId });

  // The county hall: a remote expert of the matter's department.
  countyApi = await setUpTerminal(county, halls.county, 'countyadmin', '市场监管远程坐席');
  await countyApi.call('users.create', { ...expertUser, role: 'remote_expert' });

  browser = await launchChromium(FAKE_MEDIA_ARGS);
  clerkContext = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  expertContext = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  clerk = await clerkContext.newPage();
  expert = await expertContext.newPage();
  await signIn(clerk, township, clerkUser);
  await signIn(expert, county, expertUser);
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await shot(clerk, `failed-clerk-${context.task.name.slice(0, 30)}`);
    await shot(expert, `failed-expert-${context.task.name.slice(0, 30)}`);
  }
});

afterAll(async () => {
  townshipApi.socket.close();
  countyApi.socket.close();
  await browser.close();
  await Promise.all([township.stop(), county.stop()]);
  await hub.close();
  await hubDb.close();
  await databases.dispose();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a township clerk and a county expert in a remote window', () => {
  it('lands the expert on the help queue; the clerk asks for help from the case', async () => {
    // An expert's desk is the queue.
    await expert.getByTestId('help-queue-screen').waitFor();
    await expect.poll(() => expert.getByTestId('help-queue-row').count()).toBe(0);
    // The departments the expert answers for, from the matter catalogue (kept on the terminal).
    await expert.getByTestId('help-departments').click();
    await expert.keyboard.type('市场监督');
    await expert.keyboard.press('Enter');
    await expert.keyboard.press('Escape');
    await expect
      .poll(() => expert.getByTestId('help-departments').innerText())
      .toContain('县市场监督管理局');

    await go(clerk, `/cases/${String(caseId)}`);
    await clerk.getByTestId('case-raise-help').click();
    await clerk.getByTestId('help-question').fill('经营场所是住宅，能否办理个体工商户登记？');
    await clerk.getByTestId('help-urgency-urgent').click();
    await shot(clerk, '1-raise');
    await clerk.getByTestId('help-raise-submit').click();
    await clerk.getByText('已发出帮办请求，等待专家接单').waitFor();
    // The case shows its open request.
    const onCase = clerk.getByTestId('case-help-request');
    await onCase.waitFor();
    expect(await onCase.getAttribute('data-state')).toBe('waiting');

    await clerk.getByTestId('nav-help').click();
    const detail = clerk.getByTestId('help-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('help-detail-state').innerText()).toBe('等待接单');
    // The wait ticks, on the hub's clock.
    await expect.poll(() => detail.getByTestId('help-waited').innerText()).toMatch(/0:00:0[1-9]/);
  });

  it('shows the request in the expert’s queue, where the expert takes it within the minute', async () => {
    const row = expert.getByTestId('help-queue-row').filter({ hasText: reference });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toContain('紧急');
    expect(await row.innerText()).toContain(halls.township.name);
    expect(await row.innerText()).toContain('个体工商户设立登记');
    // Only what the hub was told: the case reference and the matter, nothing of the applicant.
    expect(await expert.locator('body').innerText()).not.toContain('张伟');
    await expect
      .poll(() => expert.getByTestId('nav-help-queue').getAttribute('aria-label'))
      .toBe('帮办队列 · 1 个请求等待接单');
    await shot(expert, '2-queue');

    await row.getByTestId('help-claim').click();
    const detail = expert.getByTestId('help-detail');
    await expect.poll(() => detail.getAttribute('data-state')).toBe('claimed');
    const seconds = Number(
      await detail.getByTestId('help-first-response').getAttribute('data-seconds'),
    );
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeLessThan(60);
    await expect.poll(() => expert.getByTestId('help-queue-row').count()).toBe(0);
  });

  it('tells the clerk who took it; the expert answers and asks for a remote window', async () => {
    const detail = clerk.getByTestId('help-detail');
    await expect
      .poll(() => detail.getByTestId('help-expert').innerText(), { timeout: 10_000 })
      .toBe(`王专家（${halls.county.name}）`);
    expect(await detail.getByTestId('help-detail-state').innerText()).toBe('处理中');
    expect(
      Number(await detail.getByTestId('help-first-response').getAttribute('data-seconds')),
    ).toBeLessThan(60);

    await expert
      .getByTestId('help-chat-input')
      .fill('收到。住宅作经营场所须有利害关系业主同意，我看一下材料。');
    await expert.getByTestId('help-chat-input').press('Enter');
    await expect.poll(() => expert.getByTestId('help-chat-line').count()).toBe(1);
    await expert.getByTestId('help-ask-session').click();
    await expert.getByTestId('help-session-asked').waitFor();

    // Within a poll or two, on whatever screen: the badge in the top bar, and the prompt.
    await expect
      .poll(() => clerk.getByTestId('help-chat-line').count(), { timeout: 10_000 })
      .toBe(1);
    const prompt = clerk.getByTestId('help-window-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.innerText()).toContain('王专家 请求打开远程窗口');
    expect(await clerk.getByTestId('nav-help').getAttribute('aria-label')).toBe(
      '帮办请求 · 1 个帮办请求有新进展',
    );
    await shot(clerk, '3-window-asked');
  });

  it('opens the window for the clerk; the expert joins and both see the shared case', async () => {
    await clerk.getByTestId('help-open-window').click();
    const hostScreen = clerk.locator('[data-testid="remote-screen"][data-role="host"]');
    await hostScreen.waitFor({ timeout: 20_000 });

    const join = expert.getByTestId('help-join-window');
    await join.waitFor({ timeout: 10_000 });
    await join.click();
    await expert
      .locator('[data-testid="remote-screen"][data-role="expert"]')
      .waitFor({ timeout: 20_000 });

    for (const page of [clerk, expert])
      await expect
        .poll(() => page.getByTestId('remote-link').getAttribute('data-state'), { timeout: 20_000 })
        .toBe('live');
    await expect
      .poll(
        () =>
          clerk.locator('[data-testid="remote-participant"][data-online="true"]').allInnerTexts(),
        { timeout: 20_000 },
      )
      .toEqual([expect.stringContaining('李窗口'), expect.stringContaining('王专家')]);
    // The same case on both sides: six materials, the review's points.
    await expect
      .poll(() => expert.getByTestId('remote-material').count(), { timeout: 20_000 })
      .toBe(6);
    expect(await expert.getByTestId('remote-point').count()).toBe(
      await clerk.getByTestId('remote-point').count(),
    );
    expect(await expert.getByTestId('remote-case').innerText()).toContain(reference);
    // The clerk's top bar leads back to the window from any screen.
    expect(await clerk.getByTestId('nav-remote-windows').getAttribute('data-count')).toBe('1');
  });

  it('shows each side where the other points and which item they are on', async () => {
    // The clerk opens review point RP01: the expert sees it highlighted, named, and current.
    await point(clerk, 'RP01').click();
    await expect
      .poll(() => point(expert, 'RP01').getAttribute('data-pointed-by'), { timeout: 10_000 })
      .toBe('李窗口');
    await expect.poll(() => point(expert, 'RP01').getAttribute('data-current')).toBe('true');
    // The clerk's pointer moves over the materials: the expert sees it, with the clerk's name.
    await material(clerk, 'M02').scrollIntoViewIfNeeded();
    const box = await material(clerk, 'M02').boundingBox();
    await clerk.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 10, { steps: 4 });
    const pointer = expert.getByTestId('remote-pointer');
    await pointer.waitFor({ timeout: 10_000 });
    expect(await pointer.innerText()).toBe('李窗口');
    // And the expert's way: the expert picks a material, the clerk sees it.
    await material(expert, 'M03').click({ position: { x: 40, y: 12 } });
    await expect
      .poll(() => material(clerk, 'M03').getAttribute('data-pointed-by'), { timeout: 10_000 })
      .toBe('王专家');
    await shot(clerk, '4-host', 1300);
    await shot(expert, '4-expert', 1300);
  });

  it('changes the case only when the clerk accepts the expert’s suggestion', async () => {
    await material(expert, 'M01').getByTestId('remote-suggest').click();
    await expert.getByTestId('remote-suggest-note').fill('申请书原件已核对，签字齐全');
    await expert.getByTestId('remote-suggest-submit').click();
    const mine = expert.getByTestId('remote-suggestion');
    await expect.poll(() => mine.getAttribute('data-state')).toBe('pending');
    expect(await mine.getByTestId('remote-suggestion-state').innerText()).toBe('待采纳');

    const offered = clerk.getByTestId('remote-suggestion');
    await expect
      .poll(() => offered.getAttribute('data-state'), { timeout: 10_000 })
      .toBe('pending');
    expect(await offered.innerText()).toContain('材料“个体工商户登记（备案）申请书”改为 已收取');
    expect(await material(clerk, 'M01').getAttribute('data-state')).toBe('pending');
    await shot(clerk, '5-suggestion');
    await offered.getByTestId('remote-accept').click();

    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 10_000 }).toBe('accepted');
    await expect.poll(() => material(expert, 'M01').getAttribute('data-state')).toBe('received');
    expect(await mine.getByTestId('remote-suggestion-state').innerText()).toBe('已采纳');

    // The case itself: its checklist shows the material received, by the clerk who accepted.
    await clerk.getByTestId('remote-open-case').click();
    const row = clerk.locator('[data-testid="material-row"][data-code="M01"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('received');
    expect(await row.getByTestId('material-state').innerText()).toBe('已收取');
    await shot(clerk, '5-case-checklist');
    await clerk.getByTestId('nav-remote-windows').click();
    await clerk.locator('[data-testid="remote-screen"][data-role="host"]').waitFor();
  });

  it('masks the ID number for the expert until the applicant consents', async () => {
    const idNumber = field(expert, 'applicant.idNumber');
    expect(await idNumber.getByTestId('remote-field-value').innerText()).toBe(MASKED_ID);
    expect(await idNumber.getAttribute('data-revealed')).toBe('false');
    expect(await expert.locator('body').innerText()).not.toContain(APPLICANT_ID_NUMBER);

    await clerk.getByTestId('remote-record-consent').click();
    await clerk
      .locator('[data-testid="remote-consent-field"][data-key="applicant.idNumber"]')
      .check();
    await clerk.getByTestId('remote-consent-note').fill('申请人当面口头同意');
    await shot(clerk, '6-consent');
    await clerk.getByTestId('remote-consent-submit').click();
    await clerk.getByTestId('remote-consent').waitFor();
    expect(await clerk.getByTestId('remote-consent').innerText()).toContain('口头同意');

    await expect
      .poll(() => idNumber.getAttribute('data-revealed'), { timeout: 10_000 })
      .toBe('true');
    expect(await idNumber.getByTestId('remote-field-value').innerText()).toBe(APPLICANT_ID_NUMBER);
    expect(await idNumber.getByTestId('remote-field-revealed').innerText()).toBe('已授权展示');
    // The phone was not consented to.
    expect(
      await field(expert, 'applicant.phone').getByTestId('remote-field-value').innerText(),
    ).toBe(MASKED_PHONE);
    await expert.getByTestId('remote-consent').waitFor();
    await shot(expert, '6-revealed');

    // The applicant changes their mind: the clerk withdraws the consent, the number is masked again.
    await clerk.getByTestId('remote-consent-withdraw').click();
    await clerk.getByRole('button', { name: '撤回同意' }).last().click();
    await expect.poll(() => idNumber.getAttribute('data-revealed')).toBe('false');
    expect(await idNumber.getByTestId('remote-field-value').innerText()).toBe(MASKED_ID);
    await expect.poll(() => clerk.getByTestId('remote-consent').count()).toBe(0);
  });

  it('lets the expert edit directly only while the clerk grants control', async () => {
    // Suggesting only, before control.
    expect(await expert.getByTestId('remote-edit').count()).toBe(0);
    await clerk.getByTestId('remote-grant').click();
    await expect
      .poll(() => clerk.getByTestId('remote-control').getAttribute('data-held'))
      .toBe('true');
    await expert.getByTestId('remote-control-mine').waitFor({ timeout: 10_000 });

    await point(expert, 'RP09').getByTestId('remote-edit').click();
    await expert.getByTestId('remote-suggest-pass').click();
    await expert.getByTestId('remote-suggest-note').fill('经营者本人到场，人证比对一致');
    await expert.getByTestId('remote-suggest-submit').click();
    const direct = expert.locator('[data-testid="remote-suggestion"][data-direct="true"]');
    await expect.poll(() => direct.getAttribute('data-state'), { timeout: 10_000 }).toBe('applied');
    await expect.poll(() => point(expert, 'RP09').getAttribute('data-verdict')).toBe('pass');
    await expect
      .poll(() => point(clerk, 'RP09').getAttribute('data-verdict'), { timeout: 10_000 })
      .toBe('pass');
    await shot(expert, '7-control', 1300);

    // Taken back at once, from the keyboard: the expert's direct edits are gone.
    await clerk.keyboard.press('Alt+KeyR');
    await expect
      .poll(() => clerk.getByTestId('remote-control').getAttribute('data-held'))
      .toBe('false');
    await expect.poll(() => expert.getByTestId('remote-edit').count(), { timeout: 10_000 }).toBe(0);
    expect(await expert.getByTestId('remote-control-mine').count()).toBe(0);
    expect(await point(expert, 'RP09').getByTestId('remote-suggest').count()).toBe(1);
  });

  it('connects a WebRTC call between the two sides, signalled through the hub', async () => {
    await clerk.getByTestId('remote-call-start').click();
    await expert.getByTestId('remote-call-start').click();
    for (const side of [clerk, expert])
      await expect
        .poll(() => side.getByTestId('remote-call-state').getAttribute('data-state'), {
          timeout: 30_000,
        })
        .toBe('connected');
    // Each side plays the other's stream (Chromium's fake camera).
    await expect
      .poll(() =>
        expert
          .getByTestId('remote-call-remote-video')
          .evaluate((video: HTMLVideoElement) => video.videoWidth),
      )
      .toBeGreaterThan(0);
    await shot(expert, 'call-connected');
    await clerk.getByTestId('remote-call-hang-up').click();
    await expect
      .poll(() => expert.getByTestId('remote-call-state').getAttribute('data-state'))
      .toBe('idle');
  });

  it('shares a scan the expert marks up; both sides see the marks until cleared', async () => {
    const name = '房屋租赁合同.png';
    expect(await expert.getByTestId('remote-files-empty').count()).toBe(1);
    // The expert shares nothing: only the clerk has the buttons.
    expect(await expert.getByTestId('remote-share-file').count()).toBe(0);
    await clerk.getByTestId('remote-share-file').setInputFiles({
      name,
      mimeType: 'image/png',
      buffer: await leaseScan(clerk),
    });
    await sharedFile(clerk, name).waitFor({ timeout: 20_000 });
    // Encrypted for the participants, sent through the hub, listed on the other side.
    await sharedFile(expert, name).waitFor({ timeout: 10_000 });
    expect(await sharedFile(expert, name).innerText()).toContain('李窗口');
    expect(await expert.getByTestId('remote-files-empty').count()).toBe(0);

    // Both open it; the expert's copy is opened with the key the clerk sealed for the expert.
    await sharedFile(expert, name).click();
    await expect.poll(() => naturalWidth(expert), { timeout: 15_000 }).toBe(800);
    await sharedFile(clerk, name).click();
    await expect.poll(() => naturalWidth(clerk), { timeout: 15_000 }).toBe(800);

    // The expert rings the signature line in blue, with the mouse.
    await expert.getByTestId('remote-viewer-colour-blue').click();
    const box = await expert.getByTestId('remote-viewer-canvas').boundingBox();
    if (!box) throw new Error('the drawing overlay is not shown');
    const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
    await expert.mouse.move(...at(0.24, 0.8));
    await expert.mouse.down();
    await expert.mouse.move(...at(0.4, 0.76), { steps: 6 });
    await expert.mouse.move(...at(0.56, 0.84), { steps: 6 });
    await expert.mouse.move(...at(0.4, 0.92), { steps: 6 });
    await expert.mouse.move(...at(0.25, 0.86), { steps: 6 });
    await expert.mouse.up();
    const drawn = expert.locator('[data-testid="remote-stroke"]:not([data-pending])');
    await drawn.waitFor({ timeout: 10_000 });
    const expertId = await drawn.getAttribute('data-participant');
    expect(expertId).toBeTruthy();
    expect(await drawn.getAttribute('stroke')).toBe('#1971c2');

    // The clerk, with the same file open, sees it at once, named as the expert's.
    const seen = clerk.locator(
      `[data-testid="remote-stroke"][data-participant="${expertId ?? ''}"]`,
    );
    await seen.waitFor({ timeout: 10_000 });
    expect(await seen.getAttribute('stroke')).toBe('#1971c2');
    const legend = clerk.locator(
      `[data-testid="remote-viewer-legend-item"][data-participant="${expertId ?? ''}"]`,
    );
    expect(await legend.innerText()).toContain('王专家');
    // Nothing of the clerk's own to clear.
    expect(await clerk.getByTestId('remote-viewer-clear').isDisabled()).toBe(true);
    await shot(clerk, 'files-viewer');
    await shot(expert, 'files-viewer-expert');

    await expert.getByTestId('remote-viewer-clear').click();
    for (const page of [expert, clerk])
      await expect
        .poll(() => page.getByTestId('remote-stroke').count(), { timeout: 10_000 })
        .toBe(0);

    // Esc closes the viewer; the list stays, without marks on the file.
    await clerk.keyboard.press('Escape');
    await expect.poll(() => clerk.getByTestId('remote-viewer').count()).toBe(0);
    await expert.getByTestId('remote-viewer-close').click();
    await expect.poll(() => expert.getByTestId('remote-viewer').count()).toBe(0);
    expect(await sharedFile(clerk, name).getByTestId('remote-file-strokes').count()).toBe(0);

    // A photo from the camera (a document camera shows up as one): Chromium's fake camera.
    await clerk.getByTestId('remote-share-camera').click();
    await clerk.getByTestId('camera-take').click({ timeout: 15_000 });
    await clerk.getByTestId('camera-use').click();
    await expect.poll(() => expert.getByTestId('remote-file').count(), { timeout: 20_000 }).toBe(2);
    expect(await expert.getByTestId('remote-file').first().getAttribute('data-name')).toMatch(
      /^photo-\d{8}-\d{6}\.jpg$/,
    );
    await clerk.getByTestId('remote-files').scrollIntoViewIfNeeded();
    await shot(clerk, 'files-panel');
  });

  it('records the expert’s ID check; the clerk keeps a still of the card with consent', async () => {
    // Only the expert records the check; only the clerk keeps a still.
    expect(await clerk.getByTestId('remote-identity-submit').count()).toBe(0);
    expect(await expert.getByTestId('remote-identity-keep').count()).toBe(0);
    await expert.getByTestId('remote-identity-outcome-match').click();
    await expert.getByTestId('remote-identity-note').fill('证件照片与本人相符，号码与本案一致');
    await expert.getByTestId('remote-identity-submit').click();
    await expert.getByTestId('remote-identity-check').waitFor();

    const check = clerk.getByTestId('remote-identity-check');
    await expect.poll(() => check.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('match');
    const said = await check.innerText();
    expect(said).toContain('一致');
    expect(said).toContain('王专家');
    expect(said).toContain('证件照片与本人相符，号码与本案一致');
    await expert.getByTestId('remote-identity').scrollIntoViewIfNeeded();
    await shot(expert, 'identity');

    // The camera opens only once the clerk said how the applicant consented, and confirmed it.
    await clerk.getByTestId('remote-identity-keep').click();
    const take = clerk.getByTestId('remote-identity-take');
    expect(await take.isDisabled()).toBe(true);
    await clerk.getByTestId('remote-identity-basis-verbal').click();
    expect(await take.isDisabled()).toBe(true);
    await clerk.getByTestId('remote-identity-consent').check();
    expect(await take.isDisabled()).toBe(false);
    await shot(clerk, 'identity-consent');
    await take.click();
    // Chromium's fake camera.
    await clerk.getByTestId('camera-take').click({ timeout: 15_000 });
    await clerk.getByTestId('camera-use').click();
    await clerk.getByText('已保存到本案材料').waitFor({ timeout: 10_000 });
    await expect.poll(() => clerk.getByTestId('remote-identity-dialog').count()).toBe(0);

    // Kept with the case, where its retention rules apply, named by the hall's (Beijing) day.
    const day = businessDate(new Date());
    const attachments = (await townshipApi.call('attachments.list', { caseId })) as Attachment[];
    const still = attachments.find((file) => file.fileName === `远程身份核验-${day}.jpg`);
    expect(still?.mediaType).toBe('image/jpeg');
    expect(still?.sizeBytes).toBeGreaterThan(0);
  });

  it('carries chat, ends for both sides and leaves the record on the case', async () => {
    await expert.getByTestId('remote-chat-input').fill('请申请人补充业主同意书');
    await expert.getByTestId('remote-chat-send').click();
    await expect
      .poll(() => clerk.getByTestId('remote-chat-line').allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('请申请人补充业主同意书')]);

    await clerk.getByTestId('remote-end').click();
    await clerk.getByTestId('remote-end-outcome').fill('已指导补正材料');
    await clerk.getByTestId('remote-end-confirm').click();
    for (const page of [clerk, expert])
      await expect
        .poll(() => page.getByTestId('remote-link').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('ended');
    await expert.getByTestId('remote-ended').waitFor();
    expect(await expert.getByTestId('remote-ended').innerText()).toContain('李窗口');
    expect(await expert.getByTestId('remote-suggest').count()).toBe(0);
    // Read-only once ended: the files and checks stay listed, nothing new can be added.
    expect(await expert.getByTestId('remote-identity-submit').count()).toBe(0);
    expect(await expert.getByTestId('remote-identity-check').count()).toBe(1);
    expect(await clerk.getByTestId('remote-share-file').count()).toBe(0);
    expect(await clerk.getByTestId('remote-identity-keep').count()).toBe(0);
    expect(await clerk.getByTestId('remote-file').count()).toBe(2);
    expect(
      await expert.locator('[data-testid="remote-participant"][data-online="true"]').count(),
    ).toBe(0);
    await shot(expert, '8-ended');

    await clerk.getByTestId('remote-open-case').click();
    const record = clerk.getByTestId('remote-record');
    await record.waitFor();
    // The ID card still kept in the window is among the case's files.
    await expect
      .poll(() => clerk.getByTestId('attachment-row').allInnerTexts())
      .toContainEqual(expect.stringContaining('远程身份核验-'));
    const kinds = await record
      .getByTestId('remote-record-event')
      .evaluateAll((events) => events.map((event) => event.getAttribute('data-kind')));
    expect(kinds).toEqual([
      'opened',
      'joined',
      'suggestion_accepted',
      'consent',
      'revealed',
      'consent_withdrawn',
      'control_granted',
      'edit_applied',
      'control_revoked',
      'file_shared',
      'file_shared',
      'identity_checked',
      'identity_snapshot_kept',
      'ended',
    ]);
    const text = await record.innerText();
    expect(text).toContain('王专家（县政务服务中心）加入');
    expect(text).toContain('李窗口 共享文件：房屋租赁合同.png');
    expect(text).toContain('王专家 远程核验身份：人证一致');
    expect(text).toContain('李窗口 经申请人同意（口头同意）留存身份核验照片');
    expect(text).toContain('结果：已指导补正材料');
    expect(text).not.toContain(APPLICANT_ID_NUMBER);
    await clerk.getByTestId('case-remote-records').scrollIntoViewIfNeeded();
    await shot(clerk, '8-records', 1600);
  });

  it('invites an expert with a join code; a wrong code is refused on the field', async () => {
    await clerk.getByTestId('case-invite-remote').click();
    await clerk
      .locator('[data-testid="remote-screen"][data-role="host"]')
      .waitFor({ timeout: 20_000 });
    const code = clerk.getByTestId('remote-join-code');
    await code.waitFor();
    const first = await code.innerText();
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(await clerk.getByTestId('remote-join-code-expiry').innerText()).toMatch(
      /^(09|10):\d\d 后失效$/,
    );
    await clerk.getByTestId('remote-new-code').click();
    await expect.poll(() => code.innerText()).not.toBe(first);
    const second = await code.innerText();
    await shot(clerk, '9-join-code');

    await go(expert, '/help/queue');
    const input = expert.getByTestId('help-join-code');
    // Typed as it is read out: lower case, no dash; the field writes it as printed.
    await input.pressSequentially('abcde0fghj');
    expect(await input.inputValue()).toBe('ABCDE-0FGHJ');
    await expert.getByTestId('help-join-submit').click();
    await expert.locator('.ant-form-item-has-error').getByTestId('help-join-code').waitFor();
    await shot(expert, '10-join-refused');

    await input.fill(second);
    await expert.getByTestId('help-join-submit').click();
    await expert
      .locator('[data-testid="remote-screen"][data-role="expert"]')
      .waitFor({ timeout: 20_000 });
    await expect
      .poll(() => expert.getByTestId('remote-link').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('live');
    // The expert ends this one.
    await expert.getByTestId('remote-end').click();
    await expert.getByTestId('remote-end-confirm').click();
    await expect
      .poll(() => clerk.getByTestId('remote-link').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('ended');
  });

  it('closes the request as resolved and counts it in the figures', async () => {
    await go(expert, '/help/queue');
    const detail = expert.getByTestId('help-detail');
    await detail.waitFor();
    // Its window is over: nothing to join any more.
    await detail.getByTestId('help-window-ended').waitFor();
    expect(await detail.getByTestId('help-join-window').count()).toBe(0);
    await detail.getByTestId('help-resolve').click();
    await expert.getByTestId('help-close-note').fill('已远程指导，申请人补正后可办理');
    await expert.getByTestId('help-close-confirm').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('resolved');

    await expert.getByTestId('nav-help-stats').click();
    const totals = expert.getByTestId('help-stats-totals');
    await totals.waitFor();
    await expect.poll(() => totals.innerText()).toContain('100%');
    await expert.getByTestId('help-stats-row').first().waitFor();
    expect(await expert.getByTestId('help-stats-row').first().innerText()).toContain(
      '县市场监督管理局',
    );
    // The charts draw in with an animation: let it finish before the picture.
    await expert.getByTestId('help-chart-daily').waitFor();
    await expert.waitForTimeout(1500);
    await shot(expert, '11-stats', 1200);
  });
});
