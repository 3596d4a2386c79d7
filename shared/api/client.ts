import type { ResponseEnvelope } from './envelope';
import { ApiError, type ApiErrorValue } from './errors';
import {
  contract,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract';

/** What a shell provides: send one request, receive its output, and subscribe to events. */
export interface EngineTransport {
  request(method: MethodName, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type Namespace<M extends string> = M extends `${infer N}.${string}` ? N : never;
type Verb<M extends string, N extends string> = M extends `${N}.${infer V}` ? V : never;

/** `client.cases.create(input)` for the contract method `cases.create`, fully typed. */
export type BangbanClient = {
  [N in Namespace<MethodName>]: {
    [M in MethodName as Verb<M, N>]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
  };
} & {
  events: {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
  /**
   * Desktop only (the shell, not the engine): renders the current page to an A4 PDF and saves it
   * where the clerk chooses; `path` is null when cancelled.
   */
  printToPdf?: (fileName: string) => Promise<{ path: string | null }>;
};

/**
 * Builds the typed client over a transport. The client checks nothing itself: the engine
 * validates every input and answers bad input with a typed error, which the transport throws.
 */
export function createBangbanClient(transport: EngineTransport): BangbanClient {
  const namespaces: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(contract) as MethodName[]) {
    const [namespace = '', verb = ''] = name.split('.');
    namespaces[namespace] ??= {};
    namespaces[namespace][verb] = (input: unknown) => transport.request(name, input);
  }
  const client = {
    ...namespaces,
    events: {
      on: (event: EventName, listener: (payload: never) => void) =>
        transport.subscribe(event, listener as (payload: unknown) => void),
    },
  };
  return client as unknown as BangbanClient;
}

/** A method's answer as a value: what crosses the Electron context bridge intact. */
export type MethodResult<M extends MethodName> =
  { ok: true; output: MethodOutput<M> } | { ok: false; error: ApiErrorValue };

/**
 * What the desktop preload exposes as `window.bangban`: one named method per contract method,
 * answering typed result values (thrown errors would lose their code crossing the bridge).
 */
export type BangbanBridge = {
  [N in Namespace<MethodName>]: {
    [M in MethodName as Verb<M, N>]: (input: MethodInput<M>) => Promise<MethodResult<M>>;
  };
} & {
  events: {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
  /**
   * Desktop only (the shell, not the engine): renders the current page to an A4 PDF and saves it
   * where the clerk chooses; `path` is null when cancelled.
   */
  printToPdf?: (fileName: string) => Promise<{ path: string | null }>;
};

/** Builds the bridge over a request function that answers response envelopes. */
export function createBangbanBridge(
  request: (method: MethodName, input: unknown) => Promise<ResponseEnvelope>,
  subscribe: EngineTransport['subscribe'],
): BangbanBridge {
  const namespaces: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(contract) as MethodName[]) {
    const [namespace = '', verb = ''] = name.split('.');
    namespaces[namespace] ??= {};
    namespaces[namespace][verb] = async (input: unknown) => {
      const response = await request(name, input);
      return response.ok
        ? { ok: true, output: response.output }
        : { ok: false, error: response.error };
    };
  }
  const bridge = {
    ...namespaces,
    events: {
      on: (event: EventName, listener: (payload: never) => void) =>
        subscribe(event, listener as (payload: unknown) => void),
    },
  };
  return bridge as unknown as BangbanBridge;
}

/** The renderer's transport over the desktop bridge: results become outputs or ApiErrors. */
export function transportFromBridge(bridge: BangbanBridge): EngineTransport {
  const methods = bridge as unknown as Record<
    string,
    Record<
      string,
      (
        input: unknown,
      ) => Promise<{ ok: true; output: unknown } | { ok: false; error: ApiErrorValue }>
    >
  >;
  return {
    request: async (method, input) => {
      const [namespace = '', verb = ''] = method.split('.');
      const call = methods[namespace]?.[verb];
      if (!call) throw new ApiError('UNKNOWN_METHOD', { path: ['method'] });
      const result = await call(input);
      if (!result.ok) throw ApiError.fromValue(result.error);
      return result.output;
    },
    subscribe: (event, listener) =>
      (bridge.events.on as (event: EventName, listener: (payload: unknown) => void) => () => void)(
        event,
        listener,
      ),
  };
}
