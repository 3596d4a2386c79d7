import {
  JOIN_CODE_TTL_SECONDS,
  MAX_FAILED_JOINS,
  MAX_FAILED_JOINS_PER_ADDRESS,
  RELAY_TOKEN_TTL_SECONDS,
  sessionDocumentName,
  type CaseRef,
  type HubActor,
  type Participant,
  type RelayToken,
  type RemoteSessionRecord,
} from '@shared/hub/remote';
import type { HubDb, SqlExecutor } from '../db/hub-db';
import { iso, isoOrNull } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import { groupCode, hashSecret, newHubId, newOneTimeCode, newSecret } from '../auth/secrets';
import type { CallingTerminal, HelpQueue } from './help-queue';

interface SessionRow {
  id: string;
  hall_id: string;
  host_terminal_id: string;
  case_ref: CaseRef;
  help_request_id: string | null;
  created_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
}

const SESSION_COLUMNS =
  'id, hall_id, host_terminal_id, case_ref, help_request_id, created_at, ended_at, ended_by';

interface ParticipantRow {
  id: string;
  session_id: string;
  role: 'host' | 'expert';
  terminal_id: string;
  username: string;
  display_name: string;
  hall_name: string;
  public_key: string;
  joined_at: Date;
  left_at: Date | null;
  connections: number;
}

/** Who a relay token let in: checked once, at the connection's handshake. */
export interface RelayAdmission {
  sessionId: string;
  participantId: string;
  role: 'host' | 'expert';
  displayName: string;
}

/**
 * Remote sessions (远程虚拟窗口) as the hub keeps them: who is in which session, the join codes
 * that let an expert in, and the one-time tokens each relay connection opens with. What the
 * participants share travels through the relay and is never written here.
 */
export class RemoteSessions {
  constructor(
    private readonly db: HubDb,
    private readonly helpQueue: HelpQueue,
  ) {}

