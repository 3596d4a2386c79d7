import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '@shared/domain/business-date';
import { calendarYearSchema, createWorkingDayCalendar } from '@shared/domain/working-days';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';
import { setUpHall } from '../support/e2e-steps';
import { CALENDARS } from '../support/engine-harness';

/**
 * Issue 3's "done when", in a real browser against browser mode: a 食品经营许可 case with planted
 * defects is reviewed with the keyboard, the one-time correction notice is printed to an A4 PDF
 * that names every failed point, three questions get answers with valid citations, and a
 * question the knowledge base cannot answer becomes a gap due in 5 working days.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };
const hallContact = '0591-12345678（政务服务中心咨询台）';

let dataDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let page: Page;
let caseUrl = '';

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `review-${name}.png`), fullPage: true });
}

async function chooseMaterial(code: string): Promise<void> {
  await page.getByTestId('review-material-select').click();
  await page.locator(`.ant-select-item-option[title^="${code} "]`).click();
  await expect.poll(() => page.getByTestId('review-fields').getAttribute('data-code')).toBe(code);
}

async function fillFields(values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await page
      .locator(
        `[data-testid="review-field"][data-key="${key}"] input, [data-testid="review-field"][data-key="${key}"] textarea`,
      )
      .first()
      .fill(value);
  }
  const saved = page.getByText('已保存，规则已重新核验');
  const before = await saved.count();
  await page.getByTestId('review-save-fields').click();
  await expect.poll(() => saved.count()).toBeGreaterThan(before);
}

async function currentPoint(): Promise<string> {
  return (await page.getByTestId('review-point').getAttribute('data-code')) ?? '';
}

async function decideWithKey(code: string, key: 'p' | 'f'): Promise<void> {
  await expect.poll(currentPoint).toBe(code);
  await page.keyboard.press(key);
  await expect
    .poll(() =>
      page
        .locator(`[data-testid="review-point-item"][data-code="${code}"]`)
        .getAttribute('data-verdict'),
    )
    .toBe(key === 'p' ? 'pass' : 'fail');
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-review-'));
  engine = await startBrowserMode(dataDir);
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

describe('guided review, notice and copilot', () => {
  it('sets up the hall with its contact for the notice', async () => {
    await setUpHall(page, engine.url, admin);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-settings').click();
    await page.getByTestId('settings-hall-contact').fill(hallContact);
    await page.getByTestId('settings-save').click();
    await page.getByText('已保存').first().waitFor();
  });

  it('opens a 食品经营许可 case and records what the materials say', async () => {
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('matter-search').fill('spjy');
    await page.locator('[data-testid="matter-option"][data-code="SCJG-SPJY-001"]').click();
    await page.locator('label:has([data-testid="applicant-kind-enterprise"])').click();
    await page.getByTestId('applicant-name').fill('城关镇好味道餐饮店');
    await page.getByTestId('applicant-uscc').fill('91350100M000100Y43');
    await page.getByTestId('applicant-legal-rep').fill('李四');
    await page.getByTestId('applicant-address').fill('城关镇人民路 88 号');
    await page.getByTestId('case-create-submit').click();
    await page.getByTestId('case-reference').waitFor();
    caseUrl = page.url();
    const rows = page.getByTestId('material-row');
    for (const index of [0, 1, 2, 3, 4]) {
      await rows.nth(index).getByTestId('material-received').click();
      await expect.poll(() => rows.nth(index).getAttribute('data-state')).toBe('received');
    }
    await page.getByTestId('case-open-review').click();
    await page.getByTestId('review-start').click();
    await expect
      .poll(() => page.getByTestId('review-screen').getAttribute('data-status'))
      .toBe('in_progress');

    // Defects: the applicant's form names the shop differently from the licence, and names an
    // agent without a power of attorney.
    await chooseMaterial('M01');
    await fillFields({
      operatorName: '城关镇好味道饭店',
      creditCode: '91350100M000100Y43',
      legalRepresentative: '李四',
      businessAddress: '城关镇人民路 88 号',
      agentName: '王五',
    });
    await chooseMaterial('M02');
    await fillFields({ operatorName: '城关镇好味道餐饮店', creditCode: '91350100M000100Y43' });
    await chooseMaterial('M03');
    await fillFields({ name: '李四', idNumber: '11010519491231002X', idValidUntil: '2035-06-30' });
    // What was saved is what the rules read: the codes and the ID now pass, the names do not.
    for (const [code, verdict] of [
      ['RP02', 'pass'],
      ['RP03', 'pass'],
      ['RP04', 'fail'],
      ['RP01', 'fail'],
    ]) {
      await page.locator(`[data-testid="review-point-item"][data-code="${code}"]`).click();
      await expect
        .poll(() => page.getByTestId('review-suggestion').getAttribute('data-verdict'))
        .toBe(verdict);
    }
    await shot('01-rule-fails');
  });

  it('decides every point with the keyboard, refusing a silent override', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await decideWithKey('RP01', 'f');
    await decideWithKey('RP05', 'p');
    // RP02's rule passes: failing it without a note is refused and the note field says why.
    await expect.poll(currentPoint).toBe('RP02');
    await page.keyboard.press('f');
    await page.getByTestId('review-note-error').waitFor();
    await shot('02-override-needs-note');
    await page.keyboard.press('Escape');
    await decideWithKey('RP02', 'p');
    await decideWithKey('RP03', 'p');
    await expect.poll(currentPoint).toBe('RP06');
    await page.keyboard.press('n');
    await page.keyboard.type('布局平面图未标明餐用具清洗消毒区');
    await page.keyboard.press('Escape');
    await decideWithKey('RP06', 'f');
    await decideWithKey('RP07', 'p');
    await decideWithKey('RP04', 'f');
    await decideWithKey('RP08', 'p');
    await decideWithKey('RP09', 'p');
    expect(await page.getByTestId('review-progress').innerText()).toContain('9 / 9');
    await shot('03-all-decided');
    await page.getByTestId('review-conclude').click();
    expect(await page.getByTestId('review-outcome-preview').innerText()).toBe('需补正');
    await page.getByTestId('review-conclude-confirm').click();
    await expect.poll(() => page.getByTestId('review-outcome').innerText()).toBe('需补正');
  });

  it('prints a one-time notice to an A4 PDF that names every failed point', async () => {
    await page.getByTestId('review-open-notice').click();
    await page.getByTestId('notice-document').waitFor();
    await shot('04-notice');
    const pdf = join(artifacts, 'review-notice.pdf');
    // Chromium's own PDF, as the browser-mode print button produces it.
    writeFileSync(
      pdf,
      await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }),
    );
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      '',
    );
    for (const title of [
      '申请书上的经营者名称与营业执照一致',
      '主体业态与经营项目相适应，布局流程满足所申请项目',
      '委托办理的已提交授权委托书',
    ]) {
      expect(text).toContain(title.replace(/\s+/g, ''));
    }
    expect(text).toContain('布局平面图未标明餐用具清洗消毒区');
    expect(text).toContain(hallContact.replace(/\s+/g, ''));
    // The footer with the signatures is on the same sheet.
    expect(text).toContain('经办人');
    expect(text).toContain('一次性告知书');
    expect(text).toContain('《中华人民共和国行政许可法》第三十二条');
    expect(text).toMatch(/请于\d{4}-\d{2}-\d{2}前（10个工作日内）/);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    // One notice, one sheet: the toast and the app's chrome are not printed.
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(text).not.toContain('预审已结束');
    expect(readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('answers three questions with citations that open the quoted passage', async () => {
    await page.goto(caseUrl.replace(/\/cases\/(\d+)$/, '/cases/$1/review'));
    await page.getByRole('tab', { name: '智能问答' }).click();
    const questions = [
      '营业执照丢了怎么补办？',
      '办食品经营许可证要带哪些材料？',
      '开餐饮店要办哪些证？',
    ];
    for (const [index, question] of questions.entries()) {
      await page.getByTestId('copilot-question').fill(question);
      await page.getByTestId('copilot-question').press('Enter');
      const answer = page.getByTestId('copilot-answer').nth(index);
      await answer.waitFor();
      expect(await answer.getAttribute('data-status')).toBe('answered');
      expect(await answer.getByTestId('copilot-citation').count()).toBeGreaterThan(0);
    }
    // The first citation of the first answer opens its entry with the quoted text marked.
    await page
      .getByTestId('copilot-answer')
      .nth(0)
      .getByTestId('copilot-citation')
      .first()
      .locator('button')
      .click();
    await page.locator('.entry-cited').first().waitFor();
    expect(await page.getByTestId('entry-text').innerText()).toContain('补领');
    await shot('05-copilot-citation');
    await page.keyboard.press('Escape');
    await page.getByTestId('copilot-answer').nth(1).getByTestId('copilot-helpful').click();
    await page.getByTestId('copilot-answer').nth(1).getByText('已记录：有帮助').waitFor();
  });

  it('turns an unanswerable question into a knowledge gap due in 5 working days', async () => {
    const calendar = createWorkingDayCalendar(
      ['cn-2025.json', 'cn-2026.json'].map((file) =>
        calendarYearSchema.parse(JSON.parse(readFileSync(join(CALENDARS, file), 'utf8'))),
      ),
    );
    const due = calendar.addWorkingDays(businessDate(new Date()), 5);
    await page.getByTestId('copilot-question').fill('驾驶证到期换证在哪里办？');
    await page.getByTestId('copilot-question').press('Enter');
    const noBasis = page.getByTestId('copilot-no-basis');
    await noBasis.waitFor();
    expect(await noBasis.innerText()).toContain(due);
    await shot('06-copilot-no-basis');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-gaps').click();
    const row = page.getByTestId('gap-row').filter({ hasText: '驾驶证到期换证在哪里办？' });
    await row.waitFor();
    expect(await row.getByTestId('gap-due').innerText()).toContain(due);
    await shot('07-gaps');
  });

  it('offers what it knows of the applicant on the next case, and fills only on request', async () => {
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('matter-search').fill('spjy');
    await page.locator('[data-testid="matter-option"][data-code="SCJG-SPJY-001"]').click();
    await page.locator('label:has([data-testid="applicant-kind-enterprise"])').click();
    await page.getByTestId('applicant-uscc').fill('91350100M000100Y43');
    await page.getByTestId('known-applicant').waitFor();
    // Offered, not applied: the name stays empty until the clerk asks.
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('');
    await page.getByTestId('known-applicant-fill').click();
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('城关镇好味道餐饮店');
    expect(await page.getByTestId('applicant-legal-rep').inputValue()).toBe('李四');
    await shot('08-known-applicant');
    await page.getByTestId('case-create-submit').click();
    await page.getByTestId('case-reference').waitFor();
    await page.getByTestId('case-open-review').click();
    await page.getByTestId('review-start').click();
    await page.getByTestId('prefill-offer').waitFor();
    await page.getByTestId('prefill-review').click();
    expect(await page.getByTestId('prefill-item').count()).toBeGreaterThanOrEqual(8);
    await shot('09-prefill');
    await page.getByRole('button', { name: /填入选中的/ }).click();
    await page.getByText(/已预填 \d+ 项/).waitFor();
    await chooseMaterial('M03');
    expect(
      await page
        .locator('[data-testid="review-field"][data-key="idValidUntil"] input')
        .inputValue(),
    ).toBe('2035-06-30');
  });

  it('generates the application form: missing fields first, then A4 print and a Word file', async () => {
    await page.getByTestId('review-back').click();
    await page.getByTestId('case-open-application').click();
    await page.getByTestId('application-document').waitFor();
    // Pre-filled from the first case, but 主体业态 and the like were never entered.
    expect(await page.getByTestId('application-missing').innerText()).toContain('主体业态');
    expect(
      await page.locator('[data-testid="application-field"][data-filled="true"]').count(),
    ).toBeGreaterThan(0);
    await shot('10-application');
    const pdf = join(artifacts, 'review-application.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('食品经营许可申请书');
    expect(text).toContain('经营者名称：城关镇好味道餐饮店');
    expect(text).not.toContain('下载Word');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('application-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^BB\d{8}-\d{4}-食品经营许可申请书\.docx$/);
    const saved = join(artifacts, 'review-application.docx');
    await download.saveAs(saved);
    // A .docx is a zip: it starts with PK.
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
  });
});
