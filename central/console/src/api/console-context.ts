import { createContext, useContext, useSyncExternalStore } from 'react';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { HubRouteName } from '@shared/hub/routes';
import type { HubApi, HubCallInput, HubCallOutput } from './hub-api';
import type { SessionSnapshot, SessionStore } from './session-store';

export interface ConsoleServices {
  api: HubApi;
  session: SessionStore;
}

export const ConsoleContext = createContext<ConsoleServices | undefined>(undefined);

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('useConsole outside <ConsoleContext.Provider>');
  return services;
}

export function useSession(): SessionSnapshot {
  const { session } = useConsole();
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** A read route of the hub, cached under its name and input. */
export function useHubQuery<N extends HubRouteName>(
  name: N,
  input: HubCallInput<N>,
  options: { enabled?: boolean; refetchIntervalMs?: number } = {},
): UseQueryResult<HubCallOutput<N>> {
  const { api } = useConsole();
  return useQuery({
    queryKey: [name, input],
    queryFn: ({ signal }) => api.call(name, input, signal),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    ...(options.refetchIntervalMs === undefined
      ? {}
      : { refetchInterval: options.refetchIntervalMs }),
  });
}

/** A write route; what it changes is read again from the hub once it succeeds. */
export function useHubMutation<N extends HubRouteName>(
  name: N,
  refresh: readonly HubRouteName[],
): UseMutationResult<HubCallOutput<N>, Error, HubCallInput<N>> {
  const { api } = useConsole();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: HubCallInput<N>) => api.call(name, input),
    onSuccess: async () => {
      await Promise.all(
        refresh.map((route) => queryClient.invalidateQueries({ queryKey: [route] })),
      );
    },
  });
}
