import { createHash } from 'node:crypto';
import { ApiError } from '@shared/api';
import type { SyncService } from '../sync';

/** Tries in a row a dropped link gets before the share fails (waits 0.5, 1, 2, 4, 8 s). */
const MAX_RETRIES = 5;

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Uploads a sealed file to the hub chunk by chunk. When the link drops, it asks the hub how much
 * it holds and goes on from there, so a weak county link sends each byte about once.
 */
export async function uploadSealedFile(
  sync: SyncService,
  sessionId: string,
  participantId: string,
  ciphertext: Buffer,
): Promise<string> {
  const sha256 = createHash('sha256').update(ciphertext).digest('hex');
  let state = await sync.callHub('createSessionFile', {
    params: { id: sessionId },
    body: { participantId, size: ciphertext.length, sha256 },
  });
  const fileId = state.fileId;
  let failures = 0;
  while (!state.complete) {
    try {
      state = await sync.callHub('putSessionFileChunk', {
        params: { id: sessionId, fileId },
        body: {
          participantId,
          offset: state.received,
          data: ciphertext
            .subarray(state.received, state.received + state.chunkBytes)
            .toString('base64'),
        },
      });
      failures = 0;
    } catch (error) {
      failures += 1;
      if (!(error instanceof ApiError && error.code === 'TRY_LATER') || failures > MAX_RETRIES)
        throw error;
      await pause(250 * 2 ** failures);
      state = await sync.callHub('sessionFile', { params: { id: sessionId, fileId } });
    }
  }
  return fileId;
}

export async function downloadSealedFile(
  sync: SyncService,
  sessionId: string,
  fileId: string,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const chunk: { data: string; next: number | null } = await sync.callHub('getSessionFileChunk', {
      params: { id: sessionId, fileId },
      query: { offset },
    });
    parts.push(Buffer.from(chunk.data, 'base64'));
    offset = chunk.next;
  }
  return Buffer.concat(parts);
}
