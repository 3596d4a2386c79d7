import type { Change, Stream } from '@shared/hub/protocol';

/**
 * Applies one page of a server stream to the local store. Called inside the transaction that
 * also stores the stream's cursor, so the cursor never runs ahead of the data.
 */
export interface StreamApplier {
  readonly stream: Stream;
  /** `reset`: the hub restarted the stream from its beginning (it was restored from a backup). */
  apply(changes: Change[], reset: boolean): void;
  /** After the transaction committed: refresh what lives outside the store (a calendar). */
  afterCommit?(): void;
}
