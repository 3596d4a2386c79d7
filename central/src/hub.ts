import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { HUB_API_VERSION } from '@shared/hub/protocol';
import { sessionDocumentName, type IceServer } from '@shared/hub/remote';
import { AdminAccounts } from './auth/admin-accounts';
import { HubAuthenticator } from './auth/authenticator';
import { OversightService } from './admin/oversight-service';
import { CalendarService } from './calendar/calendar-service';
import type { HubDb } from './db/hub-db';
import { EnrolmentService } from './enrolment/enrolment-service';
import { HubApiError } from './http/hub-error';
import { registerRoutes, type HubHandlers } from './http/register-routes';
import { PublishingService } from './knowledge/publishing-service';
import { HubMetrics } from './metrics';
import { hubOpenApi } from './openapi';
import { ModelFiles } from './models/model-files';
import { PackageService } from './packages/package-service';
import { ChangeLog } from './sync/change-log';
import { ConflictLog } from './sync/conflict-log';
import { EntityRules } from './sync/entity-rules';
import { HubClock } from './sync/hub-clock';
import { PullService } from './sync/pull-service';
import { PushService } from './sync/push-service';
import { RecordStore } from './sync/record-store';
import { HelpQueue } from './remote/help-queue';
import { Relay, type RelayLimits } from './remote/relay';
import { RemoteSessions } from './remote/remote-sessions';
import { SessionFiles } from './remote/session-files';
import { SessionHousekeeping } from './remote/session-housekeeping';

export interface HubOptions {
  db: HubDb;
  logger: FastifyBaseLogger;
  version: string;
  /** Names this instance in its clock and logs; random unless given. */
  instanceId?: string;
  /** Where the model files it offers are kept (shared by all instances). */
  modelsDir: string;
  /** Browser origins allowed to open the co-browsing relay (terminals send none). */
  relayOrigins?: readonly string[];
  relayLimits?: Partial<RelayLimits>;
  /** STUN/TURN servers the terminals' calls use (none: host candidates only, one LAN). */
  iceServers?: IceServer[];
}

export interface Hub {
  app: FastifyInstance;
  admins: AdminAccounts;
  enrolment: EnrolmentService;
  publishing: PublishingService;
  calendar: CalendarService;
  models: ModelFiles;
  packages: PackageService;
  push: PushService;
  pull: PullService;
  clock: HubClock;
  helpQueue: HelpQueue;
  sessions: RemoteSessions;
  relay: Relay;
}

/**
 * The hub: every service over one database, behind the routes of the shared table. It keeps no
 * state of its own between requests (the clock aside, which only moves forward), so several
 * instances can serve one PostgreSQL behind a load balancer.
 */
