import { useEffect } from 'react';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SyncStatus } from '@shared/api/sync';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';

/**
 * The link to the hub, updated the moment the engine reports a change (the history and the
 * conflicts are read again then), and re-read every 15 s for the pending count, which local
 * writes change without an event.
 */
export function useSyncStatus(): UseQueryResult<SyncStatus> {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.events.on('sync.status', (status) => {
        queryClient.setQueryData(queryKeys.syncStatus, status);
        void queryClient.invalidateQueries({ queryKey: queryKeys.syncHistory });
        void queryClient.invalidateQueries({ queryKey: queryKeys.syncConflicts });
      }),
    [client, queryClient],
  );
  return useQuery({
    queryKey: queryKeys.syncStatus,
    queryFn: () => client.sync.status({}),
    refetchInterval: 15_000,
  });
}
