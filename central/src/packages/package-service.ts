import { MAX_PULL_PAGE, MAX_PUSH_BATCH, streams, type PushResponse } from '@shared/hub/protocol';
import type { PackageImportResult } from '@shared/hub/admin';
import {
  packageSigningText,
  SYNC_PACKAGE_FORMAT,
  SYNC_PACKAGE_VERSION,
  syncPackageSchema,
  type PackagePage,
  type SyncPackage,
  type UnsignedPackage,
} from '@shared/hub/package';
import { signatureMatches, signText } from '../auth/package-key';
import type { HubDb } from '../db/hub-db';
import { HubApiError } from '../http/hub-error';
import type { HubClock } from '../sync/hub-clock';
import type { PullService } from '../sync/pull-service';
import type { PushService } from '../sync/push-service';

interface PackageTerminal {
  id: string;
  name: string;
  hallId: string;
  hallName: string;
  packageKey: string;
  revoked: boolean;
}

/**
 * Sync by USB stick: a terminal's signed package goes through the same push as the network (so
 * exactly once), and the answer carries the acknowledgement and every stream's changes since
 * the cursors the package named, signed for that terminal.
 */
export class PackageService {
  constructor(
    private readonly db: HubDb,
    private readonly push: PushService,
    private readonly pull: PullService,
    private readonly clock: HubClock,
  ) {}

  async import(content: string): Promise<PackageImportResult> {
    const pkg = this.parse(content);
    if (pkg.direction !== 'to-hub')
      throw invalid(
        '这是中心发出的回执包，应导入终端',
        'This is a reply package: import it at the terminal',
      );
    const terminal = await this.terminal(pkg.terminalId);
    if (!signatureMatches(terminal.packageKey, packageSigningText(pkg), pkg.signature))
      throw invalid(
        '离线包签名不符：文件被改动过，或不是该终端导出的',
        'The signature does not match: the file was changed or is not from that terminal',
      );
    if (terminal.revoked) throw new HubApiError('TERMINAL_REVOKED');

    const counts = { applied: 0, duplicates: 0, conflicts: 0 };
    let lastSeq = await this.lastSeq(terminal.id);
    let needsResend = false;
    const { mutations } = pkg.body;
    for (let start = 0; start < mutations.length; start += MAX_PUSH_BATCH) {
      let answer: PushResponse;
      try {
        answer = await this.push.push(
          terminal,
          mutations.slice(start, start + MAX_PUSH_BATCH),
          'package',
        );
      } catch (error) {
        if (error instanceof HubApiError && error.body.code === 'SEQUENCE_GAP') {
          needsResend = true;
          break;
        }
        throw error;
      }
      lastSeq = answer.lastSeq;
      for (const result of answer.results) {
        if (result.outcome === 'duplicate') counts.duplicates += 1;
        else if (result.outcome === 'conflict') counts.conflicts += 1;
        else counts.applied += 1;
      }
    }

    const pages: PackagePage[] = [];
    for (const stream of streams) {
      let cursor = pkg.body.cursors[stream] ?? '';
      for (let more = true; more;) {
        const page = await this.pull.pull(terminal.hallId, {
          stream,
          cursor,
          limit: MAX_PULL_PAGE,
        });
        if (page.changes.length > 0 || page.reset)
          pages.push({
            stream,
            fromCursor: cursor,
            changes: page.changes,
            cursor: page.cursor,
            reset: page.reset,
          });
        cursor = page.cursor;
        more = page.more;
      }
    }
    const createdAt = new Date().toISOString();
    const unsigned: UnsignedPackage = {
      format: SYNC_PACKAGE_FORMAT,
      formatVersion: SYNC_PACKAGE_VERSION,
      direction: 'to-terminal',
      terminalId: terminal.id,
      hallId: terminal.hallId,
      createdAt,
      body: { lastSeq, pages, hubHlc: this.clock.tick() },
    };
    const reply: SyncPackage = {
      ...unsigned,
      signature: signText(terminal.packageKey, packageSigningText(unsigned)),
    } as SyncPackage;
    return {
      terminalId: terminal.id,
      terminalName: terminal.name,
      hallName: terminal.hallName,
      mutations: mutations.length,
      ...counts,
      lastSeq,
      needsResend,
      reply: JSON.stringify(reply),
      replyFileName: `bangban-reply-${terminal.id}-${createdAt.slice(0, 19).replace(/[-:T]/g, '')}.json`,
    };
  }

  private parse(content: string): SyncPackage {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw invalid('不是离线包文件（无法解析）', 'Not an offline package (unreadable)');
    }
    const parsed = syncPackageSchema.safeParse(json);
    if (!parsed.success)
      throw invalid(
        `离线包格式不符：${parsed.error.issues[0]?.path.join('.') ?? ''}`,
        `Not a valid offline package: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    return parsed.data;
  }

  private async terminal(id: string): Promise<PackageTerminal> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      hall_id: string;
      hall_name: string;
      package_key: string;
      revoked_at: Date | null;
    }>(
      `SELECT t.id, t.name, t.hall_id, h.name AS hall_name, t.package_key, t.revoked_at
         FROM terminals t JOIN halls h ON h.id = t.hall_id WHERE t.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row || row.package_key === '')
      throw invalid(
        '离线包来自本中心不认识的终端',
        'The package comes from a terminal this hub does not know',
      );
    return {
      id: row.id,
      name: row.name,
      hallId: row.hall_id,
      hallName: row.hall_name,
      packageKey: row.package_key,
      revoked: row.revoked_at !== null,
    };
  }

  private async lastSeq(terminalId: string): Promise<number> {
    const rows = await this.db.query<{ last_seq: number }>(
      'SELECT last_seq FROM terminals WHERE id = $1',
      [terminalId],
    );
    return rows[0]?.last_seq ?? 0;
  }
}

function invalid(zh: string, en: string): HubApiError {
  return new HubApiError('PACKAGE_INVALID', { message: { zh, en }, path: ['body', 'content'] });
}
