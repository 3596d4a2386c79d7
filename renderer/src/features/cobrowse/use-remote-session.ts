import { useEffect } from 'react';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { MethodInput } from '@shared/api/contract';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';

/** One remote window as this side sees it; the engine's `remote.session` events keep it live. */
export function useRemoteSession(sessionId: string): UseQueryResult<RemoteSessionView> {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.remoteSession(sessionId),
    queryFn: () => client.remote.get({ sessionId }),
  });
}

/** The remote windows open on this terminal (and those ended within the hour). */
export function useActiveWindows(): UseQueryResult<RemoteSessionView[]> {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.remoteActive,
    queryFn: () => client.remote.active({}),
  });
}

/** Puts a view in the caches: its own, and the list of windows open here. */
export function windowChanged(queryClient: QueryClient, view: RemoteSessionView): void {
  queryClient.setQueryData(queryKeys.remoteSession(view.sessionId), view);
  queryClient.setQueryData<RemoteSessionView[]>(queryKeys.remoteActive, (list) => {
    if (!list) return list;
    return list.some((known) => known.sessionId === view.sessionId)
      ? list.map((known) => (known.sessionId === view.sessionId ? view : known))
      : [...list, view];
  });
}

/**
 * Listens to the engine's `remote.session` events for as long as someone is signed in: every
 * screen that shows a window, the list of windows, and (on the host's side) the case read fresh
 * once the shared workspace moved, so an accepted suggestion or a direct edit shows on the case.
 */
export function useRemoteSessionUpdates(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.events.on('remote.session', (view) => {
        const key = queryKeys.remoteSession(view.sessionId);
        const before = queryClient.getQueryData<RemoteSessionView>(key);
        windowChanged(queryClient, view);
        // Structural sharing keeps an unchanged workspace the same object.
        const after = queryClient.getQueryData<RemoteSessionView>(key);
        const caseId = view.workspace?.caseRef.caseId;
        if (
          view.role === 'host' &&
          caseId !== undefined &&
          before?.workspace !== after?.workspace
        ) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.review(caseId) });
        }
        // The case's record grows with the session: read again when next shown, or now if ended.
        void queryClient.invalidateQueries({
          queryKey: ['remote', 'records'],
          refetchType:
            before?.link.state !== 'ended' && view.link.state === 'ended' ? 'active' : 'none',
        });
      }),
    [client, queryClient],
  );
}

/**
 * Opens a remote window on a local case (for a help request, or to invite with a code) and goes
 * to it. The hub is asked: it may take a few seconds on a weak link.
 */
export function useOpenWindow() {
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (input: MethodInput<'remote.open'>) => client.remote.open(input),
    onSuccess: async (view) => {
      windowChanged(queryClient, view);
      await queryClient.invalidateQueries({ queryKey: queryKeys.remoteActive });
      void queryClient.invalidateQueries({ queryKey: queryKeys.help });
      void navigate(`/remote/${view.sessionId}`);
    },
  });
}

/** The expert joins a window, by a code read out or as the expert of its help request. */
export function useJoinWindow() {
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (input: MethodInput<'remote.join'>) => client.remote.join(input),
    onSuccess: async (view) => {
      windowChanged(queryClient, view);
      await queryClient.invalidateQueries({ queryKey: queryKeys.remoteActive });
      void navigate(`/remote/${view.sessionId}`);
    },
  });
}

/**
 * A request's window as this terminal knows it: open here, ended here (within the hour), or
 * unknown (never joined here, or long gone).
 */
export function windowHere(
  windows: RemoteSessionView[] | undefined,
  sessionId: string,
): 'open' | 'ended' | 'unknown' {
  const view = (windows ?? []).find((known) => known.sessionId === sessionId);
  if (!view) return 'unknown';
  return view.link.state === 'ended' ? 'ended' : 'open';
}

/** The windows of a list still open (not ended). */
export function openWindows(windows: RemoteSessionView[] | undefined): RemoteSessionView[] {
  return (windows ?? []).filter((view) => view.link.state !== 'ended');
}
