import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, Review, Unit } from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';
import { setUpHall } from '../support/e2e-steps';
import { connectEngineSocket, type EngineSocket } from '../support/engine-socket';

/**
 * Issue 5's "done when", in a real browser against browser mode: a leader walks a case of
 * 个体工商户设立登记 through all six stages (申请 受理 审核 办结 from the case itself, 咨询 and
 * 反馈 on the timer), records two findings, raises a rectification; the clerk who owns it reports
 * and submits it from her own browser; the leader verifies it; coverage, its gaps and its charts
 * change, the walk report prints on one A4 page. Screenshots in tests/artifacts/.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };
const password = 'Walk#Check2026';
const person = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  address: '城关镇人民路 88 号',
} as const;

let dataDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let leaderContext: BrowserContext;
let clerkContext: BrowserContext;
let leader: Page;
let clerk: Page;
let api: EngineSocket;
let unit: Unit;
let caseId = 0;
let caseReference = '';
let walkUrl = '';

/** The app scrolls inside its own frame: a tall viewport shows a whole screen, charts included. */
async function shot(page: Page, name: string, height = 900): Promise<void> {
  await page.setViewportSize({ width: 1366, height });
  await page.screenshot({ path: join(artifacts, `walks-${name}.png`) });
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(engine.url);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-cases').waitFor();
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

/** The matrix cell of a leader and a matter, by its state (done, inProgress, scheduled, missing). */
async function matrixStates(page: Page): Promise<string[]> {
  const unitMatrix = page.locator(`[data-testid="matrix-unit"][data-unit="${String(unit.id)}"]`);
  await unitMatrix.waitFor();
  return unitMatrix
    .getByTestId('matrix-cell')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-state') ?? ''));
}

function stageRow(stage: string) {
  return leader.locator(`[data-testid="stage-row"][data-stage="${stage}"]`);
}

async function timeStage(stage: string, edge: 'start' | 'end'): Promise<void> {
  await stageRow(stage).getByTestId(`stage-${edge}`).click();
  await expect
    .poll(() => stageRow(stage).getAttribute('data-state'))
    .toBe(edge === 'start' ? 'running' : 'done');
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-walks-'));
  engine = await startBrowserMode(dataDir);
  browser = await launchChromium();
  leaderContext = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  clerkContext = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  leader = await leaderContext.newPage();
  clerk = await clerkContext.newPage();
  // The administrator's first start, in a browser of its own.
  const setupContext = await browser.newContext({ locale: 'zh-CN' });
  await setUpHall(await setupContext.newPage(), engine.url, admin);
  await setupContext.close();

  // The hall as an admin would have set it up: a leader, a clerk, the unit and an open case.
  api = connectEngineSocket(engine);
  await api.opened;
  await api.call('auth.signIn', { username: admin.username, password: admin.password });
  await api.call('settings.update', { idleTimeoutMinutes: 240 });
  const li = (await api.call('users.create', {
    username: 'li',
    displayName: '李建国',
    role: 'leader',
    password,
  })) as { id: number };
  await api.call('users.create', {
    username: 'zhao',
    displayName: '赵晓窗',
    role: 'clerk',
    password,
  });
  unit = (await api.call('units.save', {
    name: '县市场监督管理局',
    kind: 'department',
    department: '县市场监督管理局',
    leaders: [{ userId: li.id, title: '局长' }],
  })) as Unit;
  const [matter] = (await api.call('matters.search', { query: '个体工商户设立登记' })) as {
    id: number;
  }[];
  const created = (await api.call('cases.create', {
    matterId: matter?.id ?? 0,
    applicant: person,
  })) as CaseDetail;
  caseId = created.id;
  caseReference = created.reference;

  await signIn(leader, 'li');
  await signIn(clerk, 'zhao');
}, 120_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await shot(leader, `failed-leader-${context.task.name.slice(0, 30)}`);
    await shot(clerk, `failed-clerk-${context.task.name.slice(0, 30)}`);
  }
});

