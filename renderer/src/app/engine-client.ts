import { createBangbanClient, transportFromBridge, type BangbanClient } from '@shared/api/client';
import { alwaysOpen, type ConnectionMonitor } from './connection-state';
import { WebSocketTransport } from './websocket-transport';

const engineTokenKey = 'bangban.engineToken';

export type ShellMode = 'desktop' | 'browser';

/** What the rest of the renderer knows about the engine, whichever shell it runs in. */
export interface EngineConnection {
  client: BangbanClient;
  mode: ShellMode;
  connection: ConnectionMonitor;
  /**
   * Registers what to do after the link to the engine came back (browser mode: the engine may
   * have restarted). The hook gets a client whose calls go out before any waiting request.
   */
  onReconnect(hook: (client: BangbanClient) => Promise<void>): () => void;
}

export type EngineConnectionResult =
  { ok: true; engine: EngineConnection } | { ok: false; problem: 'tokenMissing' };

/**
 * Reads the per-start token from the address once (`?token=`), keeps it for this tab, and
 * takes it out of the address bar so it is not bookmarked or shown over a shoulder.
 */
export function takeEngineToken(win: Window): string | undefined {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(engineTokenKey, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return win.sessionStorage.getItem(engineTokenKey) ?? undefined;
}

/** Uses the preload's bridge on the desktop, or a WebSocket to the engine in browser mode. */
export function connectToEngine(win: Window): EngineConnectionResult {
  const bridge = win.bangban;
  if (bridge) {
    const client = createBangbanClient(transportFromBridge(bridge));
    return {
      ok: true,
      engine: {
        client,
        mode: 'desktop',
        connection: alwaysOpen,
        onReconnect: (hook) =>
          bridge.events.on('engine.reconnected', () => {
            void hook(client);
          }),
      },
    };
  }
  const token = takeEngineToken(win);
  if (!token) return { ok: false, problem: 'tokenMissing' };
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = new WebSocketTransport({
    url: `${scheme}://${win.location.host}/engine?token=${encodeURIComponent(token)}`,
  });
  transport.start();
  return {
    ok: true,
    engine: {
      client: createBangbanClient(transport),
      mode: 'browser',
      connection: transport,
      onReconnect: (hook) =>
        transport.onReconnect((request) =>
          hook(
            createBangbanClient({
              request,
              subscribe: (event, listener) => transport.subscribe(event, listener),
            }),
          ),
        ),
    },
  };
}
