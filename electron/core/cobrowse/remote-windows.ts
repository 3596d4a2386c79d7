import {
  ApiError,
  type EventName,
  type EventPayload,
  type LocalizedText,
  type ParsedInput,
  type RemoteSessionAudit,
  type RemoteSessionView,
  type SharedFile,
} from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import type { CaseRef } from '@shared/hub/remote';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { SignedInUser } from '../auth/auth-service';
import type { CaseService } from '../cases/case-service';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ReviewService } from '../review/review-service';
import type { SyncService } from '../sync';
import { CaseWorkspace } from './case-workspace';
import { downloadSealedFile, uploadSealedFile } from './file-transfer';
import { actorOf } from './help-desk';
import type { RemoteEventRow, RemoteSessionRepository } from './remote-session-repository';
import { RemoteWindow, type SessionHub } from './remote-window';
import { SessionKeys } from './session-keys';

export interface RemoteWindowsOptions {
  sync: SyncService;
  cases: CaseService;
  reviews: ReviewService;
  repository: RemoteSessionRepository;
  /** Where an ID-card still is kept with its case. */
  attachments: AttachmentStore;
  clock: Clock;
  logger: Logger;
  /** Grows with every local write: the windows re-read their case only when it moved. */
  writeMark(): number;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** Why a session left open by a stopped engine ended. */
const INTERRUPTED = '本机程序重启，会话中断';

/** How long an ended window stays listed, so both sides see how it ended. */
const ENDED_VISIBLE_MS = 60 * 60 * 1000;

/**
 * The remote windows (远程虚拟窗口) of this terminal: opened on a local case by a clerk, or joined
 * by a remote expert. Each lives while the engine runs; its record stays with the case.
 */
export class RemoteWindows {
  private readonly windows = new Map<string, RemoteWindow>();
  private lastMark = -1;

  constructor(private readonly options: RemoteWindowsOptions) {}

  /** Sessions a stopped engine left open are over: their keys died with it. */
  init(): void {
    const { repository, clock } = this.options;
    for (const session of repository.unfinished()) {
      const at = clock.now().toISOString();
      repository.end(session.id, at, '本机', INTERRUPTED);
      repository.addEvent(session.id, {
        at,
        kind: 'ended',
        actor: '本机',
        data: { outcome: INTERRUPTED },
      });
    }
  }

  async open(input: ParsedInput<'remote.open'>, user: SignedInUser): Promise<RemoteSessionView> {
    // A request's window open here is the one to go back to; asking the hub again would replace it.
    const current = [...this.windows.values()].find(
      (window) =>
        !window.isEnded &&
        input.helpRequestId !== undefined &&
        window.helpRequestId === input.helpRequestId,
    );
    if (current) return current.view();
    const workspace = new CaseWorkspace(input.caseId, this.options.cases, this.options.reviews);
    const caseRef = workspace.caseRef();
    const keys = new SessionKeys();
    const { sync } = this.options;
    const opened = await sync.callHub('openRemoteSession', {
      body: {
        caseRef,
        host: actorOf(user),
        publicKey: keys.publicKey,
        ...(input.helpRequestId === undefined ? {} : { helpRequestId: input.helpRequestId }),
      },
    });
    const window = this.start({
      sessionId: opened.session.id,
      role: 'host',
      participantId: opened.participantId,
      helpRequestId: input.helpRequestId ?? null,
      caseRef,
      caseId: input.caseId,
      keys,
      user,
      workspace,
    });
    // Without a help request, the clerk opened it to invite someone: a code is ready at once.
    if (input.helpRequestId === undefined) window.setJoinCode(await this.newCode(window.sessionId));
    return window.view();
  }

  async issueJoinCode(sessionId: string): Promise<RemoteSessionView> {
    const window = this.require(sessionId);
    window.setJoinCode(await this.newCode(sessionId));
    return window.view();
  }

  async join(input: ParsedInput<'remote.join'>, user: SignedInUser): Promise<RemoteSessionView> {
    const keys = new SessionKeys();
    const joined = await this.options.sync.callHub('joinRemoteSession', {
      body: { ...input, expert: actorOf(user), publicKey: keys.publicKey },
    });
    const window = this.start({
      sessionId: joined.session.id,
      role: 'expert',
      participantId: joined.participantId,
      helpRequestId: joined.session.helpRequestId,
      caseRef: joined.session.caseRef,
      caseId: null,
      keys,
      user,
    });
    return window.view();
  }

