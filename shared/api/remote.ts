import { z } from 'zod';
import { idSchema, isoDateSchema, text, timestampSchema } from './common';
import { localizedTextSchema } from './errors';
import { materialStateSchema } from './cases';
import { attachmentMediaTypes, MAX_ATTACHMENT_BYTES } from './attachments';
import { fieldValueSchema, reviewVerdictSchema } from './review';
import {
  caseRefSchema,
  helpRequestIdSchema,
  helpRequestListSchema,
  iceServerSchema,
  helpRequestSchema,
  helpStatsRowSchema,
  joinCodeSchema,
  remoteSessionIdSchema,
} from '../hub/remote';

/**
 * The remote window (远程虚拟窗口) as the renderer sees it: help requests, and the shared case
 * workspace of a remote session with its suggestions, control, consents, chat and presence.
 */

export { helpRequestSchema, helpRequestListSchema, helpStatsRowSchema };
export type { HelpRequest, HelpRequestList, HelpStatsRow } from '../hub/remote';

// ── Help requests ───────────────────────────────────────────────────────────────────────────

export const raiseHelpInputSchema = z
  .object({ caseId: idSchema, question: text(500), urgency: z.enum(['normal', 'urgent']) })
  .strict();

export const helpIdInputSchema = z.object({ id: helpRequestIdSchema }).strict();

export const helpQueueInputSchema = z
  .object({ departments: z.array(text(60)).max(20).default([]) })
  .strict();

export const helpMessageInputSchema = z
  .object({ id: helpRequestIdSchema, text: text(2000) })
  .strict();

export const closeHelpInputSchema = z
  .object({
    id: helpRequestIdSchema,
    outcome: z.enum(['resolved', 'unresolved', 'cancelled']),
    note: z.string().trim().max(500).default(''),
  })
  .strict();

export const helpStatsInputSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((input) => input.from <= input.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期 / The end date is before the start',
  });

// ── The shared workspace ────────────────────────────────────────────────────────────────────

/**
 * One field of the case as both sides see it. `key` names it: `applicant.<name>` or
 * `material.<materialCode>.<fieldKey>`. A personal field travels masked until the applicant
 * consents to showing it; then the expert sees it `revealed`.
 */
export const sharedFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: fieldValueSchema,
  personal: z.boolean(),
  revealed: z.boolean(),
});
export type SharedField = z.infer<typeof sharedFieldSchema>;

export const sharedMaterialSchema = z.object({
  code: z.string(),
  name: z.string(),
  required: z.union([z.boolean(), z.string()]),
  state: materialStateSchema,
  note: z.string().nullable(),
});

export const sharedPointSchema = z.object({
  code: z.string(),
  title: z.string(),
  materialCode: z.string().nullable(),
  guidance: z.string(),
  verdict: reviewVerdictSchema.nullable(),
  note: z.string().nullable(),
});

export const sharedWorkspaceSchema = z.object({
  caseRef: caseRefSchema,
  caseStatus: z.string(),
  applicantKind: z.enum(['person', 'enterprise']),
  fields: z.array(sharedFieldSchema),
  materials: z.array(sharedMaterialSchema),
  points: z.array(sharedPointSchema),
  /** The review point the local clerk has open. */
  currentPoint: z.string().nullable(),
});
export type SharedWorkspace = z.infer<typeof sharedWorkspaceSchema>;

/** A change the expert proposes (or, holding control, makes): to what the local case can record. */
export const remoteChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('field'),
      materialCode: text(64),
      fieldKey: text(64),
      value: fieldValueSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('material'),
      materialCode: text(64),
      state: materialStateSchema,
      note: text(500).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('decision'),
      pointCode: text(64),
      verdict: reviewVerdictSchema,
      note: text(500).optional(),
    })
    .strict(),
]);
export type RemoteChange = z.infer<typeof remoteChangeSchema>;

export const suggestionStates = ['pending', 'accepted', 'rejected', 'applied', 'refused'] as const;
export const suggestionSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  author: z.string(),
  change: remoteChangeSchema,
  /** Made while holding control: applied at once, or refused when control was gone. */
  direct: z.boolean(),
  state: z.enum(suggestionStates),
  at: timestampSchema,
  decidedAt: timestampSchema.nullable(),
  /** Why a change could not be applied (the local case refused it). */
  problem: localizedTextSchema.nullable(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const chatLineSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  author: z.string(),
  text: z.string(),
  at: timestampSchema,
});

export const consentBases = ['verbal', 'written', 'signed_form'] as const;
export const consentSchema = z.object({
  id: z.string(),
  fields: z.array(z.string()),
  basis: z.enum(consentBases),
  /** The applicant's own words or the form's number, as the clerk typed it. */
  note: z.string(),
  recordedBy: z.string(),
  /**
   * The experts (participant ids) present when it was given: the values are shown to them only.
   * An expert who joins later sees them masked until the applicant consents again.
   */
  recipients: z.array(z.string()),
  at: timestampSchema,
});
export type Consent = z.infer<typeof consentSchema>;

export const remoteParticipantSchema = z.object({
  id: z.string(),
  role: z.enum(['host', 'expert']),
  displayName: z.string(),
  hallName: z.string(),
  /** Connected to the session right now (its presence is live). */
  online: z.boolean(),
  /** Where its pointer is, in the workspace's own coordinates (0–1 of its width and height). */
  pointer: z.object({ x: z.number(), y: z.number() }).nullable(),
  /** The field it highlights. */
  focus: z.string().nullable(),
});
export type RemoteParticipant = z.infer<typeof remoteParticipantSchema>;

