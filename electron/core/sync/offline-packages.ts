import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError, type ExportedPackage, type PackageImport } from '@shared/api';
import {
  PACKAGE_KEY_LABEL,
  packageSigningText,
  SYNC_PACKAGE_FORMAT,
  SYNC_PACKAGE_VERSION,
  syncPackageSchema,
  type SyncPackage,
  type UnsignedPackage,
} from '@shared/hub/package';
import type { Clock } from '../clock';
import type { HubCredentials } from './credentials-store';
import type { OutboxQueue } from './outbox-queue';
import type { StreamPages } from './stream-pages';
import type { SyncRuns } from './sync-runs';

/**
 * Sync for halls without any network (离线包): the outbox goes to the hub on a USB stick, signed
 * with a key derived from this terminal's secret, and the hub's signed answer comes back the same
 * way. The answer goes through the same acknowledgement and page-with-cursor path as the network.
 */
export class OfflinePackages {
  constructor(
    private readonly outbox: OutboxQueue,
    private readonly pages: StreamPages,
    private readonly runs: SyncRuns,
    private readonly clock: Clock,
    private readonly credentials: () => HubCredentials,
  ) {}

  export(): ExportedPackage {
    const credentials = this.credentials();
    const startedAt = this.clock.now().toISOString();
    const mutations = this.outbox.pending(Number.MAX_SAFE_INTEGER);
    const unsigned: UnsignedPackage = {
      format: SYNC_PACKAGE_FORMAT,
      formatVersion: SYNC_PACKAGE_VERSION,
      direction: 'to-hub',
      terminalId: credentials.terminalId,
      hallId: credentials.hall.id,
      createdAt: startedAt,
      body: { mutations, cursors: this.pages.cursors(), ackedSeq: this.outbox.ackedSeq() },
    };
    const pkg = { ...unsigned, signature: sign(credentials, unsigned) };
    const run = this.runs.begin('package', startedAt);
    this.runs.finish(run, {
      at: startedAt,
      pushed: mutations.length,
      pulled: 0,
      outcome: 'ok',
      problem: null,
    });
    return {
      fileName: `bangban-package-${credentials.terminalId}-${stamp(startedAt)}.json`,
      content: JSON.stringify(pkg),
      mutations: mutations.length,
    };
  }

  import(content: string): PackageImport {
    const credentials = this.credentials();
    const pkg = this.parse(content);
    if (pkg.direction !== 'to-terminal')
      throw invalid(
        '这是本终端导出的离线包，应在中心导入',
        'This package was exported here: import it at the hub',
      );
    if (pkg.terminalId !== credentials.terminalId)
      throw invalid('这份回执是发给其他终端的', 'This reply is meant for another terminal');
    if (!verify(credentials, pkg))
      throw invalid(
        '回执签名不符：文件被改动过，或不是本终端的中心签发的',
        'The signature does not match',
      );

    const startedAt = this.clock.now().toISOString();
    const now = this.clock.now().getTime();
    const { body } = pkg;
    const acknowledgedBefore = this.outbox.pendingCount();
    // A hub restored from a backup answers with less than it once acknowledged: re-send that.
    if (body.lastSeq < this.outbox.ackedSeq()) this.outbox.rewind(body.lastSeq);
    else this.outbox.acknowledge(body.lastSeq, startedAt);
    this.outbox.receiveClock(body.hubHlc, now);
    let pulled = 0;
    const skipped = new Set<string>();
    const changed = new Set<string>();
    for (const page of body.pages) {
      const applier = this.pages.appliers.find((candidate) => candidate.stream === page.stream);
      // A terminal that synced past this point over the network (or imported a later reply) has it.
      if (
        !applier ||
        this.pages.cursor(page.stream) !== page.fromCursor ||
        skipped.has(page.stream)
      ) {
        skipped.add(page.stream);
        continue;
      }
      this.pages.apply(applier, page);
      pulled += page.changes.length;
      changed.add(page.stream);
    }
    for (const applier of this.pages.appliers)
      if (changed.has(applier.stream)) applier.afterCommit?.();
    const acknowledged = Math.max(0, acknowledgedBefore - this.outbox.pendingCount());
    const run = this.runs.begin('package', startedAt);
    this.runs.finish(run, {
      at: this.clock.now().toISOString(),
      pushed: acknowledged,
      pulled,
      outcome: 'ok',
      problem: null,
    });
    return { acknowledged, pulled, skippedStreams: [...skipped] };
  }

  private parse(content: string): SyncPackage {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw invalid('不是离线包文件（无法解析）', 'Not an offline package (unreadable)');
    }
    const parsed = syncPackageSchema.safeParse(json);
    if (!parsed.success) throw invalid('不是有效的离线包文件', 'Not a valid offline package');
    return parsed.data;
  }
}

function packageKey(credentials: HubCredentials): Buffer {
  return createHmac('sha256', credentials.secret).update(PACKAGE_KEY_LABEL).digest();
}

function sign(credentials: HubCredentials, pkg: UnsignedPackage): string {
  return createHmac('sha256', packageKey(credentials))
    .update(packageSigningText(pkg))
    .digest('hex');
}

function verify(credentials: HubCredentials, pkg: SyncPackage): boolean {
  const expected = Buffer.from(sign(credentials, pkg), 'hex');
  const given = Buffer.from(pkg.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function stamp(iso: string): string {
  return iso.slice(0, 19).replace(/[-:T]/g, '');
}

function invalid(zh: string, en: string): ApiError {
  return new ApiError('INVALID_INPUT', { message: { zh, en }, path: ['content'] });
}
