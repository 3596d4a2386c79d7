import type { Role } from '@shared/api/common';

/** Who may open cases and tick materials (mirrors the contract's access lists). */
export function canWriteCases(role: Role): boolean {
  return role === 'clerk' || role === 'admin';
}

export function isAdmin(role: Role): boolean {
  return role === 'admin';
}

/** Who may unmask an applicant's personal data (each reveal is audited); not remote experts. */
export function canRevealPersonalData(role: Role): boolean {
  return role === 'clerk' || role === 'admin' || role === 'leader';
}

/** Walks, findings and coverage are read by the hall's management (mirrors `walkReaders`). */
export function canReadWalks(role: Role): boolean {
  return role === 'leader' || role === 'admin';
}

/** Only leaders walk: start, time, record findings, raise and verify rectifications. */
export function canRunWalks(role: Role): boolean {
  return role === 'leader';
}

/** Who may file an unresolved-matter report (办不成事) and see the list. */
export function canFileUnresolved(role: Role): boolean {
  return role === 'clerk' || role === 'leader' || role === 'admin';
}

/** Who may read the sync history and the hub's conflicts (mirrors `sync.history`'s access). */
export function canReadSyncRecords(role: Role): boolean {
  return role === 'admin' || role === 'leader';
}

/** Who asks the experts for help and opens remote windows on a case (mirrors `help.raise`). */
export function canRaiseHelp(role: Role): boolean {
  return role === 'clerk' || role === 'admin';
}

/** Remote experts (远程坐席) read the help queue, take requests and join remote windows. */
export function isRemoteExpert(role: Role): boolean {
  return role === 'remote_expert';
}

/** Who reads the help-desk figures (mirrors `help.stats`'s access). */
export function canReadHelpStats(role: Role): boolean {
  return role === 'remote_expert' || role === 'leader' || role === 'admin';
}
