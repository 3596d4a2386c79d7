import type { QueryClient } from '@tanstack/react-query';
import type { Rectification, WalkDetail } from '@shared/api/walks';
import { queryKeys } from '../../app/query-keys';

/**
 * After a write to a walk: its detail is fresh from the engine; lists, findings, rectifications
 * and coverage that count it are refetched.
 */
export async function walkChanged(queryClient: QueryClient, detail: WalkDetail): Promise<void> {
  queryClient.setQueryData(queryKeys.walk(detail.id), detail);
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: queryKeys.walks,
      predicate: (query) => query.queryKey[1] === 'list',
    }),
    queryClient.invalidateQueries({ queryKey: queryKeys.findings }),
    queryClient.invalidateQueries({ queryKey: queryKeys.rectifications }),
    queryClient.invalidateQueries({ queryKey: queryKeys.coverage }),
  ]);
}

/** After a write to a rectification: it, the lists, the walk it came from and the charts. */
export async function rectificationChanged(
  queryClient: QueryClient,
  rectification: Rectification,
): Promise<void> {
  queryClient.setQueryData(queryKeys.rectification(rectification.id), rectification);
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: queryKeys.rectifications,
      predicate: (query) => query.queryKey[1] === 'list',
    }),
    queryClient.invalidateQueries({ queryKey: queryKeys.walks }),
    queryClient.invalidateQueries({ queryKey: queryKeys.findings }),
    queryClient.invalidateQueries({ queryKey: queryKeys.unresolved }),
    queryClient.invalidateQueries({ queryKey: queryKeys.coverage }),
  ]);
}
