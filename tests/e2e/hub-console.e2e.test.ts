import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/hub/hlc';
import {
  PACKAGE_KEY_LABEL,
  packageSigningText,
  SYNC_PACKAGE_FORMAT,
  SYNC_PACKAGE_VERSION,
  type SyncPackage,
  type UnsignedPackage,
} from '@shared/hub/package';
import type { EnrolResponse, Mutation } from '@shared/hub/protocol';
import type { CaseRef, HelpRequest, RemoteSessionRecord } from '@shared/hub/remote';
import { launchChromium } from '../support/chromium';

/**
 * The hub's administrator console in a real browser, against the built hub (`node out/hub/main.js
 * serve`): an administrator signs in, adds a hall, issues a one-time enrolment code, and publishes
 * a knowledge file, seeing a typed error for a broken one. Screenshots in tests/artifacts/.
 */
const root = join(import.meta.dirname, '../..');
const hubMain = join(root, 'out/hub/main.js');
const artifacts = join(import.meta.dirname, '../artifacts');
const knowledgeFile = join(root, 'tests/fixtures/knowledge/minimal.yaml');
const admin = { username: 'root', displayName: '陈管理', password: 'Hub#Console2026' };
/** Crockford base32 without I, L, O, U, in two groups of five: what staff read aloud. */
const codePattern = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

let dataDir: string;
let hubUrl: string;
let hub: ChildProcess;
let hubOutput = '';
let browser: Browser;
let page: Page;
let issuedCode = '';
let walkUid = '';
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hub.exitCode !== null) throw new Error(`the hub exited early:\n${hubOutput}`);
    try {
      const response = await fetch(`${url}/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet (PGlite is still opening its folder).
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the hub did not answer within ${String(timeoutMs)} ms:\n${hubOutput}`);
}

/**
 * Once antd's motions are over: a dialog that has just opened still has its `ant-zoom-appear`
 * classes (and opacity 0) for a moment, and a screenshot then shows only the dimmed page.
 */
async function shot(name: string): Promise<void> {
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('[class]')].some((element) =>
        /-(appear|enter|leave)(-|$)/.test(element.getAttribute('class') ?? ''),
      ),
    undefined,
    { timeout: 5_000 },
  );
  await page.screenshot({
    path: join(artifacts, `hub-console-${name}.png`),
    animations: 'disabled',
  });
}

