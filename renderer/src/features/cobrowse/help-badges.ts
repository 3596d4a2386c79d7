import { useHelpQueue, useMyHelpRequests } from './help-queries';
import { attentionCount } from './help-requests';
import { expertDepartments, seenActivity } from './help-stores';
import { useStoredValue } from './stored-value';

/** The queue in the top bar is read less often than on the queue screen itself. */
const QUEUE_BADGE_EVERY_MS = 5000;

/** The clerk's top-bar badge: requests an expert answered, wrote in or wants a window for. */
export function useHelpAttention(): number {
  const mine = useMyHelpRequests();
  const seen = useStoredValue(seenActivity);
  return attentionCount(mine.data?.requests ?? [], seen);
}

/** The expert's top-bar badge: requests waiting in the departments they answer for. */
export function useWaitingCount(): number {
  const departments = useStoredValue(expertDepartments);
  const queue = useHelpQueue(departments, QUEUE_BADGE_EVERY_MS);
  return queue.data?.requests.length ?? 0;
}
