import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  hubRoutes,
  type HubRoute,
  type HubRouteInput,
  type HubRouteName,
  type HubRouteOutput,
} from '@shared/hub/routes';
import { HubApiError } from './hub-error';

/** Who called, once authenticated. */
export interface Caller {
  terminal?: { id: string; hallId: string; hallName: string };
  admin?: { username: string; tokenHash: string };
}

export type RouteHandler<N extends HubRouteName> = (
  input: HubRouteInput<N>,
  caller: Caller,
  request: FastifyRequest,
) => Promise<HubRouteOutput<N>>;

export type HubHandlers = { [N in HubRouteName]: RouteHandler<N> };

export interface Authenticator {
  terminal(request: FastifyRequest): Promise<NonNullable<Caller['terminal']>>;
  admin(request: FastifyRequest): Promise<NonNullable<Caller['admin']>>;
}

/**
 * Registers every route of the shared table: its input is validated with the table's schemas
 * (a typed INVALID_INPUT with the field path otherwise), its caller authenticated, and its answer
 * or typed error sent as JSON.
 */
export function registerRoutes(
  app: FastifyInstance,
  handlers: HubHandlers,
  authenticator: Authenticator,
): void {
  for (const [name, route] of Object.entries(hubRoutes) as [HubRouteName, HubRoute][]) {
    const handler = handlers[name] as RouteHandler<HubRouteName>;
    app.route({
      method: route.method,
      url: route.path,
      ...(route.bodyLimitBytes === undefined ? {} : { bodyLimit: route.bodyLimitBytes }),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const caller: Caller = {};
        if (route.auth === 'terminal') caller.terminal = await authenticator.terminal(request);
        if (route.auth === 'admin') caller.admin = await authenticator.admin(request);
        const input = {
          params: parsePart(route.params, request.params, 'params'),
          query: parsePart(route.query, request.query, 'query'),
          body: parsePart(route.body, request.body, 'body'),
        } as HubRouteInput<HubRouteName>;
        const output = await handler(input, caller, request);
        return reply.send(output);
      },
    });
  }
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [part, ...(issue?.path ?? []).map((key) => (typeof key === 'symbol' ? '' : key))];
  throw new HubApiError('INVALID_INPUT', {
    message: {
      zh: `请求内容有误（${path.join('.')}）：${issue?.message ?? ''}`,
      en: `Invalid ${path.join('.')}: ${issue?.message ?? ''}`,
    },
    path,
  });
}
