import type { SyncRun, SyncState } from '@shared/api/sync';
import { streams, type Stream } from '@shared/hub/protocol';

/** antd Tag colours for the link's states and a run's outcome. */
export const syncStateColours: Record<SyncState, string> = {
  not_enrolled: 'default',
  idle: 'success',
  syncing: 'processing',
  offline: 'warning',
  error: 'error',
  revoked: 'error',
};

export type RunOutcome = NonNullable<SyncRun['outcome']> | 'running';

export const outcomeColours: Record<RunOutcome, string> = {
  ok: 'success',
  failed: 'error',
  offline: 'warning',
  running: 'processing',
};

/** Entities the hub may name in a conflict that have a label; others are shown as they come. */
const knownEntities = [
  'rectification',
  'user',
  'walk',
  'unit',
  'finding',
  'case',
  'case_material',
  'case_fields',
  'review',
  'review_decision',
  'knowledge_gap',
  'evidence',
  'unresolved_report',
] as const;
export type KnownEntity = (typeof knownEntities)[number];

export function isKnownEntity(value: string): value is KnownEntity {
  return (knownEntities as readonly string[]).includes(value);
}

const knownReasons = [
  'owned_by_other_terminal',
  'stale_action',
  'other_hall',
  'duplicate_account',
] as const;
export type KnownReason = (typeof knownReasons)[number];

export function isKnownReason(value: string): value is KnownReason {
  return (knownReasons as readonly string[]).includes(value);
}

export function isStream(value: string): value is Stream {
  return (streams as readonly string[]).includes(value);
}

/** Minutes of clock difference worth a warning: past five, due dates and ordering suffer. */
export const clockSkewWarningSeconds = 300;
