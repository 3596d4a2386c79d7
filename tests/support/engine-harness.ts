import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput, ResponseEnvelope } from '@shared/api';
import type { Clock } from '../../electron/core/clock';
import { Engine, type EngineOptions } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import type { WorkerLauncher } from '../../electron/core/model';

export const FIXTURE_KNOWLEDGE = join(import.meta.dirname, '../fixtures/knowledge');
export const SEED_KNOWLEDGE = join(import.meta.dirname, '../../resources/knowledge');
export const CALENDARS = join(import.meta.dirname, '../../resources/calendar');
export const ADMIN = {
  username: 'admin',
  displayName: '系统管理员',
  password: 'Bangban#2026ok',
} as const;

/** A clock tests move by hand, starting on a working day after the fixtures take effect. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-20T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** One renderer connection to the engine, as the real transports make. */
export interface TestConnection {
  events: { type: 'event'; event: string; payload: unknown }[];
  send(message: unknown): Promise<ResponseEnvelope>;
  call(method: MethodName, input: unknown): Promise<ResponseEnvelope>;
  /** Calls and expects success, typed. */
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export interface TestEngine extends TestConnection {
  engine: Engine;
  dataDir: string;
  /** The key of this data folder's encrypted store. */
  storeKey: Buffer;
  clock: ManualClock;
  connect(): TestConnection;
  setupAdmin(): Promise<MethodOutput<'setup.createAdmin'>>;
  /** Closes the engine and opens a new one on the same data folder (an engine restart). */
  reopen(): TestEngine;
  close(): void;
}

let nextId = 1;

function connectTo(engine: Engine): TestConnection {
  const events: TestConnection['events'] = [];
  const waiting = new Map<number, (envelope: ResponseEnvelope) => void>();
  const connection = engine.connect((message) => {
    const envelope = message as ResponseEnvelope | TestConnection['events'][number];
    if (envelope.type === 'event') events.push(envelope);
    else {
      waiting.get(envelope.id)?.(envelope);
      waiting.delete(envelope.id);
    }
  });
  const send = (message: unknown): Promise<ResponseEnvelope> =>
    new Promise((resolve) => {
      // The engine answers a request whose id it cannot read with id 0.
      const given =
        typeof message === 'object' && message !== null && 'id' in message ? message.id : undefined;
      const id = typeof given === 'number' && Number.isInteger(given) && given >= 0 ? given : 0;
      waiting.set(id, resolve);
      void connection.receive(message);
    });
  const call = (method: MethodName, input: unknown): Promise<ResponseEnvelope> =>
    send({ type: 'request', id: nextId++, method, input });
  const ok = async <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<MethodOutput<M>> => {
    const response = await call(method, input);
    if (!response.ok) throw new Error(`${method} failed: ${JSON.stringify(response.error)}`);
    return response.output as MethodOutput<M>;
  };
  return { events, send, call, ok };
}

export function openTestEngine(
  options: {
    seedDir?: string;
    dataDir?: string;
    clock?: ManualClock;
    /** A real model process (tests that build the worker and write a tiny GGUF). */
    modelLauncher?: WorkerLauncher;
    /** The store key; a new random one for a new data folder. */
    storeKey?: Buffer;
    /** Sync with a hub; off unless a test turns it on (then driven by `sync.now`). */
    sync?: EngineOptions['sync'];
  } = {},
): TestEngine {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'bangban-test-'));
  const storeKey = options.storeKey ?? randomBytes(32);
  const clock = options.clock ?? new ManualClock();
  const seedDir = options.seedDir ?? FIXTURE_KNOWLEDGE;
  const engine = Engine.open({
    dataDir,
    storeKey,
    mode: 'browser',
    version: 'test',
    seedKnowledgeDir: seedDir,
    calendarDir: CALENDARS,
    templatesDir: join(import.meta.dirname, '../../resources/templates'),
    clock,
    logger: silentLogger,
    checkOutputs: true,
    modelLauncher: options.modelLauncher,
    modelManifestPath: join(import.meta.dirname, '../../models/manifest.json'),
    sync: options.sync ?? { auto: false },
  });
  const main = connectTo(engine);
  return {
    ...main,
    engine,
    dataDir,
    storeKey,
    clock,
    connect: () => connectTo(engine),
    setupAdmin: () => main.ok('setup.createAdmin', { hallName: '测试县政务服务中心', ...ADMIN }),
    reopen: () => {
      engine.close();
      return openTestEngine({ ...options, seedDir, dataDir, clock, storeKey });
    },
    close: () => {
      engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
