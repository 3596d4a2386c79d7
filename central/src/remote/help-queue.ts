import type {
  CaseRef,
  HelpMessage,
  HelpRequest,
  HelpRequestList,
  HelpStatsRow,
  HubActor,
  RaiseHelpRequest,
} from '@shared/hub/remote';
import type { HubDb, SqlExecutor } from '../db/hub-db';
import { iso, isoOrNull } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import { newHubId } from '../auth/secrets';

/** The terminal that calls, as the authenticator vouches for it. */
export interface CallingTerminal {
  id: string;
  hallId: string;
  hallName: string;
}

interface HelpRequestRow {
  id: string;
  hall_id: string;
  hall_name: string;
  terminal_id: string;
  case_ref: CaseRef;
  question: string;
  urgency: 'normal' | 'urgent';
  state: HelpRequest['state'];
  requester_username: string;
  requester_name: string;
  expert_username: string | null;
  expert_name: string | null;
  expert_hall_name: string | null;
  expert_terminal_id: string | null;
  created_at: Date;
  claimed_at: Date | null;
  session_asked_at: Date | null;
  session_id: string | null;
  session_ended: boolean;
  closed_at: Date | null;
  resolution_note: string | null;
}

const REQUEST_COLUMNS = `r.id, r.hall_id, h.name AS hall_name, r.terminal_id, r.case_ref, r.question,
  r.urgency, r.state, r.requester_username, r.requester_name, r.expert_username, r.expert_name,
  r.expert_hall_name, r.expert_terminal_id, r.created_at, r.claimed_at, r.session_asked_at,
  r.session_id, r.closed_at, r.resolution_note,
  EXISTS (SELECT 1 FROM remote_sessions s WHERE s.id = r.session_id AND s.ended_at IS NOT NULL)
    AS session_ended`;

