import { useEffect } from 'react';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SystemStatus } from '@shared/api/system';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';

/** Engine health: polled every 10 s, and updated at once when the engine pushes a change. */
export function useSystemStatus(): UseQueryResult<SystemStatus> {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.events.on('system.status', (status) => {
        queryClient.setQueryData(queryKeys.systemStatus, status);
      }),
    [client, queryClient],
  );
  return useQuery({
    queryKey: queryKeys.systemStatus,
    queryFn: () => client.system.status({}),
    refetchInterval: 10_000,
    refetchIntervalInBackground: true,
  });
}
