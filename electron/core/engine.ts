import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { BackupSummary, EventName, EventPayload, SystemStatus } from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import type { WorkingDayCalendar } from '@shared/domain/working-days';
import { AttachmentStore, attachmentHandlers } from './attachments';
import { AuditLog, AuditRecorder, auditHandlers } from './audit';
import {
  AuthService,
  authHandlers,
  createArgon2Hasher,
  UserRepository,
  type PasswordHasher,
} from './auth';
import { loadWorkingDayCalendar } from './calendar/calendar-loader';
import { CaseRepository, CaseService, caseHandlers } from './cases';
import { CopilotRepository, CopilotService, copilotHandlers } from './copilot';
import { ApplicationForms, documentHandlers } from './documents';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/connection';
import { migrate, needsUpgrade } from './db/migrations';
import { BackupStore, backupHandlers } from './backup';
import { MaintenanceScheduler } from './maintenance-scheduler';
import { RetentionService, retentionHandlers } from './retention';
import type { BackupReason } from './backup/backup-store';
import { loadVectorExtension } from './db/vector-extension';
import {
  createKnowledgeStore,
  HybridRetriever,
  importSeedKnowledge,
  knowledgeHandlers,
  KnowledgeVectors,
  MatterCatalogue,
  VectorIndexer,
  type Segmenter,
} from './knowledge';
import { createLogger, type Logger } from './logger';
import {
  loadModelManifest,
  modelHandlers,
  ModelService,
  type ModelManifest,
  type WorkerLauncher,
} from './model';
import { ReviewRepository, ReviewService, reviewHandlers, RuleEvaluator } from './review';
import { Dispatcher, type Connection, type Handlers } from './rpc/dispatcher';
import { SettingsStore } from './settings/settings-store';
import { readSystemStatus, systemHandlers } from './system';
import {
  CalendarStream,
  ConflictStream,
  CredentialsStore,
  DirectoryStream,
  hubCalendarYears,
  hubModelOffers,
  HubRectificationRepository,
  KnowledgeStream,
  ModelStream,
  OfflinePackages,
  OutboxQueue,
  RectificationStream,
  StreamPages,
  SyncConflicts,
  SyncRuns,
  SyncService,
  syncHandlers,
  type FetchLike,
  type SyncSchedule,
} from './sync';
import { ReloadableCalendar } from './calendar/reloadable-calendar';
import { vaultHandlers, type OsKeyProtection, type Vault } from './vault';
import {
  CoverageService,
  FindingRepository,
  FindingService,
  UnitRepository,
  UnitService,
  WalkRepository,
  WalkService,
  WalkSummaryDrafter,
  walkHandlers,
} from './walks';
import { HelpDesk, RemoteSessionRepository, RemoteWindows, remoteHandlers } from './cobrowse';

export interface EngineOptions {
  dataDir: string;
  /** The unlocked store key (EngineGate gets it from the vault; tests bring their own). */
  storeKey: Buffer;
  /** Where the key came from, for rotating it; absent when the caller manages the key. */
  vault?: Vault | undefined;
  mode: 'desktop' | 'browser';
  version: string;
  /** Folder of seed knowledge files imported at start (resources/knowledge); none to skip. */
  seedKnowledgeDir?: string | undefined;
  /** Folder of shipped holiday arrangements (resources/calendar); the data folder's may add to it. */
  calendarDir?: string | undefined;
  clock?: Clock;
  logger?: Logger;
  hasher?: PasswordHasher;
  /** Folder of Word templates for application forms (resources/templates). */
  templatesDir?: string | undefined;
  /** Starts the model process; none where this engine runs no model (the CLI). */
  modelLauncher?: WorkerLauncher | undefined;
  /** models/manifest.json: the recommended models. */
  modelManifestPath?: string | undefined;
  /** Word segmentation for retrieval; jieba unless a test brings its own. */
  segmenter?: Segmenter;
  checkOutputs?: boolean;
  /** Desktop with a working OS keyring: the hub credentials are wrapped by it. */
  osProtection?: OsKeyProtection | undefined;
  /** Sync with the hub: runs on its own schedule unless `auto` is false (tests drive it). */
  sync?: { auto?: boolean; schedule?: Partial<SyncSchedule>; fetch?: FetchLike } | undefined;
}

export interface EngineConnection {
  /** Handles one raw message (already JSON-decoded); the answer goes out through `send`. */
  receive(message: unknown): Promise<void>;
  close(): void;
}

export const DATABASE_FILE = 'bangban.db';

/**
 * The engine: the local store and every feature service, behind one dispatcher. Shells (the
 * Electron utility process, browser mode's WebSocket server, tests) attach connections to it.
 */