afterAll(async () => {
  api.socket.close();
  await browser.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('walk the process, from the first question to a verified rectification', () => {
  it('shows the leader and every high-frequency matter as gaps before any walk', async () => {
    await go(leader, '/coverage');
    const states = await matrixStates(leader);
    expect(states.length).toBe(unit.matters.filter((m) => m.highFrequency).length);
    expect(new Set(states)).toEqual(new Set(['missing']));
    await expect
      .poll(() => leader.getByTestId('gap-leader').allTextContents())
      .toEqual([expect.stringContaining('李建国') as string]);
    await shot(leader, '1-coverage-before', 1500);
  });

  it('starts a walk linked to the case, times 咨询, and records two findings', async () => {
    await go(leader, '/walks');
    await leader.getByTestId('walk-start-now').click();
    await leader.getByTestId('walk-matter').click();
    await leader.keyboard.type('个体工商户设立');
    await leader.keyboard.press('Enter');
    await leader.getByTestId('walk-case').click();
    await leader.keyboard.type(caseReference);
    await leader.locator('.ant-select-item-option').filter({ hasText: caseReference }).click();
    await leader.getByTestId('walk-hall').fill('县政务服务中心一楼');
    await leader.getByTestId('walk-start-save').click();
    await leader.getByTestId('walk-header').waitFor();
    walkUrl = await leader.evaluate(() => window.location.hash.slice(1));
    await expect
      .poll(() => leader.getByTestId('walk-case-link').textContent())
      .toContain(caseReference);
    // The case is open: 申请 started when it was opened, from the case's own history.
    await expect
      .poll(() => stageRow('apply').locator('[data-source="case"]').count())
      .toBeGreaterThan(0);

    await timeStage('consult', 'start');
    await leader.getByTestId('stage-clock').waitFor();
    await timeStage('consult', 'end');
    // The leader pressed the timer late: the start is corrected (to the minute), with a reason.
    const earlier = await leader.evaluate(() => {
      const at = new Date(Date.now() - 25 * 60_000);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${String(at.getFullYear())}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
    });
    await stageRow('consult').getByTestId('stage-edit').click();
    const start = leader.getByTestId('stage-edit-start');
    await start.click();
    await start.fill(earlier);
    await start.press('Enter');
    await leader.getByTestId('stage-edit-reason').fill('群众到达时领导正在接电话，计时晚按');
    await leader.getByTestId('stage-edit-channel').getByText('窗口', { exact: true }).click();
    await leader.getByTestId('stage-edit-observations').fill('咨询台只有一人，解释清楚但要排队。');
    await leader.getByTestId('stage-edit-rating').locator('li').nth(3).click();
    await leader.getByTestId('stage-edit-save').click();
    await leader.getByTestId('stage-edit-save').waitFor({ state: 'detached' });
    await expect.poll(() => stageRow('consult').locator('[data-source="edited"]').count()).toBe(1);
    await expect
      .poll(() => stageRow('consult').getByTestId('stage-duration').textContent())
      .toMatch(/2[4-6]\s*分钟/);

    for (const finding of [
      {
        stage: '咨询',
        category: '等候过长',
        severity: '较重',
        text: '咨询窗口只开一个，取号后等候 40 分钟。',
      },
      {
        stage: '受理',
        category: '重复提交',
        severity: '严重',
        text: '营业执照复印件系统中已有，仍要求群众再交一份。',
      },
    ]) {
      await leader.getByTestId('finding-add').click();
      await leader.getByTestId('finding-stage').getByText(finding.stage, { exact: true }).click();
      await leader
        .getByTestId('finding-category')
        .getByText(finding.category, { exact: true })
        .click();
      await leader
        .getByTestId('finding-severity')
        .getByText(finding.severity, { exact: true })
        .click();
      await leader.getByTestId('finding-description').fill(finding.text);
      await leader.getByTestId('finding-save').click();
      await leader.getByTestId('finding-save').waitFor({ state: 'detached' });
    }
    await expect.poll(() => leader.getByTestId('finding-item').count()).toBe(2);
    await shot(leader, '2-walk-findings');
  });

  it('takes 受理 and 审核 from the case as the clerk reviews and completes it', async () => {
    // The clerk's review, through the engine: every material received, every point passed.
    const detail = (await api.call('cases.get', { id: caseId })) as CaseDetail;
    for (const material of detail.materials)
      await api.call('cases.setMaterialState', {
        caseId,
        materialCode: material.code,
        state: 'received',
      });
    const review = (await api.call('review.start', { caseId })) as Review;
    for (const point of review.points)
      await api.call('review.decide', {
        caseId,
        pointCode: point.code,
        verdict: 'pass',
        note: '窗口核对无误',
      });
    const concluded = (await api.call('review.conclude', { caseId })) as { review: Review };
    expect(concluded.review.outcome).toBe('accept');

    // 办结 from the clerk's own screen.
    await go(clerk, `/cases/${String(caseId)}`);
    await clerk.getByTestId('case-complete').click();
    await clerk.getByTestId('case-complete-note').fill('营业执照已制证');
    await clerk.getByTestId('case-complete-save').click();
    await clerk.getByTestId('case-complete').waitFor({ state: 'detached' });

    await leader.reload();
    await leader.getByTestId('walk-header').waitFor();
    for (const stage of ['apply', 'accept', 'review'])
      await expect.poll(() => stageRow(stage).getAttribute('data-state')).toBe('done');
    // 办结 began when the case was completed; its end is the leader's (the result handed over).
    await expect.poll(() => stageRow('complete').getAttribute('data-state')).toBe('running');
    await timeStage('complete', 'end');
    await timeStage('feedback', 'start');
    await timeStage('feedback', 'end');
    await shot(leader, '3-walk-six-stages');
  });

  it('raises a rectification owned by the clerk and finishes the walk', async () => {
    await leader.getByTestId('finding-raise').first().click();
    await leader
      .getByTestId('rectification-action')
      .fill('高峰时段增开咨询窗口，并上线取号等候提醒。');
    await leader.getByTestId('rectification-person').fill('综合科 赵晓窗');
    await leader.getByTestId('rectification-user').click();
    await leader.keyboard.type('赵晓窗');
    await leader.keyboard.press('Enter');
    await leader.getByTestId('rectification-save').click();
    await leader.getByTestId('rectification-save').waitFor({ state: 'detached' });
    await expect.poll(() => leader.getByTestId('finding-rectification').count()).toBe(1);

    await leader.getByTestId('walk-finish').click();
    await leader.getByTestId('walk-satisfaction').locator('li').nth(4).click();
    await leader.getByTestId('walk-comment').fill('比以前快多了，就是咨询要排队。');
    await leader.getByTestId('walk-leader-rating').locator('li').nth(3).click();
    await leader.getByTestId('walk-finish-save').click();
    await leader.getByTestId('walk-locked').waitFor();
    // Locked: no timer, no new findings; a note may still be added.
    expect(await leader.getByTestId('stage-start').count()).toBe(0);
    expect(await leader.getByTestId('finding-add').count()).toBe(0);
    await shot(leader, '4-walk-finished');
  });

  it('lets the clerk report progress and submit, and the leader verify', async () => {
    await go(clerk, '/rectifications');
    await clerk.getByTestId('rectification-open').first().click();
    await clerk.getByTestId('rectification-report-text').fill('已在上午高峰增开 2 个咨询窗口。');
    await clerk.getByTestId('rectification-progress').click();
    await expect
      .poll(() => clerk.locator('[data-testid="rectification-note"][data-kind="progress"]').count())
      .toBe(1);
    await clerk
      .getByTestId('rectification-report-text')
      .fill('取号等候提醒已上线，排队降到 10 分钟内。');
    await clerk.getByTestId('rectification-submit').click();
    await expect
      .poll(() =>
        clerk.locator('[data-testid="rectification-note"][data-kind="submitted"]').count(),
      )
      .toBe(1);
    await shot(clerk, '5-clerk-submitted');

    await go(leader, '/rectifications');
    await leader.getByTestId('rectification-open').first().click();
    await leader
      .getByTestId('rectification-verify-text')
      .fill('现场查看，高峰时段排队明显缩短，整改有效。');
    await leader.getByTestId('rectification-verify').click();
    await expect
      .poll(() =>
        leader.locator('[data-testid="rectification-note"][data-kind="verified"]').count(),
      )
      .toBe(1);
    await shot(leader, '6-leader-verified');
    await leader.keyboard.press('Escape');
  });

  it('shows the walk in the coverage matrix, gaps and charts', async () => {
    await go(leader, '/coverage');
    const states = await matrixStates(leader);
    expect(states.filter((state) => state === 'done')).toHaveLength(1);
    await expect.poll(() => leader.getByTestId('gap-leader').count()).toBe(0);
    await expect
      .poll(() => leader.locator('[data-testid="matrix-met"][data-met="true"]').count())
      .toBe(1);
    const dashboard = (await api.call('coverage.dashboard', {
      year: Number(businessDate(new Date()).slice(0, 4)),
    })) as {
      totals: { walks: number; findings: number; rectifications: number; closed: number };
      stageDurations: { stage: string }[];
      closureByMonth: { cumulativeRate: number | null }[];
    };
    expect(dashboard.totals).toMatchObject({ walks: 1, findings: 2, rectifications: 1, closed: 1 });
    expect(dashboard.stageDurations.map((row) => row.stage).sort()).toEqual(
      ['accept', 'apply', 'complete', 'consult', 'feedback', 'review'].sort(),
    );
    expect(dashboard.closureByMonth.some((month) => month.cumulativeRate === 1)).toBe(true);
    // The charts drew: echarts renders into canvases inside the chart cards.
    await expect
      .poll(() => leader.locator('.coverage-page canvas').count())
      .toBeGreaterThanOrEqual(3);
    await expect.poll(() => leader.getByTestId('coverage-totals').textContent()).toContain('1');
    const [download] = await Promise.all([
      leader.waitForEvent('download'),
      leader.getByTestId('coverage-csv').click(),
    ]);
    const csvPath = join(artifacts, 'walks-coverage.csv');
    await download.saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('李建国');
    await shot(leader, '7-coverage-after', 1500);
  });

  it('prints the walk report on one A4 page', async () => {
    await go(leader, walkUrl);
    await leader.getByTestId('walk-report').click();
    await leader.getByTestId('walk-report-document').waitFor();
    await leader
      .getByTestId('summary-text')
      .fill('本次走流程整体顺畅；咨询排队较长，已增开窗口并经验证有效。');
    await leader.getByTestId('summary-save').click();
    await leader.getByTestId('summary-saved').waitFor();
    await shot(leader, '8-report');
    await leader.emulateMedia({ media: 'print' });
    const pdf = join(artifacts, 'walks-report.pdf');
    writeFileSync(
      pdf,
      await leader.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }),
    );
    await leader.emulateMedia({ media: 'screen' });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '个体工商户设立登记',
      '咨询',
      '反馈',
      '等候过长',
      '增开咨询窗口',
      '已增开窗口',
    ])
      expect(text).toContain(expected);
  });
});
