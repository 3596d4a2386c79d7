import { z } from 'zod';
import {
  adminSessionSchema,
  calendarPublicationSchema,
  hubModelRowSchema,
  importPackageSchema,
  packageImportResultSchema,
  publishCalendarSchema,
  adminSignInSchema,
  conflictParamsSchema,
  conflictRowSchema,
  conflictsQuerySchema,
  createEnrolmentCodeSchema,
  createHallSchema,
  enrolmentCodeIssuedSchema,
  enrolmentCodeRowSchema,
  hallSchema,
  hubRecordSchema,
  publicationSchema,
  publishKnowledgeSchema,
  recordsQuerySchema,
  resolveConflictSchema,
  terminalParamsSchema,
  terminalRowSchema,
} from './admin';
import {
  enrolRequestSchema,
  enrolResponseSchema,
  hubStatusSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  terminalStateSchema,
} from './protocol';
import {
  askSessionSchema,
  claimHelpRequestSchema,
  closeHelpRequestSchema,
  endRemoteSessionSchema,
  helpQueueQuerySchema,
  helpRequestListSchema,
  helpRequestParamsSchema,
  helpRequestSchema,
  helpStatsQuerySchema,
  helpStatsRowSchema,
  joinCodeIssuedSchema,
  joinRemoteSessionSchema,
  joinedRemoteSessionSchema,
  openRemoteSessionSchema,
  openedRemoteSessionSchema,
  postHelpMessageSchema,
  raiseHelpRequestSchema,
  relayTokenRequestSchema,
  relayTokenSchema,
  remoteSessionParamsSchema,
  remoteSessionSchema,
} from './remote';

/** Who may call a route: anyone, an enrolled terminal (its bearer secret), or a hub administrator. */
export type HubAuth = 'none' | 'terminal' | 'admin';

export interface HubRoute {
  method: 'GET' | 'POST';
  path: string;
  auth: HubAuth;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Larger bodies than the default 1 MiB (pushes, published knowledge). */
  bodyLimitBytes?: number;
}

const ok = z.object({ ok: z.literal(true) });

/**
 * Every route of the hub's HTTP API, once: the hub registers and validates from this table, the
 * engine's client calls through it, and docs/hub-openapi.json is generated from it.
 */