/** How long a closed request stays in its clerk's and expert's lists. */
const RECENT_HOURS = 24;
/** China keeps one offset all year: a Beijing day is a UTC day shifted by 8 hours. */
const BEIJING_DAY = `((r.created_at AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/**
 * Help requests (帮办请求): raised by a clerk from a case, queued for the experts of the matter's
 * department, claimed by one of them (the first human answer, timed), answered by chat or a
 * remote window, and closed as resolved or not. Claims and closes are single statements that
 * check the state they move from, so two experts racing for one request cannot both win.
 */
export class HelpQueue {
  constructor(private readonly db: HubDb) {}

  async raise(caller: CallingTerminal, request: RaiseHelpRequest): Promise<HelpRequest> {
    const id = newHubId('h');
    await this.db.query(
      `INSERT INTO help_requests (id, hall_id, terminal_id, case_ref, department, question, urgency,
                                  state, requester_username, requester_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $9)`,
      [
        id,
        caller.hallId,
        caller.id,
        JSON.stringify(request.caseRef),
        request.caseRef.department,
        request.question,
        request.urgency,
        request.requester.username,
        request.requester.displayName,
      ],
    );
    return this.get(id);
  }

  /** What this terminal raised or claimed: open ones, and those closed in the last day. */
  async mine(caller: CallingTerminal): Promise<HelpRequestList> {
    const rows = await this.db.query<HelpRequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM help_requests r JOIN halls h ON h.id = r.hall_id
        WHERE (r.terminal_id = $1 OR r.expert_terminal_id = $1)
          AND (r.closed_at IS NULL OR r.closed_at > now() - interval '${String(RECENT_HOURS)} hours')
        ORDER BY r.created_at DESC LIMIT 200`,
      [caller.id],
    );
    return this.list(rows);
  }

  /** Waiting requests of the given departments (all when none), urgent first, oldest first. */
  async queue(departments: string[]): Promise<HelpRequestList> {
    const rows = await this.db.query<HelpRequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM help_requests r JOIN halls h ON h.id = r.hall_id
        WHERE r.state = 'waiting' AND (cardinality($1::text[]) = 0 OR r.department = ANY($1::text[]))
        ORDER BY r.urgency = 'urgent' DESC, r.created_at LIMIT 500`,
      [departments],
    );
    return this.list(rows);
  }

  /** Every hall's requests of the last days, for the hub's administrator. */
  async all(filter: { state?: HelpRequest['state']; days: number }): Promise<HelpRequestList> {
    const rows = await this.db.query<HelpRequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM help_requests r JOIN halls h ON h.id = r.hall_id
        WHERE r.created_at > now() - make_interval(days => $1) AND ($2::text IS NULL OR r.state = $2)
        ORDER BY r.created_at DESC LIMIT 1000`,
      [filter.days, filter.state ?? null],
    );
    return this.list(rows);
  }

  async read(caller: CallingTerminal, id: string): Promise<HelpRequest> {
    const { request, expertTerminalId } = await this.load(id);
    const involved = request.terminalId === caller.id || expertTerminalId === caller.id;
    if (!involved && request.state !== 'waiting') throw new HubApiError('FORBIDDEN');
    return request;
  }

  async claim(caller: CallingTerminal, id: string, expert: HubActor): Promise<HelpRequest> {
    requireExpert(expert);
    const claimed = await this.db.query(
      `UPDATE help_requests SET state = 'claimed', claimed_at = now(), expert_username = $2,
              expert_name = $3, expert_hall_name = $4, expert_terminal_id = $5
        WHERE id = $1 AND state = 'waiting' RETURNING id`,
      [id, expert.username, expert.displayName, caller.hallName, caller.id],
    );
    if (claimed.length === 0) {
      const current = await this.get(id);
      throw new HubApiError('CONFLICT', {
        message:
          current.state === 'claimed'
            ? {
                zh: `该请求已由${current.expert?.displayName ?? '其他专家'}接单`,
                en: `${current.expert?.displayName ?? 'Another expert'} took this request already`,
              }
            : { zh: '该请求已结束', en: 'This request is closed' },
      });
    }
    return this.get(id);
  }

  /** The expert asks the clerk to open a remote window for the request. */
  async askSession(caller: CallingTerminal, id: string): Promise<HelpRequest> {
    await this.requireClaimedBy(caller, id);
    await this.db.query(
      `UPDATE help_requests SET session_asked_at = coalesce(session_asked_at, now()) WHERE id = $1`,
      [id],
    );
    return this.get(id);
  }

  async post(
    caller: CallingTerminal,
    id: string,
    message: { side: 'clerk' | 'expert'; author: HubActor; text: string },
  ): Promise<HelpRequest> {
    const request = await this.get(id);
    if (request.state !== 'claimed' && !(request.state === 'waiting' && message.side === 'clerk'))
      throw new HubApiError('CONFLICT', {
        message: { zh: '该请求未在处理中，不能留言', en: 'The request is not open for messages' },
      });
    if (message.side === 'clerk' && request.terminalId !== caller.id)
      throw new HubApiError('FORBIDDEN');
    if (message.side === 'expert') await this.requireClaimedBy(caller, id);
    await this.db.query(
      `INSERT INTO help_messages (request_id, side, author_name, text) VALUES ($1, $2, $3, $4)`,
      [id, message.side, message.author.displayName, message.text],
    );
    return this.get(id);
  }

  /**
   * The clerk cancels a request (waiting or claimed); the clerk or the expert who took it closes
   * it as resolved or not.
   */
  async close(
    caller: CallingTerminal,
    id: string,
    close: { actor: HubActor; outcome: 'resolved' | 'unresolved' | 'cancelled'; note: string },
  ): Promise<HelpRequest> {
    const { request, expertTerminalId } = await this.load(id);
    const isClerk = request.terminalId === caller.id;
    const isExpert = expertTerminalId === caller.id;
    if (close.outcome === 'cancelled' ? !isClerk : !isClerk && !isExpert)
      throw new HubApiError('FORBIDDEN');
    const from = close.outcome === 'cancelled' ? ['waiting', 'claimed'] : ['claimed'];
    const closed = await this.db.query(
      `UPDATE help_requests SET state = $2, closed_at = now(), closed_by = $3, resolution_note = $4
        WHERE id = $1 AND state = ANY($5::text[]) RETURNING id`,
      [id, close.outcome, close.actor.displayName, close.note, from],
    );
    if (closed.length === 0)
      throw new HubApiError('CONFLICT', {
        message:
          request.state === 'waiting'
            ? { zh: '尚无专家接单，只能撤回', en: 'Nobody took it yet: it can only be cancelled' }
            : { zh: '该请求已结束', en: 'This request is closed' },
      });
    return this.get(id);
  }

  /** Links the session opened for a request (in the caller's transaction). */
  async attachSession(tx: SqlExecutor, id: string, sessionId: string): Promise<void> {
    await tx.query(`UPDATE help_requests SET session_id = $2 WHERE id = $1`, [id, sessionId]);
  }

  /**
   * Per department and Beijing day: requests, those answered (claimed) and within one minute, the
   * median wait for the first answer, and how many of the closed ones were resolved (cancelled
   * requests count as neither).
   */
  async stats(from: string, to: string): Promise<HelpStatsRow[]> {
    const rows = await this.db.query<{
      day: string;
      department: string;
      requests: number;
      withdrawn: number;
      answered: number;
      within_minute: number;
      median_seconds: number | null;
      closed: number;
      resolved: number;
    }>(
      `SELECT to_char(${BEIJING_DAY}, 'YYYY-MM-DD') AS day, r.department,
              count(*)::int AS requests,
              count(*) FILTER (WHERE r.state = 'cancelled' AND r.claimed_at IS NULL
                                 AND r.closed_at < r.created_at + interval '1 minute')::int AS withdrawn,
              count(r.claimed_at)::int AS answered,
              count(*) FILTER (WHERE r.claimed_at <= r.created_at + interval '1 minute')::int AS within_minute,
              percentile_cont(0.5) WITHIN GROUP (
                ORDER BY extract(epoch FROM r.claimed_at - r.created_at)
              ) FILTER (WHERE r.claimed_at IS NOT NULL) AS median_seconds,
              count(*) FILTER (WHERE r.state IN ('resolved', 'unresolved'))::int AS closed,
              count(*) FILTER (WHERE r.state = 'resolved')::int AS resolved
         FROM help_requests r
        WHERE ${BEIJING_DAY} BETWEEN $1::date AND $2::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to],
    );
    return rows.map((row) => ({
      day: row.day,
      department: row.department,
      requests: row.requests,
      withdrawnWithinMinute: row.withdrawn,
      answered: row.answered,
      answeredWithinMinute: row.within_minute,
      medianFirstResponseSeconds:
        row.median_seconds === null ? null : Math.round(row.median_seconds * 10) / 10,
      closed: row.closed,
      resolved: row.resolved,
    }));
  }

  async get(id: string): Promise<HelpRequest> {
    return (await this.load(id)).request;
  }

  /** A request, with the terminal of the expert who took it (which the API does not show). */
  async load(id: string): Promise<{ request: HelpRequest; expertTerminalId: string | null }> {
    const rows = await this.db.query<HelpRequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM help_requests r JOIN halls h ON h.id = r.hall_id WHERE r.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new HubApiError('NOT_FOUND');
    const messages = await this.messagesOf([id]);
    return {
      request: toRequest(row, messages.get(id) ?? []),
      expertTerminalId: row.expert_terminal_id,
    };
  }

  private async list(rows: HelpRequestRow[]): Promise<HelpRequestList> {
    const messages = await this.messagesOf(rows.map((row) => row.id));
    return {
      hubTime: new Date().toISOString(),
      requests: rows.map((row) => toRequest(row, messages.get(row.id) ?? [])),
    };
  }

  private async messagesOf(ids: string[]): Promise<Map<string, HelpMessage[]>> {
    const byRequest = new Map<string, HelpMessage[]>();
    if (ids.length === 0) return byRequest;
    const rows = await this.db.query<{
      id: string | number;
      request_id: string;
      side: 'clerk' | 'expert';
      author_name: string;
      text: string;
      at: Date;
    }>(
      `SELECT id, request_id, side, author_name, text, at FROM help_messages
        WHERE request_id = ANY($1::text[]) ORDER BY id`,
      [ids],
    );
    for (const row of rows) {
      const list = byRequest.get(row.request_id) ?? [];
      list.push({
        id: Number(row.id),
        author: { displayName: row.author_name, side: row.side },
        text: row.text,
        at: iso(row.at),
      });
      byRequest.set(row.request_id, list);
    }
    return byRequest;
  }

  private async requireClaimedBy(caller: CallingTerminal, id: string): Promise<void> {
    const { request, expertTerminalId } = await this.load(id);
    if (request.state !== 'claimed')
      throw new HubApiError('CONFLICT', {
        message: { zh: '该请求未在处理中', en: 'The request is not being handled' },
      });
    if (expertTerminalId !== caller.id) throw new HubApiError('FORBIDDEN');
  }
}

function requireExpert(actor: HubActor): void {
  if (actor.role !== 'remote_expert')
    throw new HubApiError('FORBIDDEN', {
      message: { zh: '只有远程坐席可以接单', en: 'Only remote experts take requests' },
      path: ['body', 'expert', 'role'],
    });
}

function toRequest(row: HelpRequestRow, messages: HelpMessage[]): HelpRequest {
  const created = new Date(row.created_at).getTime();
  return {
    id: row.id,
    hall: { id: row.hall_id, name: row.hall_name },
    terminalId: row.terminal_id,
    caseRef: row.case_ref,
    question: row.question,
    urgency: row.urgency,
    state: row.state,
    requester: { username: row.requester_username, displayName: row.requester_name },
    expert:
      row.expert_username === null
        ? null
        : {
            username: row.expert_username,
            displayName: row.expert_name ?? '',
            hallName: row.expert_hall_name ?? '',
          },
    createdAt: iso(row.created_at),
    claimedAt: isoOrNull(row.claimed_at),
    firstResponseSeconds:
      row.claimed_at === null
        ? null
        : Math.round((new Date(row.claimed_at).getTime() - created) / 100) / 10,
    closedAt: isoOrNull(row.closed_at),
    resolutionNote: row.resolution_note,
    sessionAskedAt: isoOrNull(row.session_asked_at),
    sessionId: row.session_id,
    sessionEnded: row.session_ended,
    messages,
  };
}