export class Engine {
  readonly db: Db;
  private readonly dispatcher: Dispatcher;
  private readonly connections = new Set<Connection>();
  private readonly status: () => SystemStatus;
  readonly models: ModelService;
  /** Daily upkeep: the backup and the retention purge. */
  readonly maintenance: MaintenanceScheduler;
  /** The audit trail, for the shells' own entries (the CLI, printing through the shell). */
  readonly audit: AuditLog;
  /** Gives entries vectors in the background while an embedding model is loaded. */
  readonly vectorIndexer: VectorIndexer;
  /** The link to the hub; `syncReady` settles once its credentials were read. */
  readonly sync: SyncService;
  readonly syncReady: Promise<void>;
  /** Remote windows opened or joined on this terminal. */
  private readonly remote: RemoteWindows;
  /** Sync by USB stick, for halls without a network. */
  readonly packages: OfflinePackages;
  private nextConnectionId = 1;
  private closed = false;

  private constructor(options: EngineOptions, logger: Logger) {
    const clock = options.clock ?? systemClock;
    mkdirSync(options.dataDir, { recursive: true });
    this.db = openDatabase(join(options.dataDir, DATABASE_FILE), options.storeKey);
    // Without sqlite-vec (no binary for this platform) search stays BM25 only: said, not fatal.
    const vectorSupport = loadVectorExtension(this.db);
    if (!vectorSupport.available)
      logger.warn('vector search unavailable: sqlite-vec not loaded', {
        reason: vectorSupport.reason,
      });
    const backups = new BackupStore(options.dataDir);
    // The key may be rotated while the engine runs: backups always use the one now in force.
    const currentKey = (): Buffer => options.vault?.storeKey ?? options.storeKey;
    const backUp = (reason: BackupReason): BackupSummary =>
      backups.create(this.db, currentKey(), reason, clock.now());
    // An upgrade rewrites tables: the store as it was is kept first.
    if (needsUpgrade(this.db)) {
      const before = backUp('beforeUpgrade');
      logger.info('backup before upgrading the schema', { backup: before.id });
    }
    migrate(this.db);

    const settings = new SettingsStore(this.db);
    const userRepository = new UserRepository(this.db);
    const auth = new AuthService(
      this.db,
      userRepository,
      settings,
      options.hasher ?? createArgon2Hasher(),
      clock,
    );
    const {
      repository: knowledge,
      index,
      importer,
    } = createKnowledgeStore(this.db, clock, options.segmenter);
    const catalogue = new MatterCatalogue(knowledge, clock);
    const calendar = this.loadCalendar(options, logger);
    const outbox = new OutboxQueue(this.db);
    const caseRepository = new CaseRepository(this.db);
    const cases = new CaseService(this.db, caseRepository, knowledge, clock, calendar);
    const today = (): string => businessDate(clock.now());
    const vectors = new KnowledgeVectors(this.db, vectorSupport);
    this.models = new ModelService({
      dataDir: options.dataDir,
      manifest: this.loadManifest(options, logger),
      settings,
      launcher: options.modelLauncher,
      logger,
      onChange: () => {
        // The model process reports its exit after close(); nobody is left to tell.
        if (this.closed) return;
        this.broadcast('models.status', this.models.status());
        this.broadcast('system.status', this.status());
      },
      // The indexer embeds through this service, so it is made below; models load only after the
      // constructor (restoreActive, models.load), when it exists.
      onEmbeddingModel: (model) => {
        this.vectorIndexer.setModel(this.closed ? undefined : model);
      },
      vectorIndex: () => ({ available: vectors.available, ...vectors.counts() }),
      hub: {
        offers: () => hubModelOffers(this.db),
        download: (id) => this.sync.modelDownload(id),
      },
    });
    const indexer = new VectorIndexer(vectors, this.models, clock, logger);
    this.vectorIndexer = indexer;
    const retriever = new HybridRetriever(index, vectors, this.models, logger);
    const passageText = (citation: { entryId: string; version: number; snippet: string }) =>
      knowledge.entryText(citation.entryId, citation.version) ?? citation.snippet;
    const reviewRepository = new ReviewRepository(this.db);
    const review = new ReviewService(
      this.db,
      reviewRepository,
      caseRepository,
      knowledge,
      settings,
      new RuleEvaluator(calendar),
      (query, matterCode) => index.search({ query, matterCode, limit: 3 }, today()),
      clock,
      calendar,
      this.models,
      passageText,
    );
    const copilot = new CopilotService(
      this.db,
      new CopilotRepository(this.db),
      caseRepository,
      knowledge,
      index,
      importer,
      clock,
      calendar,
      this.models,
    );
    if (options.seedKnowledgeDir !== undefined) {
      const seed = importSeedKnowledge(importer, knowledge, options.seedKnowledgeDir);
      for (const summary of seed.imported) {
        logger.info('seed knowledge imported', { file: summary.fileName, ms: summary.durationMs });
      }
      for (const { fileName, error } of seed.refused) {
        logger.warn('seed knowledge refused', {
          file: fileName,
          code: error.code,
          detail: error.localized.en,
        });
      }
    }
    // Entries from before the search index existed are indexed once, here.
    const indexed = index.indexPending();
    if (indexed > 0) logger.info('knowledge indexed', { entries: indexed });

    const identity = {
      version: options.version,
      mode: options.mode,
      startedAt: clock.now().toISOString(),
    };
    this.status = () =>
      readSystemStatus(this.db, knowledge, identity, this.models.status(), this.networkStatus());
    const audit = new AuditLog(this.db, clock, hostname());
    this.audit = audit;
    const recorder = new AuditRecorder(audit, clock);
    const attachments = new AttachmentStore(this.db, options.dataDir, clock);
    const unitRepository = new UnitRepository(this.db);
    const units = new UnitService(this.db, unitRepository, knowledge, clock);
    const findingRepository = new FindingRepository(this.db);
    const walkRepository = new WalkRepository(this.db);
    const findings = new FindingService(
      this.db,
      findingRepository,
      walkRepository,
      units,
      knowledge,
      clock,
      calendar,
    );
    const walks = new WalkService(this.db, walkRepository, units, findings, knowledge, clock);
    const retention = new RetentionService(
      this.db,
      settings,
      audit,
      clock,
      attachments,
      (caseId) => {
        walks.releaseCase(caseId);
      },
    );
    this.maintenance = new MaintenanceScheduler(
      [
        { name: 'backup', isDue: () => backups.isDue(clock.now()), run: () => backUp('scheduled') },
        {
          name: 'retention',
          isDue: () => retention.isDue(),
          run: () => retention.purge('scheduled', undefined),
        },
      ],
      logger,
    );
    const nowIso = (): string => clock.now().toISOString();
    const afterKnowledgeChange = (): void => {
      review.forgetPassages();
      indexer.schedule();
      this.broadcast('system.status', this.status());
    };
    const syncRuns = new SyncRuns(this.db);
    const syncConflicts = new SyncConflicts(this.db);
    const streamPages = new StreamPages(
      this.db,
      [
        new DirectoryStream(this.db, userRepository, unitRepository, outbox, nowIso),
        new KnowledgeStream(importer, afterKnowledgeChange),
        new CalendarStream(this.db, nowIso, () => {
          calendar?.reload();
        }),
        new RectificationStream(
          new HubRectificationRepository(this.db),
          userRepository,
          unitRepository,
          outbox,
          logger,
          nowIso,
        ),
        new ConflictStream(syncConflicts),
        new ModelStream(this.db, nowIso),
      ],
      nowIso,
    );
    this.sync = new SyncService({
      conflicts: syncConflicts,
      credentials: new CredentialsStore(options.dataDir, options.osProtection),
      outbox,
      runs: syncRuns,
      pages: streamPages,
      clock,
      logger,
      appVersion: options.version,
      hostname: hostname(),
      schedule: options.sync?.schedule,
      fetch: options.sync?.fetch,
      onStatus: (status) => {
        if (this.closed) return;
        this.broadcast('sync.status', status);
        this.broadcast('system.status', this.status());
      },
    });
    this.syncReady = this.sync.init(options.sync?.auto ?? true);
    const packages = new OfflinePackages(outbox, streamPages, syncRuns, clock, () =>
      this.sync.requireCredentials(),
    );
    this.packages = packages;
    this.remote = new RemoteWindows({
      sync: this.sync,
      cases,
      reviews: review,
      repository: new RemoteSessionRepository(this.db),
      attachments,
      clock,
      logger,
      writeMark: () => outbox.writeMark(),
      broadcast: (event, payload) => {
        if (!this.closed) this.broadcast(event, payload);
      },
    });
    this.remote.init();
    const handlers: Handlers = {
      ...remoteHandlers(new HelpDesk(this.sync, cases), this.remote),
      ...walkHandlers({
        units,
        walks,
        findings,
        coverage: new CoverageService(walkRepository, findingRepository, units, clock),
        drafter: new WalkSummaryDrafter(this.models),
      }),
      ...auditHandlers(audit),
      ...backupHandlers(backups, () => backUp('manual')),
      ...retentionHandlers(retention),
      ...attachmentHandlers(attachments, (owner, user) => {
        findings.requireEvidenceAccess(owner, user);
      }),
      ...vaultHandlers(options.vault, this.db, (status) => {
        this.broadcast('vault.status', status);
      }),
      ...systemHandlers(this.status),
      ...syncHandlers(this.sync, packages),
      ...authHandlers(auth, settings, this.db, (userId, reason, except) => {
        this.endSessionsOf(userId, reason, except);
      }),
      ...knowledgeHandlers(
        importer,
        knowledge,
        catalogue,
        (input) => retriever.search(input, today()),
        afterKnowledgeChange,
      ),
      ...caseHandlers(cases),
      ...reviewHandlers(review),
      ...copilotHandlers(copilot),
      ...modelHandlers(this.models),
      ...documentHandlers(
        new ApplicationForms(
          caseRepository,
          knowledge,
          reviewRepository,
          settings,
          clock,
          options.templatesDir,
        ),
      ),
    };
    this.dispatcher = new Dispatcher({
      handlers,
      authenticate: (token) => auth.authenticate(token),
      logger,
      checkOutputs: options.checkOutputs ?? false,
      onFinished: (call) => {
        recorder.record(call);
      },
    });
  }