/** A file shared in the session (a material image, a scan): sealed for the participants. */
export const sharedFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.enum(attachmentMediaTypes),
  size: z.number().int(),
  participantId: z.string(),
  author: z.string(),
  at: timestampSchema,
});
export type SharedFile = z.infer<typeof sharedFileSchema>;

/** A pen stroke on a shared image, in its own coordinates (0–1 of its width and height). */
export const strokeSchema = z.object({
  id: z.string(),
  fileId: z.string(),
  participantId: z.string(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  points: z.array(z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })),
  at: timestampSchema,
});
export type Stroke = z.infer<typeof strokeSchema>;

export const identityOutcomes = ['match', 'mismatch', 'unclear'] as const;
/** The expert compared the ID card shown on camera with the applicant and the case. */
export const identityCheckSchema = z.object({
  participantId: z.string(),
  author: z.string(),
  outcome: z.enum(identityOutcomes),
  note: z.string(),
  at: timestampSchema,
});
export type IdentityCheck = z.infer<typeof identityCheckSchema>;

export const remoteLinkStates = ['connecting', 'live', 'reconnecting', 'ended'] as const;

export const remoteSessionViewSchema = z.object({
  sessionId: remoteSessionIdSchema,
  role: z.enum(['host', 'expert']),
  me: z.string(),
  helpRequestId: helpRequestIdSchema.nullable(),
  link: z.object({
    state: z.enum(remoteLinkStates),
    problem: localizedTextSchema.nullable(),
  }),
  participants: z.array(remoteParticipantSchema),
  /** Null until the host's workspace has arrived (the expert's side, just joined). */
  workspace: sharedWorkspaceSchema.nullable(),
  suggestions: z.array(suggestionSchema),
  chat: z.array(chatLineSchema),
  /** Who may edit directly now (a participant id), granted by the local clerk. */
  control: z.object({ holder: z.string().nullable(), since: timestampSchema.nullable() }),
  consents: z.array(consentSchema),
  files: z.array(sharedFileSchema),
  strokes: z.array(strokeSchema),
  identityChecks: z.array(identityCheckSchema),
  /** STUN/TURN servers for the call, as the hub's administrator configured them. */
  iceServers: z.array(iceServerSchema),
  /** The host's last join code while it is valid. */
  joinCode: z.object({ code: z.string(), expiresAt: timestampSchema }).nullable(),
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  endedBy: z.string().nullable(),
});
export type RemoteSessionView = z.infer<typeof remoteSessionViewSchema>;

export const openRemoteInputSchema = z
  .object({ caseId: idSchema, helpRequestId: helpRequestIdSchema.optional() })
  .strict();

export const joinRemoteInputSchema = z.union([
  z.object({ code: joinCodeSchema }).strict(),
  z.object({ helpRequestId: helpRequestIdSchema }).strict(),
]);

export const sessionInputSchema = z.object({ sessionId: remoteSessionIdSchema }).strict();

export const suggestInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, change: remoteChangeSchema })
  .strict();

export const decideSuggestionInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    suggestionId: z.string().max(64),
    accept: z.boolean(),
  })
  .strict();

export const grantControlInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, participantId: z.string().max(64) })
  .strict();

export const recordConsentInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    fields: z.array(z.string().min(1).max(140)).min(1).max(50),
    basis: z.enum(consentBases),
    note: z.string().trim().max(200).default(''),
  })
  .strict();

/** The applicant takes a consent back: its values are no longer shown to the experts. */
export const withdrawConsentInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, consentId: z.string().min(1).max(64) })
  .strict();

export const chatInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, text: text(2000) })
  .strict();

export const presenceInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    pointer: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).nullable(),
    focus: z.string().max(140).nullable(),
  })
  .strict();

/** WebRTC signalling between the two sides' renderers, carried by the engines and the relay. */
export const signalInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, signal: z.string().min(1).max(60_000) })
  .strict();
export const remoteSignalEventSchema = z.object({
  sessionId: remoteSessionIdSchema,
  from: z.string(),
  signal: z.string(),
});

/** The audit record a session leaves on its case (kept at the host's hall). */
export const remoteSessionRecordSchema = z.object({
  sessionId: z.string(),
  caseId: idSchema,
  helpRequestId: z.string().nullable(),
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  outcome: z.string().nullable(),
  events: z.array(
    z.object({
      at: timestampSchema,
      kind: z.string(),
      actor: z.string(),
      summary: localizedTextSchema,
    }),
  ),
});
export type RemoteSessionAudit = z.infer<typeof remoteSessionRecordSchema>;

export const endRemoteInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, outcome: z.string().trim().max(200).default('') })
  .strict();

const contentBase64 = z
  .string()
  .min(1)
  .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const shareFileInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    name: text(200),
    mediaType: z.enum(attachmentMediaTypes),
    contentBase64,
  })
  .strict();

export const fileInputSchema = z
  .object({ sessionId: remoteSessionIdSchema, fileId: z.string().max(64) })
  .strict();

export const fileContentSchema = z.object({
  name: z.string(),
  mediaType: z.enum(attachmentMediaTypes),
  contentBase64: z.string(),
});

export const drawInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    fileId: z.string().max(64),
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
    points: z
      .array(z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict())
      .min(1)
      .max(500),
  })
  .strict();

export const identityCheckInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    outcome: z.enum(identityOutcomes),
    note: z.string().trim().max(300).default(''),
  })
  .strict();

/** A still of the ID card on camera, kept with the case only with the applicant's consent. */
export const keepSnapshotInputSchema = z
  .object({
    sessionId: remoteSessionIdSchema,
    mediaType: z.enum(['image/jpeg', 'image/png']),
    contentBase64,
    basis: z.enum(consentBases),
  })
  .strict();
