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