  active(): RemoteSessionView[] {
    const now = this.options.clock.now().getTime();
    return [...this.windows.values()]
      .map((window) => window.view())
      .filter((view) => view.endedAt === null || now - Date.parse(view.endedAt) < ENDED_VISIBLE_MS);
  }

  get(sessionId: string): RemoteSessionView {
    return this.require(sessionId).view();
  }

  suggest(input: ParsedInput<'remote.suggest'>, direct: boolean): RemoteSessionView {
    const window = this.require(input.sessionId);
    window.suggest(input.change, direct);
    return window.view();
  }

  decide(input: ParsedInput<'remote.decide'>, user: SignedInUser): RemoteSessionView {
    const window = this.require(input.sessionId);
    window.decide(input.suggestionId, input.accept, user);
    return window.view();
  }

  async grantControl(
    input: ParsedInput<'remote.grantControl'>,
    user: SignedInUser,
  ): Promise<RemoteSessionView> {
    const window = this.require(input.sessionId);
    await window.grantControl(input.participantId, user);
    return window.view();
  }

  revokeControl(sessionId: string, user: SignedInUser): RemoteSessionView {
    const window = this.require(sessionId);
    window.revokeControl(user);
    return window.view();
  }

  async recordConsent(
    input: ParsedInput<'remote.recordConsent'>,
    user: SignedInUser,
  ): Promise<RemoteSessionView> {
    const window = this.require(input.sessionId);
    await window.recordConsent(input, user);
    return window.view();
  }

  withdrawConsent(
    input: ParsedInput<'remote.withdrawConsent'>,
    user: SignedInUser,
  ): RemoteSessionView {
    const window = this.require(input.sessionId);
    window.withdrawConsent(input.consentId, user);
    return window.view();
  }

  chat(sessionId: string, text: string): RemoteSessionView {
    const window = this.require(sessionId);
    window.chat(text);
    return window.view();
  }

  presence(input: ParsedInput<'remote.presence'>): void {
    this.require(input.sessionId).presence(input.pointer, input.focus);
  }

  signal(sessionId: string, signal: string): void {
    this.require(sessionId).signal(signal);
  }

  async shareFile(input: ParsedInput<'remote.shareFile'>): Promise<RemoteSessionView> {
    const window = this.require(input.sessionId);
    await window.shareFile({
      name: input.name,
      mediaType: input.mediaType,
      content: Buffer.from(input.contentBase64, 'base64'),
    });
    return window.view();
  }

  async fileContent(
    input: ParsedInput<'remote.fileContent'>,
  ): Promise<{ name: string; mediaType: SharedFile['mediaType']; contentBase64: string }> {
    const { file, content } = await this.require(input.sessionId).fileContent(input.fileId);
    return {
      name: file.name,
      mediaType: file.mediaType,
      contentBase64: content.toString('base64'),
    };
  }

  draw(input: ParsedInput<'remote.draw'>): void {
    this.require(input.sessionId).draw(input.fileId, input.color, input.points);
  }

  clearDrawing(input: ParsedInput<'remote.clearDrawing'>): RemoteSessionView {
    const window = this.require(input.sessionId);
    window.clearDrawing(input.fileId);
    return window.view();
  }

  recordIdentityCheck(input: ParsedInput<'remote.recordIdentityCheck'>): RemoteSessionView {
    const window = this.require(input.sessionId);
    window.recordIdentityCheck(input.outcome, input.note);
    return window.view();
  }

  keepIdentitySnapshot(
    input: ParsedInput<'remote.keepIdentitySnapshot'>,
    user: SignedInUser,
  ): RemoteSessionView {
    const window = this.require(input.sessionId);
    window.keepIdentitySnapshot(
      {
        content: Buffer.from(input.contentBase64, 'base64'),
        mediaType: input.mediaType,
        basis: input.basis,
      },
      user,
    );
    return window.view();
  }

  async end(sessionId: string, outcome: string): Promise<RemoteSessionView> {
    const window = this.require(sessionId);
    await window.end(outcome);
    return window.view();
  }

