import type { HelpRequest } from '@shared/api/remote';
import { activityOf, type HelpSide } from './help-requests';
import { storedValue } from './stored-value';

function isSeenMap(raw: unknown): raw is Record<string, string> {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    Object.values(raw).every((value) => typeof value === 'string')
  );
}

/** What this tab has shown of each request (its activity signature), kept for the tab's life. */
export const seenActivity = storedValue<Record<string, string>>(
  () => window.sessionStorage,
  'bangban.helpSeen',
  (raw) => (isSeenMap(raw) ? raw : undefined),
  {},
);

export function markSeen(request: HelpRequest, side: HelpSide): void {
  const activity = activityOf(request, side);
  const seen = seenActivity.get();
  if (seen[request.id] !== activity) seenActivity.set({ ...seen, [request.id]: activity });
}

/** The departments a remote expert answers for on this terminal (none: every department). */
export const expertDepartments = storedValue<string[]>(
  () => window.localStorage,
  'bangban.helpDepartments',
  (raw) =>
    Array.isArray(raw) && raw.every((value) => typeof value === 'string') ? raw : undefined,
  [],
);
