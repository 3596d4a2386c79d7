import type { Page } from 'playwright-core';

export interface E2eAdmin {
  username: string;
  displayName: string;
  password: string;
}

/** First start in a fresh data folder: the setup form creates the hall's administrator. */
export async function setUpHall(
  page: Page,
  url: string,
  admin: E2eAdmin,
  hallName = '城关县政务服务中心',
): Promise<void> {
  await page.goto(url);
  await page.getByTestId('setup-hall').fill(hallName);
  await page.getByTestId('setup-username').fill(admin.username);
  await page.getByTestId('setup-display-name').fill(admin.displayName);
  await page.getByTestId('setup-password').fill(admin.password);
  await page.getByTestId('setup-password-confirm').fill(admin.password);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('nav-cases').waitFor();
}