  /** Something was written here (the case, perhaps): the host's windows show the case as it is. */
  noticeLocalWrites(): void {
    if (this.windows.size === 0) return;
    const mark = this.options.writeMark();
    if (mark === this.lastMark) return;
    this.lastMark = mark;
    for (const window of this.windows.values()) if (!window.isEnded) window.refresh();
  }

  /** The record each session left on a case, in words. */
  records(caseId: number): RemoteSessionAudit[] {
    const { repository } = this.options;
    return repository.ofCase(caseId).map((session) => ({
      sessionId: session.id,
      caseId,
      helpRequestId: session.helpRequestId,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      outcome: session.outcome,
      events: repository.events(session.id).map((event) => ({
        at: event.at,
        kind: event.kind,
        actor: event.actor,
        summary: describeEvent(event),
      })),
    }));
  }

  close(): void {
    for (const window of this.windows.values()) window.close();
    this.windows.clear();
  }

  private start(session: {
    sessionId: string;
    role: 'host' | 'expert';
    participantId: string;
    helpRequestId: string | null;
    caseRef: CaseRef;
    caseId: number | null;
    keys: SessionKeys;
    user: SignedInUser;
    workspace?: CaseWorkspace;
  }): RemoteWindow {
    const { repository, clock, sync, logger } = this.options;
    const broadcast = this.options.broadcast.bind(this.options);
    const startedAt = clock.now().toISOString();
    repository.insert({
      id: session.sessionId,
      role: session.role,
      caseId: session.caseId,
      caseRef: session.caseRef,
      helpRequestId: session.helpRequestId,
      participantId: session.participantId,
      startedBy: session.user.id,
      startedAt,
    });
    repository.addEvent(session.sessionId, {
      at: startedAt,
      kind: session.role === 'host' ? 'opened' : 'joined_here',
      actor: session.user.displayName,
      data: { helpRequestId: session.helpRequestId },
    });
    const hub: SessionHub = {
      relayUrl: sync.relayUrl(),
      relayToken: async () =>
        (
          await sync.callHub('relayToken', {
            params: { id: session.sessionId },
            body: { participantId: session.participantId },
          })
        ).token,
      record: () => sync.callHub('remoteSession', { params: { id: session.sessionId } }),
      end: async () => {
        await sync.callHub('endRemoteSession', {
          params: { id: session.sessionId },
          body: { participantId: session.participantId, actor: actorOf(session.user) },
        });
      },
      upload: (ciphertext) =>
        uploadSealedFile(sync, session.sessionId, session.participantId, ciphertext),
      download: (fileId) => downloadSealedFile(sync, session.sessionId, fileId),
      iceServers: () => sync.callHub('iceServers'),
    };
    const caseId = session.caseId;
    const window = new RemoteWindow({
      sessionId: session.sessionId,
      role: session.role,
      participantId: session.participantId,
      helpRequestId: session.helpRequestId,
      startedAt,
      hub,
      keys: session.keys,
      user: session.user,
      ...(session.workspace === undefined ? {} : { workspace: session.workspace }),
      ...(caseId === null
        ? {}
        : {
            keepSnapshot: (
              content: Buffer,
              mediaType: 'image/jpeg' | 'image/png',
              user: SignedInUser,
            ) => {
              const day = businessDate(clock.now());
              this.options.attachments.add({
                owner: { caseId },
                materialCode: undefined,
                fileName: `远程身份核验-${day}.${mediaType === 'image/png' ? 'png' : 'jpg'}`,
                mediaType,
                content,
                addedBy: user.id,
              });
            },
          }),
      clock,
      logger,
      record: (kind, actor, data) => {
        const at = clock.now().toISOString();
        repository.addEvent(session.sessionId, { at, kind, actor, data });
        if (kind === 'ended')
          repository.end(
            session.sessionId,
            at,
            actor,
            typeof data.outcome === 'string' ? data.outcome : '',
          );
      },
      onChange: (view) => {
        broadcast('remote.session', view);
      },
      onSignal: (from, signal) => {
        broadcast('remote.signal', { sessionId: session.sessionId, from, signal });
      },
      onEnded: () => undefined,
    });
    this.windows.set(session.sessionId, window);
    return window;
  }

  private async newCode(sessionId: string): Promise<{ code: string; expiresAt: string }> {
    return this.options.sync.callHub('issueJoinCode', { params: { id: sessionId } });
  }

