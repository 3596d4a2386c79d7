import type { HelpRequestState } from '@shared/hub/remote';
import type { IdentityCheck, RemoteSessionView, Suggestion } from '@shared/api/remote';

/** antd Tag colours for help requests, suggestions and the link of a remote window. */
export const helpStateColours: Record<HelpRequestState, string> = {
  waiting: 'gold',
  claimed: 'processing',
  resolved: 'success',
  unresolved: 'error',
  cancelled: 'default',
};

export const suggestionStateColours: Record<Suggestion['state'], string> = {
  pending: 'gold',
  accepted: 'success',
  rejected: 'default',
  applied: 'success',
  refused: 'error',
};

export const linkColours: Record<RemoteSessionView['link']['state'], string> = {
  connecting: 'processing',
  live: 'success',
  reconnecting: 'warning',
  ended: 'default',
};

/**
 * Each side draws the other in its role's colour: the local clerk teal, the remote expert orange,
 * both apart from the app's blue and from the tags' green and red.
 */
export const presenceColours: Record<RemoteSessionView['role'], string> = {
  host: '#0e8a8a',
  expert: '#e8590c',
};

export const identityOutcomeColours: Record<IdentityCheck['outcome'], string> = {
  match: 'success',
  mismatch: 'error',
  unclear: 'warning',
};

/** The pens for marking up a shared image: strong colours that read over a grey scan or a photo. */
export const penColours = {
  red: '#e03131',
  blue: '#1971c2',
  green: '#2f9e44',
  orange: '#f08c00',
} as const;
export type PenColour = keyof typeof penColours;
