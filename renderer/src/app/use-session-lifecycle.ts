import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useEngine, useSessionStore } from './engine-context';
import { sessionLossOf } from '../ui/api-error';
import { isPrivateQuery, queryKeys } from './query-keys';
import type { SignOutReason } from './session-store';
import { isConnectionError } from './websocket-transport';

const endReasons: Record<'signedOut' | 'idle' | 'disabled' | 'passwordChanged', SignOutReason> = {
  signedOut: 'signedOut',
  idle: 'idle',
  disabled: 'disabled',
  passwordChanged: 'passwordChanged',
};

/**
 * Keeps this tab's session in step with the engine: re-attaches a stored session at start and
 * after a reconnect, follows `auth.sessionEnded`, and forgets private data on sign-out.
 */
export function useSessionLifecycle(): void {
  const engine = useEngine();
  const store = useSessionStore();
  const queryClient = useQueryClient();

  // A reload keeps the token in sessionStorage: try to pick the session up again.
  useEffect(() => {
    store.start();
  }, [store]);

  // The engine may have restarted: silently re-attach before waiting requests go out.
  useEffect(
    () =>
      engine.onReconnect(async (client) => {
        const token = store.storedToken();
        if (!token || store.getState().status !== 'signedIn') return;
        try {
          store.refreshed(await client.auth.resume({ token }));
          void queryClient.invalidateQueries();
        } catch (error) {
          // Dropped again: the next reconnect tries again. Anything else: sign in afresh.
          if (!isConnectionError(error)) store.signedOut(sessionLossOf(error) ?? 'expired');
        }
      }),
    [engine, store, queryClient],
  );

  useEffect(
    () =>
      engine.client.events.on('auth.sessionEnded', ({ reason }) => {
        if (store.getState().status === 'signedIn') store.signedOut(endReasons[reason]);
      }),
    [engine, store],
  );

  useEffect(
    () =>
      store.onRecovered(() => {
        void queryClient.invalidateQueries();
      }),
    [store, queryClient],
  );

  useEffect(() => {
    let wasSignedIn = store.getState().status === 'signedIn';
    return store.subscribe(() => {
      const signedIn = store.getState().status === 'signedIn';
      if (wasSignedIn && !signedIn) {
        queryClient.removeQueries({ predicate: (query) => isPrivateQuery(query.queryKey) });
        // The engine may have been reset meanwhile: ask again whether setup is needed.
        void queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus });
      }
      wasSignedIn = signedIn;
    });
  }, [store, queryClient]);
}
