import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { HelpRequest, HelpRequestList } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { useNow } from '../../ui/use-now';
import { isOpen } from './help-requests';

/** How often the lists are read again while something is under way (the hub sends no events). */
const MINE_EVERY_MS = 3000;
export const QUEUE_EVERY_MS = 2000;

/**
 * Help requests this terminal raised or took, re-read every 3 s while one of them is open: the
 * expert's answer, the clerk's reply, a window asked for all arrive that way.
 */
export function useMyHelpRequests(): UseQueryResult<HelpRequestList> {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.helpMine,
    queryFn: () => client.help.mine({}),
    refetchInterval: (query) =>
      query.state.data?.requests.some(isOpen) === true ? MINE_EVERY_MS : false,
  });
}

/** The departments' waiting requests, urgent first; re-read every `everyMs`. */
export function useHelpQueue(
  departments: string[],
  everyMs: number,
): UseQueryResult<HelpRequestList> {
  const client = useClient();
  const input = { departments };
  return useQuery({
    queryKey: queryKeys.helpQueue(input),
    queryFn: () => client.help.queue(input),
    refetchInterval: everyMs,
  });
}

const catalogueInput = { query: '', limit: 500 };

/** The departments of the matter catalogue, for the expert to say which ones they answer for. */
export function useDepartments(): { departments: string[]; loading: boolean; error: unknown } {
  const client = useClient();
  const matters = useQuery({
    queryKey: queryKeys.matterSearch(catalogueInput),
    queryFn: () => client.matters.search(catalogueInput),
    staleTime: 5 * 60_000,
  });
  const departments = [...new Set((matters.data ?? []).map((matter) => matter.department))].sort(
    (a, b) => a.localeCompare(b, 'zh-CN'),
  );
  return { departments, loading: matters.isPending, error: matters.error ?? undefined };
}

/** After a write to a request: the list shows it at once, and is read again from the hub. */
export async function helpChanged(queryClient: QueryClient, request: HelpRequest): Promise<void> {
  queryClient.setQueryData<HelpRequestList>(queryKeys.helpMine, (list) => {
    if (!list) return list;
    const known = list.requests.some((candidate) => candidate.id === request.id);
    return {
      ...list,
      requests: known
        ? list.requests.map((candidate) => (candidate.id === request.id ? request : candidate))
        : [request, ...list.requests],
    };
  });
  await queryClient.invalidateQueries({ queryKey: queryKeys.help });
}

/**
 * The hub's clock now, ticking every second: the time the list was read at the hub, plus how long
 * ago that was here. Waiting times then do not depend on this terminal's clock being right.
 */
export function useHubNow(list: HelpRequestList | undefined, receivedAt: number): number {
  const now = useNow();
  return list ? Date.parse(list.hubTime) + (now - receivedAt) : now;
}
