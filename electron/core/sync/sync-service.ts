import {
  ApiError,
  type ErrorCode,
  type SyncConflict,
  type SyncProblem,
  type SyncRun,
  type SyncState,
  type SyncStatus,
} from '@shared/api';
import { MAX_PUSH_BATCH } from '@shared/hub/protocol';
import { RELAY_PATH } from '@shared/hub/remote';
import type { HubRouteInput, HubRouteName, HubRouteOutput } from '@shared/hub/routes';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CredentialsStore, HubCredentials } from './credentials-store';
import { HubClient, HubRequestError, type FetchLike } from './hub-client';
import type { OutboxQueue } from './outbox-queue';
import type { StreamPages } from './stream-pages';
import type { SyncConflicts } from './sync-conflicts';
import type { SyncRuns } from './sync-runs';

export interface SyncSchedule {
  /** Between runs while all is well. */
  intervalMs: number;
  /** The first retry after a failure; doubles each time, up to maxBackoffMs, with jitter. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Mutations per push request. */
  batchSize: number;
  /** Changes per pull page. */
  pageSize: number;
}

/** How soon new local writes go to an online hub: a few seconds gathers a clerk's burst. */
const SOON_MS = 3_000;

export const defaultSyncSchedule: SyncSchedule = {
  intervalMs: 60_000,
  minBackoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  batchSize: 200,
  pageSize: 1000,
};

export interface SyncServiceOptions {
  conflicts: SyncConflicts;
  credentials: CredentialsStore;
  outbox: OutboxQueue;
  runs: SyncRuns;
  pages: StreamPages;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  hostname: string;
  schedule?: Partial<SyncSchedule>;
  fetch?: FetchLike;
  onStatus: (status: SyncStatus) => void;
}

interface Outcome {
  pushed: number;
  pulled: number;
}

/**
 * Meets the hub when it can: pushes the outbox in order, then pulls every stream, each page
 * applied with its cursor in one transaction. One run at a time; after a failure it retries on its
 * own with exponential backoff and jitter, whether or not anything new was written.
 */
export class SyncService {
  private readonly schedule: SyncSchedule;
  private credentials: HubCredentials | undefined;
  private state: SyncState = 'not_enrolled';
  private problem: SyncProblem | null = null;
  private running: Promise<SyncRun> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextAttemptAt: string | null = null;
  private failures = 0;
  private clockSkewSeconds: number | null = null;
  private stopped = true;
  private lastPending = -1;

  constructor(private readonly options: SyncServiceOptions) {
    this.schedule = { ...defaultSyncSchedule, ...options.schedule };
  }

