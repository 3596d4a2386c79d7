import { z } from 'zod';
import { roleSchema } from '../api/common';
import { localizedTextSchema } from '../api/errors';
import { isHlc } from './hlc';

/**
 * The hub's HTTP API, version 1: what a terminal (or a province's own platform implementing it)
 * sends and receives. Both sides validate with these schemas; docs/hub-openapi.json is generated
 * from them.
 */
export const HUB_API_VERSION = 1;

export const hubErrorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  /** The terminal's credentials were revoked at the hub. */
  'TERMINAL_REVOKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** The enrolment code is unknown, used or expired. */
  'ENROLMENT_CODE_INVALID',
  /** A mutation's idempotency key was already used for a different payload. */
  'IDEMPOTENCY_CONFLICT',
  /** The batch does not continue the terminal's sequence: `expectedSeq` says where it must. */
  'SEQUENCE_GAP',
  /** The offline package's signature or origin does not check out. */
  'PACKAGE_INVALID',
  'PAYLOAD_TOO_LARGE',
  /** The join code is unknown, used or expired. */
  'JOIN_CODE_INVALID',
  /** The remote session has ended. */
  'SESSION_ENDED',
  'TRY_LATER',
  'INTERNAL',
] as const;
export const hubErrorCodeSchema = z.enum(hubErrorCodes);
export type HubErrorCode = z.infer<typeof hubErrorCodeSchema>;

export const hubErrorSchema = z.object({
  code: hubErrorCodeSchema,
  message: localizedTextSchema,
  path: z.array(z.union([z.string(), z.number()])),
  /** For SEQUENCE_GAP: the sequence number the hub expects next. */
  expectedSeq: z.number().int().nonnegative().optional(),
});
export type HubError = z.infer<typeof hubErrorSchema>;

const hlcSchema = z.string().refine(isHlc, 'not a hybrid logical clock value');
const nameSchema = z.string().trim().min(1).max(80);
export const terminalIdSchema = z.string().regex(/^t_[a-z0-9]{10,40}$/);
export const hallIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);

// ── Enrolment ───────────────────────────────────────────────────────────────────────────────

/** Ten characters of Crockford base32 (50 bits), shown in two groups of five. */
export const enrolmentCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, 'an enrolment code has 10 characters'));

export const enrolRequestSchema = z.object({
  code: enrolmentCodeSchema,
  terminalName: nameSchema,
  hostname: z.string().trim().max(255).default(''),
  appVersion: z.string().trim().max(40),
});
export type EnrolRequest = z.input<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  terminalId: terminalIdSchema,
  /** Shown once: the hub keeps only its hash. */
  secret: z.string().min(32).max(128),
  hall: z.object({ id: hallIdSchema, name: z.string() }),
  hubHlc: hlcSchema,
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

// ── Push ────────────────────────────────────────────────────────────────────────────────────

export const MAX_PUSH_BATCH = 500;

export const mutationSchema = z.object({
  /** Per-terminal, gap-free, from 1: the hub applies a terminal's mutations in this order. */
  seq: z.number().int().positive(),
  /** Unique per mutation: a replay with the same key is acknowledged, never applied twice. */
  key: z.uuid(),
  entity: z.string().regex(/^[a-z_]{1,40}$/),
  entityId: z.string().min(1).max(200),
  operation: z.string().regex(/^[a-z_.]{1,40}$/),
  hlc: hlcSchema,
  /** The terminal's wall-clock time of the write (informative; order comes from `hlc`). */
  at: z.iso.datetime(),
  payload: z.json(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  mutations: z
    .array(mutationSchema)
    .min(1)
    .max(MAX_PUSH_BATCH)
    .superRefine((mutations, ctx) => {
      mutations.forEach((mutation, index) => {
        const previous = mutations[index - 1];
        if (previous && mutation.seq !== previous.seq + 1)
          ctx.addIssue({
            code: 'custom',
            path: [index, 'seq'],
            message: 'seq must be consecutive',
          });
      });
    }),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationOutcomes = ['applied', 'duplicate', 'conflict', 'ignored'] as const;
export const pushResponseSchema = z.object({
  /** The highest sequence number the hub holds for this terminal, after this batch. */
  lastSeq: z.number().int().nonnegative(),
  results: z.array(z.object({ seq: z.number().int(), outcome: z.enum(mutationOutcomes) })),
  hubHlc: hlcSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ── Pull ────────────────────────────────────────────────────────────────────────────────────

/**
 * Server streams: knowledge (matters, policies, Q&A, each at a version), calendar (holiday
 * arrangements per year), directory (users and units of the hall), rectifications (assigned to
 * the hall, with their findings), models (files on offer), conflicts (the hall's, for people to
 * settle).
 */
export const streams = [
  'knowledge',
  'calendar',
  'directory',
  'rectifications',
  'models',
  'conflicts',
] as const;
export const streamSchema = z.enum(streams);
export type Stream = z.infer<typeof streamSchema>;

export const MAX_PULL_PAGE = 2000;

/** `seq.changeId` of the last change applied; empty to start from the beginning. */
export const cursorSchema = z.string().regex(/^(\d+\.[0-9a-f-]{36})?$/);

export const pullQuerySchema = z.object({
  stream: streamSchema,
  cursor: cursorSchema.default(''),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(500),
});
export type PullQuery = z.input<typeof pullQuerySchema>;

export const changeSchema = z.object({
  key: z.string(),
  op: z.enum(['upsert', 'delete']),
  hlc: hlcSchema,
  data: z.json(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  stream: streamSchema,
  changes: z.array(changeSchema),
  /** Where the next page starts: store it with the data, in the same transaction. */
  cursor: cursorSchema,
  more: z.boolean(),
  /**
   * The cursor named a change this hub does not have (it was restored from an older backup):
   * the page starts from the beginning, and the terminal rebuilds the stream from it.
   */
  reset: z.boolean(),
  hubHlc: hlcSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ── State ───────────────────────────────────────────────────────────────────────────────────

export const terminalStateSchema = z.object({
  terminalId: terminalIdSchema,
  hall: z.object({ id: hallIdSchema, name: z.string() }),
  /** What the hub holds of this terminal's sequence: lower than what it acknowledged means a restore. */
  lastSeq: z.number().int().nonnegative(),
  hubHlc: hlcSchema,
  hubTime: z.iso.datetime(),
});
export type TerminalState = z.infer<typeof terminalStateSchema>;

// ── Stream items ────────────────────────────────────────────────────────────────────────────

export const directoryUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  passwordHash: z.string(),
  disabled: z.boolean(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const hubStatusSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  apiVersion: z.literal(HUB_API_VERSION),
  database: z.enum(['pglite', 'postgres']),
  time: z.iso.datetime(),
});
