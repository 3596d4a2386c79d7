import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiError,
  createBangbanClient,
  type BangbanClient,
  type EngineTransport,
  type ResponseEnvelope,
} from '@shared/api';
import { Engine } from '../engine';
import type { Logger } from '../logger';
import { ENGINE_VERSION } from '../version';
import { SettableClock } from './settable-clock';

/** Sessions end after at most 240 idle minutes; sign in again before a jump could end one. */
const RESIGN_AFTER_MS = 60 * 60_000;

export interface EvaluationEngineOptions {
  /** Knowledge files imported at start, as the seed is (resources/knowledge by default). */
  knowledgeDir: string;
  calendarDir: string;
  /** The first date the clock shows. */
  startDate: string;
}

/**
 * A throw-away engine for one evaluation run: its own data folder, a clock the run moves, and one
 * signed-in connection that talks the same typed contract as the app's windows.
 */
export class EvaluationEngine {
  private signedInAt = Number.NEGATIVE_INFINITY;

  private constructor(
    readonly client: BangbanClient,
    readonly clock: SettableClock,
    /** Knowledge files the engine refused to import, and other warnings worth reporting. */
    readonly warnings: readonly string[],
    private readonly password: string,
    private readonly shutdown: () => void,
  ) {}

  static async open(options: EvaluationEngineOptions): Promise<EvaluationEngine> {
    const dataDir = mkdtempSync(join(tmpdir(), 'bangban-eval-'));
    const clock = new SettableClock(options.startDate);
    const warnings: string[] = [];
    const engine = Engine.open({
      dataDir,
      // A throw-away store in a temporary folder: a fresh key that dies with it.
      storeKey: randomBytes(32),
      mode: 'browser',
      version: ENGINE_VERSION,
      seedKnowledgeDir: options.knowledgeDir,
      calendarDir: options.calendarDir,
      clock,
      logger: collectingLogger(warnings),
      // Outputs are checked against the contract, as tests do: a drift would skew the metrics.
      checkOutputs: true,
    });
    const client = createBangbanClient(connectionTransport(engine));
    const password = `Eval#${randomBytes(12).toString('base64url')}`;
    const opened = new EvaluationEngine(client, clock, warnings, password, () => {
      engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    try {
      await client.setup.createAdmin({
        hallName: '评测大厅',
        username: 'evaluator',
        displayName: '评测程序',
        password,
      });
    } catch (error) {
      opened.close();
      throw error;
    }
    opened.signedInAt = clock.now().getTime();
    return opened;
  }

  /**
   * Moves the clock to 10:00 Beijing time on `date`. A jump forward past the idle timeout would
   * end the session, so the evaluator signs in again, as a clerk does on a new day.
   */
  async moveTo(date: string): Promise<void> {
    this.clock.setDate(date);
    const now = this.clock.now().getTime();
    if (now - this.signedInAt <= RESIGN_AFTER_MS) return;
    await this.client.auth.signIn({ username: 'evaluator', password: this.password });
    this.signedInAt = now;
  }

  close(): void {
    this.shutdown();
  }
}

/** One connection to the engine, as a shell's transport makes it: envelopes in, envelopes out. */
function connectionTransport(engine: Engine): EngineTransport {
  let nextId = 1;
  const waiting = new Map<number, (envelope: ResponseEnvelope) => void>();
  const connection = engine.connect((message) => {
    const envelope = message as ResponseEnvelope | { type: 'event' };
    if (envelope.type !== 'response') return;
    waiting.get(envelope.id)?.(envelope);
    waiting.delete(envelope.id);
  });
  return {
    request: async (method, input) => {
      const id = nextId++;
      const answered = new Promise<ResponseEnvelope>((resolve) => {
        waiting.set(id, resolve);
      });
      await connection.receive({ type: 'request', id, method, input });
      const envelope = await answered;
      if (!envelope.ok) throw ApiError.fromValue(envelope.error);
      return envelope.output;
    },
    subscribe: () => () => undefined,
  };
}

function collectingLogger(warnings: string[]): Logger {
  const describe = (message: string, fields: Record<string, unknown> = {}): string =>
    `${message} ${JSON.stringify(fields)}`;
  return {
    info: () => undefined,
    warn: (message, fields) => {
      warnings.push(describe(message, fields));
    },
    error: (message, error, fields) => {
      warnings.push(describe(message, { ...fields, error: String(error) }));
    },
  };
}
