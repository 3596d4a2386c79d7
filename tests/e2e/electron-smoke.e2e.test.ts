import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary, whyNoDesktop } from '../../scripts/electron-runtime.mjs';

/**
 * The desktop shell, where an Electron runtime exists. Its binary cannot be downloaded on the
 * machines this project is built on, so there the test is skipped and says why; every other test
 * covers the same engine and renderer in browser mode.
 */
const root = join(import.meta.dirname, '../..');

function whySkip(): string | undefined {
  if (!electronBinary(root)) {
    return 'no Electron runtime: node_modules/electron has no binary (it cannot be downloaded on this machine)';
  }
  return whyNoDesktop(root) && 'no display: run under xvfb-run to include the desktop shell';
}

describe('desktop shell', () => {
  it('starts the engine in a utility process and shows the workbench', async (context) => {
    const reason = whySkip();
    if (reason) {
      console.info(`Electron smoke test skipped: ${reason}`);
      context.skip(reason);
      return;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'bangban-electron-'));
    const app = await electron.launch({
      executablePath: electronBinary(root),
      args: [root],
      env: { ...process.env, BANGBAN_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      expect(window.url()).toMatch(/^bangban:\/\/app\//);
      await window.getByTestId('setup-hall').waitFor({ timeout: 30_000 });
      // The preload exposes the typed bridge and nothing from Node.
      expect(
        await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
      ).toBe('undefined');
      const status = await window.evaluate(async () => {
        const bridge = (
          window as unknown as {
            bangban: { system: { status: (input: object) => Promise<unknown> } };
          }
        ).bangban;
        return bridge.system.status({});
      });
      expect(status).toMatchObject({ ok: true, output: { engine: { mode: 'desktop' } } });
      await window.getByTestId('status-engine').waitFor();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
