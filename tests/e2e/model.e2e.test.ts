import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from '../../scripts/models/write-gguf.mjs';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode-process';
import { launchChromium } from '../support/chromium';
import { setUpHall } from '../support/e2e-steps';

/**
 * The model manager and the model's answers in a real browser against browser mode, with the
 * tiny GGUF the project writes (random weights: the words are noise, the mechanics are real):
 * install from a path, load with progress, a streamed answer whose uncited sentences are
 * flagged, and the status bar leaving retrieval-only mode.
 */
const artifacts = join(import.meta.dirname, '../artifacts');
const admin = { username: 'admin', displayName: '陈管理', password: 'Hall#Admin2026' };

let dataDir: string;
let modelDir: string;
let engine: BrowserModeProcess;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `model-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-model-'));
  modelDir = mkdtempSync(join(tmpdir(), 'bangban-e2e-gguf-'));
  writeTinyModel(join(modelDir, 'tiny.gguf'));
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
  rmSync(modelDir, { recursive: true, force: true });
});

describe('local model manager', () => {
  it('starts in retrieval-only mode', async () => {
    await setUpHall(page, engine.url, admin);
    await expect.poll(() => page.getByTestId('status-model').innerText()).toContain('检索模式');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-models').click();
    await expect
      .poll(() => page.getByTestId('model-state').getAttribute('data-state'))
      .toBe('none');
  });

  it('installs a model from a path and loads it', async () => {
    await page.getByTestId('model-source').fill(join(modelDir, 'missing.gguf'));
    await page.getByTestId('model-install').click();
    await page.getByText('找不到该模型文件').waitFor();
    await page.getByTestId('model-source').fill(join(modelDir, 'tiny.gguf'));
    await page.getByTestId('model-install').click();
    await page.getByTestId('model-file').waitFor();
    await page.getByTestId('model-load').click();
    await expect
      .poll(() => page.getByTestId('model-state').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ready');
    await expect.poll(() => page.getByTestId('status-model').innerText()).toContain('已加载');
    await shot('01-loaded');
  });

  it('streams a cited answer after the extractive one and flags uncited sentences', async () => {
    await page.getByTestId('nav-copilot').click();
    await page.getByTestId('copilot-question').fill('营业执照丢了怎么补办？');
    await page.getByTestId('copilot-question').press('Enter');
    const answer = page.getByTestId('copilot-answer').first();
    await answer.getByTestId('copilot-citation').first().waitFor();
    await answer.getByTestId('copilot-generated').waitFor({ timeout: 60_000 });
    // Random weights cite nothing: every sentence they write is flagged, none passes as knowledge.
    const generated = answer.getByTestId('copilot-generated');
    expect(await generated.getByTestId('copilot-uncited').count()).toBeGreaterThan(0);
    expect(await generated.locator('div.ant-typography > span').count()).toBe(0);
    await shot('02-generated');
  });
});
