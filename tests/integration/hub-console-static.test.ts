import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from '../../central/src/console-static';
import type { HubDb } from '../../central/src/db/hub-db';
import { buildHub, type Hub } from '../../central/src/hub';
import { TestHubDatabases } from '../../central/src/testing/test-hub';

/**
 * The hub serving its administrator console: index.html for the console's own addresses, hashed
 * assets cached for good, a strict Content-Security-Policy on all of it, and the API untouched.
 */
let root: string;
let databases: TestHubDatabases;
let db: HubDb;
let hub: Hub;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bangban-console-static-'));
  const dir = join(root, 'console');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>帮办台中心管理控制台</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(root, 'secret.txt'), 'not for the web');
  databases = new TestHubDatabases('pglite');
  db = await databases.open();
  hub = buildHub({
    db,
    logger: pino({ level: 'silent' }),
    version: 'test',
    modelsDir: join(root, 'models'),
  });
  expect(await registerConsole(hub.app, dir)).toBe(true);
  await hub.app.ready();
});

afterAll(async () => {
  await hub.app.close();
  await db.close();
  await databases.dispose();
  rmSync(root, { recursive: true, force: true });
});

function expectStrictHeaders(headers: Record<string, unknown>): void {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
}

describe('the console under /console/', () => {
  it('sends a visit to the root, and /console, to /console/', async () => {
    for (const url of ['/', '/console']) {
      const response = await hub.app.inject({ url });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/console/');
    }
  });

  it('serves index.html fresh, with the security headers', async () => {
    const response = await hub.app.inject({ url: '/console/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('帮办台中心管理控制台');
    expectStrictHeaders(response.headers);
  });

  it('caches hashed assets for good', async () => {
    const response = await hub.app.inject({ url: '/console/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    expectStrictHeaders(response.headers);
  });

  it("answers the console's own addresses with index.html, and a missing asset with 404", async () => {
    const page = await hub.app.inject({ url: '/console/terminals' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>');
    const asset = await hub.app.inject({ url: '/console/assets/gone-123.js' });
    expect(asset.statusCode).toBe(404);
    expect(asset.json()).toMatchObject({ code: 'NOT_FOUND' });
    expectStrictHeaders(asset.headers);
  });

  it('serves nothing outside its folder', async () => {
    for (const url of ['/console/../secret.txt', '/console/%2e%2e/secret.txt']) {
      const response = await hub.app.inject({ url });
      expect(response.body).not.toContain('not for the web');
    }
  });

  it('leaves the API as it was', async () => {
    const health = await hub.app.inject({ url: '/v1/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    expect(health.headers['content-security-policy']).toBeUndefined();
    const unknown = await hub.app.inject({ url: '/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves nothing when the console was not built', async () => {
    const bare = buildHub({
      db,
      logger: pino({ level: 'silent' }),
      version: 'test',
      modelsDir: join(root, 'models'),
    });
    expect(await registerConsole(bare.app, join(root, 'not-built'))).toBe(false);
    await bare.app.ready();
    expect((await bare.app.inject({ url: '/console/' })).statusCode).toBe(404);
    await bare.app.close();
  });
});
