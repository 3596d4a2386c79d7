import type { Role } from '@shared/api/common';

/** Who may open cases and tick materials (mirrors the contract's access lists). */
export function canWriteCases(role: Role): boolean {
  return role === 'clerk' || role === 'admin';
}

export function isAdmin(role: Role): boolean {
  return role === 'admin';
}
