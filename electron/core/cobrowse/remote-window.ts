import { randomBytes, randomUUID } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  ApiError,
  type Consent,
  type IdentityCheck,
  type LocalizedText,
  type RemoteChange,
  type RemoteParticipant,
  type RemoteSessionView,
  type SharedField,
  type SharedFile,
  type Suggestion,
} from '@shared/api';
import { maskNumbersInText } from '@shared/domain/masking';
import type { IceServer, Participant, RemoteSessionRecord } from '@shared/hub/remote';
import type { SignedInUser } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CaseWorkspace } from './case-workspace';
import {
  readFiles,
  readIdentityChecks,
  readStrokes,
  revealKey,
  SESSION_PROTOCOL,
  SessionDocument,
  withoutKeys,
  type SealedFile,
} from './session-document';
import { decryptWith, encryptWith, type SessionKeys } from './session-keys';

/** What a session asks of the hub: tokens for the relay, the roster, the end. */
export interface SessionHub {
  relayUrl: string;
  relayToken(): Promise<string>;
  record(): Promise<RemoteSessionRecord>;
  end(): Promise<void>;
  /** Uploads ciphertext (resuming after a dropped link); returns the hub's file id. */
  upload(ciphertext: Buffer): Promise<string>;
  download(fileId: string): Promise<Buffer>;
  iceServers(): Promise<IceServer[]>;
}

export interface RemoteWindowOptions {
  sessionId: string;
  role: 'host' | 'expert';
  participantId: string;
  helpRequestId: string | null;
  startedAt: string;
  hub: SessionHub;
  keys: SessionKeys;
  /** Who opened or joined it here. */
  user: SignedInUser;
  /** The host's case; absent on the expert's side. */
  workspace?: CaseWorkspace;
  clock: Clock;
  logger: Logger;
  /** Host: keeps a still of the ID card with the case (the applicant consented). */
  keepSnapshot?(content: Buffer, mediaType: 'image/jpeg' | 'image/png', user: SignedInUser): void;
  /** Writes one line of the session's local record. */
  record(kind: string, actor: string, data: Record<string, unknown>): void;
  onChange(view: RemoteSessionView): void;
  onSignal(from: string, signal: string): void;
  onEnded(sessionId: string): void;
}

interface Presence {
  participantId: string;
  pointer: { x: number; y: number } | null;
  focus: string | null;
}

const RECONNECTING: LocalizedText = {
  zh: '与中心的连接中断，正在重连；本机的操作照常保存，恢复后同步',
  en: 'The link to the hub dropped; reconnecting. Work here is kept and syncs when it is back',
};

/** Roster refreshes are at most this often (the hub is asked when presence changes). */
const ROSTER_REFRESH_MS = 2000;
/** And at least this often, so an end the relay could not announce is noticed. */
const HEARTBEAT_MS = 5000;

/**
 * One remote session on this engine, host or expert side, over the shared document and the
 * hub's relay. The host's case stays the truth: the host writes the masked workspace and
 * rewrites anything a guest touches that is not a guest's to write; suggestions become changes
 * only when the clerk accepts them, or at once while the clerk has granted control.
 */
export class RemoteWindow {
  readonly document: SessionDocument;
  private readonly doc = new Y.Doc();
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly provider: HocuspocusProvider;
  private link: RemoteSessionView['link'] = { state: 'connecting', problem: null };
  private synced = false;
  private roster: Participant[] = [];
  private rosterAskedAt = 0;
  private ended: { at: string; by: string } | null = null;
  private joinCode: RemoteSessionView['joinCode'] = null;
  private iceServers: IceServer[] = [];
  private emitScheduled = false;
  private readonly heartbeat: NodeJS.Timeout;
  // Host only: what it holds as the truth of the shared state.
  private currentPoint: string | null = null;
  private control: { holder: string; since: string; grantedBy: SignedInUser } | null = null;
  private readonly consents: Consent[] = [];
  private readonly decided = new Map<string, Suggestion>();
  // Both sides: what this side has already written to its record, and files it has opened.
  private readonly recordedFiles = new Set<string>();
  private recordedChecks = 0;
  private readonly opened = new Map<string, Buffer>();

