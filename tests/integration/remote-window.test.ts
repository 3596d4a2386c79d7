import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import * as Y from 'yjs';
import type { HelpRequest, RemoteSessionView } from '@shared/api';
import { sessionDocumentName } from '@shared/hub/remote';
import { startTestHub, type TestHub } from '../../central/src/testing/test-hub';
import { ADMIN, type TestConnection, type TestEngine } from '../support/engine-harness';
import {
  APPLICANT_ID_NUMBER as ID_NUMBER,
  APPLICANT_PHONE as PHONE,
  openExpertDesk,
  openRemoteTerminals,
  type RemoteTerminals,
} from '../support/remote-fixtures';

/**
 * The remote window end to end over real HTTP and WebSockets on loopback: a township clerk's
 * engine and a county expert's engine, enrolled at two halls of one hub. A help request is taken,
 * a session opened on the clerk's case; the expert's suggestion and direct edit change the case
 * only as the clerk allows; the ID number stays masked until the applicant consents, and is never
 * readable at the hub, in its database or in the relay's document.
 */
/** A 1×1 PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The TURN server a hall on a private network would configure at its hub. */
const TURN = {
  urls: 'turn:turn.qingshan.gov.example:3478',
  username: 'hall',
  credential: 'secret',
};

let hub: TestHub;
let terminals: RemoteTerminals;
let township: TestEngine;
let expert: TestConnection;
let caseId: number;
let department: string;

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - started > 15_000) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let hubUrl = '';

async function enrolmentCode(hallId: string): Promise<string> {
  const issued = await hub.call('POST', '/v1/admin/enrolment-codes', {
    token: hub.adminToken,
    body: { hallId },
  });
  return (issued.body as { code: string }).code;
}

/** Everything the hub logs, at every level, to look for personal data in it. */
const hubLog: string[] = [];

beforeAll(async () => {
  hub = await startTestHub(undefined, {
    iceServers: [TURN],
    logger: pino({ level: 'trace' }, { write: (line: string) => hubLog.push(line) }),
  });
  for (const [id, name] of [
    ['qingshan', '青山镇便民服务中心'],
    ['county', '县政务服务中心'],
  ] as const)
    await hub.call('POST', '/v1/admin/halls', { token: hub.adminToken, body: { id, name } });
  hubUrl = await hub.hub.app.listen({ host: '127.0.0.1', port: 0 });
  terminals = await openRemoteTerminals({ url: hubUrl, enrolmentCode });
  ({ township, expert, caseId, department } = terminals);
});

afterAll(async () => {
  terminals.close();
  await hub.dispose();
});

