import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { changeSchema, cursorSchema, mutationSchema, streamSchema } from './protocol';

/**
 * The offline package (离线包): sync carried on a USB stick for halls without any network. The
 * terminal writes its unacknowledged outbox and where each stream stands; the hub applies it
 * through the same exactly-once path as a network push and answers with a package of its own
 * (the acknowledgement and every stream's changes since). Both are signed with an HMAC key only
 * the terminal and its hub know.
 */
export const SYNC_PACKAGE_FORMAT = 'bangban-sync-package';
export const SYNC_PACKAGE_VERSION = 1;

export const toHubBodySchema = z.object({
  mutations: z.array(mutationSchema),
  /** Where each stream stands on the terminal: the hub's answer continues from there. */
  cursors: z.partialRecord(streamSchema, cursorSchema),
  /** The highest sequence number the terminal believes the hub holds. */
  ackedSeq: z.number().int().nonnegative(),
});
export type ToHubBody = z.infer<typeof toHubBodySchema>;

export const packagePageSchema = z.object({
  stream: streamSchema,
  /** The terminal's cursor this page continues; a terminal already further on skips it. */
  fromCursor: cursorSchema,
  changes: z.array(changeSchema),
  cursor: cursorSchema,
  reset: z.boolean(),
});
export type PackagePage = z.infer<typeof packagePageSchema>;

export const toTerminalBodySchema = z.object({
  lastSeq: z.number().int().nonnegative(),
  pages: z.array(packagePageSchema),
  hubHlc: z.string(),
});
export type ToTerminalBody = z.infer<typeof toTerminalBodySchema>;

const envelope = {
  format: z.literal(SYNC_PACKAGE_FORMAT),
  formatVersion: z.literal(SYNC_PACKAGE_VERSION),
  terminalId: z.string(),
  hallId: z.string(),
  createdAt: z.iso.datetime(),
  /** HMAC-SHA256, hex, over the canonical JSON of everything but the signature. */
  signature: z.string().regex(/^[0-9a-f]{64}$/),
};

export const syncPackageSchema = z.discriminatedUnion('direction', [
  z.object({ ...envelope, direction: z.literal('to-hub'), body: toHubBodySchema }),
  z.object({ ...envelope, direction: z.literal('to-terminal'), body: toTerminalBodySchema }),
]);
export type SyncPackage = z.infer<typeof syncPackageSchema>;
export type UnsignedPackage = Omit<SyncPackage, 'signature'>;

/** The text a package's signature covers: everything but the signature, canonically. */
export function packageSigningText(pkg: UnsignedPackage | SyncPackage): string {
  const { signature: _ignored, ...signed } = pkg as SyncPackage;
  return canonicalJson(signed);
}

/** The label the package key is derived under from the terminal's secret (HMAC-SHA256). */
export const PACKAGE_KEY_LABEL = 'bangban-sync-package/v1';