  constructor(private readonly options: RemoteWindowOptions) {
    this.document = new SessionDocument(this.doc);
    this.socket = new HocuspocusProviderWebsocket({
      url: options.hub.relayUrl,
      WebSocketPolyfill: WebSocket,
      // Weak county links: keep trying, a little slower each time, up to 30 s apart.
      delay: 1000,
      factor: 1.6,
      maxDelay: 30_000,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: `remote-session/${options.sessionId}`,
      document: this.doc,
      token: () => this.relayToken(),
      onStatus: ({ status }) => {
        this.onStatus(status);
      },
      onSynced: ({ state }) => {
        if (state) this.onSynced();
      },
      onStateless: ({ payload }) => {
        this.onStateless(payload);
      },
      onAwarenessChange: () => {
        // Someone new is present: who it is comes from the hub at once.
        const unknown = [...this.presences().keys()].some(
          (id) => !this.roster.some((participant) => participant.id === id),
        );
        void this.refreshRoster(unknown);
        this.emit();
      },
      onClose: () => {
        // Closed by the hub (the other side ended it?) or by the link: the hub says which.
        void this.refreshRoster(true);
      },
    });
    this.provider.setAwarenessField('presence', {
      participantId: options.participantId,
      pointer: null,
      focus: null,
    } satisfies Presence);
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!transaction.local) this.onRemoteChange(transaction);
    });
    this.provider.attach();
    void this.refreshRoster(true);
    // The roster (who is connected, whether the session ended) is re-read now and then too.
    this.heartbeat = setInterval(() => {
      void this.refreshRoster(true);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    options.hub
      .iceServers()
      .then((servers) => {
        this.iceServers = servers;
        this.emit();
      })
      .catch((error: unknown) => {
        options.logger.warn('no STUN/TURN servers from the hub', { detail: String(error) });
      });
  }

  get sessionId(): string {
    return this.options.sessionId;
  }

  get isEnded(): boolean {
    return this.ended !== null;
  }

  get helpRequestId(): string | null {
    return this.options.helpRequestId;
  }

  view(): RemoteSessionView {
    const workspace = this.document.readWorkspace();
    return {
      sessionId: this.options.sessionId,
      role: this.options.role,
      me: this.options.participantId,
      helpRequestId: this.options.helpRequestId,
      link: this.ended ? { state: 'ended', problem: null } : this.link,
      participants: this.participants(),
      workspace: workspace && { ...workspace, fields: workspace.fields.map((f) => this.shown(f)) },
      suggestions: this.document.readSuggestions(),
      chat: this.document.readChat(),
      control: {
        holder: this.document.control.get('holder') ?? null,
        since: this.document.control.get('since') ?? null,
      },
      consents: this.document.readConsents(),
      files: readFiles(this.document).map(withoutKeys),
      strokes: readStrokes(this.document),
      identityChecks: readIdentityChecks(this.document),
      iceServers: this.iceServers,
      joinCode:
        this.joinCode && Date.parse(this.joinCode.expiresAt) > this.options.clock.now().getTime()
          ? this.joinCode
          : null,
      startedAt: this.options.startedAt,
      endedAt: this.ended?.at ?? null,
      endedBy: this.ended?.by ?? null,
    };
  }

  setJoinCode(code: { code: string; expiresAt: string }): void {
    this.joinCode = code;
    this.emit();
  }

  // ── Both sides ──────────────────────────────────────────────────────────────────────────

  chat(text: string): void {
    this.requireOpen();
    this.doc.transact(() => {
      this.document.chat.push([
        JSON.stringify({
          id: randomUUID(),
          participantId: this.options.participantId,
          author: this.options.user.displayName,
          // The applicant's numbers leave the clerk's side only through a consent.
          text: this.options.role === 'host' ? maskNumbersInText(text) : text,
          at: this.now(),
        }),
      ]);
    });
    this.emit();
  }

  presence(pointer: Presence['pointer'], focus: string | null): void {
    if (this.ended) return;
    this.provider.setAwarenessField('presence', {
      participantId: this.options.participantId,
      pointer,
      focus,
    } satisfies Presence);
    if (this.options.role === 'host' && focus?.startsWith('point.')) {
      this.currentPoint = focus.slice('point.'.length);
      this.refresh();
    }
  }

  signal(signal: string): void {
    this.requireOpen();
    this.provider.sendStateless(JSON.stringify({ from: this.options.participantId, signal }));
  }

  /** Ends the session for both sides: the hub closes every connection to it. */
  async end(outcome: string): Promise<void> {
    if (this.ended) return;
    if (this.options.role === 'host')
      this.doc.transact(() => {
        this.document.session.set('endedAt', this.now());
        this.document.session.set('endedBy', this.options.user.displayName);
      });
    // The other side hears it at once; the hub's record says so too, for a side that missed it.
    this.provider.sendStateless(JSON.stringify({ ended: this.options.user.displayName, outcome }));
    try {
      await this.options.hub.end();
    } finally {
      this.finish(this.options.user.displayName, outcome);
    }
  }

  /** Closes the connection without ending the session (the engine stops). */
  close(): void {
    clearInterval(this.heartbeat);
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }

  /**
   * Shares a file: encrypted here with its own key (AES-256-GCM), uploaded as ciphertext, its key
   * sealed to every participant present; whoever joins later cannot open it.
   */
  async shareFile(file: { name: string; mediaType: SharedFile['mediaType']; content: Buffer }) {
    // The materials are the applicant's, at the local window: the clerk shares them.
    this.requireHost();
    this.requireOpen();
    await this.refreshRoster(true);
    const key = randomBytes(32);
    const id = await this.options.hub.upload(encryptWith(key, file.content));
    const keys: Record<string, string> = {};
    for (const participant of this.roster.filter((p) => p.leftAt === null))
      keys[participant.id] = this.options.keys.seal(
        key.toString('base64'),
        participant.publicKey,
        `${this.sessionId}/file/${id}`,
      );
    const shared: SealedFile = {
      id,
      name: file.name,
      mediaType: file.mediaType,
      size: file.content.length,
      participantId: this.options.participantId,
      author: this.options.user.displayName,
      at: this.now(),
      keys,
    };
    this.opened.set(id, file.content);
    this.document.files.set(id, JSON.stringify(shared));
    this.recordFiles();
    this.emit();
  }

  /** A shared file, opened with the key its sharer sealed for us. */
  async fileContent(fileId: string): Promise<{ file: SharedFile; content: Buffer }> {
    const file = readFiles(this.document).find((candidate) => candidate.id === fileId);
    if (!file) throw new ApiError('NOT_FOUND', { path: ['fileId'] });
    const cached = this.opened.get(fileId);
    if (cached) return { file: withoutKeys(file), content: cached };
    const sealed = file.keys[this.options.participantId];
    if (!this.roster.some((p) => p.id === file.participantId)) await this.refreshRoster(true);
    const sharer = this.roster.find((p) => p.id === file.participantId);
    if (sealed === undefined || !sharer)
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: '该文件在您加入前共享，未为您加密，请对方重新共享',
          en: 'This file was shared before you joined; ask for it to be shared again',
        },
      });
    const key = Buffer.from(
      this.options.keys.open(sealed, sharer.publicKey, `${this.sessionId}/file/${fileId}`),
      'base64',
    );
    const content = decryptWith(key, await this.options.hub.download(fileId));
    this.opened.set(fileId, content);
    return { file: withoutKeys(file), content };
  }

  draw(fileId: string, color: string, points: { x: number; y: number }[]): void {
    this.requireOpen();
    if (!this.document.files.has(fileId)) throw new ApiError('NOT_FOUND', { path: ['fileId'] });
    const id = randomUUID();
    this.document.strokes.set(
      id,
      JSON.stringify({
        id,
        fileId,
        participantId: this.options.participantId,
        color,
        points,
        at: this.now(),
      }),
    );
    this.emit();
  }

  clearDrawing(fileId: string): void {
    this.requireOpen();
    this.doc.transact(() => {
      for (const stroke of readStrokes(this.document))
        if (stroke.fileId === fileId && stroke.participantId === this.options.participantId)
          this.document.strokes.delete(stroke.id);
    });
    this.emit();
  }

  /** Expert: how the ID card on camera compared with the applicant. */
  recordIdentityCheck(outcome: IdentityCheck['outcome'], note: string): void {
    this.requireOpen();
    if (this.options.role !== 'expert')
      throw new ApiError('FORBIDDEN', {
        message: { zh: '身份核验由远程专家记录', en: 'The remote expert records the check' },
      });
    const check: IdentityCheck = {
      participantId: this.options.participantId,
      author: this.options.user.displayName,
      outcome,
      note,
      at: this.now(),
    };
    this.document.identity.push([JSON.stringify(check)]);
    this.recordChecks();
    this.emit();
  }

  /** Host: keeps a still of the ID card with the case, once the applicant consented. */
  keepIdentitySnapshot(
    snapshot: { content: Buffer; mediaType: 'image/jpeg' | 'image/png'; basis: Consent['basis'] },
    clerk: SignedInUser,
  ): void {
    this.requireHost();
    this.requireOpen();
    if (!this.options.keepSnapshot) throw new ApiError('FORBIDDEN');
    this.options.keepSnapshot(snapshot.content, snapshot.mediaType, clerk);
    this.options.record('identity_snapshot_kept', clerk.displayName, { basis: snapshot.basis });
    this.emit();
  }

  // ── Expert side ─────────────────────────────────────────────────────────────────────────

  suggest(change: RemoteChange, direct: boolean): void {
    this.requireOpen();
    if (direct && this.view().control.holder !== this.options.participantId)
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: '窗口人员未授予（或已收回）操作权，请改为提出修改建议',
          en: 'The clerk has not granted control (or took it back): suggest the change instead',
        },
      });
    const suggestion: Suggestion = {
      id: randomUUID(),
      participantId: this.options.participantId,
      author: this.options.user.displayName,
      change,
      direct,
      state: 'pending',
      at: this.now(),
      decidedAt: null,
      problem: null,
    };
    this.document.suggestions.set(suggestion.id, JSON.stringify(suggestion));
    this.emit();
  }

  // ── Host side ───────────────────────────────────────────────────────────────────────────

  /** Re-projects the case into the shared document (after any local change to it). */
  refresh(): void {
    const workspace = this.options.workspace;
    if (!workspace || this.ended || !this.synced) return;
    this.doc.transact(() => {
      this.document.writeWorkspace(workspace.snapshot(this.options.user, this.currentPoint));
    });
    this.emit();
  }

  decide(suggestionId: string, accept: boolean, clerk: SignedInUser): void {
    this.requireHost();
    const suggestion = this.decided.get(suggestionId);
    if (!suggestion || suggestion.direct)
      throw new ApiError('NOT_FOUND', { path: ['suggestionId'] });
    if (suggestion.state !== 'pending')
      throw new ApiError('CONFLICT', {
        message: { zh: '该建议已处理', en: 'This suggestion was decided already' },
      });
    if (!accept) {
      this.settle(suggestion, 'rejected', null);
      this.options.record('suggestion_rejected', clerk.displayName, describe(suggestion));
      return;
    }
    // A refusal by the case (a value of the wrong type, say) is the clerk's to see and fix.
    this.requireWorkspace().apply(suggestion.change, clerk);
    this.settle(suggestion, 'accepted', null);
    this.options.record('suggestion_accepted', clerk.displayName, describe(suggestion));
    this.refresh();
  }

  async grantControl(participantId: string, clerk: SignedInUser): Promise<void> {
    this.requireHost();
    this.requireOpen();
    if (!this.roster.some((p) => p.id === participantId)) await this.refreshRoster(true);
    const expert = this.roster.find((p) => p.id === participantId && p.role === 'expert');
    if (!expert) throw new ApiError('NOT_FOUND', { path: ['participantId'] });
    this.control = { holder: participantId, since: this.now(), grantedBy: clerk };
    this.writeControl();
    this.options.record('control_granted', clerk.displayName, { to: expert.displayName });
  }

  revokeControl(clerk: SignedInUser): void {
    this.requireHost();
    const holder = this.control?.holder;
    if (holder === undefined) return;
    this.control = null;
    this.writeControl();
    this.options.record('control_revoked', clerk.displayName, {
      from: this.roster.find((p) => p.id === holder)?.displayName ?? holder,
    });
  }

  /**
   * Records the applicant's consent for the given personal fields, then seals each value for
   * every expert in the session: only their engine can open it, the hub relays ciphertext.
   */
  async recordConsent(
    consent: { fields: string[]; basis: Consent['basis']; note: string },
    clerk: SignedInUser,
  ): Promise<void> {
    this.requireHost();
    this.requireOpen();
    const shared = this.document.readWorkspace()?.fields ?? [];
    const byKey = new Map(shared.map((field) => [field.key, field]));
    consent.fields.forEach((key, index) => {
      const field = byKey.get(key);
      if (!field?.personal)
        throw new ApiError('INVALID_INPUT', {
          message: { zh: '只能对个人信息字段记录同意', en: 'Consent is for personal fields only' },
          path: ['fields', index],
        });
    });
    await this.refreshRoster(true);
    // The applicant agrees to show these fields to the experts in the window now, no one else.
    const experts = this.roster.filter((p) => p.role === 'expert' && p.leftAt === null);
    if (experts.length === 0)
      throw new ApiError('CONFLICT', {
        message: {
          zh: '远程专家尚未加入：专家加入后再记录申请人同意',
          en: 'No remote expert is in the window yet: record the consent once one has joined',
        },
      });
    const record: Consent = {
      id: randomUUID(),
      fields: consent.fields,
      basis: consent.basis,
      note: consent.note,
      recordedBy: clerk.displayName,
      recipients: experts.map((expert) => expert.id),
      at: this.now(),
    };
    this.consents.push(record);
    this.sealReveals();
    this.doc.transact(() => {
      this.writeConsents();
    });
    const labels = consent.fields.map((key) => byKey.get(key)?.label ?? key);
    this.options.record('consent', clerk.displayName, {
      fields: labels,
      basis: consent.basis,
      note: consent.note,
    });
    this.options.record('revealed', clerk.displayName, {
      fields: labels,
      to: experts.map((expert) => expert.displayName),
    });
    this.emit();
  }

  /**
   * The applicant takes a consent back: its values are unsealed from the document for the experts
   * no other consent still covers, so their screens mask them again.
   */
  withdrawConsent(consentId: string, clerk: SignedInUser): void {
    this.requireHost();
    this.requireOpen();
    const index = this.consents.findIndex((consent) => consent.id === consentId);
    const [withdrawn] = index === -1 ? [] : this.consents.splice(index, 1);
    if (!withdrawn) throw new ApiError('NOT_FOUND', { path: ['consentId'] });
    const stillCovered = (expert: string, key: string) =>
      this.consents.some((c) => c.recipients.includes(expert) && c.fields.includes(key));
    this.doc.transact(() => {
      for (const expert of withdrawn.recipients)
        for (const key of withdrawn.fields)
          if (!stillCovered(expert, key)) this.document.reveals.delete(revealKey(expert, key));
      this.writeConsents();
    });
    const shared = this.document.readWorkspace()?.fields ?? [];
    this.options.record('consent_withdrawn', clerk.displayName, {
      fields: withdrawn.fields.map((key) => shared.find((f) => f.key === key)?.label ?? key),
    });
    this.emit();
  }

  // ── Inside ──────────────────────────────────────────────────────────────────────────────

  private async relayToken(): Promise<string> {
    try {
      return await this.options.hub.relayToken();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT' && !this.ended) {
        const record = await this.options.hub.record().catch(() => undefined);
        if (record?.state === 'ended') this.finish(record.endedBy ?? '?', '');
      }
      throw error;
    }
  }

  private onStatus(status: string): void {
    if (this.ended) return;
    if (status === 'connected') return;
    this.synced = status === 'connecting' ? this.synced : false;
    this.link =
      this.link.state === 'connecting'
        ? { state: 'connecting', problem: null }
        : { state: 'reconnecting', problem: RECONNECTING };
    this.emit();
  }

  private onSynced(): void {
    this.synced = true;
    this.link = { state: 'live', problem: null };
    if (this.options.role === 'host') this.writeAll();
    else this.checkEnded();
    this.emit();
  }

  private onStateless(payload: string): void {
    try {
      const message = JSON.parse(payload) as {
        from?: unknown;
        signal?: unknown;
        ended?: unknown;
        outcome?: unknown;
      };
      // Whoever ended it said how it went: the host's record on the case keeps it.
      if (typeof message.ended === 'string')
        this.finish(
          message.ended.slice(0, 60),
          typeof message.outcome === 'string' ? message.outcome.slice(0, 200) : '',
        );
      else if (typeof message.from === 'string' && typeof message.signal === 'string')
        this.options.onSignal(message.from, message.signal);
    } catch {
      this.options.logger.warn('unreadable signalling message', { session: this.sessionId });
    }
  }

  private onRemoteChange(transaction: Y.Transaction): void {
    this.recordFiles();
    this.recordChecks();
    if (this.options.role === 'host') {
      const touched: object[] = [...transaction.changed.keys()];
      if (touched.some((type) => this.document.isHostOwned(type))) this.writeAll();
      if (touched.includes(this.document.suggestions)) this.takeSuggestions();
    } else {
      this.checkEnded();
    }
    this.emit();
  }

  /** Each side's record names the files shared in the session, once each. */
  private recordFiles(): void {
    for (const file of readFiles(this.document)) {
      if (this.recordedFiles.has(file.id)) continue;
      this.recordedFiles.add(file.id);
      this.options.record('file_shared', file.author, { name: file.name, size: file.size });
    }
  }

  private recordChecks(): void {
    const checks = readIdentityChecks(this.document);
    for (const check of checks.slice(this.recordedChecks))
      this.options.record('identity_checked', check.author, {
        outcome: check.outcome,
        note: check.note,
      });
    this.recordedChecks = checks.length;
  }

  /** Host: the shared state as the host holds it, over whatever a guest wrote. */
  private writeAll(): void {
    if (!this.synced) return;
    const workspace = this.options.workspace;
    this.doc.transact(() => {
      this.document.session.set('protocol', SESSION_PROTOCOL);
      this.document.session.set('hostPublicKey', this.options.keys.publicKey);
      if (workspace)
        this.document.writeWorkspace(workspace.snapshot(this.options.user, this.currentPoint));
      this.writeControl();
      this.writeConsents();
    });
    this.sealReveals();
    this.takeSuggestions();
  }

  private writeControl(): void {
    this.doc.transact(() => {
      const holder = this.control?.holder ?? null;
      if (this.document.control.get('holder') !== holder)
        this.document.control.set('holder', holder);
      const since = this.control?.since ?? null;
      if (this.document.control.get('since') !== since) this.document.control.set('since', since);
    });
    this.emit();
  }

  /**
   * Host: new suggestions are registered (a direct edit applied at once while its author holds
   * control); a decided one a guest rewrote is put back as decided.
   */
  private takeSuggestions(): void {
    for (const suggestion of this.document.readSuggestions()) {
      const known = this.decided.get(suggestion.id);
      if (known) {
        if (JSON.stringify(known) !== this.document.suggestions.get(suggestion.id))
          this.document.suggestions.set(known.id, JSON.stringify(known));
        continue;
      }
      const author = this.roster.find((p) => p.id === suggestion.participantId);
      const fresh: Suggestion = {
        ...suggestion,
        author: author?.displayName ?? suggestion.author,
        state: 'pending',
        decidedAt: null,
        problem: null,
      };
      this.decided.set(fresh.id, fresh);
      if (fresh.direct) this.applyDirect(fresh);
      else this.document.suggestions.set(fresh.id, JSON.stringify(fresh));
    }
  }

  private applyDirect(suggestion: Suggestion): void {
    const control = this.control;
    if (control?.holder !== suggestion.participantId) {
      this.settle(suggestion, 'refused', {
        zh: '操作权已收回，修改未生效',
        en: 'Control had been taken back; the change was not made',
      });
      return;
    }
    try {
      this.requireWorkspace().apply(suggestion.change, control.grantedBy);
      this.settle(suggestion, 'applied', null);
      this.options.record('edit_applied', suggestion.author, describe(suggestion));
      this.refresh();
    } catch (error) {
      const problem =
        error instanceof ApiError
          ? error.localized
          : { zh: '本地办件未能记录该修改', en: 'The local case could not record it' };
      this.settle(suggestion, 'refused', problem);
      this.options.record('edit_refused', suggestion.author, describe(suggestion));
    }
  }

  private settle(
    suggestion: Suggestion,
    state: Suggestion['state'],
    problem: LocalizedText | null,
  ) {
    const settled: Suggestion = { ...suggestion, state, decidedAt: this.now(), problem };
    this.decided.set(settled.id, settled);
    this.document.suggestions.set(settled.id, JSON.stringify(settled));
    this.emit();
  }

  /** Host: the consents as the host holds them, over whatever a guest wrote there. */
  private writeConsents(): void {
    const held = this.consents.map((consent) => JSON.stringify(consent));
    const written = this.document.consents.toArray();
    if (held.length === written.length && held.every((value, i) => value === written[i])) return;
    this.document.consents.delete(0, this.document.consents.length);
    this.document.consents.push(held);
  }

  /** Host: seals each consented field for the experts that consent named, while they are in. */
  private sealReveals(): void {
    const workspace = this.options.workspace;
    if (!workspace || this.consents.length === 0) return;
    const present = this.roster.filter((p) => p.role === 'expert' && p.leftAt === null);
    this.doc.transact(() => {
      for (const consent of this.consents)
        for (const expert of present.filter((p) => consent.recipients.includes(p.id)))
          for (const key of consent.fields) {
            const slot = revealKey(expert.id, key);
            if (this.document.reveals.has(slot)) continue;
            const value = workspace.reveal(this.options.user, key);
            if (value === null) continue;
            this.document.reveals.set(
              slot,
              this.options.keys.seal(value, expert.publicKey, `${this.sessionId}/${key}`),
            );
          }
    });
  }

  /** Expert: a personal field shows its sealed value once the host revealed it to us. */
  private shown(field: SharedField): SharedField {
    if (this.options.role !== 'expert' || !field.personal) return field;
    const sealed = this.document.reveals.get(revealKey(this.options.participantId, field.key));
    const hostKey = this.document.session.get('hostPublicKey');
    if (sealed === undefined || typeof hostKey !== 'string') return field;
    try {
      const value = this.options.keys.open(sealed, hostKey, `${this.sessionId}/${field.key}`);
      return { ...field, value, revealed: true };
    } catch {
      return field;
    }
  }

  private checkEnded(): void {
    const endedAt = this.document.session.get('endedAt');
    if (typeof endedAt === 'string' && !this.ended)
      this.finish(String(this.document.session.get('endedBy') ?? '?'), '');
  }

  private finish(by: string, outcome: string): void {
    if (this.ended) return;
    this.ended = { at: this.now(), by };
    this.options.record('ended', by, { outcome });
    this.emit();
    clearInterval(this.heartbeat);
    this.provider.destroy();
    this.socket.destroy();
    this.options.onEnded(this.sessionId);
  }

  private async refreshRoster(force = false): Promise<void> {
    const now = Date.now();
    if (this.ended || (!force && now - this.rosterAskedAt < ROSTER_REFRESH_MS)) return;
    this.rosterAskedAt = now;
    try {
      const record = await this.options.hub.record();
      const before = new Set(this.roster.map((p) => p.id));
      this.roster = record.participants;
      for (const participant of record.participants)
        if (!before.has(participant.id) && participant.id !== this.options.participantId)
          this.options.record('joined', participant.displayName, {
            role: participant.role,
            hall: participant.hallName,
          });
      if (record.state === 'ended') this.finish(record.endedBy ?? '?', '');
      else if (this.options.role === 'host') this.sealReveals();
      this.emit();
    } catch (error) {
      this.options.logger.warn('remote session roster unavailable', {
        session: this.sessionId,
        detail: String(error),
      });
    }
  }

  private presences(): Map<string, Presence> {
    const presence = new Map<string, Presence>();
    for (const state of this.provider.awareness?.getStates().values() ?? []) {
      const entry = (state as { presence?: Presence }).presence;
      if (entry && typeof entry.participantId === 'string')
        presence.set(entry.participantId, entry);
    }
    return presence;
  }

  private participants(): RemoteParticipant[] {
    const presence = this.presences();
    // While the window is open, those who are in it; a seat left (a rejoin) is not a person.
    const seated = this.ended ? this.roster : this.roster.filter((p) => p.leftAt === null);
    return seated.map((participant) => {
      const seen = presence.get(participant.id);
      const isMe = participant.id === this.options.participantId;
      return {
        id: participant.id,
        role: participant.role,
        displayName: participant.displayName,
        hallName: participant.hallName,
        online: isMe ? this.link.state === 'live' : seen !== undefined,
        pointer: seen?.pointer ?? null,
        focus: seen?.focus ?? null,
      };
    });
  }

  private emit(): void {
    if (this.emitScheduled) return;
    this.emitScheduled = true;
    // Many changes in one turn (a sync step, a whole workspace) make one event.
    setImmediate(() => {
      this.emitScheduled = false;
      this.options.onChange(this.view());
    });
  }

  private requireHost(): void {
    if (this.options.role !== 'host')
      throw new ApiError('FORBIDDEN', {
        message: { zh: '只有本地窗口人员可以这样做', en: 'Only the local clerk can do this' },
      });
  }

  private requireWorkspace(): CaseWorkspace {
    const workspace = this.options.workspace;
    if (!workspace) throw new ApiError('FORBIDDEN');
    return workspace;
  }

  private requireOpen(): void {
    if (this.ended)
      throw new ApiError('CONFLICT', {
        message: { zh: '远程窗口已结束', en: 'The remote session has ended' },
      });
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}

function describe(suggestion: Suggestion): Record<string, unknown> {
  return { change: suggestion.change, direct: suggestion.direct, by: suggestion.author };
}
