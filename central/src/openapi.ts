import { z } from 'zod';
import { HUB_API_VERSION, hubErrorSchema } from '@shared/hub/protocol';
import { hubRoutes, type HubRoute } from '@shared/hub/routes';

type JsonSchema = Record<string, unknown>;

/**
 * The hub's HTTP API as an OpenAPI 3.1 document, generated from the same route table and zod
 * schemas the hub validates with (published as docs/hub-openapi.json): a province's own
 * platform can implement it, and terminals only rely on what it says.
 */
export function hubOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(hubRoutes) as [string, HubRoute][]) {
    const path = route.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(name, route) };
  }
  paths['/v1/models/{id}/file'] = {
    get: {
      operationId: 'modelFile',
      summary: 'The bytes of a model file the hub offers; honours a Range header to resume',
      security: [{ terminal: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The whole file', content: { 'application/octet-stream': {} } },
        '206': { description: 'The requested range', content: { 'application/octet-stream': {} } },
        '416': { description: 'The range starts past the end of the file' },
        default: errorResponse(),
      },
    },
  };
  paths['/metrics'] = {
    get: {
      operationId: 'metrics',
      summary: 'Counters of this instance in the Prometheus text format',
      responses: { '200': { description: 'Metrics', content: { 'text/plain': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bangban Desk hub API (帮办台中心接口)',
      version: `api v${HUB_API_VERSION}, hub ${version}`,
      description:
        'What terminals and administrators call on the hub. Terminals authenticate with ' +
        '`Authorization: Bearer <terminalId>.<secret>` (issued once at enrolment); administrators ' +
        'with the token from /v1/admin/sign-in. Errors are JSON: {code, message: {zh, en}, path}.',
    },
    components: {
      securitySchemes: {
        terminal: { type: 'http', scheme: 'bearer', description: 'terminalId.secret' },
        admin: { type: 'http', scheme: 'bearer', description: 'administrator session token' },
      },
      schemas: { HubError: toSchema(hubErrorSchema, 'output') },
    },
    paths,
  };
}

function operation(name: string, route: HubRoute): JsonSchema {
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  return {
    operationId: name,
    summary: route.summary,
    ...(route.auth === 'none' ? { security: [] } : { security: [{ [route.auth]: [] }] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      '200': {
        description: 'Success',
        content: { 'application/json': { schema: toSchema(route.response, 'output') } },
      },
      default: errorResponse(),
    },
  };
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function errorResponse(): JsonSchema {
  return {
    description: 'A typed error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/HubError' } } },
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return json;
}
