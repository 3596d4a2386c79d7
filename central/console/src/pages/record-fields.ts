import type { ConsoleMessages } from '../locales/zh-cn';

/** What the console offers to read of the records halls push (`hubRecordEntities`, in part). */
export const recordEntities = [
  'knowledge_gap',
  'walk',
  'finding',
  'rectification',
  'unresolved_report',
] as const;
export type RecordEntity = (typeof recordEntities)[number];

type Records = ConsoleMessages['records'];
/** A label map in the strings, by which a stored code reads as words (`in_progress` → 进行中). */
export type Vocabulary = keyof Pick<
  Records,
  'gapState' | 'gapReason' | 'walkStatus' | 'stage' | 'category' | 'severity' | 'rectificationState'
>;

export interface RecordField {
  label: keyof Records['columns'];
  /** Keys of the record's data; the first that holds a value is shown. */
  keys: readonly string[];
  vocabulary?: Vocabulary;
  /** `long` clamps free text to three lines; `when` shows a timestamp in local time. */
  format?: 'long' | 'when';
}

/**
 * The few fields of each record that tell a reader what it is about, as the terminals push them
 * (electron/core: copilot-service, walk-service, finding-service). The whole record is one click
 * away in the detail drawer.
 */
export const recordFields: Record<RecordEntity, readonly RecordField[]> = {
  knowledge_gap: [
    { label: 'question', keys: ['question'], format: 'long' },
    { label: 'gapReason', keys: ['reason'], vocabulary: 'gapReason' },
    { label: 'matter', keys: ['matterCode'] },
    { label: 'raisedBy', keys: ['raisedBy'] },
    { label: 'gapState', keys: ['lastOperation'], vocabulary: 'gapState' },
  ],
  walk: [
    { label: 'matter', keys: ['matterCode'] },
    { label: 'status', keys: ['status'], vocabulary: 'walkStatus' },
    { label: 'leader', keys: ['leader'] },
    { label: 'unit', keys: ['unit'] },
    { label: 'startedAt', keys: ['startedAt', 'plannedDate'], format: 'when' },
    { label: 'finishedAt', keys: ['finishedAt'], format: 'when' },
  ],
  finding: [
    { label: 'matter', keys: ['matterCode'] },
    { label: 'stage', keys: ['stage'], vocabulary: 'stage' },
    { label: 'category', keys: ['category'], vocabulary: 'category' },
    { label: 'severity', keys: ['severity'], vocabulary: 'severity' },
    { label: 'description', keys: ['description'], format: 'long' },
    { label: 'leader', keys: ['leader'] },
  ],
  rectification: [
    { label: 'action', keys: ['action'], format: 'long' },
    { label: 'state', keys: ['state'], vocabulary: 'rectificationState' },
    { label: 'dueDate', keys: ['dueDate'] },
    { label: 'ownerPerson', keys: ['ownerPerson'] },
  ],
  unresolved_report: [
    { label: 'matter', keys: ['matterName', 'matterCode'] },
    { label: 'need', keys: ['need'], format: 'long' },
    { label: 'reason', keys: ['reason'], format: 'long' },
    { label: 'filedBy', keys: ['filedBy'] },
  ],
};

/**
 * A field of a record's data as text: strings as they are, numbers and booleans printed; absent,
 * empty or structured values give `undefined` (the detail drawer shows those whole).
 */
export function recordValue(data: unknown, keys: readonly string[]): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}