  /**
   * The local clerk's terminal opens a session on one of its cases, answering a request or not.
   * A request's earlier session, ended or lost with its engine (a restart: the keys died with it),
   * makes way: the lost one is ended here, and the request's expert joins the new one.
   */
  async open(
    caller: CallingTerminal,
    request: { caseRef: CaseRef; host: HubActor; publicKey: string; helpRequestId?: string },
  ): Promise<{ session: RemoteSessionRecord; participantId: string; replaced: string | null }> {
    let replaced: string | null = null;
    if (request.helpRequestId !== undefined) {
      const help = await this.helpQueue.get(request.helpRequestId);
      if (help.terminalId !== caller.id) throw new HubApiError('FORBIDDEN');
      if (help.state !== 'claimed')
        throw new HubApiError('CONFLICT', {
          message: {
            zh: '请求尚未被专家接单或已结束',
            en: 'No expert holds this request, or it is closed',
          },
        });
      if (help.sessionId !== null && !help.sessionEnded) replaced = help.sessionId;
    }
    const sessionId = newHubId('s');
    const participantId = newHubId('p');
    await this.db.transaction(async (tx) => {
      if (replaced !== null) await this.endInTransaction(tx, replaced, request.host.displayName);
      await tx.query(
        `INSERT INTO remote_sessions (id, hall_id, host_terminal_id, case_ref, help_request_id)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          sessionId,
          caller.hallId,
          caller.id,
          JSON.stringify(request.caseRef),
          request.helpRequestId ?? null,
        ],
      );
      await this.addParticipant(
        tx,
        sessionId,
        participantId,
        'host',
        caller,
        request.host,
        request.publicKey,
      );
      if (request.helpRequestId !== undefined)
        await this.helpQueue.attachSession(tx, request.helpRequestId, sessionId);
    });
    return { session: await this.get(sessionId), participantId, replaced };
  }

  /** A new single-use code for the host to read out; earlier unused codes stay valid until they expire. */
  async issueJoinCode(
    caller: CallingTerminal,
    sessionId: string,
  ): Promise<{ code: string; expiresAt: string }> {
    const session = await this.requireOpen(sessionId);
    if (session.host_terminal_id !== caller.id) throw new HubApiError('FORBIDDEN');
    const code = newOneTimeCode();
    const expiresAt = new Date(Date.now() + JOIN_CODE_TTL_SECONDS * 1000).toISOString();
    await this.db.query(
      `INSERT INTO join_codes (code_hash, session_id, expires_at) VALUES ($1, $2, $3)`,
      [hashSecret(code), sessionId, expiresAt],
    );
    return { code: groupCode(code), expiresAt };
  }

  /**
   * An expert joins with a code (spent at once; an address that failed five times in ten minutes
   * waits) or as the expert who took the session's help request.
   */
  async join(
    caller: CallingTerminal,
    address: string,
    request: { expert: HubActor; publicKey: string } & (
      { code: string } | { helpRequestId: string }
    ),
  ): Promise<{ session: RemoteSessionRecord; participantId: string }> {
    if (request.expert.role !== 'remote_expert')
      throw new HubApiError('FORBIDDEN', {
        message: { zh: '只有远程坐席可以加入远程窗口', en: 'Only remote experts join sessions' },
        path: ['body', 'expert', 'role'],
      });
    const participantId = newHubId('p');
    if ('code' in request) await this.requireFewFailures(caller.id, address);
    // Read before the transaction: an embedded database has one connection, which it holds.
    const claimed =
      'code' in request ? undefined : await this.sessionOfClaim(caller, request.helpRequestId);
    const sessionId = await this.db.transaction(async (tx) => {
      const joining =
        'code' in request ? await this.spendCode(tx, request.code, caller.id) : claimed;
      if (joining === undefined) return undefined;
      await this.requireOpen(joining, tx);
      // The same expert again (a restarted engine, a second tab): the earlier seat is left, so
      // nothing more is sealed to its keys and the roster shows one person once.
      await tx.query(
        `UPDATE remote_participants SET left_at = now()
          WHERE session_id = $1 AND terminal_id = $2 AND username = $3 AND left_at IS NULL`,
        [joining, caller.id, request.expert.username],
      );
      await this.addParticipant(
        tx,
        joining,
        participantId,
        'expert',
        caller,
        request.expert,
        request.publicKey,
      );
      return joining;
    });
    if (sessionId === undefined) {
      await this.db.query(`INSERT INTO join_failures (address, terminal_id) VALUES ($1, $2)`, [
        address,
        caller.id,
      ]);
      throw new HubApiError('JOIN_CODE_INVALID', { path: ['body', 'code'] });
    }
    return { session: await this.get(sessionId), participantId };
  }

  /** A token for one relay connection of a participant of the calling terminal. */
  async relayToken(
    caller: CallingTerminal,
    sessionId: string,
    participantId: string,
  ): Promise<RelayToken> {
    await this.requireOpen(sessionId);
    const participant = await this.participant(participantId);
    if (
      !participant ||
      participant.session_id !== sessionId ||
      participant.terminal_id !== caller.id
    )
      throw new HubApiError('FORBIDDEN');
    if (participant.left_at !== null) throw new HubApiError('SESSION_ENDED');
    const token = newSecret();
    const expiresAt = new Date(Date.now() + RELAY_TOKEN_TTL_SECONDS * 1000).toISOString();
    await this.db.query(
      `INSERT INTO relay_tokens (token_hash, participant_id, expires_at) VALUES ($1, $2, $3)`,
      [hashSecret(token), participantId, expiresAt],
    );
    return { token, expiresAt, documentName: sessionDocumentName(sessionId) };
  }

  /**
   * Spends a relay token for the named document: unknown, expired, used (a replay) or for another
   * session's document, it lets nobody in.
   */
  async admit(token: string, documentName: string): Promise<RelayAdmission | undefined> {
    const rows = await this.db.query<{
      participant_id: string;
      session_id: string;
      role: 'host' | 'expert';
      display_name: string;
    }>(
      `UPDATE relay_tokens t SET used_at = now()
         FROM remote_participants p JOIN remote_sessions s ON s.id = p.session_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND p.id = t.participant_id AND p.left_at IS NULL AND s.ended_at IS NULL
        RETURNING p.id AS participant_id, p.session_id, p.role, p.display_name`,
      [hashSecret(token)],
    );
    const row = rows[0];
    if (!row || sessionDocumentName(row.session_id) !== documentName) return undefined;
    return {
      sessionId: row.session_id,
      participantId: row.participant_id,
      role: row.role,
      displayName: row.display_name,
    };
  }

  /** Counts a participant's live relay connections, so both sides can see who is there. */
  async connected(participantId: string, delta: 1 | -1): Promise<void> {
    await this.db.query(
      `UPDATE remote_participants SET connections = greatest(0, connections + $2) WHERE id = $1`,
      [participantId, delta],
    );
  }

  /** Either side ends the session for everyone. */
  async end(
    caller: CallingTerminal,
    sessionId: string,
    participantId: string,
    actor: HubActor,
  ): Promise<RemoteSessionRecord> {
    const participant = await this.participant(participantId);
    if (
      !participant ||
      participant.session_id !== sessionId ||
      participant.terminal_id !== caller.id
    )
      throw new HubApiError('FORBIDDEN');
    await this.db.transaction((tx) => this.endInTransaction(tx, sessionId, actor.displayName));
    return this.get(sessionId);
  }

  /** Ends a session for everyone: its participants leave, its unused codes and its files go. */
  private async endInTransaction(tx: SqlExecutor, sessionId: string, endedBy: string) {
    await tx.query(
      `UPDATE remote_sessions SET ended_at = now(), ended_by = $2 WHERE id = $1 AND ended_at IS NULL`,
      [sessionId, endedBy],
    );
    await tx.query(
      `UPDATE remote_participants SET left_at = coalesce(left_at, now()) WHERE session_id = $1`,
      [sessionId],
    );
    await tx.query(`DELETE FROM join_codes WHERE session_id = $1 AND used_at IS NULL`, [sessionId]);
    await tx.query(`DELETE FROM session_files WHERE session_id = $1`, [sessionId]);
  }

  /** Sessions of the last days, open ones first, for the hub's administrator. */
  async list(filter: { open?: boolean; days: number }): Promise<RemoteSessionRecord[]> {
    const rows = await this.db.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM remote_sessions
        WHERE created_at > now() - make_interval(days => $1)
          AND ($2::boolean IS NULL OR (ended_at IS NULL) = $2)
        ORDER BY ended_at IS NOT NULL, created_at DESC LIMIT 500`,
      [filter.days, filter.open ?? null],
    );
    return this.withParticipants(rows);
  }

  /** A session as one of its participants' terminals may read it. */
  async read(caller: CallingTerminal, sessionId: string): Promise<RemoteSessionRecord> {
    const session = await this.get(sessionId);
    if (!session.participants.some((participant) => participant.terminalId === caller.id))
      throw new HubApiError('FORBIDDEN');
    return session;
  }

  async get(sessionId: string): Promise<RemoteSessionRecord> {
    const rows = await this.db.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM remote_sessions WHERE id = $1`,
      [sessionId],
    );
    const [session] = await this.withParticipants(rows);
    if (!session) throw new HubApiError('NOT_FOUND');
    return session;
  }

  /** Sessions with their participants, read in one query however many sessions there are. */
  private async withParticipants(rows: SessionRow[]): Promise<RemoteSessionRecord[]> {
    if (rows.length === 0) return [];
    const participants = await this.db.query<ParticipantRow>(
      `SELECT * FROM remote_participants WHERE session_id = ANY($1::text[])
        ORDER BY joined_at, id`,
      [rows.map((row) => row.id)],
    );
    const bySession = new Map<string, Participant[]>();
    for (const participant of participants)
      bySession.set(participant.session_id, [
        ...(bySession.get(participant.session_id) ?? []),
        toParticipant(participant),
      ]);
    return rows.map((row) => ({
      id: row.id,
      hallId: row.hall_id,
      caseRef: row.case_ref,
      helpRequestId: row.help_request_id,
      state: row.ended_at === null ? 'open' : 'ended',
      createdAt: iso(row.created_at),
      endedAt: isoOrNull(row.ended_at),
      endedBy: row.ended_by,
      participants: bySession.get(row.id) ?? [],
    }));
  }

  /**
   * A terminal that typed five wrong codes in ten minutes waits, and so does an address with many
   * more (a county hall's experts share one address behind its NAT).
   */
  private async requireFewFailures(terminalId: string, address: string): Promise<void> {
    const rows = await this.db.query<{ terminal: number; address: number }>(
      `SELECT count(*) FILTER (WHERE terminal_id = $1)::int AS terminal,
              count(*) FILTER (WHERE address = $2)::int AS address
         FROM join_failures
        WHERE (terminal_id = $1 OR address = $2) AND at > now() - make_interval(secs => $3)`,
      [terminalId, address, JOIN_CODE_TTL_SECONDS],
    );
    const counts = rows[0] ?? { terminal: 0, address: 0 };
    if (counts.terminal >= MAX_FAILED_JOINS || counts.address >= MAX_FAILED_JOINS_PER_ADDRESS)
      throw new HubApiError('TRY_LATER', {
        message: {
          zh: '加入码输错次数过多，请 10 分钟后再试',
          en: 'Too many wrong join codes; try again in 10 minutes',
        },
      });
  }

  /** Spends a valid code: its session, or undefined for a wrong, used or expired one. */
  private async spendCode(
    tx: SqlExecutor,
    code: string,
    terminalId: string,
  ): Promise<string | undefined> {
    const spent = await tx.query<{ session_id: string }>(
      `UPDATE join_codes SET used_at = now(), used_by = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING session_id`,
      [hashSecret(code), terminalId],
    );
    return spent[0]?.session_id;
  }

  private async sessionOfClaim(caller: CallingTerminal, helpRequestId: string): Promise<string> {
    const { request: help, expertTerminalId } = await this.helpQueue.load(helpRequestId);
    if (expertTerminalId !== caller.id || help.state !== 'claimed')
      throw new HubApiError('FORBIDDEN');
    if (help.sessionId === null)
      throw new HubApiError('CONFLICT', {
        message: {
          zh: '窗口人员尚未打开远程窗口',
          en: 'The clerk has not opened a remote window yet',
        },
      });
    return help.sessionId;
  }

  private async requireOpen(sessionId: string, db: SqlExecutor = this.db): Promise<SessionRow> {
    const rows = await db.query<SessionRow>(`SELECT * FROM remote_sessions WHERE id = $1`, [
      sessionId,
    ]);
    const row = rows[0];
    if (!row) throw new HubApiError('NOT_FOUND');
    if (row.ended_at !== null) throw new HubApiError('SESSION_ENDED');
    return row;
  }

  private async participant(id: string): Promise<ParticipantRow | undefined> {
    const rows = await this.db.query<ParticipantRow>(
      `SELECT * FROM remote_participants WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  private async addParticipant(
    tx: SqlExecutor,
    sessionId: string,
    participantId: string,
    role: 'host' | 'expert',
    caller: CallingTerminal,
    actor: HubActor,
    publicKey: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO remote_participants (id, session_id, role, terminal_id, username, display_name,
                                        hall_name, public_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        participantId,
        sessionId,
        role,
        caller.id,
        actor.username,
        actor.displayName,
        caller.hallName,
        publicKey,
      ],
    );
  }
}

function toParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id,
    role: row.role,
    displayName: row.display_name,
    username: row.username,
    hallName: row.hall_name,
    terminalId: row.terminal_id,
    publicKey: row.public_key,
    joinedAt: iso(row.joined_at),
    leftAt: isoOrNull(row.left_at),
    connected: row.connections > 0,
  };
}
