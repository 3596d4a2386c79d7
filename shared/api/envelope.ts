import { z } from 'zod';
import { apiErrorSchema } from './errors';

/** What travels over either transport (MessagePort or WebSocket), one JSON value per message. */
export const requestEnvelopeSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export const responseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(true),
    output: z.unknown(),
  }),
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: apiErrorSchema,
  }),
]);
export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

export const eventEnvelopeSchema = z.object({
  type: z.literal('event'),
  event: z.string(),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export type EngineMessage = ResponseEnvelope | EventEnvelope;