  /** Reads the stored credentials; with `autoSync`, starts the schedule. */
  async init(autoSync: boolean): Promise<void> {
    try {
      this.credentials = await this.options.credentials.load();
    } catch (error) {
      this.options.logger.error('hub credentials unreadable', error);
      this.problem = {
        code: 'CREDENTIALS_UNREADABLE',
        message: {
          zh: '无法读取中心凭据（系统密钥环不可用或文件损坏），请重新注册本终端',
          en: 'The hub credentials cannot be read (keyring unavailable or file damaged); enrol again',
        },
      };
    }
    this.state = this.credentials ? 'idle' : 'not_enrolled';
    if (autoSync) {
      this.stopped = false;
      if (this.credentials) this.scheduleIn(1_000);
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  status(): SyncStatus {
    const credentials = this.credentials;
    return {
      state: this.state,
      hubUrl: credentials?.hubUrl ?? null,
      terminal: credentials
        ? {
            id: credentials.terminalId,
            name: credentials.terminalName,
            hallId: credentials.hall.id,
            hallName: credentials.hall.name,
            enrolledAt: credentials.enrolledAt,
          }
        : null,
      pending: this.options.outbox.pendingCount(),
      lastSuccessAt: this.options.runs.lastSuccessAt(),
      lastAttemptAt: this.options.runs.lastAttemptAt(),
      nextAttemptAt: this.nextAttemptAt,
      problem: this.problem,
      openConflicts: this.options.conflicts.openCount(),
      clockSkewSeconds: this.clockSkewSeconds,
      credentialProtection: this.options.credentials.protection,
    };
  }

  /**
   * Called after each request the engine answers: when the outbox grew, the status (pending count)
   * goes out at once, and a terminal that is online sends the new writes within seconds instead
   * of at the next minute's run. A terminal backing off after failures keeps its schedule.
   */
  noticeLocalWrites(): void {
    // A terminal that is not enrolled has nobody to send to: nothing to announce.
    if (!this.credentials) return;
    const pending = this.options.outbox.pendingCount();
    if (pending === this.lastPending) return;
    const grew = pending > this.lastPending;
    this.lastPending = pending;
    this.options.onStatus(this.status());
    if (!grew || this.state !== 'idle' || this.running) return;
    const soon = this.options.clock.now().getTime() + SOON_MS;
    if (this.nextAttemptAt === null || Date.parse(this.nextAttemptAt) > soon)
      this.scheduleIn(SOON_MS);
  }

  async enrol(hubUrl: string, code: string, terminalName: string): Promise<SyncStatus> {
    if (this.credentials)
      throw new ApiError('CONFLICT', {
        message: {
          zh: '本终端已注册到中心；如需重新注册，请先解除注册',
          en: 'This terminal is enrolled already; leave the hub first to enrol again',
        },
      });
    const client = new HubClient(hubUrl, undefined, this.options.fetch);
    let enrolled;
    try {
      enrolled = await client.call('enrol', {
        body: {
          code,
          terminalName,
          hostname: this.options.hostname,
          appVersion: this.options.appVersion,
        },
      });
    } catch (error) {
      throw toApiError(error);
    }
    this.credentials = {
      hubUrl,
      terminalId: enrolled.terminalId,
      secret: enrolled.secret,
      terminalName,
      hall: enrolled.hall,
      enrolledAt: this.options.clock.now().toISOString(),
    };
    await this.options.credentials.save(this.credentials);
    this.options.outbox.receiveClock(enrolled.hubHlc, this.options.clock.now().getTime());
    // The first sync follows at once (it reports "syncing"): never "synced" before it ran.
    this.problem = null;
    await this.syncNow('manual');
    return this.status();
  }

  async setHubUrl(hubUrl: string): Promise<SyncStatus> {
    const credentials = this.requireCredentials();
    this.credentials = { ...credentials, hubUrl };
    await this.options.credentials.save(this.credentials);
    this.failures = 0;
    this.setState('idle', null);
    if (!this.stopped) this.scheduleIn(0);
    return this.status();
  }

  leave(): SyncStatus {
    this.options.credentials.remove();
    this.credentials = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = null;
    this.setState('not_enrolled', null);
    return this.status();
  }

  history(limit: number): SyncRun[] {
    return this.options.runs.recent(limit);
  }

  conflicts(): SyncConflict[] {
    return this.options.conflicts.list();
  }

  /** Runs now, or joins the run under way. */
  syncNow(trigger: SyncRun['trigger'] = 'manual'): Promise<SyncRun> {
    this.running ??= this.run(trigger).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(trigger: SyncRun['trigger']): Promise<SyncRun> {
    const credentials = this.requireCredentials();
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = null;
    const runs = this.options.runs;
    const id = runs.begin(trigger, this.now());
    // A retry in the background keeps showing why the last run failed; only a run that somebody
    // asked for, or one from a healthy state, reads "syncing" (no flicker while offline).
    const retrying = trigger === 'auto' && (this.state === 'offline' || this.state === 'error');
    if (!retrying) this.setState('syncing', this.problem);
    const client = new HubClient(
      credentials.hubUrl,
      `${credentials.terminalId}.${credentials.secret}`,
      this.options.fetch,
    );
    const done: Outcome = { pushed: 0, pulled: 0 };
    try {
      await this.push(client, done);
      await this.pull(client, done);
      this.failures = 0;
      this.setState('idle', null);
      this.scheduleIn(this.schedule.intervalMs);
      return runs.finish(id, { at: this.now(), ...done, outcome: 'ok', problem: null });
    } catch (error) {
      const problem = describeFailure(error);
      const offline = error instanceof HubRequestError && error.transient;
      const revoked =
        error instanceof HubRequestError && error.hubError?.code === 'TERMINAL_REVOKED';
      this.options.logger.warn('sync failed', { problem: problem.code, detail: String(error) });
      this.setState(revoked ? 'revoked' : offline ? 'offline' : 'error', problem);
      this.failures += 1;
      // A revoked terminal stops asking; anything else is retried, backing off.
      if (!revoked) this.scheduleIn(this.backoff());
      return runs.finish(id, {
        at: this.now(),
        ...done,
        outcome: offline ? 'offline' : 'failed',
        problem,
      });
    }
  }

  /** Sends the outbox in order until nothing is pending, re-sending what a restored hub lost. */
  private async push(client: HubClient, done: Outcome): Promise<void> {
    const outbox = this.options.outbox;
    const state = await client.call('state');
    this.hear(state.hubHlc);
    this.clockSkewSeconds = Math.round(
      (this.options.clock.now().getTime() - Date.parse(state.hubTime)) / 1000,
    );
    if (state.lastSeq < outbox.ackedSeq()) this.rewind(state.lastSeq);
    for (;;) {
      const batch = outbox.pending(Math.min(this.schedule.batchSize, MAX_PUSH_BATCH));
      if (batch.length === 0) return;
      let answer;
      try {
        answer = await client.call('push', { body: { mutations: batch } });
      } catch (error) {
        const expected =
          error instanceof HubRequestError && error.hubError?.code === 'SEQUENCE_GAP'
            ? error.hubError.expectedSeq
            : undefined;
        const first = batch[0]?.seq ?? 0;
        // The hub holds less than this batch assumes: send again from where it stands.
        if (expected !== undefined && expected < first) {
          this.rewind(expected - 1);
          continue;
        }
        throw error;
      }
      outbox.acknowledge(answer.lastSeq, this.now());
      this.hear(answer.hubHlc);
      done.pushed += answer.results.filter((result) => result.outcome !== 'duplicate').length;
    }
  }

  private rewind(hubLastSeq: number): void {
    const { resend, missing } = this.options.outbox.rewind(hubLastSeq);
    this.options.logger.warn('the hub holds less than it acknowledged: sending again', {
      hubLastSeq,
      resend,
      missing,
    });
    if (missing > 0)
      throw new ApiError('CONFLICT', {
        message: {
          zh: `中心丢失了本终端的 ${missing} 条变更，本机也已不再保存，无法补发：请联系管理员`,
          en: `The hub lost ${missing} of this terminal's changes that this terminal no longer holds`,
        },
      });
  }

  /** Every stream in order, page by page; each page and its cursor in one transaction. */
  private async pull(client: HubClient, done: Outcome): Promise<void> {
    const pages = this.options.pages;
    for (const applier of pages.appliers) {
      let cursor = pages.cursor(applier.stream);
      let more = true;
      let changed = false;
      while (more) {
        const page = await client.call('pull', {
          query: { stream: applier.stream, cursor, limit: this.schedule.pageSize },
        });
        pages.apply(applier, page, () => {
          this.hear(page.hubHlc);
        });
        cursor = page.cursor;
        more = page.more;
        changed ||= page.changes.length > 0 || page.reset;
        done.pulled += page.changes.length;
      }
      if (changed) applier.afterCommit?.();
    }
  }

  private hear(hubHlc: string): void {
    this.options.outbox.receiveClock(hubHlc, this.options.clock.now().getTime());
  }

  /** Exponential, capped, with "equal jitter": half the delay fixed, half random. */
  private backoff(): number {
    const { minBackoffMs, maxBackoffMs } = this.schedule;
    const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.max(0, this.failures - 1));
    return delay / 2 + Math.random() * (delay / 2);
  }

  private scheduleIn(ms: number): void {
    if (this.stopped || !this.credentials) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(this.options.clock.now().getTime() + ms).toISOString();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.syncNow('auto').catch((error: unknown) => {
        // Only a run cut short by the engine closing gets here: failures are runs too.
        this.options.logger.warn('sync run abandoned', { detail: String(error) });
      });
    }, ms);
    this.timer.unref();
  }

