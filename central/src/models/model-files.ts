import { createHash } from 'node:crypto';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { hubModelSchema, type HubModel, type HubModelRow } from '@shared/hub/admin';
import type { HubDb } from '../db/hub-db';
import { iso } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import type { Authenticator } from '../http/register-routes';
import type { ChangeLog } from '../sync/change-log';
import type { HubClock } from '../sync/hub-clock';

/**
 * Model files the hub offers, so that terminals never need the internet: registered from the
 * command line (hashed and copied into the hub's model folder, named by their sha256), listed
 * in the `models` stream, and downloaded by terminals with HTTP Range (a broken download resumes).
 */
export class ModelFiles {
  constructor(
    private readonly db: HubDb,
    private readonly dir: string,
    private readonly changes: ChangeLog,
    private readonly clock: HubClock,
  ) {}

  async add(
    sourcePath: string,
    description: Omit<HubModel, 'sizeBytes' | 'sha256'>,
  ): Promise<HubModel> {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(sourcePath)) hash.update(chunk as Buffer);
    const sha256 = hash.digest('hex');
    const { size } = await stat(sourcePath);
    const model = hubModelSchema.parse({ ...description, sizeBytes: size, sha256 });
    await mkdir(this.dir, { recursive: true });
    const temporary = join(this.dir, `.${sha256}.copy`);
    await copyFile(sourcePath, temporary);
    await rename(temporary, this.pathOf(sha256));
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO model_files (id, file_name, size_bytes, sha256, manifest) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name, size_bytes = excluded.size_bytes,
           sha256 = excluded.sha256, manifest = excluded.manifest, added_at = now()`,
        [model.id, model.fileName, model.sizeBytes, model.sha256, JSON.stringify(model)],
      );
      await this.changes.append(tx, {
        stream: 'models',
        scope: '*',
        key: `model:${model.id}`,
        op: 'upsert',
        hlc: this.clock.tick(),
        data: model,
      });
    });
    return model;
  }

  async list(): Promise<HubModelRow[]> {
    const rows = await this.db.query<{ manifest: HubModel; added_at: Date }>(
      'SELECT manifest, added_at FROM model_files ORDER BY id',
    );
    return rows.map((row) => ({ ...row.manifest, addedAt: iso(row.added_at) }));
  }

  /** GET /v1/models/:id/file for enrolled terminals: the bytes, whole or from a Range. */
  register(app: FastifyInstance, authenticator: Authenticator): void {
    app.get<{ Params: { id: string } }>('/v1/models/:id/file', async (request, reply) => {
      await authenticator.terminal(request);
      const rows = await this.db.query<{ sha256: string; size_bytes: number; file_name: string }>(
        'SELECT sha256, size_bytes, file_name FROM model_files WHERE id = $1',
        [request.params.id],
      );
      const row = rows[0];
      if (!row) throw new HubApiError('NOT_FOUND', { path: ['params', 'id'] });
      const size = row.size_bytes;
      const range = parseRange(request.headers.range, size);
      if (range === 'unsatisfiable')
        return reply.status(416).header('content-range', `bytes */${size}`).send();
      const { start, end } = range ?? { start: 0, end: size - 1 };
      void reply
        .status(range ? 206 : 200)
        .header('accept-ranges', 'bytes')
        .header('content-type', 'application/octet-stream')
        .header('content-length', end - start + 1)
        .header('content-disposition', `attachment; filename="${row.file_name}"`);
      if (range) void reply.header('content-range', `bytes ${start}-${end}/${size}`);
      return reply.send(createReadStream(this.pathOf(row.sha256), { start, end }));
    });
  }

  private pathOf(sha256: string): string {
    return join(this.dir, `${sha256}.gguf`);
  }
}

/** One `bytes=a-b` range (what resuming clients send); anything else means the whole file. */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
