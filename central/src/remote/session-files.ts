import { createHash } from 'node:crypto';
import {
  SESSION_FILE_CHUNK_BYTES,
  SESSION_FILES_MAX_BYTES,
  type SessionFileState,
} from '@shared/hub/remote';
import type { HubDb } from '../db/hub-db';
import { HubApiError } from '../http/hub-error';
import { newHubId } from '../auth/secrets';
import type { CallingTerminal } from './help-queue';

interface FileRow {
  id: string;
  session_id: string;
  participant_id: string;
  size: number;
  sha256: string;
  received: number;
  completed_at: Date | null;
}

/**
 * Files shared in a remote session, as ciphertext the hub cannot read: announced with their size
 * and hash, uploaded chunk by chunk at the offset the hub holds (a dropped link resumes there,
 * a repeated chunk is acknowledged), checked whole against the hash, read back by the session's
 * participants, and removed when the session ends.
 */
export class SessionFiles {
  constructor(private readonly db: HubDb) {}

  async create(
    caller: CallingTerminal,
    sessionId: string,
    file: { participantId: string; size: number; sha256: string },
  ): Promise<SessionFileState> {
    await this.requireParticipant(caller, sessionId, file.participantId);
    const id = newHubId('f');
    await this.db.transaction(async (tx) => {
      const held = await tx.query<{ total: number }>(
        `SELECT coalesce(sum(size), 0)::int AS total FROM session_files WHERE session_id = $1`,
        [sessionId],
      );
      if ((held[0]?.total ?? 0) + file.size > SESSION_FILES_MAX_BYTES)
        throw new HubApiError('PAYLOAD_TOO_LARGE', {
          message: {
            zh: '本次远程窗口共享的文件已达上限（60 MB）',
            en: 'This session has shared as much as it may (60 MB)',
          },
          path: ['body', 'size'],
        });
      await tx.query(
        `INSERT INTO session_files (id, session_id, participant_id, size, sha256) VALUES ($1, $2, $3, $4, $5)`,
        [id, sessionId, file.participantId, file.size, file.sha256],
      );
    });
    return this.state(caller, sessionId, id);
  }

  async state(
    caller: CallingTerminal,
    sessionId: string,
    fileId: string,
  ): Promise<SessionFileState> {
    const file = await this.file(sessionId, fileId);
    await this.requireInSession(caller, sessionId);
    return toState(file);
  }

  /** Takes the chunk at the offset the hub holds; one it already has is acknowledged as is. */
  async put(
    caller: CallingTerminal,
    sessionId: string,
    fileId: string,
    chunk: { participantId: string; offset: number; data: string },
  ): Promise<SessionFileState> {
    await this.requireParticipant(caller, sessionId, chunk.participantId);
    const bytes = Buffer.from(chunk.data, 'base64');
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<FileRow>(
        `SELECT * FROM session_files WHERE id = $1 AND session_id = $2 FOR UPDATE`,
        [fileId, sessionId],
      );
      const file = rows[0];
      if (!file) throw new HubApiError('NOT_FOUND');
      if (file.participant_id !== chunk.participantId) throw new HubApiError('FORBIDDEN');
      if (chunk.offset < file.received) return toState(file);
      if (chunk.offset > file.received)
        throw new HubApiError('CONFLICT', {
          message: {
            zh: `文件分片不连续：应从第 ${String(file.received)} 字节续传`,
            en: `Chunks must follow on: resume at byte ${String(file.received)}`,
          },
          path: ['body', 'offset'],
        });
      if (
        bytes.length === 0 ||
        bytes.length > SESSION_FILE_CHUNK_BYTES ||
        file.received + bytes.length > file.size
      )
        throw new HubApiError('INVALID_INPUT', {
          message: { zh: '文件分片大小不符', en: 'The chunk has the wrong size' },
          path: ['body', 'data'],
        });
      await tx.query(
        `INSERT INTO session_file_chunks (file_id, "offset", data) VALUES ($1, $2, $3)`,
        [fileId, chunk.offset, bytes],
      );
      const received = file.received + bytes.length;
      let completedAt: Date | null = null;
      if (received === file.size) {
        const parts = await tx.query<{ data: Uint8Array }>(
          `SELECT data FROM session_file_chunks WHERE file_id = $1 ORDER BY "offset"`,
          [fileId],
        );
        const hash = createHash('sha256');
        for (const part of parts) hash.update(part.data);
        if (hash.digest('hex') !== file.sha256)
          throw new HubApiError('INVALID_INPUT', {
            message: {
              zh: '文件校验失败，请重新共享',
              en: 'The file does not match its hash; share it again',
            },
            path: ['body', 'data'],
          });
        completedAt = new Date();
      }
      await tx.query(`UPDATE session_files SET received = $2, completed_at = $3 WHERE id = $1`, [
        fileId,
        received,
        completedAt,
      ]);
      return toState({ ...file, received, completed_at: completedAt });
    });
  }

  async read(
    caller: CallingTerminal,
    sessionId: string,
    fileId: string,
    offset: number,
  ): Promise<{ offset: number; data: string; next: number | null }> {
    await this.requireInSession(caller, sessionId);
    const file = await this.file(sessionId, fileId);
    if (file.completed_at === null)
      throw new HubApiError('CONFLICT', {
        message: { zh: '文件尚未上传完成', en: 'The file is still uploading' },
      });
    const rows = await this.db.query<{ offset: number; data: Uint8Array }>(
      `SELECT "offset", data FROM session_file_chunks WHERE file_id = $1 AND "offset" = $2`,
      [fileId, offset],
    );
    const chunk = rows[0];
    if (!chunk) throw new HubApiError('NOT_FOUND', { path: ['query', 'offset'] });
    const next = chunk.offset + chunk.data.length;
    return {
      offset: chunk.offset,
      data: Buffer.from(chunk.data).toString('base64'),
      next: next < file.size ? next : null,
    };
  }

  private async file(sessionId: string, fileId: string): Promise<FileRow> {
    const rows = await this.db.query<FileRow>(
      `SELECT * FROM session_files WHERE id = $1 AND session_id = $2`,
      [fileId, sessionId],
    );
    const file = rows[0];
    if (!file) throw new HubApiError('NOT_FOUND');
    return file;
  }

  private async requireParticipant(
    caller: CallingTerminal,
    sessionId: string,
    participantId: string,
  ): Promise<void> {
    const rows = await this.db.query<{ ended: boolean }>(
      `SELECT s.ended_at IS NOT NULL AS ended FROM remote_participants p
         JOIN remote_sessions s ON s.id = p.session_id
        WHERE p.id = $1 AND p.session_id = $2 AND p.terminal_id = $3 AND p.left_at IS NULL`,
      [participantId, sessionId, caller.id],
    );
    if (!rows[0]) throw new HubApiError('FORBIDDEN');
    if (rows[0].ended) throw new HubApiError('SESSION_ENDED');
  }

  private async requireInSession(caller: CallingTerminal, sessionId: string): Promise<void> {
    const rows = await this.db.query(
      `SELECT 1 FROM remote_participants WHERE session_id = $1 AND terminal_id = $2 AND left_at IS NULL`,
      [sessionId, caller.id],
    );
    if (rows.length === 0) throw new HubApiError('FORBIDDEN');
  }
}

function toState(file: FileRow): SessionFileState {
  return {
    fileId: file.id,
    size: file.size,
    received: file.received,
    complete: file.completed_at !== null,
    chunkBytes: SESSION_FILE_CHUNK_BYTES,
  };
}
