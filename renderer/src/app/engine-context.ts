import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { BangbanClient } from '@shared/api/client';
import type { ConnectionState } from './connection-state';
import type { EngineConnection } from './engine-client';
import type { SessionState, SessionStore } from './session-store';

export const EngineContext = createContext<EngineConnection | null>(null);
export const SessionContext = createContext<SessionStore | null>(null);

export function useEngine(): EngineConnection {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine outside EngineContext');
  return engine;
}

export function useClient(): BangbanClient {
  return useEngine().client;
}

export function useConnectionState(): ConnectionState {
  const { connection } = useEngine();
  const subscribe = useCallback(
    (listener: () => void) => connection.subscribeState(listener),
    [connection],
  );
  const getSnapshot = useCallback(() => connection.getState(), [connection]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside SessionContext');
  return store;
}

export function useSessionState(): SessionState {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}
