import type { FindingSeverity, RectificationStatus, WalkStatus } from '@shared/api/walks';

/** antd Tag colours for walk statuses, finding severities and rectification statuses. */
export const walkStatusColours: Record<WalkStatus, string> = {
  scheduled: 'default',
  in_progress: 'processing',
  paused: 'warning',
  finished: 'success',
  cancelled: 'default',
};

export const severityColours: Record<FindingSeverity, string> = {
  low: 'blue',
  medium: 'orange',
  high: 'red',
};

export const rectificationStatusColours: Record<RectificationStatus, string> = {
  pending: 'gold',
  in_progress: 'processing',
  to_verify: 'purple',
  closed: 'success',
  overdue: 'error',
};
