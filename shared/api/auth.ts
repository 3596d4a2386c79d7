import { z } from 'zod';
import {
  MIN_PASSWORD_CLASSES,
  MIN_PASSWORD_LENGTH,
  passwordClassCount,
} from '../domain/password-policy';
import { bilingual } from './validation';
import { idSchema, roleSchema, text, timestampSchema } from './common';

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(
    /^[A-Za-z0-9_.-]+$/,
    bilingual('只能包含字母、数字、下划线、点和连字符', 'Use letters, digits, _ . - only'),
  );

/** The password policy of shared/domain/password-policy, with its messages. */
export const newPasswordSchema = z
  .string()
  .min(
    MIN_PASSWORD_LENGTH,
    bilingual(`密码至少 ${MIN_PASSWORD_LENGTH} 位`, `At least ${MIN_PASSWORD_LENGTH} characters`),
  )
  .max(128)
  .refine(
    (value) => passwordClassCount(value) >= MIN_PASSWORD_CLASSES,
    bilingual(
      '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      'Use at least three of: upper case, lower case, digits, symbols',
    ),
  );

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  lockedUntil: timestampSchema.nullable(),
  createdAt: timestampSchema,
  lastSignInAt: timestampSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  user: userSchema,
  idleTimeoutMinutes: z.number().int(),
  expiresAt: timestampSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const setupStatusSchema = z.object({ needsAdmin: z.boolean(), hallName: z.string() });

export const createAdminInputSchema = z
  .object({
    hallName: text(60),
    username: usernameSchema,
    displayName: text(40),
    password: newPasswordSchema,
  })
  .strict();

export const signInInputSchema = z
  .object({ username: usernameSchema, password: z.string().min(1).max(128) })
  .strict();

export const resumeInputSchema = z.object({ token: z.string().min(16).max(128) }).strict();

export const changePasswordInputSchema = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: newPasswordSchema })
  .strict();

export const createUserInputSchema = z
  .object({
    username: usernameSchema,
    displayName: text(40),
    role: roleSchema,
    password: newPasswordSchema,
  })
  .strict();

export const updateUserInputSchema = z
  .object({
    id: idSchema,
    displayName: text(40).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const resetPasswordInputSchema = z
  .object({ id: idSchema, newPassword: newPasswordSchema })
  .strict();

/** Who works at this hall, as any signed-in user may see it: names and roles, nothing else. */
export const directoryEntrySchema = z.object({
  id: idSchema,
  displayName: z.string(),
  role: roleSchema,
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
