import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelInstallError, installModelFromFile, installModelFromUrl } from './model-installer';
import type { InstallProgress } from './model-installer';

/** A fake model: the GGUF magic, then bytes that are not all alike. */
function fakeGguf(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write('GGUF', 0, 'ascii');
  for (let i = 4; i < size; i++) bytes[i] = (i * 31) % 251;
  return bytes;
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bangban-installer-'));
  dataDir = join(dir, 'data');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const modelsFolder = () => readdirSync(join(dataDir, 'models')).sort();

describe('installModelFromFile', () => {
  test('copies with progress, checks the sha256 and records it beside the model', async () => {
    const bytes = fakeGguf(3 * 1024 * 1024 + 7);
    const source = join(dir, 'qwen.gguf');
    writeFileSync(source, bytes);
    const progress: InstallProgress[] = [];
    const installed = await installModelFromFile(source, {
      dataDir,
      expectedSha256: sha256(bytes),
      onProgress: (p) => progress.push(p),
    });
    expect(installed).toEqual({
      path: join(dataDir, 'models', 'qwen.gguf'),
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
    });
    expect(readFileSync(installed.path).equals(bytes)).toBe(true);
    expect(modelsFolder()).toEqual(['qwen.gguf', 'qwen.gguf.sha256']);
    expect(readFileSync(`${installed.path}.sha256`, 'utf8')).toBe(`${sha256(bytes)}  qwen.gguf\n`);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ bytesDone: bytes.length, bytesTotal: bytes.length });
  });

  test('without a manifest hash it accepts the file and returns the hash it computed', async () => {
    const bytes = fakeGguf(1000);
    const source = join(dir, 'any.gguf');
    writeFileSync(source, bytes);
    const installed = await installModelFromFile(source, {
      dataDir,
      fileName: 'renamed.gguf',
      expectedSha256: null,
    });
    expect(installed.sha256).toBe(sha256(bytes));
    expect(modelsFolder()).toEqual(['renamed.gguf', 'renamed.gguf.sha256']);
  });

  test('a sha256 mismatch is rejected and leaves no file behind', async () => {
    const source = join(dir, 'tampered.gguf');
    writeFileSync(source, fakeGguf(200_000));
    const error = await installModelFromFile(source, {
      dataDir,
      expectedSha256: '0'.repeat(64),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelInstallError);
    expect(error).toMatchObject({ code: 'checksum_mismatch' });
    expect(modelsFolder()).toEqual([]);
  });

  test('rejects what is not a GGUF model, a missing source and a path as a name', async () => {
    const source = join(dir, 'notes.gguf');
    writeFileSync(source, 'not a model at all');
    await expect(installModelFromFile(source, { dataDir })).rejects.toMatchObject({
      code: 'not_gguf',
    });
    expect(modelsFolder()).toEqual([]);
    await expect(installModelFromFile(join(dir, 'nope.gguf'), { dataDir })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      installModelFromFile(source, { dataDir, fileName: '../escape.gguf' }),
    ).rejects.toMatchObject({ code: 'bad_name' });
  });
});

describe('installModelFromUrl', () => {
  let server: Server;
  let url: string;
  let requests: { range: string | undefined }[];
  const bytes = fakeGguf(256 * 1024);
  /** The first full request breaks off after this many bytes (a dropped connection). */
  let dropAfter: number | undefined;

  beforeEach(async () => {
    requests = [];
    dropAfter = undefined;
    server = createServer((request, response) => {
      const range = request.headers.range;
      requests.push({ range });
      const start = range ? Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0) : 0;
      response.writeHead(range ? 206 : 200, {
        'content-length': String(bytes.length - start),
        ...(range ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
      });
      if (dropAfter !== undefined) {
        const cut = dropAfter;
        dropAfter = undefined;
        response.write(bytes.subarray(start, cut), () => {
          response.destroy();
        });
        return;
      }
      response.end(bytes.subarray(start));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.gguf`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('downloads, verifies and installs', async () => {
    const installed = await installModelFromUrl(url, {
      dataDir,
      fileName: 'model.gguf',
      expectedSha256: sha256(bytes),
    });
    expect(installed.sha256).toBe(sha256(bytes));
    expect(modelsFolder()).toEqual(['model.gguf', 'model.gguf.sha256']);
  });

  test('a dropped download resumes with a Range request and the hash covers both parts', async () => {
    dropAfter = 100_000;
    await expect(
      installModelFromUrl(url, { dataDir, fileName: 'model.gguf', expectedSha256: sha256(bytes) }),
    ).rejects.toMatchObject({ code: 'download_failed' });
    expect(modelsFolder()).toEqual(['.model.gguf.download']);

    const installed = await installModelFromUrl(url, {
      dataDir,
      fileName: 'model.gguf',
      expectedSha256: sha256(bytes),
    });
    expect(requests.at(-1)?.range).toMatch(/^bytes=\d+-$/);
    expect(readFileSync(installed.path).equals(bytes)).toBe(true);
    expect(modelsFolder()).toEqual(['model.gguf', 'model.gguf.sha256']);
  });

  test('a wrong hash after download leaves nothing behind', async () => {
    await expect(
      installModelFromUrl(url, { dataDir, fileName: 'model.gguf', expectedSha256: 'f'.repeat(64) }),
    ).rejects.toMatchObject({ code: 'checksum_mismatch' });
    expect(modelsFolder()).toEqual([]);
  });
});
