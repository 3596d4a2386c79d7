import type { AttachmentOwner } from '@shared/api/attachments';
import type { MethodInput } from '@shared/api/contract';

/** Every react-query key in one place, so writes know what to invalidate. */
export const queryKeys = {
  systemStatus: ['system', 'status'] as const,
  setupStatus: ['setup', 'status'] as const,
  vaultStatus: ['vault', 'status'] as const,
  backups: ['backups'] as const,
  purges: ['retention', 'purges'] as const,
  cases: ['cases'] as const,
  caseList: (input: MethodInput<'cases.list'>) => ['cases', 'list', input] as const,
  case: (id: number) => ['cases', 'detail', id] as const,
  /** A case's scans, a finding's or a rectification's evidence. */
  attachments: (owner: AttachmentOwner) => ['attachments', owner] as const,
  /** One attachment decrypted (each fetch is an audited opening: cached only while shown). */
  attachmentContent: (id: number) => ['attachments', 'content', id] as const,
  matters: ['matters'] as const,
  matterSearch: (input: MethodInput<'matters.search'>) => ['matters', 'search', input] as const,
  users: ['users'] as const,
  userDirectory: ['users', 'directory'] as const,
  settings: ['settings'] as const,
  imports: ['knowledge', 'imports'] as const,
  review: (caseId: number) => ['review', caseId] as const,
  notice: (caseId: number) => ['review', caseId, 'notice'] as const,
  entry: (entryId: string, version: number | undefined) =>
    ['knowledge', 'entry', entryId, version ?? 'newest'] as const,
  gaps: ['gaps'] as const,
  models: ['models'] as const,
  audit: (filter: Omit<MethodInput<'audit.search'>, 'limit' | 'beforeSeq'>) =>
    ['audit', filter] as const,
  gapList: (input: MethodInput<'gaps.list'>) => ['gaps', 'list', input] as const,
  units: ['units'] as const,
  walks: ['walks'] as const,
  walkList: (input: MethodInput<'walks.list'>) => ['walks', 'list', input] as const,
  walk: (id: number) => ['walks', 'detail', id] as const,
  findings: ['findings'] as const,
  findingList: (input: MethodInput<'findings.list'>) => ['findings', 'list', input] as const,
  rectifications: ['rectifications'] as const,
  rectificationList: (input: MethodInput<'rectifications.list'>) =>
    ['rectifications', 'list', input] as const,
  rectification: (id: number) => ['rectifications', 'detail', id] as const,
  unresolved: ['unresolved'] as const,
  unresolvedList: (input: MethodInput<'unresolved.list'>) => ['unresolved', 'list', input] as const,
  coverage: ['coverage'] as const,
  coverageMatrix: (input: MethodInput<'coverage.matrix'>) => ['coverage', 'matrix', input] as const,
  coverageDashboard: (input: MethodInput<'coverage.dashboard'>) =>
    ['coverage', 'dashboard', input] as const,
  sync: ['sync'] as const,
  syncStatus: ['sync', 'status'] as const,
  syncHistory: ['sync', 'history'] as const,
  syncConflicts: ['sync', 'conflicts'] as const,
  help: ['help'] as const,
  /** Help requests this terminal raised or took (with the hub's clock). */
  helpMine: ['help', 'mine'] as const,
  helpQueue: (input: MethodInput<'help.queue'>) => ['help', 'queue', input] as const,
  helpStats: (input: MethodInput<'help.stats'>) => ['help', 'stats', input] as const,
  remote: ['remote'] as const,
  /** The remote windows open on this terminal. */
  remoteActive: ['remote', 'active'] as const,
  remoteSession: (sessionId: string) => ['remote', 'session', sessionId] as const,
  remoteRecords: (caseId: number) => ['remote', 'records', caseId] as const,
};

/** Queries anyone may see (no session): they survive sign-out. */
const publicRoots = new Set<unknown>(['system', 'setup', 'vault']);

export function isPrivateQuery(queryKey: readonly unknown[]): boolean {
  return !publicRoots.has(queryKey[0]);
}