  private setState(state: SyncState, problem: SyncProblem | null): void {
    this.state = state;
    this.problem = problem;
    this.options.onStatus(this.status());
  }

  /** Where the hub serves a model file, with a fetch carrying this terminal's credentials. */
  modelDownload(id: string): { url: string; fetch: typeof fetch } | undefined {
    const credentials = this.credentials;
    if (!credentials) return undefined;
    const base = credentials.hubUrl.endsWith('/') ? credentials.hubUrl : `${credentials.hubUrl}/`;
    const token = `${credentials.terminalId}.${credentials.secret}`;
    return {
      url: new URL(`v1/models/${encodeURIComponent(id)}/file`, base).toString(),
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            authorization: `Bearer ${token}`,
          },
        }),
    };
  }

  /** Calls the hub as this terminal; a failure comes back as the renderer's typed error. */
  async callHub<N extends HubRouteName>(
    name: N,
    input: Partial<HubRouteInput<N>> = {},
  ): Promise<HubRouteOutput<N>> {
    const credentials = this.requireCredentials();
    const client = new HubClient(
      credentials.hubUrl,
      `${credentials.terminalId}.${credentials.secret}`,
      this.options.fetch,
    );
    try {
      return await client.call(name, input);
    } catch (error) {
      throw toApiError(error);
    }
  }

  /** The hub's co-browsing relay, as a WebSocket URL. */
  relayUrl(): string {
    const url = new URL(RELAY_PATH, this.requireCredentials().hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  }

  /** The credentials of the enrolled terminal (offline packages sign with them). */
  requireCredentials(): HubCredentials {
    if (this.credentials) return this.credentials;
    throw new ApiError('CONFLICT', {
      message: { zh: '本终端尚未注册到中心', en: 'This terminal is not enrolled at a hub' },
    });
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}

/** A failure in words a clerk can act on. */
export function describeFailure(error: unknown): SyncProblem {
  if (error instanceof HubRequestError) {
    if (error.hubError) return { code: error.hubError.code, message: error.hubError.message };
    if (error.kind === 'network')
      return {
        code: 'HUB_UNREACHABLE',
        message: {
          zh: '无法连接中心（网络不通或中心未运行），稍后自动重试',
          en: 'The hub cannot be reached (no network or hub down); retrying on its own',
        },
      };
    if (error.kind === 'timeout')
      return {
        code: 'HUB_TIMEOUT',
        message: {
          zh: '中心响应超时，稍后自动重试',
          en: 'The hub is too slow to answer; retrying',
        },
      };
    if (error.status !== null && error.status >= 500)
      return {
        code: 'HUB_FAILED',
        message: { zh: '中心暂时出错，稍后自动重试', en: 'The hub failed; retrying' },
      };
    return {
      code: 'HUB_MALFORMED',
      message: {
        zh: '中心返回的数据不符合接口约定，请联系管理员',
        en: 'The hub answered outside its documented API; contact the administrator',
      },
    };
  }
  if (error instanceof ApiError) return { code: error.code, message: error.localized };
  return {
    code: 'SYNC_FAILED',
    message: {
      zh: `同步中断：${error instanceof Error ? error.message : String(error)}`,
      en: `Sync stopped: ${error instanceof Error ? error.message : String(error)}`,
    },
  };
}

/** For methods answering the renderer: a hub refusal or an unreachable hub as a typed error. */
/** A failed hub call as the renderer's typed error: the hub's own words, the nearest code. */
export function toApiError(error: unknown): ApiError {
  const problem = describeFailure(error);
  const hubCode = error instanceof HubRequestError ? error.hubError?.code : undefined;
  const transient = error instanceof HubRequestError && error.transient;
  const code: ErrorCode =
    hubCode === 'ENROLMENT_CODE_INVALID' || hubCode === 'JOIN_CODE_INVALID'
      ? 'BAD_CREDENTIALS'
      : hubCode === 'FORBIDDEN' || hubCode === 'NOT_FOUND' || hubCode === 'INVALID_INPUT'
        ? hubCode
        : transient
          ? 'TRY_LATER'
          : 'CONFLICT';
  return new ApiError(code, {
    message: problem.message,
    path: code === 'BAD_CREDENTIALS' ? ['code'] : [],
  });
}
