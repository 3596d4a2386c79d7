import { ApiError } from '@shared/api';
import type { Engine, EngineConnection } from './engine';
import type { Logger } from './logger';
import { Dispatcher, type Connection } from './rpc/dispatcher';
import { lockedHandlers, type Vault } from './vault';

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

  private constructor(
    private readonly vault: Vault,
    private readonly openEngine: (key: Buffer) => Engine,
    logger: Logger,
  ) {
    this.locked = new Dispatcher({
      handlers: lockedHandlers(vault, (key) => {
        this.open(key);
      }),
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
    try {
      const key = await vault.openAutomatically();
      if (key) gate.open(key);
    } catch (error) {
      logger.error('the store could not be opened automatically', error);
    }
    if (!gate.current) logger.warn('store locked', { state: vault.status().state });
    return gate;
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

  private open(key: Buffer): void {
    if (this.current) return;
    this.current = this.openEngine(key);
    const status = this.vault.status();
    for (const { send } of this.connections)
      send({ type: 'event', event: 'vault.status', payload: status });
  }
}