export function buildHub(options: HubOptions): Hub {
  const { db } = options;
  const instanceId = options.instanceId ?? randomBytes(4).toString('hex');
  const clock = new HubClock(instanceId);
  const metrics = new HubMetrics();
  const changes = new ChangeLog();
  const conflicts = new ConflictLog(changes);
  const rules = new EntityRules(new RecordStore(), changes, conflicts);
  const admins = new AdminAccounts(db);
  const enrolment = new EnrolmentService(db, clock);
  const publishing = new PublishingService(db, changes, clock);
  const push = new PushService(db, rules, clock, metrics);
  const pull = new PullService(db, changes, clock, metrics);
  const oversight = new OversightService(db, changes, clock);
  const calendar = new CalendarService(db, changes, clock);
  const models = new ModelFiles(db, options.modelsDir, changes, clock);
  const packages = new PackageService(db, push, pull, clock);
  const helpQueue = new HelpQueue(db);
  const sessions = new RemoteSessions(db, helpQueue);
  const sessionFiles = new SessionFiles(db);

  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger.child({ instance: instanceId }),
  });
  app.setErrorHandler((error: Error, request, reply) => {
    if (error instanceof HubApiError) return reply.status(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return reply.status(413).send(new HubApiError('PAYLOAD_TOO_LARGE').body);
    if (status >= 400 && status < 500)
      return reply.status(400).send(
        new HubApiError('INVALID_INPUT', {
          message: {
            zh: `请求无法解析：${error.message}`,
            en: `Unreadable request: ${error.message}`,
          },
        }).body,
      );
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(new HubApiError('INTERNAL').body);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(new HubApiError('NOT_FOUND').body),
  );
  app.addHook('onResponse', (request, reply, done) => {
    metrics.countRequest(
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  const handlers: HubHandlers = {
    health: async () => {
      await db.query('SELECT 1');
      return {
        status: 'ok',
        version: options.version,
        apiVersion: HUB_API_VERSION,
        database: db.kind,
        time: new Date().toISOString(),
      };
    },
    enrol: ({ body }) => enrolment.enrol(body),
    state: async (_input, { terminal }) => {
      const caller = requireTerminal(terminal);
      await enrolment.touch(caller.id);
      const row = await enrolment.terminal(caller.id);
      return {
        terminalId: caller.id,
        hall: { id: caller.hallId, name: caller.hallName },
        lastSeq: row.lastSeq,
        hubHlc: clock.tick(),
        hubTime: new Date().toISOString(),
      };
    },
    push: ({ body }, { terminal }) => push.push(requireTerminal(terminal), body.mutations),
    pull: ({ query }, { terminal }) => pull.pull(requireTerminal(terminal).hallId, query),
    adminSignIn: ({ body }) => admins.signIn(body.username, body.password),
    adminSignOut: async (_input, { admin }) => {
      await admins.signOut(requireAdmin(admin).tokenHash);
      return { ok: true };
    },
    halls: () => enrolment.halls(),
    createHall: ({ body }) => enrolment.createHall(body),
    createEnrolmentCode: ({ body }, { admin }) =>
      enrolment.issueCode(body, requireAdmin(admin).username),
    enrolmentCodes: () => enrolment.codes(),
    terminals: () => enrolment.terminals(),
    revokeTerminal: ({ params }, { admin }) =>
      enrolment.revoke(params.id, requireAdmin(admin).username),
    publishKnowledge: ({ body }, { admin }) =>
      publishing.publish(body.fileName, body.content, requireAdmin(admin).username),
    publications: () => publishing.publications(),
    records: ({ query }) => oversight.records(query),
    conflicts: ({ query }) => oversight.conflicts(query),
    resolveConflict: ({ params, body }, { admin }) =>
      oversight.resolve(params.id, body.resolution, requireAdmin(admin).username),
    publishCalendar: ({ body }, { admin }) =>
      calendar.publish(body.arrangement, requireAdmin(admin).username),
    calendarYears: () => calendar.years(),
    hubModels: () => models.list(),
    importPackage: ({ body }) => packages.import(body.content),
    raiseHelpRequest: ({ body }, { terminal }) => helpQueue.raise(requireTerminal(terminal), body),
    myHelpRequests: (_input, { terminal }) => helpQueue.mine(requireTerminal(terminal)),
    helpQueue: ({ query }) => helpQueue.queue(query.department),
    helpRequest: ({ params }, { terminal }) => helpQueue.read(requireTerminal(terminal), params.id),
    claimHelpRequest: ({ params, body }, { terminal }) =>
      helpQueue.claim(requireTerminal(terminal), params.id, body.expert),
    askSession: ({ params }, { terminal }) =>
      helpQueue.askSession(requireTerminal(terminal), params.id),
    postHelpMessage: ({ params, body }, { terminal }) =>
      helpQueue.post(requireTerminal(terminal), params.id, body),
    closeHelpRequest: ({ params, body }, { terminal }) =>
      helpQueue.close(requireTerminal(terminal), params.id, body),
    helpStats: ({ query }) => helpQueue.stats(query.from, query.to),
    adminHelpStats: ({ query }) => helpQueue.stats(query.from, query.to),
    openRemoteSession: async ({ body }, { terminal }) => {
      const { replaced, ...opened } = await sessions.open(requireTerminal(terminal), body);
      if (replaced !== null) relay.closeSession(sessionDocumentName(replaced));
      return opened;
    },
    joinRemoteSession: ({ body }, { terminal }, request) =>
      sessions.join(requireTerminal(terminal), request.ip, body),
    remoteSession: ({ params }, { terminal }) =>
      sessions.read(requireTerminal(terminal), params.id),
    issueJoinCode: ({ params }, { terminal }) =>
      sessions.issueJoinCode(requireTerminal(terminal), params.id),
    relayToken: ({ params, body }, { terminal }) =>
      sessions.relayToken(requireTerminal(terminal), params.id, body.participantId),
    endRemoteSession: async ({ params, body }, { terminal }) => {
      const ended = await sessions.end(
        requireTerminal(terminal),
        params.id,
        body.participantId,
        body.actor,
      );
      relay.closeSession(sessionDocumentName(params.id));
      return ended;
    },
    adminHelpRequests: ({ query }) => helpQueue.all(query),
    adminRemoteSessions: ({ query }) => sessions.list(query),
    iceServers: () => Promise.resolve(options.iceServers ?? []),
    createSessionFile: ({ params, body }, { terminal }) =>
      sessionFiles.create(requireTerminal(terminal), params.id, body),
    sessionFile: ({ params }, { terminal }) =>
      sessionFiles.state(requireTerminal(terminal), params.id, params.fileId),
    putSessionFileChunk: ({ params, body }, { terminal }) =>
      sessionFiles.put(requireTerminal(terminal), params.id, params.fileId, body),
    getSessionFileChunk: ({ params, query }, { terminal }) =>
      sessionFiles.read(requireTerminal(terminal), params.id, params.fileId, query.offset),
  };
  const relay = new Relay({
    sessions,
    logger: app.log,
    allowedOrigins: options.relayOrigins ?? [],
    limits: options.relayLimits,
  });
  relay.attach(app.server);
  // Abandoned sessions end, spent tokens go: every ten minutes while the hub runs.
  const housekeeping = new SessionHousekeeping(db);
  const sweep = setInterval(() => {
    housekeeping
      .run()
      .then((report) => {
        for (const id of report.abandonedSessions) relay.closeSession(sessionDocumentName(id));
        if (report.abandonedSessions.length > 0)
          app.log.info({ sessions: report.abandonedSessions.length }, 'abandoned sessions ended');
      })
      .catch((error: unknown) => {
        app.log.warn({ err: error }, 'remote session housekeeping failed');
      });
  }, 10 * 60_000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await relay.close();
  });
  const authenticator = new HubAuthenticator(db);
  registerRoutes(app, handlers, authenticator);
  models.register(app, authenticator);

  app.get('/v1/openapi.json', () => hubOpenApi(options.version));

  app.get('/metrics', async (_request, reply) => {
    const gauges = await db.query<{ terminals: number; open_conflicts: number; halls: number }>(
      `SELECT (SELECT count(*)::int FROM terminals WHERE revoked_at IS NULL) AS terminals,
              (SELECT count(*)::int FROM conflicts WHERE resolved_at IS NULL) AS open_conflicts,
              (SELECT count(*)::int FROM halls) AS halls`,
    );
    const row = gauges[0];
    return reply.type('text/plain; version=0.0.4').send(
      metrics.render({
        hub_terminals: row?.terminals ?? 0,
        hub_open_conflicts: row?.open_conflicts ?? 0,
        hub_halls: row?.halls ?? 0,
        hub_relay_connections: relay.counters.connections,
        hub_relay_documents: relay.hocuspocus.getDocumentsCount(),
        hub_relay_frames_refused_total: relay.counters.refusedFrames,
        hub_relay_rate_limited_total: relay.counters.rateLimited,
        hub_relay_bytes_in_total: relay.counters.bytesIn,
        hub_relay_bytes_out_total: relay.counters.bytesOut,
      }),
    );
  });

  return {
    app,
    admins,
    enrolment,
    publishing,
    calendar,
    models,
    packages,
    push,
    pull,
    clock,
    helpQueue,
    sessions,
    relay,
  };
}

function requireTerminal<T>(terminal: T | undefined): T {
  if (!terminal) throw new HubApiError('UNAUTHENTICATED');
  return terminal;
}

function requireAdmin<T>(admin: T | undefined): T {
  if (!admin) throw new HubApiError('UNAUTHENTICATED');
  return admin;
}
