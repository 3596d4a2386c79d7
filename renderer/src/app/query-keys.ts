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
  attachments: (caseId: number) => ['cases', 'attachments', caseId] as const,
  matters: ['matters'] as const,
  matterSearch: (input: MethodInput<'matters.search'>) => ['matters', 'search', input] as const,
  users: ['users'] as const,
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
};

/** Queries anyone may see (no session): they survive sign-out. */
const publicRoots = new Set<unknown>(['system', 'setup', 'vault']);

export function isPrivateQuery(queryKey: readonly unknown[]): boolean {
  return !publicRoots.has(queryKey[0]);
}
