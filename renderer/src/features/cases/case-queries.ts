import type { QueryClient } from '@tanstack/react-query';
import type { CaseDetail } from '@shared/api/cases';
import { queryKeys } from '../../app/query-keys';

/** After any write to a case: the detail is fresh from the engine, the lists are not. */
export async function caseChanged(queryClient: QueryClient, detail: CaseDetail): Promise<void> {
  queryClient.setQueryData(queryKeys.case(detail.id), detail);
  await queryClient.invalidateQueries({
    queryKey: queryKeys.cases,
    predicate: (query) => query.queryKey[1] === 'list',
  });
}
