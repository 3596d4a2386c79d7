import { z } from 'zod';
import { roleSchema } from '../api/common';
import { hallIdSchema, terminalIdSchema } from './protocol';

/**
 * The remote window's part of the hub API: help requests (帮办请求) queued for the experts of the
 * competent department, remote sessions (远程虚拟窗口) with their join codes and participants,
 * and the one-time tokens a participant's relay connection is opened with.
 */

const line = (max: number) => z.string().trim().min(1).max(max);

/** A hub id: a prefix and 20 lower-case Crockford characters. */
const hubId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{20}$`));
export const helpRequestIdSchema = hubId('h');
export const remoteSessionIdSchema = hubId('s');
export const participantIdSchema = hubId('p');

/** The person at a terminal who acts, as the terminal vouches for them (it signed them in). */
export const hubActorSchema = z.object({
  username: z.string().trim().min(1).max(64),
  displayName: line(40),
  role: roleSchema,
});
export type HubActor = z.infer<typeof hubActorSchema>;

/** The case a request or session is about, as the hall knows it (the case itself stays there). */
export const caseRefSchema = z.object({
  caseId: z.number().int().positive(),
  reference: line(40),
  matterCode: line(64),
  matterName: line(100),
  /** The catalogue department competent for the matter: whose experts are asked. */
  department: line(60),
});
export type CaseRef = z.infer<typeof caseRefSchema>;

// ── Help requests ───────────────────────────────────────────────────────────────────────────

export const helpUrgencies = ['normal', 'urgent'] as const;
export const helpRequestStates = [
  'waiting',
  'claimed',
  'resolved',
  'unresolved',
  'cancelled',
] as const;
export const helpRequestStateSchema = z.enum(helpRequestStates);
export type HelpRequestState = z.infer<typeof helpRequestStateSchema>;

export const raiseHelpRequestSchema = z.object({
  caseRef: caseRefSchema,
  question: line(500),
  urgency: z.enum(helpUrgencies),
  requester: hubActorSchema,
});
export type RaiseHelpRequest = z.infer<typeof raiseHelpRequestSchema>;

export const helpMessageSchema = z.object({
  id: z.number().int(),
  author: z.object({ displayName: z.string(), side: z.enum(['clerk', 'expert']) }),
  text: z.string(),
  at: z.iso.datetime(),
});
export type HelpMessage = z.infer<typeof helpMessageSchema>;

export const helpRequestSchema = z.object({
  id: helpRequestIdSchema,
  hall: z.object({ id: hallIdSchema, name: z.string() }),
  terminalId: terminalIdSchema,
  caseRef: caseRefSchema,
  question: z.string(),
  urgency: z.enum(helpUrgencies),
  state: helpRequestStateSchema,
  requester: z.object({ username: z.string(), displayName: z.string() }),
  expert: z
    .object({ username: z.string(), displayName: z.string(), hallName: z.string() })
    .nullable(),
  createdAt: z.iso.datetime(),
  claimedAt: z.iso.datetime().nullable(),
  /** The first human answer: the claim (the clerk is told at once who took the request). */
  firstResponseSeconds: z.number().nullable(),
  closedAt: z.iso.datetime().nullable(),
  resolutionNote: z.string().nullable(),
  /** When the expert asked the clerk to open a remote window for it. */
  sessionAskedAt: z.iso.datetime().nullable(),
  /** The remote session opened for it, if any, and whether that session has ended. */
  sessionId: remoteSessionIdSchema.nullable(),
  sessionEnded: z.boolean(),
  messages: z.array(helpMessageSchema),
});
export type HelpRequest = z.infer<typeof helpRequestSchema>;

/** Lists carry the hub's clock, so waiting times do not depend on the terminal's. */
export const helpRequestListSchema = z.object({
  hubTime: z.iso.datetime(),
  requests: z.array(helpRequestSchema),
});
export type HelpRequestList = z.infer<typeof helpRequestListSchema>;

export const helpQueueQuerySchema = z.object({
  /** The departments the expert answers for; absent: every department. */
  department: z
    .union([line(60), z.array(line(60)).max(20)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});

export const adminHelpRequestsQuerySchema = z.object({
  state: helpRequestStateSchema.optional(),
  /** Requests raised in the last this many days. */
  days: z.coerce.number().int().min(1).max(90).default(7),
});

export const helpRequestParamsSchema = z.object({ id: helpRequestIdSchema });

export const claimHelpRequestSchema = z.object({ expert: hubActorSchema });

export const askSessionSchema = z.object({ expert: hubActorSchema });

export const postHelpMessageSchema = z.object({
  author: hubActorSchema,
  side: z.enum(['clerk', 'expert']),
  text: line(2000),
});

export const closeHelpRequestSchema = z.object({
  actor: hubActorSchema,
  outcome: z.enum(['resolved', 'unresolved', 'cancelled']),
  note: z.string().trim().max(500).default(''),
});

export const helpStatsQuerySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});

/** Per department and (Beijing) day: how fast the first answer came, and how many were solved. */
export const helpStatsRowSchema = z.object({
  day: z.iso.date(),
  department: z.string(),
  requests: z.number().int(),
  /** Withdrawn by the clerk within the first minute, before anyone answered: no expert's miss. */
  withdrawnWithinMinute: z.number().int(),
  answeredWithinMinute: z.number().int(),
  answered: z.number().int(),
  medianFirstResponseSeconds: z.number().nullable(),
  closed: z.number().int(),
  resolved: z.number().int(),
});
export type HelpStatsRow = z.infer<typeof helpStatsRowSchema>;

// ── Remote sessions ─────────────────────────────────────────────────────────────────────────

/** Ten characters of Crockford base32 (50 bits), like an enrolment code, valid 10 minutes. */
export const joinCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, 'a join code has 10 characters'));

export const JOIN_CODE_TTL_SECONDS = 600;
/** Wrong join codes a terminal may type in JOIN_CODE_TTL_SECONDS before it must wait. */
export const MAX_FAILED_JOINS = 5;
/** The same for an address, which a whole hall's terminals may share behind NAT. */
export const MAX_FAILED_JOINS_PER_ADDRESS = 30;

/** A participant's X25519 public key (raw, base64url): what reveals and files are sealed to. */
export const publicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const participantRoles = ['host', 'expert'] as const;
export const participantSchema = z.object({
  id: participantIdSchema,
  role: z.enum(participantRoles),
  displayName: z.string(),
  username: z.string(),
  hallName: z.string(),
  terminalId: terminalIdSchema,
  publicKey: publicKeySchema,
  joinedAt: z.iso.datetime(),
  leftAt: z.iso.datetime().nullable(),
  /** Has a live relay connection now. */
  connected: z.boolean(),
});
export type Participant = z.infer<typeof participantSchema>;

export const remoteSessionStates = ['open', 'ended'] as const;
export const remoteSessionSchema = z.object({
  id: remoteSessionIdSchema,
  hallId: hallIdSchema,
  caseRef: caseRefSchema,
  helpRequestId: helpRequestIdSchema.nullable(),
  state: z.enum(remoteSessionStates),
  createdAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  endedBy: z.string().nullable(),
  participants: z.array(participantSchema),
});
export type RemoteSessionRecord = z.infer<typeof remoteSessionSchema>;

export const adminRemoteSessionsQuerySchema = z.object({
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  days: z.coerce.number().int().min(1).max(90).default(7),
});

export const openRemoteSessionSchema = z.object({
  caseRef: caseRefSchema,
  host: hubActorSchema,
  publicKey: publicKeySchema,
  /** The help request the session answers; its expert is let in without a code. */
  helpRequestId: helpRequestIdSchema.optional(),
});

/** The host's own participant id and, when asked for, a join code to read out to an expert. */
export const openedRemoteSessionSchema = z.object({
  session: remoteSessionSchema,
  participantId: participantIdSchema,
});

export const remoteSessionParamsSchema = z.object({ id: remoteSessionIdSchema });

export const joinCodeIssuedSchema = z.object({
  code: z.string(),
  expiresAt: z.iso.datetime(),
});

export const joinRemoteSessionSchema = z.union([
  z.object({ code: joinCodeSchema, expert: hubActorSchema, publicKey: publicKeySchema }),
  z.object({
    helpRequestId: helpRequestIdSchema,
    expert: hubActorSchema,
    publicKey: publicKeySchema,
  }),
]);

export const joinedRemoteSessionSchema = openedRemoteSessionSchema;

export const relayTokenRequestSchema = z.object({ participantId: participantIdSchema });

/** Opens one relay connection, once, within a minute. */
export const relayTokenSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  /** The document to open: one per session. */
  documentName: z.string(),
});
export type RelayToken = z.infer<typeof relayTokenSchema>;
export const RELAY_TOKEN_TTL_SECONDS = 60;

export const endRemoteSessionSchema = z.object({
  participantId: participantIdSchema,
  actor: hubActorSchema,
});

/** Where the relay listens, relative to the hub's URL. */
export const RELAY_PATH = '/v1/relay';
/** The relay closes a connection whose frame is larger than this. */
export const RELAY_MAX_FRAME_BYTES = 1024 * 1024;

export function sessionDocumentName(sessionId: string): string {
  return `remote-session/${sessionId}`;
}

// ── Files shared in a session ───────────────────────────────────────────────────────────────

/** A shared file's ciphertext may not be larger than this; a session holds at most SESSION_FILES_MAX_BYTES. */
export const SESSION_FILE_MAX_BYTES = 12 * 1024 * 1024;
export const SESSION_FILES_MAX_BYTES = 60 * 1024 * 1024;
/** Chunks travel base64 in JSON; 512 KiB keeps each request small on a weak link. */
export const SESSION_FILE_CHUNK_BYTES = 512 * 1024;

export const sessionFileIdSchema = z.string().regex(/^f_[0-9a-hjkmnp-tv-z]{20}$/);

export const createSessionFileSchema = z.object({
  participantId: participantIdSchema,
  size: z.number().int().positive().max(SESSION_FILE_MAX_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const sessionFileParamsSchema = z.object({
  id: remoteSessionIdSchema,
  fileId: sessionFileIdSchema,
});

export const sessionFileStateSchema = z.object({
  fileId: sessionFileIdSchema,
  size: z.number().int(),
  /** Bytes the hub holds, from the start: an upload resumes here. */
  received: z.number().int(),
  complete: z.boolean(),
  chunkBytes: z.number().int(),
});
export type SessionFileState = z.infer<typeof sessionFileStateSchema>;

export const sessionFileChunkSchema = z.object({
  participantId: participantIdSchema,
  offset: z.number().int().nonnegative(),
  data: z.base64().max(Math.ceil((SESSION_FILE_CHUNK_BYTES * 4) / 3) + 4),
});

export const sessionFileChunkQuerySchema = z.object({
  offset: z.coerce.number().int().nonnegative(),
});

export const sessionFileChunkReadSchema = z.object({
  offset: z.number().int(),
  data: z.string(),
  /** The offset of the next chunk; null at the end. */
  next: z.number().int().nullable(),
});

// ── Media ───────────────────────────────────────────────────────────────────────────────────

/**
 * A STUN or TURN server for the two sides' WebRTC call, as RTCPeerConnection takes it. Halls on
 * private networks need a TURN server both can reach; the hub's administrator configures it.
 */
export const iceServerSchema = z.object({
  urls: z.union([
    z.string().regex(/^(stun|stuns|turn|turns):/),
    z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1),
  ]),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;