  /** A broken manifest must not stop the hall: the model manager then lists no recommendations. */
  private loadManifest(options: EngineOptions, logger: Logger): ModelManifest {
    if (options.modelManifestPath === undefined) return { formatVersion: 1, models: [] };
    try {
      return loadModelManifest(options.modelManifestPath);
    } catch (error) {
      logger.error('model manifest not loaded', error);
      return { formatVersion: 1, models: [] };
    }
  }

  /** A broken calendar file must not stop the hall: deadlines then say they are unknown. */
  private loadCalendar(options: EngineOptions, logger: Logger): ReloadableCalendar | undefined {
    const folders = [options.calendarDir, join(options.dataDir, 'calendar')].filter(
      (folder): folder is string => folder !== undefined,
    );
    const load = (): WorkingDayCalendar =>
      loadWorkingDayCalendar(folders, hubCalendarYears(this.db));
    try {
      return new ReloadableCalendar(load(), load);
    } catch (error) {
      logger.error('holiday calendar not loaded', error);
      return undefined;
    }
  }

  static open(options: EngineOptions): Engine {
    const logger = options.logger ?? createLogger();
    const engine = new Engine(options, logger);
    // The model chosen last time loads in the background: the engine answers meanwhile.
    engine.models.restoreActive();
    engine.maintenance.start();
    return engine;
  }