describe('the remote window between a township clerk and a county expert', () => {
  let request: HelpRequest;
  let sessionId: string;

  const hostView = () => township.ok('remote.get', { sessionId });
  const expertView = () => expert.ok('remote.get', { sessionId });

  it('queues the clerk’s request for the department, where the expert takes it', async () => {
    request = await township.ok('help.raise', {
      caseId,
      question: `经营场所是住宅，能否办理？申请人身份证 ${ID_NUMBER}，电话 ${PHONE}`,
      urgency: 'urgent',
    });
    expect(request.caseRef).toMatchObject({ caseId, department });
    // The request carries the case's reference and matter, nothing of the applicant: numbers
    // typed into the question are masked before it leaves the terminal.
    expect(JSON.stringify(request)).not.toContain('张伟');
    expect(request.question).toBe(
      '经营场所是住宅，能否办理？申请人身份证 110105********002X，电话 138****8000',
    );
    const posted = await township.ok('help.post', {
      id: request.id,
      text: `补充：电话 ${PHONE}`,
    });
    expect(posted.messages.at(-1)?.text).toBe('补充：电话 138****8000');
    const queue = await expert.ok('help.queue', { departments: [department] });
    expect(queue.requests.map((r) => r.id)).toContain(request.id);
    const claimed = await expert.ok('help.claim', { id: request.id });
    expect(claimed).toMatchObject({ state: 'claimed', expert: { displayName: '王专家' } });
    expect(claimed.firstResponseSeconds).toBeLessThan(60);
    // A clerk may not take requests.
    expect(await township.call('help.claim', { id: request.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('opens the remote window the expert asked for; the expert joins and sees the case masked', async () => {
    await expert.ok('help.askSession', { id: request.id });
    const mine = await township.ok('help.mine', {});
    expect(mine.requests.find((r) => r.id === request.id)?.sessionAskedAt).not.toBeNull();
    const opened = await township.ok('remote.open', { caseId, helpRequestId: request.id });
    sessionId = opened.sessionId;
    expect(opened.role).toBe('host');
    await expert.ok('remote.join', { helpRequestId: request.id });
    const view = await eventually(
      expertView,
      (v) => v.workspace !== null && v.link.state === 'live',
    );
    const idField = view.workspace?.fields.find((f) => f.key === 'applicant.idNumber');
    expect(idField).toMatchObject({ value: '110105********002X', personal: true, revealed: false });
    expect(JSON.stringify(view)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(view)).not.toContain(PHONE);
    // The call will use the hub's STUN/TURN servers.
    await eventually(expertView, (v) => v.iceServers.length === 1);
    expect((await expertView()).iceServers).toEqual([TURN]);
    const both = await eventually(
      hostView,
      (v) => v.participants.length === 2 && v.participants.every((p) => p.online),
    );
    expect(both.participants.map((p) => [p.role, p.displayName])).toEqual([
      ['host', ADMIN.displayName],
      ['expert', '王专家'],
    ]);
  });

  it('changes the case only when the clerk accepts the expert’s suggestion', async () => {
    const view = await expertView();
    const material = view.workspace?.materials[0];
    expect(material?.state).toBe('pending');
    await expert.ok('remote.suggest', {
      sessionId,
      change: { kind: 'material', materialCode: material?.code ?? '', state: 'received' },
    });
    const pending = await eventually(hostView, (v) => v.suggestions.length === 1);
    const suggestion = pending.suggestions[0];
    expect(suggestion).toMatchObject({ state: 'pending', author: '王专家', direct: false });
    // Not yet in the case.
    const before = await township.ok('cases.get', { id: caseId });
    expect(before.materials[0]?.state).toBe('pending');
    await township.ok('remote.decide', {
      sessionId,
      suggestionId: suggestion?.id ?? '',
      accept: true,
    });
    const after = await township.ok('cases.get', { id: caseId });
    expect(after.materials[0]?.state).toBe('received');
    const seen = await eventually(
      expertView,
      (v) =>
        v.suggestions[0]?.state === 'accepted' && v.workspace?.materials[0]?.state === 'received',
    );
    expect(seen.suggestions[0]?.decidedAt).not.toBeNull();
  });

  it('lets the expert edit directly only while the clerk grants control', async () => {
    await township.ok('review.start', { caseId });
    const point = (await expertView()).workspace?.points[0];
    const change = { kind: 'decision', pointCode: point?.code ?? '', verdict: 'pass' } as const;
    expect(await expert.call('remote.edit', { sessionId, change })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const expertId = (await hostView()).participants.find((p) => p.role === 'expert')?.id ?? '';
    await township.ok('remote.grantControl', { sessionId, participantId: expertId });
    await eventually(expertView, (v) => v.control.holder === expertId);
    await expert.ok('remote.edit', { sessionId, change });
    await eventually(expertView, (v) =>
      v.suggestions.some((s) => s.direct && s.state === 'applied'),
    );
    const review = await township.ok('review.get', { caseId });
    expect(review.points.find((p) => p.code === point?.code)?.decision?.verdict).toBe('pass');

    await township.ok('remote.revokeControl', { sessionId });
    await eventually(expertView, (v) => v.control.holder === null);
    expect(await expert.call('remote.edit', { sessionId, change })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('reveals the ID number to the expert only after the applicant consents, sealed end to end', async () => {
    expect(
      await township.call('remote.recordConsent', {
        sessionId,
        fields: ['material.nope'],
        basis: 'verbal',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: ['fields', 0] } });
    await township.ok('remote.recordConsent', {
      sessionId,
      fields: ['applicant.idNumber'],
      basis: 'verbal',
      note: '申请人当面口头同意',
    });
    const view = await eventually(
      expertView,
      (v) => v.workspace?.fields.find((f) => f.key === 'applicant.idNumber')?.revealed === true,
    );
    expect(view.workspace?.fields.find((f) => f.key === 'applicant.idNumber')?.value).toBe(
      ID_NUMBER,
    );
    // The phone was not consented to: still masked.
    expect(view.workspace?.fields.find((f) => f.key === 'applicant.phone')?.value).toBe(
      '138****8000',
    );
    // The reveal is in the hall's tamper-evident audit trail too, with the fields, never values.
    const trail = await township.ok('audit.search', { action: 'personalData.reveal' });
    expect(trail.entries[0]).toMatchObject({
      subject: `remote:${sessionId}`,
      detail: { fields: ['applicant.idNumber'], basis: 'verbal', remote: true },
    });
    expect(view.consents).toEqual([
      expect.objectContaining({ fields: ['applicant.idNumber'], basis: 'verbal' }),
    ]);

    // What the hub holds: the relay's document carries ciphertext only; its database no case data.
    const document = hub.hub.relay.hocuspocus.documents.get(sessionDocumentName(sessionId));
    expect(document).toBeDefined();
    const relayed = Buffer.from(Y.encodeStateAsUpdate(document ?? new Y.Doc())).toString('latin1');
    expect(relayed.length).toBeGreaterThan(1000);
    expect(relayed).not.toContain(ID_NUMBER);
    expect(relayed).not.toContain(PHONE);
    for (const table of [
      'help_requests',
      'help_messages',
      'remote_sessions',
      'remote_participants',
    ]) {
      const rows = await hub.db.query(`SELECT * FROM ${table}`);
      expect(JSON.stringify(rows)).not.toContain(ID_NUMBER);
      expect(JSON.stringify(rows)).not.toContain('张伟');
    }
  });

  it('shares a material image sealed end to end; the expert draws on it and checks the ID', async () => {
    const png = Buffer.from(PNG_BASE64, 'base64');
    await township.ok('remote.shareFile', {
      sessionId,
      name: '经营场所照片.png',
      mediaType: 'image/png',
      contentBase64: PNG_BASE64,
    });
    // The materials are the local window's to share.
    expect(
      await expert.call('remote.shareFile', {
        sessionId,
        name: '样表.png',
        mediaType: 'image/png',
        contentBase64: PNG_BASE64,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const listed = await eventually(expertView, (v) => v.files.length === 1);
    const fileId = listed.files[0]?.id ?? '';
    expect(listed.files[0]).toMatchObject({ name: '经营场所照片.png', size: png.length });
    const opened = await expert.ok('remote.fileContent', { sessionId, fileId });
    expect(Buffer.from(opened.contentBase64, 'base64').equals(png)).toBe(true);
    // The hub holds ciphertext: the image's bytes are not in its table.
    const chunks = await hub.db.query<{ data: Uint8Array }>('SELECT data FROM session_file_chunks');
    expect(chunks).toHaveLength(1);
    expect(Buffer.from(chunks[0]?.data ?? []).includes(png.subarray(16, 40))).toBe(false);

    await expert.ok('remote.draw', {
      sessionId,
      fileId,
      color: '#e53935',
      points: [
        { x: 0.1, y: 0.2 },
        { x: 0.4, y: 0.6 },
      ],
    });
    await eventually(hostView, (v) => v.strokes.length === 1 && v.strokes[0]?.fileId === fileId);

    await expert.ok('remote.recordIdentityCheck', {
      sessionId,
      outcome: 'match',
      note: '人证相符',
    });
    await eventually(hostView, (v) => v.identityChecks[0]?.outcome === 'match');
    expect(
      await township.call('remote.recordIdentityCheck', { sessionId, outcome: 'match' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await township.ok('remote.keepIdentitySnapshot', {
      sessionId,
      mediaType: 'image/png',
      contentBase64: PNG_BASE64,
      basis: 'signed_form',
    });
    const attachments = await township.ok('attachments.list', { caseId });
    expect(attachments.map((a) => a.fileName)).toEqual([expect.stringMatching(/^远程身份核验-/)]);
  });

  it('carries chat both ways, ends for both, and leaves the record on the case', async () => {
    await expert.ok('remote.chat', { sessionId, text: '请申请人补充房屋用途证明' });
    await township.ok('remote.chat', { sessionId, text: `好的，已告知，她的电话 ${PHONE}` });
    const chatted = await eventually(expertView, (v) => v.chat.length === 2);
    // The applicant's number leaves the clerk's side masked; the phone was never consented to.
    // (Lines typed at once on both sides may interleave either way.)
    expect(chatted.chat.map((line) => line.text)).toContain('好的，已告知，她的电话 138****8000');
    const ended = await expert.ok('remote.end', { sessionId, outcome: '已指导补正' });
    expect(ended.link.state).toBe('ended');
    const hostEnded: RemoteSessionView = await eventually(
      hostView,
      (v) => v.link.state === 'ended',
    );
    expect(hostEnded.endedBy).toBe('王专家');
    const [record] = await township.ok('remote.records', { caseId });
    expect(record?.helpRequestId).toBe(request.id);
    // The expert ended it; the clerk's record on the case keeps how it went.
    expect(record?.outcome).toBe('已指导补正');
    expect(record?.events.map((e) => e.kind)).toEqual([
      'opened',
      'joined',
      'suggestion_accepted',
      'control_granted',
      'edit_applied',
      'control_revoked',
      'consent',
      'revealed',
      'file_shared',
      'identity_checked',
      'identity_snapshot_kept',
      'ended',
    ]);
    expect(record?.events.find((e) => e.kind === 'revealed')?.summary.zh).toContain('王专家');

    // 再次打开: the request gets a new window, which its expert joins.
    const again = await township.ok('remote.open', { caseId, helpRequestId: request.id });
    expect(again.sessionId).not.toBe(sessionId);
    const rejoined = await expert.ok('remote.join', { helpRequestId: request.id });
    expect(rejoined.sessionId).toBe(again.sessionId);
    expect(
      (await township.ok('remote.open', { caseId, helpRequestId: request.id })).sessionId,
    ).toBe(again.sessionId);
    await township.ok('remote.end', { sessionId: again.sessionId, outcome: '' });
    const closed = await expert.ok('help.close', {
      id: request.id,
      outcome: 'resolved',
      note: '已答复',
    });
    expect(closed.state).toBe('resolved');
  });

  it('shows a later expert nothing the applicant did not consent to show them', async () => {
    // A window the clerk opens to invite: 王专家 joins and the applicant consents.
    const opened = await township.ok('remote.open', { caseId });
    const windowId = opened.sessionId;
    await expert.ok('remote.join', { code: opened.joinCode?.code ?? '' });
    await eventually(
      () => township.ok('remote.get', { sessionId: windowId }),
      (v) => v.participants.length === 2,
    );
    await township.ok('remote.recordConsent', {
      sessionId: windowId,
      fields: ['applicant.idNumber'],
      basis: 'verbal',
    });
    // Then a second county expert is invited with a code.
    const desk = await openExpertDesk(
      { url: hubUrl, enrolmentCode },
      {
        terminalName: '市场监管远程坐席 2',
        admin: 'deskadmin',
        expert: { username: 'zhao', displayName: '赵专家' },
      },
    );
    try {
      const later = desk.expert;
      const invited = await township.ok('remote.issueJoinCode', { sessionId: windowId });
      await later.ok('remote.join', { code: invited.joinCode?.code ?? '' });
      const laterView = () => later.ok('remote.get', { sessionId: windowId });
      const windowView = () => township.ok('remote.get', { sessionId: windowId });
      const seen = await eventually(laterView, (v) => v.workspace !== null);
      const idOf = (v: RemoteSessionView) =>
        v.workspace?.fields.find((f) => f.key === 'applicant.idNumber');
      expect(idOf(seen)).toMatchObject({ value: '110105********002X', revealed: false });
      // The consent named 王专家 only; the clerk's list says so.
      const host = await eventually(windowView, (v) => v.participants.length === 3);
      const [given] = host.consents;
      const zhao = host.participants.find((p) => p.displayName === '赵专家');
      expect(given?.recipients).not.toContain(zhao?.id);

      // The applicant agrees again, with 赵专家 in the window: now they see it too.
      await township.ok('remote.recordConsent', {
        sessionId: windowId,
        fields: ['applicant.idNumber'],
        basis: 'verbal',
      });
      const revealed = await eventually(laterView, (v) => idOf(v)?.revealed === true);
      expect(idOf(revealed)?.value).toBe(ID_NUMBER);

      // The applicant takes the second consent back: 赵专家's screen masks it again, while the
      // first consent still covers 王专家.
      const consents = (await windowView()).consents;
      await township.ok('remote.withdrawConsent', {
        sessionId: windowId,
        consentId: consents[1]?.id ?? '',
      });
      await eventually(laterView, (v) => idOf(v)?.revealed === false);
      const wangView = () => expert.ok('remote.get', { sessionId: windowId });
      expect(idOf(await wangView())?.revealed).toBe(true);
      await township.ok('remote.withdrawConsent', {
        sessionId: windowId,
        consentId: consents[0]?.id ?? '',
      });
      const masked = await eventually(wangView, (v) => idOf(v)?.revealed === false);
      expect(idOf(masked)?.value).toBe('110105********002X');
      expect(
        await township.call('remote.withdrawConsent', { sessionId: windowId, consentId: 'nope' }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', path: ['consentId'] } });
      const [record] = (await township.ok('remote.records', { caseId })).filter(
        (r) => r.sessionId === windowId,
      );
      expect(record?.events.filter((e) => e.kind === 'consent_withdrawn')).toHaveLength(2);
      await township.ok('remote.end', { sessionId: windowId, outcome: '' });
    } finally {
      desk.engine.close();
    }
  });

  it('never wrote the applicant’s personal data to the hub’s logs', () => {
    // Requests, relay connections and refusals were logged at every level along the way.
    expect(hubLog.length).toBeGreaterThan(20);
    const logged = hubLog.join('');
    for (const personal of [ID_NUMBER, PHONE, '张伟']) expect(logged).not.toContain(personal);
  });
});