  private require(sessionId: string): RemoteWindow {
    const window = this.windows.get(sessionId);
    if (!window)
      throw new ApiError('NOT_FOUND', {
        message: { zh: '本机没有这个远程窗口', en: 'No such remote session on this terminal' },
        path: ['sessionId'],
      });
    return window;
  }
}

const BASES: Record<string, string> = {
  verbal: '口头同意',
  written: '书面同意',
  signed_form: '签署同意书',
};

function describeEvent(event: RemoteEventRow): LocalizedText {
  const data = event.data;
  const list = (value: unknown): string => (Array.isArray(value) ? value.join('、') : '');
  switch (event.kind) {
    case 'opened':
      return { zh: `${event.actor} 打开远程窗口`, en: `${event.actor} opened the remote window` };
    case 'joined':
      return {
        zh: `${event.actor}（${String(data.hall)}）加入`,
        en: `${event.actor} (${String(data.hall)}) joined`,
      };
    case 'consent':
      return {
        zh: `${event.actor} 记录申请人同意展示：${list(data.fields)}（${BASES[String(data.basis)] ?? ''}）`,
        en: `${event.actor} recorded the applicant's consent to show: ${list(data.fields)}`,
      };
    case 'consent_withdrawn':
      return {
        zh: `${event.actor} 记录申请人撤回同意：${list(data.fields)}，专家端重新脱敏`,
        en: `${event.actor} recorded that the applicant withdrew consent: ${list(data.fields)}, masked again for the experts`,
      };
    case 'revealed':
      return {
        zh: `向 ${list(data.to)} 展示：${list(data.fields)}`,
        en: `Shown to ${list(data.to)}: ${list(data.fields)}`,
      };
    case 'control_granted':
      return {
        zh: `${event.actor} 授予 ${String(data.to)} 操作权`,
        en: `${event.actor} granted control to ${String(data.to)}`,
      };
    case 'control_revoked':
      return {
        zh: `${event.actor} 收回 ${String(data.from)} 的操作权`,
        en: `${event.actor} took control back from ${String(data.from)}`,
      };
    case 'suggestion_accepted':
      return {
        zh: `${event.actor} 采纳 ${String(data.by)} 的修改建议`,
        en: `${event.actor} accepted a suggestion by ${String(data.by)}`,
      };
    case 'suggestion_rejected':
      return {
        zh: `${event.actor} 未采纳 ${String(data.by)} 的修改建议`,
        en: `${event.actor} rejected a suggestion by ${String(data.by)}`,
      };
    case 'edit_applied':
      return {
        zh: `${event.actor} 直接修改（已授权）`,
        en: `${event.actor} edited (with control)`,
      };
    case 'file_shared':
      return {
        zh: `${event.actor} 共享文件：${String(data.name)}`,
        en: `${event.actor} shared a file: ${String(data.name)}`,
      };
    case 'identity_checked': {
      const outcomes: Record<string, [string, string]> = {
        match: ['人证一致', 'matches'],
        mismatch: ['人证不一致', 'does not match'],
        unclear: ['无法核验', 'could not be checked'],
      };
      const [zh, en] = outcomes[String(data.outcome)] ?? ['', ''];
      const note = typeof data.note === 'string' && data.note !== '' ? `（${data.note}）` : '';
      return {
        zh: `${event.actor} 远程核验身份：${zh}${note}`,
        en: `${event.actor} checked the ID on camera: ${en}`,
      };
    }
    case 'identity_snapshot_kept':
      return {
        zh: `${event.actor} 经申请人同意（${BASES[String(data.basis)] ?? ''}）留存身份核验照片`,
        en: `${event.actor} kept an ID-check still with the applicant's consent`,
      };
    case 'edit_refused':
      return { zh: `${event.actor} 的直接修改未生效`, en: `An edit by ${event.actor} was refused` };
    case 'ended': {
      const outcome = typeof data.outcome === 'string' ? data.outcome : '';
      return {
        zh: `${event.actor} 结束远程窗口${outcome ? `：${outcome}` : ''}`,
        en: `${event.actor} ended the session${outcome ? `: ${outcome}` : ''}`,
      };
    }
    default:
      return { zh: event.kind, en: event.kind };
  }
}
