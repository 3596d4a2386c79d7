import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (Playwright cannot download its own here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium's own camera and microphone (a test pattern and a tone), granted without asking. */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // As a user who asked for less motion: no dialog is clicked halfway through its animation.
      '--force-prefers-reduced-motion',
      ...extraArgs,
    ],
  });
}
