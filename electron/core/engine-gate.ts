import { ApiError } from '@shared/api';
import type { Engine, EngineConnection } from './engine';
import type { Logger } from './logger';
import { Dispatcher, type Connection } from './rpc/dispatcher';
import {
  checkStoreHealth,
  corrupt,
  lockedHandlers,
  missingLog,
  type StoreDamage,
  type Vault,
} from './vault';

/**
 * Stands in front of the engine while the encrypted store is locked: it answers the vault's
 * set-up and unlock, refuses everything else, and once the key is there opens the engine and
 * hands every connection over to it. Shells attach their connections here, not to the engine.
 */
export class EngineGate {
  private current: Engine | undefined;
  private readonly connections = new Set<{ send: (message: unknown) => void }>();
  private readonly locked: Dispatcher;
  private nextConnectionId = 1;
  private lostLog: StoreDamage | undefined;

  private constructor(
    private readonly vault: Vault,
    private readonly openEngine: (key: Buffer) => Engine,
    private readonly logger: Logger,
  ) {
    this.locked = new Dispatcher({
      handlers: lockedHandlers(
        vault,
        (key) => {
          this.open(key);
        },
        () => this.openAutomatically(),
      ),
      authenticate: () => {
        throw new ApiError('STORE_LOCKED');
      },
      logger,
      checkOutputs: false,
    });
  }

  /** Opens the store straight away where no one has to type (OS protection, key file). */
  static async start(
    vault: Vault,
    openEngine: (key: Buffer) => Engine,
    logger: Logger,
  ): Promise<EngineGate> {
    const gate = new EngineGate(vault, openEngine, logger);
    // Before anything opens the file, or the evidence of a deleted log is gone.
    gate.lostLog = missingLog(vault.databasePath);
    await gate.openAutomatically();
    if (!gate.current) logger.warn('store not open', { state: vault.status().state });
    return gate;
  }

  private async openAutomatically(): Promise<void> {
    try {
      const key = await this.vault.openAutomatically();
      if (key) this.open(key);
    } catch (error) {
      this.logger.error('the store could not be opened automatically', error);
    }
  }

  get engine(): Engine | undefined {
    return this.current;
  }

  connect(send: (message: unknown) => void): EngineConnection {
    const entry = { send };
    this.connections.add(entry);
    // A stand-in session, so methods that need one reach `authenticate`, which says "locked"
    // rather than "sign in first": no one can sign in to a locked store.
    const lockedConnection: Connection = {
      id: this.nextConnectionId++,
      session: { token: 'locked', userId: 0 },
      send,
    };
    let inner: EngineConnection | undefined;
    return {
      receive: async (message) => {
        if (this.current) {
          inner ??= this.current.connect(send);
          await inner.receive(message);
          return;
        }
        send(await this.locked.dispatch(message, lockedConnection));
      },
      close: () => {
        this.connections.delete(entry);
        inner?.close();
      },
    };
  }

  close(): void {
    this.connections.clear();
    this.current?.close();
  }

  /**
   * Opens the engine once the store proves sound; a damaged store stays closed and says so, so
   * the person at the screen can restore a backup.
   */
  private open(key: Buffer): void {
    if (this.current) return;
    const damage = this.lostLog ?? checkStoreHealth(this.vault.databasePath, key);
    this.lostLog = undefined;
    if (damage) this.vault.reportDamage(damage);
    else {
      try {
        this.current = this.openEngine(key);
      } catch (error) {
        if (!isDamage(error)) throw error;
        this.vault.reportDamage(corrupt(error));
      }
    }
    const status = this.vault.status();
    for (const { send } of this.connections)
      send({ type: 'event', event: 'vault.status', payload: status });
  }
}

/** SQLite's words for a file that is not (or no longer) a sound database. */
function isDamage(error: unknown): error is Error {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB';
}
