import { hubErrorSchema, type HubError } from '@shared/hub/protocol';
import {
  hubRoutes,
  type HubRouteInput,
  type HubRouteName,
  type HubRouteOutput,
} from '@shared/hub/routes';

/** Why a call to the hub failed: no answer at all, too slow, or a typed refusal. */
export class HubRequestError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout' | 'refused' | 'malformed',
    readonly status: number | null,
    readonly hubError: HubError | null,
    detail: string,
  ) {
    super(detail);
  }

  /** Worth retrying later: the hub was unreachable, slow, overloaded or failing inside. */
  get transient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.status === 429 ||
      (this.status !== null && this.status >= 500)
    );
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The engine's side of the hub's HTTP API: calls a route of the shared table, and checks the
 * answer against its schema too (the hub may be a province's own implementation).
 */
export class HubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly timeoutMs = 30_000,
  ) {}

  async call<N extends HubRouteName>(
    name: N,
    input: Partial<HubRouteInput<N>> = {},
  ): Promise<HubRouteOutput<N>> {
    const route = hubRoutes[name];
    let path: string = route.path;
    for (const [key, value] of Object.entries(
      (input.params ?? {}) as Record<string, string | number>,
    ))
      path = path.replace(`:${key}`, encodeURIComponent(String(value)));
    const url = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    for (const [key, value] of Object.entries(
      (input.query ?? {}) as Record<string, string | number | boolean | string[] | undefined>,
    ))
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
      else if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    if (input.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await this.fetchImpl(url.toString(), {
        method: route.method,
        headers,
        ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timeout = error instanceof DOMException && error.name === 'TimeoutError';
      throw new HubRequestError(
        timeout ? 'timeout' : 'network',
        null,
        null,
        error instanceof Error ? `${error.message} ${causeOf(error)}`.trim() : String(error),
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new HubRequestError(
        response.ok ? 'malformed' : 'refused',
        response.status,
        null,
        `unreadable answer (${response.status}): ${error instanceof Error ? error.message : ''}`,
      );
    }
    if (!response.ok) {
      const parsed = hubErrorSchema.safeParse(body);
      throw new HubRequestError(
        'refused',
        response.status,
        parsed.success ? parsed.data : null,
        parsed.success
          ? `${parsed.data.code}: ${parsed.data.message.en}`
          : `HTTP ${response.status}`,
      );
    }
    const parsed = route.response.safeParse(body);
    if (!parsed.success)
      throw new HubRequestError('malformed', response.status, null, parsed.error.message);
    return parsed.data as HubRouteOutput<N>;
  }
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `(${cause.message})` : '';
}
