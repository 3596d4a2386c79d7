import { once } from 'node:events';
import { createHash, randomUUID } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/**
 * Installs a GGUF file into <data folder>/models/. The copy goes to a temporary file in the same
 * folder, is hashed while it is written, checked, flushed to disk and only then renamed into
 * place: a model is either fully there and verified, or not there at all — a half-copied file
 * would load as garbage or crash llama.cpp.
 */

export type InstallErrorCode =
  | 'not_found'
  | 'not_gguf'
  | 'checksum_mismatch'
  | 'bad_name'
  | 'download_failed'
  /** Reading the source or writing the data folder failed (disk full, permissions). */
  | 'io_failed'
  | 'cancelled';

export class ModelInstallError extends Error {
  override readonly name = 'ModelInstallError';
  constructor(
    readonly code: InstallErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface InstallProgress {
  bytesDone: number;
  /** Null when the size is unknown (a download without Content-Length). */
  bytesTotal: number | null;
}

export interface InstallOptions {
  dataDir: string;
  /** The name in models/ (default: the source's own name). Must be a plain `*.gguf` name. */
  fileName?: string;
  /** The manifest's sha256, or null to accept any file and record its hash. */
  expectedSha256?: string | null;
  onProgress?: (progress: InstallProgress) => void;
  signal?: AbortSignal;
}

export interface InstalledModel {
  path: string;
  sha256: string;
  sizeBytes: number;
}

const GGUF_MAGIC = Buffer.from('GGUF', 'ascii');

/** The GGUF files installed in the data folder's models/ (weights are never shipped). */
export function installedModelFiles(dataDir: string): string[] {
  const folder = modelsDir(dataDir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.gguf'))
    .sort();
}

export function modelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}

function checkedFileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/.test(name))
    throw new ModelInstallError('bad_name', `not a plain .gguf file name: ${name}`);
  return name;
}

/** Hashes, counts and checks the GGUF magic of what flows through, reporting progress. */
function meter(
  hash: Hash,
  startBytes: number,
  total: number | null,
  onProgress: InstallOptions['onProgress'],
): Transform {
  let done = startBytes;
  let head = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done < 4) {
        head = Buffer.concat([head, chunk]).subarray(0, 4);
        if (head.length === 4 && !head.equals(GGUF_MAGIC)) {
          callback(new ModelInstallError('not_gguf', 'the file is not a GGUF model'));
          return;
        }
      }
      hash.update(chunk);
      done += chunk.length;
      onProgress?.({ bytesDone: done, bytesTotal: total });
      callback(null, chunk);
    },
  });
}

/** Checks the hash, makes the data durable, renames into place and records the hash beside it. */
async function finish(
  temporary: string,
  target: string,
  sha256: string,
  expected: string | null | undefined,
): Promise<InstalledModel> {
  if (expected && sha256 !== expected.toLowerCase())
    throw new ModelInstallError(
      'checksum_mismatch',
      `sha256 ${sha256} does not match the manifest's ${expected}`,
    );
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const { size } = await stat(temporary);
  if (size < 4) throw new ModelInstallError('not_gguf', 'the file is not a GGUF model');
  await rename(temporary, target);
  // `sha256sum -c` format: an admin (or `bangban doctor`) can re-check the file later.
  await writeFile(`${target}.sha256`, `${sha256}  ${basename(target)}\n`);
  return { path: target, sha256, sizeBytes: size };
}

/** Copies a local GGUF file (a USB stick, a network share) into the data folder. */
export async function installModelFromFile(
  source: string,
  options: InstallOptions,
): Promise<InstalledModel> {
  const name = checkedFileName(options.fileName ?? basename(source));
  let total: number;
  try {
    total = (await stat(source)).size;
  } catch {
    throw new ModelInstallError('not_found', `no such file: ${source}`);
  }
  const folder = modelsDir(options.dataDir);
  await mkdir(folder, { recursive: true });
  // A dot-name ending in .partial: never listed as an installed model, and on the same volume as
  // the target so the rename is atomic.
  const temporary = join(folder, `.${name}.${randomUUID()}.partial`);
  const hash = createHash('sha256');
  try {
    await pipeline(
      createReadStream(source),
      meter(hash, 0, total, options.onProgress),
      createWriteStream(temporary),
      options.signal ? { signal: options.signal } : {},
    );
    return await finish(temporary, join(folder, name), hash.digest('hex'), options.expectedSha256);
  } catch (error) {
    await rm(temporary, { force: true });
    throw asInstallError(error, options.signal, 'io_failed');
  }
}

export interface DownloadOptions extends InstallOptions {
  fileName: string;
  /** Injected for tests and for a hub client that adds its credentials. */
  fetch?: typeof fetch;
}

/**
 * Downloads a model. The partial download keeps a fixed name (`.<file>.download`), so after a
 * dropped connection or a restart the next call asks only for the rest (HTTP Range); the hash
 * covers the bytes already on disk, then the new ones.
 */
export async function installModelFromUrl(
  url: string,
  options: DownloadOptions,
): Promise<InstalledModel> {
  const name = checkedFileName(options.fileName);
  const folder = modelsDir(options.dataDir);
  await mkdir(folder, { recursive: true });
  const partial = join(folder, `.${name}.download`);
  const hash = createHash('sha256');
  const have = await stat(partial).then(
    (s) => s.size,
    () => 0,
  );
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw asInstallError(error, options.signal, 'download_failed');
  }
  // 206: the server continues where we stopped. 200: it sends everything, so start over.
  const resuming = response.status === 206 && have > 0;
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    if (response.status === 416 && have > 0) await rm(partial, { force: true });
    throw new ModelInstallError('download_failed', `${url}: HTTP ${response.status}`);
  }
  if (resuming) for await (const chunk of createReadStream(partial)) hash.update(chunk as Buffer);
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const start = resuming ? have : 0;
  const total = Number.isFinite(length) ? start + length : null;
  // The file is written outside the pipeline, so a dropped connection does not discard what
  // arrived: it is flushed to the partial file, which the next attempt resumes from.
  const writer = createWriteStream(partial, { flags: resuming ? 'a' : 'w' });
  const closed = new Promise<void>((resolve, reject) => {
    writer.once('close', resolve);
    writer.once('error', reject);
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      meter(hash, start, total, options.onProgress),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          if (!writer.write(chunk)) await once(writer, 'drain');
        }
      },
      options.signal ? { signal: options.signal } : {},
    );
    writer.end();
    await closed;
  } catch (error) {
    writer.end();
    await closed.catch(() => undefined);
    // Keep the partial file (the next attempt resumes from it), unless it is not a model.
    if (error instanceof ModelInstallError) await rm(partial, { force: true });
    throw asInstallError(error, options.signal, 'download_failed');
  }
  try {
    return await finish(partial, join(folder, name), hash.digest('hex'), options.expectedSha256);
  } catch (error) {
    await rm(partial, { force: true });
    throw asInstallError(error, options.signal, 'io_failed');
  }
}

function asInstallError(
  error: unknown,
  signal: AbortSignal | undefined,
  code: InstallErrorCode,
): ModelInstallError {
  if (error instanceof ModelInstallError) return error;
  if (signal?.aborted) return new ModelInstallError('cancelled', 'the installation was cancelled');
  return new ModelInstallError(code, error instanceof Error ? error.message : String(error));
}