  connect(send: (message: unknown) => void): EngineConnection {
    const connection: Connection = { id: this.nextConnectionId++, session: undefined, send };
    this.connections.add(connection);
    return {
      receive: async (message) => {
        send(await this.dispatcher.dispatch(message, connection));
        // Whatever the method, a new outbox entry means something to send: say so, and send it soon.
        if (this.closed) return;
        this.sync.noticeLocalWrites();
        this.remote.noticeLocalWrites();
      },
      close: () => {
        this.connections.delete(connection);
      },
    };
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const connection of this.connections) connection.send({ type: 'event', event, payload });
  }

  close(): void {
    this.closed = true;
    this.remote.close();
    this.maintenance.stop();
    this.sync.stop();
    this.connections.clear();
    void this.models.dispose();
    this.db.close();
  }

  /** The status bar's view of the hub link (the sync service exists once construction is done). */
  private networkStatus(): SystemStatus['network'] {
    const sync = this.sync as SyncService | undefined;
    if (!sync)
      return { state: 'not_configured', hubUrl: null, pending: 0, lastSyncAt: null, problem: null };
    const status = sync.status();
    const state =
      status.state === 'not_enrolled'
        ? 'not_configured'
        : status.state === 'offline' || status.state === 'revoked'
          ? 'offline'
          : 'online';
    return {
      state,
      hubUrl: status.hubUrl,
      pending: status.pending,
      lastSyncAt: status.lastSuccessAt,
      problem: status.problem?.message ?? null,
    };
  }

  /** The user's sessions are over (disabled, new password): their windows go to sign-in now. */
  private endSessionsOf(
    userId: number,
    reason: 'disabled' | 'passwordChanged',
    except: Connection | undefined,
  ): void {
    for (const connection of this.connections) {
      if (connection === except || connection.session?.userId !== userId) continue;
      connection.session = undefined;
      connection.send({ type: 'event', event: 'auth.sessionEnded', payload: { reason } });
    }
  }
}