/** The hub's documented API, as a terminal calls it. */
async function hubCall(path: string, body: unknown, bearer?: string): Promise<Response> {
  return fetch(`${hubUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** An administrator session of the test's own, for what the console is not being tested on. */
async function adminToken(): Promise<string> {
  const response = await hubCall('/v1/admin/sign-in', {
    username: admin.username,
    password: admin.password,
  });
  return ((await response.json()) as { token: string }).token;
}

/** A write as the administrator (or, with its bearer, a terminal) makes it; it must succeed. */
async function hubPost<T>(path: string, body: unknown, bearer: string): Promise<T> {
  const response = await hubCall(path, body, bearer);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

/** A terminal of the hall, enrolled with a fresh code: its bearer, `terminalId.secret`. */
async function enrolTerminal(token: string, hallId: string, terminalName: string): Promise<string> {
  const { code } = await hubPost<{ code: string }>('/v1/admin/enrolment-codes', { hallId }, token);
  const enrolled = await hubCall('/v1/terminals/enrol', {
    code,
    terminalName,
    appVersion: '0.1.0',
  });
  expect(enrolled.status).toBe(200);
  const { terminalId, secret } = (await enrolled.json()) as EnrolResponse;
  return `${terminalId}.${secret}`;
}

/** What a terminal writes to the USB stick, signed with the key derived from its secret. */
function offlinePackage(enrolled: EnrolResponse, mutations: Mutation[]): string {
  const unsigned: UnsignedPackage = {
    format: SYNC_PACKAGE_FORMAT,
    formatVersion: SYNC_PACKAGE_VERSION,
    direction: 'to-hub',
    terminalId: enrolled.terminalId,
    hallId: enrolled.hall.id,
    createdAt: new Date().toISOString(),
    body: { mutations, cursors: {}, ackedSeq: 0 },
  };
  const key = createHmac('sha256', enrolled.secret).update(PACKAGE_KEY_LABEL).digest('hex');
  const signature = createHmac('sha256', Buffer.from(key, 'hex'))
    .update(packageSigningText(unsigned))
    .digest('hex');
  return JSON.stringify({ ...unsigned, signature });
}

function mutation(
  seq: number,
  entity: string,
  entityId: string,
  operation: string,
  payload: Mutation['payload'],
): Mutation {
  return {
    seq,
    key: randomUUID(),
    entity,
    entityId,
    operation,
    hlc: formatHlc({ wall: Date.now(), counter: seq, node: 'e2e' }),
    at: new Date().toISOString(),
    payload,
  };
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out/hub/console/index.html')))
    throw new Error('out/hub/console is missing: run `npm run build` first (npm test does)');
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-hub-console-'));
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${String(port)}`;
  const env = {
    ...process.env,
    HUB_DATA_DIR: dataDir,
    HUB_HOST: '127.0.0.1',
    HUB_PORT: String(port),
    // PGlite in the temporary folder, whatever DATABASE_URL this machine has.
    DATABASE_URL: '',
    HUB_SEED_KNOWLEDGE: '',
    HUB_LOG_LEVEL: 'warn',
  };
  // Only one process may open a PGlite folder: the administrator first, then the server.
  const created = spawnSync(
    process.execPath,
    [hubMain, 'admin', admin.username, '--name', admin.displayName],
    { env, input: `${admin.password}\n`, encoding: 'utf8', timeout: 90_000 },
  );
  expect(created.status, created.stderr).toBe(0);
  hub = spawn(process.execPath, [hubMain, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer): void => {
    hubOutput += chunk.toString();
  };
  hub.stdout?.on('data', collect);
  hub.stderr?.on('data', collect);
  await waitForHealth(hubUrl, 90_000);

  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await shot(`failed-${context.task.name.slice(0, 30)}`);
});

afterAll(async () => {
  await browser.close();
  if (hub.exitCode === null) {
    const exited = new Promise((resolve) => hub.once('exit', resolve));
    hub.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the hub console', () => {
  it('sends the hub root to the console and refuses a wrong password with the hub message', async () => {
    const response = await page.goto(`${hubUrl}/`);
    expect(page.url()).toBe(`${hubUrl}/console/`);
    const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    await page.getByTestId('signin-username').fill(admin.username);
    await page.getByTestId('signin-password').fill('not-the-password');
    await page.getByTestId('signin-password').press('Enter');
    await expect
      .poll(() => page.getByTestId('signin-error').textContent())
      .toContain('用户名或密码错误');
    expect(await page.getByTestId('signin-error').getAttribute('data-code')).toBe(
      'UNAUTHENTICATED',
    );
    await shot('1-signin-error');

    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('halls-page').waitFor();
    expect(await page.getByTestId('console-user').textContent()).toBe(admin.displayName);
  });

  it('adds a hall from the keyboard and issues a one-time enrolment code', async () => {
    await page.getByTestId('hall-create').click();
    await page.getByTestId('hall-id').fill('qingshan-county');
    await page.getByTestId('hall-name').fill('青山县政务服务中心');
    await page.getByTestId('hall-name').press('Enter');
    await page.getByTestId('hall-form').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('hall-row').allTextContents())
      .toEqual([expect.stringContaining('青山县政务服务中心') as string]);

    // The same id again is the hub's CONFLICT, shown under the id field.
    await page.getByTestId('hall-create').click();
    await page.getByTestId('hall-id').fill('qingshan-county');
    await page.getByTestId('hall-name').fill('青山县第二大厅');
    await page.getByTestId('hall-form-submit').click();
    await expect
      .poll(() => page.getByTestId('hall-form').textContent())
      .toContain('已有同编号或同名的大厅');
    await page.keyboard.press('Escape');
    await page.getByTestId('hall-form').waitFor({ state: 'detached' });

    await page.getByTestId('hall-issue-code').click();
    await page.getByTestId('code-note').fill('一楼 3 号窗口');
    await page.getByTestId('code-form-submit').click();
    const code = (await page.getByTestId('issued-code').textContent()) ?? '';
    expect(code).toMatch(codePattern);
    issuedCode = code;
    expect(await page.getByTestId('issued-expiry').textContent()).toMatch(
      /有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
    await shot('2-code-issued');
    // Shown once: Esc does not close it, only the button does.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('issued-code').isVisible()).toBe(true);
    await page.getByTestId('issued-close').click();
    await page.getByTestId('issued-code').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('[data-testid="code-state"][data-state="open"]').textContent())
      .toBe('有效');
    expect(await page.getByTestId('codes-table').textContent()).not.toContain(code);
    await shot('3-halls');
  });

  it('publishes a knowledge file and shows a broken one with the hub error and its path', async () => {
    // Alt+3 opens the third page (知识发布) from anywhere.
    await page.keyboard.press('Alt+Digit3');
    await page.getByTestId('knowledge-page').waitFor();
    const input = page.locator('[data-testid="knowledge-upload"] input[type="file"]');

    const broken = join(dataDir, 'broken.yaml');
    writeFileSync(
      broken,
      'format: bangban-knowledge\nformatVersion: 1\npublisher: tests\nmatters:\n  - version: 1\n    name: 缺少编码的事项\n',
    );
    await input.setInputFiles(broken);
    await page.getByTestId('knowledge-error').waitFor();
    expect(await page.getByTestId('knowledge-error').getAttribute('data-code')).toBe(
      'INVALID_INPUT',
    );
    expect(await page.getByTestId('knowledge-error').textContent()).toContain(
      '未能发布 broken.yaml',
    );
    expect(await page.getByTestId('knowledge-error-path').textContent()).toContain('matters');
    await shot('4-knowledge-error');

    await input.setInputFiles(knowledgeFile);
    await page.getByTestId('knowledge-result').waitFor();
    const result = (await page.getByTestId('knowledge-result').textContent()) ?? '';
    expect(result).toContain('已发布 minimal.yaml');
    expect(result).toMatch(/事项 2 项，政策 \d+ 条，问答 \d+ 条/);
    expect(
      await page.locator('[data-testid="knowledge-upload-progress"]').getAttribute('data-phase'),
    ).toBe('done');
    await expect
      .poll(() => page.getByTestId('publication-row').allTextContents())
      .toEqual([expect.stringContaining('minimal.yaml') as string]);
    expect(await page.getByTestId('publication-row').textContent()).toContain(admin.username);
    await shot('5-knowledge-published');
  });

  it('shows the terminal that enrolled with the code and what it pushed, and revokes it', async () => {
    // A terminal at the hall enrols with the code and pushes a knowledge gap and a walk.
    const enrolled = await hubCall('/v1/terminals/enrol', {
      code: issuedCode,
      terminalName: '一楼 3 号窗口',
      hostname: 'win-03',
      appVersion: '0.1.0',
    });
    expect(enrolled.status).toBe(200);
    const { terminalId, secret } = (await enrolled.json()) as EnrolResponse;
    const bearer = `${terminalId}.${secret}`;
    walkUid = randomUUID();
    const pushed = await hubCall(
      '/v1/sync/push',
      {
        mutations: [
          mutation(1, 'knowledge_gap', '1', 'raise', {
            question: '个体户变更经营场所要带哪些材料？',
            reason: 'no_basis',
            comment: null,
            matterCode: 'T-GTSL',
            raisedBy: 'zhao',
          }),
          mutation(2, 'walk', walkUid, 'start', {
            unit: '县市场监督管理局',
            leader: 'li',
            matterCode: 'T-GTSL',
            status: 'in_progress',
            startedAt: new Date().toISOString(),
            finishedAt: null,
          }),
        ],
      },
      bearer,
    );
    expect(pushed.status).toBe(200);

    await page.getByTestId('nav-records').click();
    await expect
      .poll(() => page.getByTestId('record-row').allTextContents())
      .toEqual([expect.stringContaining('个体户变更经营场所要带哪些材料？') as string]);
    expect(await page.getByTestId('record-row').textContent()).toContain('无依据');
    await page.getByTestId('records-entity').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '走流程' }).click();
    await expect
      .poll(() => page.getByTestId('record-row').allTextContents())
      .toEqual([expect.stringContaining('进行中') as string]);
    await shot('6-records-walks');

    await page.getByTestId('nav-halls').click();
    await expect
      .poll(() => page.locator('[data-testid="code-state"][data-state="used"]').textContent())
      .toBe('已使用');

    await page.getByTestId('nav-terminals').click();
    await expect.poll(() => page.getByTestId('terminal-row').count()).toBe(1);
    await page.getByTestId('terminal-revoke').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('吊销立即生效');
    await shot('7-revoke-confirm');
    await confirm.getByRole('button', { name: '立即吊销' }).click();
    await expect
      .poll(() => page.getByTestId('terminal-state').getAttribute('data-state'))
      .toBe('revoked');
    // At once: the terminal's next push is refused.
    const refused = await hubCall(
      '/v1/sync/push',
      { mutations: [mutation(3, 'knowledge_gap', '2', 'raise', { question: '还能同步吗？' })] },
      bearer,
    );
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('TERMINAL_REVOKED');
    await shot('8-terminal-revoked');
  });

  it('applies an offline package, offers its reply, and settles the conflict it raised', async () => {
    // A second terminal of the hall, without a network, carries its outbox on a USB stick: a gap
    // of its own, and a copy of the first terminal's walk (which it does not own: a conflict).
    const token = await adminToken();
    const codeResponse = await fetch(`${hubUrl}/v1/admin/enrolment-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ hallId: 'qingshan-county', note: '山区便民点' }),
    });
    const { code } = (await codeResponse.json()) as { code: string };
    const enrolledResponse = await hubCall('/v1/terminals/enrol', {
      code,
      terminalName: '山区便民点',
      appVersion: '0.1.0',
    });
    const enrolled = (await enrolledResponse.json()) as EnrolResponse;
    const packageFile = join(dataDir, `bangban-package-${enrolled.terminalId}.json`);
    writeFileSync(
      packageFile,
      offlinePackage(enrolled, [
        mutation(1, 'knowledge_gap', '1', 'raise', {
          question: '山区群众办残疾人证能否上门？',
          reason: 'no_basis',
          matterCode: null,
          raisedBy: 'wang',
        }),
        mutation(2, 'walk', walkUid, 'update', { status: 'finished' }),
      ]),
    );

    await page.keyboard.press('Alt+Digit6');
    await page.getByTestId('packages-page').waitFor();
    await page
      .locator('[data-testid="package-upload"] input[type="file"]')
      .setInputFiles(packageFile);
    const result = page.getByTestId('package-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('已处理 山区便民点（青山县政务服务中心）的离线包');
    expect(text).toMatch(/变更2/);
    expect(text).toMatch(/已应用1/);
    expect(text).toMatch(/冲突1/);
    await shot('9-package-applied');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('package-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bangban-reply-t_[a-z0-9]+-\d{14}\.json$/);
    const saved = join(dataDir, download.suggestedFilename());
    await download.saveAs(saved);
    const reply = JSON.parse(readFileSync(saved, 'utf8')) as SyncPackage;
    expect(reply).toMatchObject({ direction: 'to-terminal', terminalId: enrolled.terminalId });

    // The conflict, from the package's own hint, settled with a note (Ctrl+Enter saves it).
    await result.getByRole('button', { name: '去处理冲突' }).click();
    await page.getByTestId('conflicts-page').waitFor();
    await expect.poll(() => page.getByTestId('conflict-row').count()).toBe(1);
    expect(await page.getByTestId('conflict-row').textContent()).toContain('记录属于另一台终端');
    await page.getByTestId('conflict-resolve').click();
    const note = page.locator('[data-testid="conflict-form"] textarea');
    await note.fill('已与两处窗口核实：走流程由一楼 3 号窗口记录，便民点的副本作废。');
    await shot('10-conflict-resolve');
    await note.press('Control+Enter');
    await page.getByTestId('conflict-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('conflict-row').count()).toBe(0);
    await page.getByText('已处理', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('conflict-row').textContent())
      .toContain('root 已处理');
    await shot('11-conflict-resolved');
  });

  it('shows the other pages readably', async () => {
    for (const [key, name] of [
      ['calendar', '12-calendar'],
      ['models', '13-models'],
    ] as const) {
      await page.getByTestId(`nav-${key}`).click();
      await page.getByTestId(`${key}-page`).waitFor();
      await page.locator('.ant-spin').first().waitFor({ state: 'detached' });
      await shot(name);
    }
    // The holiday arrangements shipped in resources/calendar were published on the first start.
    await page.getByTestId('nav-calendar').click();
    await expect.poll(() => page.getByTestId('calendar-row').count()).toBeGreaterThan(0);
    // The same page in English: the console's own strings and antd's follow the switch.
    await page.getByTestId('nav-halls').click();
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('nav-halls').textContent()).toContain('Halls & codes');
    await shot('14-english');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('nav-halls').textContent()).toContain('大厅与注册码');

    expect(pageErrors).toEqual([]);
    // Nothing the hub's Content-Security-Policy had to block: no inline script, no eval.
    expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
  });

  it('shows the remote window: the 021 indicators, the requests with their threads, the sessions', async () => {
    // A township hall's clerk asks the county's experts: one request taken at once and resolved in
    // a remote window, another left waiting; a second window stays open.
    const token = await adminToken();
    await hubPost('/v1/admin/halls', { id: 'lianhua-town', name: '莲花镇便民服务中心' }, token);
    await hubPost('/v1/admin/halls', { id: 'county-hall', name: '县政务服务中心' }, token);
    const township = await enrolTerminal(token, 'lianhua-town', '综合窗口 2');
    const expertDesk = await enrolTerminal(token, 'county-hall', '市场监管远程坐席');
    const clerk = { username: 'liu', displayName: '刘晓梅', role: 'clerk' };
    const expert = { username: 'wang', displayName: '王建国', role: 'remote_expert' };
    const publicKey = randomBytes(32).toString('base64url');
    const caseRef = (caseId: number, matterName: string, department: string): CaseRef => ({
      caseId,
      reference: `LH-2026-${String(caseId).padStart(5, '0')}`,
      matterCode: `M-${String(caseId)}`,
      matterName,
      department,
    });
    const food = caseRef(12, '食品经营许可', '县市场监督管理局');

    const answered = await hubPost<HelpRequest>(
      '/v1/help-requests',
      {
        caseRef: food,
        question: '住宅楼一层的临街商铺能否办理食品经营许可？',
        urgency: 'urgent',
        requester: clerk,
      },
      township,
    );
    const request = `/v1/help-requests/${answered.id}`;
    await hubPost(`${request}/claim`, { expert }, expertDesk);
    await hubPost(
      `${request}/messages`,
      { author: clerk, side: 'clerk', text: '商铺的房产证用途写的是“商业”。' },
      township,
    );
    await hubPost(
      `${request}/messages`,
      { author: expert, side: 'expert', text: '用途为商业即可办理，我开远程窗口看一下平面图。' },
      expertDesk,
    );
    await hubPost(`${request}/ask-session`, { expert }, expertDesk);
    const opened = await hubPost<{ session: RemoteSessionRecord; participantId: string }>(
      '/v1/remote-sessions',
      { caseRef: food, host: clerk, publicKey, helpRequestId: answered.id },
      township,
    );
    await hubPost(
      '/v1/remote-sessions/join',
      { helpRequestId: answered.id, expert, publicKey },
      expertDesk,
    );
    await hubPost(
      `/v1/remote-sessions/${opened.session.id}/end`,
      { participantId: opened.participantId, actor: clerk },
      township,
    );
    await hubPost(
      `${request}/close`,
      { actor: expert, outcome: 'resolved', note: '可以办理；已指导补齐经营场所平面图。' },
      expertDesk,
    );
    await hubPost(
      '/v1/help-requests',
      {
        caseRef: caseRef(13, '失业保险金申领', '县人力资源和社会保障局'),
        question: '外省参保的缴费年限怎么核对？',
        urgency: 'normal',
        requester: clerk,
      },
      township,
    );
    await hubPost(
      '/v1/remote-sessions',
      { caseRef: caseRef(14, '个体工商户设立登记', '县市场监督管理局'), host: clerk, publicKey },
      township,
    );

    // Alt+9: the ninth page, 远程帮办.
    await page.keyboard.press('Alt+Digit9');
    await page.getByTestId('remote-page').waitFor();
    expect(await page.getByTestId('nav-remote').textContent()).toContain('远程帮办');
    // Today: two requests, one answered within the minute; the one closed was resolved.
    await expect
      .poll(() => page.getByTestId('indicator-within-minute').textContent())
      .toContain('50%');
    expect(await page.getByTestId('indicator-within-minute').textContent()).toContain('1/2');
    expect(await page.getByTestId('indicator-resolution').textContent()).toContain('100%');
    expect(await page.getByTestId('indicator-unanswered').textContent()).toContain('1');
    const departments = await page.getByTestId('help-department-row').allTextContents();
    expect(departments).toHaveLength(2);
    expect(departments.find((line) => line.includes('县市场监督管理局'))).toContain('100%（1/1）');
    expect(departments.find((line) => line.includes('县人力资源和社会保障局'))).toContain(
      '0%（0/1）',
    );
    await page.getByTestId('help-trend-chart').locator('canvas').first().waitFor();
    await shot('15-remote-indicators');

    // The requests, newest first: the waiting one, then the resolved one with its thread.
    const rows = page.getByTestId('help-request-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(
      await page
        .getByTestId('help-request-state')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state'))),
    ).toEqual(['waiting', 'resolved']);
    expect(await rows.nth(0).textContent()).toMatch(/已等待 \d+ 秒/);
    const resolvedRow = rows.nth(1);
    const resolvedText = (await resolvedRow.textContent()) ?? '';
    for (const text of ['莲花镇便民服务中心', '刘晓梅', '食品经营许可', 'LH-2026-00012'])
      expect(resolvedText).toContain(text);
    for (const text of ['紧急', '已解决', '王建国', '县政务服务中心', '已指导补齐经营场所平面图'])
      expect(resolvedText).toContain(text);
    expect(await resolvedRow.getByTestId('help-request-response').textContent()).toMatch(
      /^用时 \d+ 秒$/,
    );
    await resolvedRow.getByTestId('row-expand').click();
    const thread = page.getByTestId('help-thread');
    await thread.waitFor();
    expect(await thread.getByTestId('help-message').allTextContents()).toEqual([
      expect.stringMatching(/窗口刘晓梅.*商铺的房产证用途写的是“商业”。/) as string,
      expect.stringMatching(/坐席王建国.*用途为商业即可办理/) as string,
    ]);
    expect(await thread.textContent()).toContain('已开启远程会话');
    await page.getByTestId('help-requests').evaluate((section) => {
      section.scrollIntoView({ block: 'start' });
    });
    await shot('16-remote-requests');

    await page.getByTestId('help-requests-state').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '等待应答' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('外省参保的缴费年限怎么核对？');

    // The sessions, open ones first: who was in each, and who ended it.
    const sessions = page.getByTestId('remote-session-row');
    await expect.poll(() => sessions.count()).toBe(2);
    expect(
      await page
        .getByTestId('session-state')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state'))),
    ).toEqual(['open', 'ended']);
    const open = (await sessions.nth(0).textContent()) ?? '';
    expect(open).toContain('LH-2026-00014');
    expect(open).toContain('邀请码');
    expect(open).toContain('未连接');
    const ended = sessions.nth(1);
    expect(await ended.getByTestId('session-participant').allTextContents()).toEqual([
      expect.stringMatching(/窗口刘晓梅莲花镇便民服务中心.*离开/) as string,
      expect.stringMatching(/坐席王建国县政务服务中心.*离开/) as string,
    ]);
    const endedText = (await ended.textContent()) ?? '';
    expect(endedText).toContain('帮办请求');
    expect(endedText).toContain('刘晓梅');
    // The pointer is still where the state list was: away from the filters the shot shows.
    await page.mouse.move(1, 1);
    await page.getByTestId('remote-sessions').evaluate((section) => {
      section.scrollIntoView({ block: 'start' });
    });
    await shot('17-remote-sessions');

    // In English, the indicators and the chart follow the switch.
    await page.getByTestId('language-switch').getByText('English').click();
    await expect
      .poll(() => page.getByTestId('indicator-within-minute').textContent())
      .toContain('Answered within 1 minute');
    await page.getByTestId('help-indicators').evaluate((section) => {
      section.scrollIntoView({ block: 'start' });
    });
    await shot('18-remote-english');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('nav-remote').textContent()).toContain('远程帮办');

    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
  });
});