export const hubRoutes = {
  health: {
    method: 'GET',
    path: '/v1/health',
    auth: 'none',
    summary: 'Liveness and database reachability',
    response: hubStatusSchema,
  },
  enrol: {
    method: 'POST',
    path: '/v1/terminals/enrol',
    auth: 'none',
    summary: 'Enrol a terminal with a one-time code; returns its credentials once',
    body: enrolRequestSchema,
    response: enrolResponseSchema,
  },
  state: {
    method: 'GET',
    path: '/v1/sync/state',
    auth: 'terminal',
    summary: "What the hub holds of the calling terminal's sequence",
    response: terminalStateSchema,
  },
  push: {
    method: 'POST',
    path: '/v1/sync/push',
    auth: 'terminal',
    summary: 'Apply a batch of the terminal outbox, in order, exactly once',
    body: pushRequestSchema,
    response: pushResponseSchema,
    bodyLimitBytes: 16 * 1024 * 1024,
  },
  pull: {
    method: 'GET',
    path: '/v1/sync/pull',
    auth: 'terminal',
    summary: 'The next page of a server stream after a cursor',
    query: pullQuerySchema,
    response: pullResponseSchema,
  },
  adminSignIn: {
    method: 'POST',
    path: '/v1/admin/sign-in',
    auth: 'none',
    summary: 'Sign a hub administrator in; returns a bearer token',
    body: adminSignInSchema,
    response: adminSessionSchema,
  },
  adminSignOut: {
    method: 'POST',
    path: '/v1/admin/sign-out',
    auth: 'admin',
    summary: 'End the calling administrator session',
    response: ok,
  },
  halls: {
    method: 'GET',
    path: '/v1/admin/halls',
    auth: 'admin',
    summary: 'Halls and their terminal counts',
    response: z.array(hallSchema),
  },
  createHall: {
    method: 'POST',
    path: '/v1/admin/halls',
    auth: 'admin',
    summary: 'Add a hall',
    body: createHallSchema,
    response: hallSchema,
  },
  createEnrolmentCode: {
    method: 'POST',
    path: '/v1/admin/enrolment-codes',
    auth: 'admin',
    summary: 'Issue a one-time enrolment code for a hall',
    body: createEnrolmentCodeSchema,
    response: enrolmentCodeIssuedSchema,
  },
  enrolmentCodes: {
    method: 'GET',
    path: '/v1/admin/enrolment-codes',
    auth: 'admin',
    summary: 'Issued codes (never the codes themselves) and their state',
    response: z.array(enrolmentCodeRowSchema),
  },
  terminals: {
    method: 'GET',
    path: '/v1/admin/terminals',
    auth: 'admin',
    summary: 'Enrolled terminals',
    response: z.array(terminalRowSchema),
  },
  revokeTerminal: {
    method: 'POST',
    path: '/v1/admin/terminals/:id/revoke',
    auth: 'admin',
    summary: 'Revoke a terminal: its credentials stop working at once',
    params: terminalParamsSchema,
    response: terminalRowSchema,
  },
  publishKnowledge: {
    method: 'POST',
    path: '/v1/admin/knowledge',
    auth: 'admin',
    summary: 'Publish a knowledge file to every hall',
    body: publishKnowledgeSchema,
    response: publicationSchema,
    bodyLimitBytes: 40 * 1024 * 1024,
  },
  publications: {
    method: 'GET',
    path: '/v1/admin/knowledge',
    auth: 'admin',
    summary: 'Published knowledge files',
    response: z.array(publicationSchema),
  },
  publishCalendar: {
    method: 'POST',
    path: '/v1/admin/calendar',
    auth: 'admin',
    summary: "Publish a year's holiday arrangement to every hall",
    body: publishCalendarSchema,
    response: calendarPublicationSchema,
  },
  calendarYears: {
    method: 'GET',
    path: '/v1/admin/calendar',
    auth: 'admin',
    summary: 'Published holiday arrangements',
    response: z.array(calendarPublicationSchema),
  },
  hubModels: {
    method: 'GET',
    path: '/v1/admin/models',
    auth: 'admin',
    summary: 'Model files the hub offers (added with `bangban-hub model add`)',
    response: z.array(hubModelRowSchema),
  },
  importPackage: {
    method: 'POST',
    path: '/v1/admin/packages',
    auth: 'admin',
    summary: "Apply a terminal's offline package; returns the signed package to carry back",
    body: importPackageSchema,
    response: packageImportResultSchema,
    bodyLimitBytes: 80 * 1024 * 1024,
  },
  records: {
    method: 'GET',
    path: '/v1/admin/records',
    auth: 'admin',
    summary: 'What the halls pushed: knowledge gaps, walks, findings, rectifications…',
    query: recordsQuerySchema,
    response: z.array(hubRecordSchema),
  },
  conflicts: {
    method: 'GET',
    path: '/v1/admin/conflicts',
    auth: 'admin',
    summary: 'Conflicts recorded while merging, for a person to settle',
    query: conflictsQuerySchema,
    response: z.array(conflictRowSchema),
  },
  resolveConflict: {
    method: 'POST',
    path: '/v1/admin/conflicts/:id/resolve',
    auth: 'admin',
    summary: 'Record how a conflict was settled',
    params: conflictParamsSchema,
    body: resolveConflictSchema,
    response: conflictRowSchema,
  },
  raiseHelpRequest: {
    method: 'POST',
    path: '/v1/help-requests',
    auth: 'terminal',
    summary: "Raise a help request from one of the hall's cases, for the matter's department",
    body: raiseHelpRequestSchema,
    response: helpRequestSchema,
  },
  myHelpRequests: {
    method: 'GET',
    path: '/v1/help-requests/mine',
    auth: 'terminal',
    summary: 'Requests the calling terminal raised or took: open ones and those closed today',
    response: helpRequestListSchema,
  },
  helpQueue: {
    method: 'GET',
    path: '/v1/help-requests/queue',
    auth: 'terminal',
    summary: "Waiting requests of the given departments, urgent first, with the hub's time",
    query: helpQueueQuerySchema,
    response: helpRequestListSchema,
  },
  helpRequest: {
    method: 'GET',
    path: '/v1/help-requests/:id',
    auth: 'terminal',
    summary: 'One request with its messages (its clerk, its expert, or anyone while it waits)',
    params: helpRequestParamsSchema,
    response: helpRequestSchema,
  },
  claimHelpRequest: {
    method: 'POST',
    path: '/v1/help-requests/:id/claim',
    auth: 'terminal',
    summary: 'A remote expert takes a waiting request (the first answer; one expert wins)',
    params: helpRequestParamsSchema,
    body: claimHelpRequestSchema,
    response: helpRequestSchema,
  },
  askSession: {
    method: 'POST',
    path: '/v1/help-requests/:id/ask-session',
    auth: 'terminal',
    summary: 'The expert who took a request asks the clerk to open a remote window',
    params: helpRequestParamsSchema,
    body: askSessionSchema,
    response: helpRequestSchema,
  },
  postHelpMessage: {
    method: 'POST',
    path: '/v1/help-requests/:id/messages',
    auth: 'terminal',
    summary: "A chat message from the request's clerk or its expert",
    params: helpRequestParamsSchema,
    body: postHelpMessageSchema,
    response: helpRequestSchema,
  },
  closeHelpRequest: {
    method: 'POST',
    path: '/v1/help-requests/:id/close',
    auth: 'terminal',
    summary: 'Close a request as resolved or unresolved, or cancel it (its clerk)',
    params: helpRequestParamsSchema,
    body: closeHelpRequestSchema,
    response: helpRequestSchema,
  },
  helpStats: {
    method: 'GET',
    path: '/v1/help-stats',
    auth: 'terminal',
    summary: 'Answered within a minute and resolved, per department and Beijing day',
    query: helpStatsQuerySchema,
    response: z.array(helpStatsRowSchema),
  },
  adminHelpStats: {
    method: 'GET',
    path: '/v1/admin/help-stats',
    auth: 'admin',
    summary: 'Answered within a minute and resolved, per department and Beijing day',
    query: helpStatsQuerySchema,
    response: z.array(helpStatsRowSchema),
  },
  openRemoteSession: {
    method: 'POST',
    path: '/v1/remote-sessions',
    auth: 'terminal',
    summary: "Open a remote window on one of the hall's cases, for a help request or a join code",
    body: openRemoteSessionSchema,
    response: openedRemoteSessionSchema,
  },
  joinRemoteSession: {
    method: 'POST',
    path: '/v1/remote-sessions/join',
    auth: 'terminal',
    summary: 'An expert joins with a join code, or as the expert of its help request',
    body: joinRemoteSessionSchema,
    response: joinedRemoteSessionSchema,
  },
  remoteSession: {
    method: 'GET',
    path: '/v1/remote-sessions/:id',
    auth: 'terminal',
    summary: "A session and who is in it, for its participants' terminals",
    params: remoteSessionParamsSchema,
    response: remoteSessionSchema,
  },
  issueJoinCode: {
    method: 'POST',
    path: '/v1/remote-sessions/:id/join-codes',
    auth: 'terminal',
    summary: 'A single-use join code, valid 10 minutes, for the host to read out',
    params: remoteSessionParamsSchema,
    response: joinCodeIssuedSchema,
  },
  relayToken: {
    method: 'POST',
    path: '/v1/remote-sessions/:id/relay-tokens',
    auth: 'terminal',
    summary: 'A one-time token (valid a minute) to open one relay connection',
    params: remoteSessionParamsSchema,
    body: relayTokenRequestSchema,
    response: relayTokenSchema,
  },
  endRemoteSession: {
    method: 'POST',
    path: '/v1/remote-sessions/:id/end',
    auth: 'terminal',
    summary: 'End a session for everyone in it',
    params: remoteSessionParamsSchema,
    body: endRemoteSessionSchema,
    response: remoteSessionSchema,
  },
} as const satisfies Record<string, HubRoute>;

export type HubRouteName = keyof typeof hubRoutes;
type RouteOf<N extends HubRouteName> = (typeof hubRoutes)[N];
type InputPart<R, K extends string> =
  R extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;

/** What a route's handler receives, already validated. */
export interface HubRouteInput<N extends HubRouteName> {
  params: InputPart<RouteOf<N>, 'params'>;
  query: InputPart<RouteOf<N>, 'query'>;
  body: InputPart<RouteOf<N>, 'body'>;
}
export type HubRouteOutput<N extends HubRouteName> = z.output<RouteOf<N>['response']>;
