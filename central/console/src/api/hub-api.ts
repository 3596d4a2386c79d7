import type { z } from 'zod';
import type { LocalizedText } from '@shared/api/errors';
import { hubErrorSchema, type HubErrorCode } from '@shared/hub/protocol';
import { hubRoutes, type HubRoute, type HubRouteName } from '@shared/hub/routes';

type RouteOf<N extends HubRouteName> = (typeof hubRoutes)[N];
type PartName = 'params' | 'query' | 'body';

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

/** A part the route declares is required unless every field in it is optional. */
type Part<R, K extends PartName> =
  R extends Record<K, infer S extends z.ZodType>
    ? [RequiredKeys<z.input<S>>] extends [never]
      ? { [P in K]?: z.input<S> }
      : { [P in K]: z.input<S> }
    : { [P in K]?: never };

/** What the console passes for a route, before the route's schemas apply defaults. */
export type HubCallInput<N extends HubRouteName> = Part<RouteOf<N>, 'params'> &
  Part<RouteOf<N>, 'query'> &
  Part<RouteOf<N>, 'body'>;
export type HubCallOutput<N extends HubRouteName> = z.output<RouteOf<N>['response']>;

/**
 * Every way a call can fail: the hub's own codes, plus the two only a client sees — the hub could
 * not be reached, or it answered something the route table does not allow.
 */
export type HubCallErrorCode = HubErrorCode | 'UNREACHABLE' | 'BAD_ANSWER';

/** A failed call, typed like the hub's error body: code, message in both languages, field path. */
export class HubCallError extends Error {
  readonly code: HubCallErrorCode;
  readonly localized: LocalizedText;
  readonly path: (string | number)[];
  /** The HTTP status, or 0 when no answer arrived. */
  readonly status: number;

  constructor(
    code: HubCallErrorCode,
    localized: LocalizedText,
    options: { path?: (string | number)[]; status?: number } = {},
  ) {
    super(`${code}: ${localized.en}`);
    this.name = 'HubCallError';
    this.code = code;
    this.localized = localized;
    this.path = options.path ?? [];
    this.status = options.status ?? 0;
  }
}

export interface HubApiOptions {
  /** Where the hub is; the page's own origin when the hub serves the console. */
  baseUrl: string;
  /** The administrator's bearer token, when signed in. */
  token: () => string | undefined;
  /** The hub no longer accepts the token: the console goes back to its sign-in page. */
  onSessionLost?: () => void;
  fetch?: typeof fetch;
}

function zodPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === 'symbol' ? '' : key));
}

function statusError(status: number): HubCallError {
  if (status === 401)
    return new HubCallError(
      'UNAUTHENTICATED',
      { zh: '未登录或登录已过期', en: 'Not signed in' },
      { status },
    );
  if (status === 404)
    return new HubCallError(
      'NOT_FOUND',
      {
        zh: '中心没有这个接口：中心版本可能较旧',
        en: 'The hub has no such route: it may be older',
      },
      { status },
    );
  if (status === 413)
    return new HubCallError('PAYLOAD_TOO_LARGE', { zh: '文件过大', en: 'Too large' }, { status });
  return new HubCallError(
    'INTERNAL',
    { zh: `中心返回了错误（HTTP ${status}）`, en: `The hub answered HTTP ${status}` },
    { status },
  );
}

/**
 * A typed client for the hub's documented HTTP API, built on the same route table the hub
 * registers from: the input is checked with the route's schemas before it leaves (the field path
 * of a mistake is known at once), and every answer is parsed with the route's response schema, so
 * a page never renders something the table does not allow.
 */
export class HubApi {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HubApiOptions) {
    // A bare `fetch` reference loses its `window` receiver ("Illegal invocation").
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async call<N extends HubRouteName>(
    name: N,
    input: HubCallInput<N>,
    signal?: AbortSignal,
  ): Promise<HubCallOutput<N>> {
    const route: HubRoute = hubRoutes[name];
    const given = input as Partial<Record<PartName, unknown>>;
    const params = checkPart(route.params, given.params, 'params');
    const query = checkPart(route.query, given.query, 'query');
    const body = checkPart(route.body, given.body, 'body');

    const url = new URL(fillPath(route.path, params), this.options.baseUrl);
    if (isRecord(query))
      for (const [key, value] of Object.entries(query)) {
        const text = scalarText(value);
        if (text !== undefined) url.searchParams.set(key, text);
      }

    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.options.token();
    if (route.auth === 'admin' && token) headers.authorization = `Bearer ${token}`;
    // Fastify refuses an empty body sent as JSON: routes without a body send none at all.
    if (route.body) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: route.method,
        headers,
        ...(route.body ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
        cache: 'no-store',
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new HubCallError('UNREACHABLE', {
        zh: '无法连接中心：请检查网络或中心服务是否在运行',
        en: 'Cannot reach the hub: check the network and that the hub is running',
      });
    }

    const answer = await readJson(response);
    if (!response.ok) {
      const parsed = hubErrorSchema.safeParse(answer);
      const error = parsed.success
        ? new HubCallError(parsed.data.code, parsed.data.message, {
            path: parsed.data.path,
            status: response.status,
          })
        : statusError(response.status);
      if (error.code === 'UNAUTHENTICATED' && route.auth === 'admin')
        this.options.onSessionLost?.();
      throw error;
    }
    const parsed = route.response.safeParse(answer);
    if (!parsed.success)
      throw new HubCallError(
        'BAD_ANSWER',
        {
          zh: '中心的答复不符合接口约定：中心与控制台的版本可能不一致',
          en: 'The hub answered outside its API: the hub and the console may differ in version',
        },
        { path: zodPath(parsed.error.issues[0]?.path ?? []), status: response.status },
      );
    // The route table's schema for this name parsed it: the cast only restores the name's type.
    return parsed.data as HubCallOutput<N>;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Query strings and path parameters carry only scalars (the route schemas say which). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function checkPart(schema: z.ZodType | undefined, value: unknown, part: PartName): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [part, ...zodPath(issue?.path ?? [])];
  throw new HubCallError(
    'INVALID_INPUT',
    {
      zh: `填写内容有误（${path.join('.')}）：${issue?.message ?? ''}`,
      en: `Invalid ${path.join('.')}: ${issue?.message ?? ''}`,
    },
    { path },
  );
}

/** `/v1/admin/terminals/:id/revoke` with its params filled in, each escaped. */
function fillPath(path: string, params: unknown): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, key: string) => {
    const value = isRecord(params) ? scalarText(params[key]) : undefined;
    return encodeURIComponent(value ?? '');
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
