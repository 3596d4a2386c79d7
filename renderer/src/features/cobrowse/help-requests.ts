import type { HelpRequest } from '@shared/api/remote';

/** Which side of a help request this terminal is on. */
export type HelpSide = 'clerk' | 'expert';

export function isOpen(request: HelpRequest): boolean {
  return request.state === 'waiting' || request.state === 'claimed';
}

/** The expert asked for a remote window and none is open for the request yet. */
export function needsWindow(request: HelpRequest): boolean {
  return (
    request.state === 'claimed' && request.sessionAskedAt !== null && request.sessionId === null
  );
}

/**
 * What the other side has done on a request, as a short signature: it changes when they answer
 * (claim, ask for a window, open one) or write. Empty while they have done nothing.
 */
export function activityOf(request: HelpRequest, side: HelpSide): string {
  const theirs = request.messages.filter((message) => message.author.side !== side).length;
  const parts =
    side === 'clerk'
      ? [request.claimedAt, request.sessionAskedAt, theirs > 0 ? String(theirs) : null]
      : [request.sessionId, theirs > 0 ? String(theirs) : null];
  return parts.some((part) => part !== null) ? parts.map((part) => part ?? '').join('|') : '';
}

/** An open request whose other side did something this tab has not shown yet. */
export function hasNews(request: HelpRequest, side: HelpSide, seen: Record<string, string>) {
  const activity = activityOf(request, side);
  return isOpen(request) && activity !== '' && seen[request.id] !== activity;
}

/** The clerk's badge: requests with news, and those waiting for the clerk to open a window. */
export function attentionCount(requests: HelpRequest[], seen: Record<string, string>): number {
  return requests.filter((request) => needsWindow(request) || hasNews(request, 'clerk', seen))
    .length;
}

/** How long the request waited (or has waited so far) for its first answer, in ms. */
export function waitedMs(request: HelpRequest, hubNow: number): number {
  const created = Date.parse(request.createdAt);
  if (request.claimedAt !== null) return Date.parse(request.claimedAt) - created;
  if (request.closedAt !== null) return Date.parse(request.closedAt) - created;
  return hubNow - created;
}
