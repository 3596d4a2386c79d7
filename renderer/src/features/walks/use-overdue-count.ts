import { useQuery } from '@tanstack/react-query';
import type { MethodInput } from '@shared/api/contract';
import type { Role } from '@shared/api/common';
import { useClient } from '../../app/engine-context';
import { isAdmin } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';

/** Overdue rectifications for the top bar's badge: all of them for an admin, else one's own. */
export function useOverdueCount(role: Role): number {
  const client = useClient();
  const input: MethodInput<'rectifications.list'> = { status: 'overdue', mine: !isAdmin(role) };
  const overdue = useQuery({
    queryKey: queryKeys.rectificationList(input),
    queryFn: () => client.rectifications.list(input),
    // A due date passes while the app stays open overnight.
    refetchInterval: 5 * 60_000,
  });
  return overdue.data?.length ?? 0;
}
