import { z } from 'zod';

export const idSchema = z.number().int().positive();
/** ISO 8601 timestamp as stored by the engine (UTC, milliseconds). */
export const timestampSchema = z.string();
/** Calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const emptyInputSchema = z.object({}).strict();

/** Trimmed, non-empty text of bounded length: every free-text field goes through this. */
export function text(max: number) {
  return z.string().trim().min(1).max(max);
}

export const roles = ['clerk', 'remote_expert', 'leader', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
