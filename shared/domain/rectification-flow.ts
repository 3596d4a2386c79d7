import type { RectificationState } from '../api/walks';

/**
 * What each rectification action needs of the state it acts on, and where it leads. The engine
 * checks it before a write; the hub checks it again when writes from two terminals meet, so an
 * action taken on a stale copy becomes a recorded conflict instead of a silent overwrite.
 */
export const rectificationActions = {
  create: { from: [], to: 'pending' },
  progress: { from: ['pending', 'in_progress'], to: 'in_progress' },
  submit: { from: ['pending', 'in_progress'], to: 'to_verify' },
  verify: { from: ['to_verify'], to: 'closed' },
  reject: { from: ['to_verify'], to: 'in_progress' },
} as const satisfies Record<string, { from: RectificationState[]; to: RectificationState }>;

export type RectificationAction = keyof typeof rectificationActions;

export function isRectificationAction(operation: string): operation is RectificationAction {
  return Object.hasOwn(rectificationActions, operation);
}

/** Whether `action` may act on a rectification now in `state` (undefined: not yet known). */
export function rectificationActionAllowed(
  action: RectificationAction,
  state: RectificationState | undefined,
): boolean {
  const allowedFrom: readonly RectificationState[] = rectificationActions[action].from;
  return action === 'create'
    ? state === undefined
    : state !== undefined && allowedFrom.includes(state);
}
