import {
  ApiError,
  contract,
  isMethodName,
  parseOrThrow,
  requestEnvelopeSchema,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
  type ResponseEnvelope,
} from '@shared/api';
import type { SignedInUser } from '../auth/auth-service';
import type { Logger } from '../logger';

/** One renderer connection: the session bound to it, and a way to push events to it. */
export interface Connection {
  readonly id: number;
  session: { token: string; userId: number } | undefined;
  send(message: unknown): void;
}

export interface CallContext {
  connection: Connection;
  /** The signed-in user; set for every method whose access is not `public`. */
  user: SignedInUser | undefined;
}

export type Handlers = {
  [M in MethodName]: (
    input: ParsedInput<M>,
    context: CallContext,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** One finished call, as the audit trail sees it. */
export interface FinishedCall {
  method: MethodName;
  /** The input as sent (validated or not). */
  input: unknown;
  output: unknown;
  error: ApiError | undefined;
  /** Who called, when the call got as far as knowing. */
  user: SignedInUser | undefined;
}

export interface DispatcherOptions {
  handlers: Handlers;
  /**
   * Sees every finished call before its answer leaves; if it throws (the audit trail could not
   * be written), the caller gets an error instead of the answer.
   */
  onFinished?: (call: FinishedCall) => void;
  authenticate: (token: string) => SignedInUser;
  logger: Logger;
  /** Also validate outputs against the contract (tests turn this on). */
  checkOutputs: boolean;
}

/** Validates, authorises and runs one request; never throws, always answers an envelope. */
export class Dispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  async dispatch(raw: unknown, connection: Connection): Promise<ResponseEnvelope> {
    const envelope = requestEnvelopeSchema.safeParse(raw);
    const id = envelope.success ? envelope.data.id : requestId(raw);
    try {
      if (!envelope.success) throw new ApiError('MALFORMED_REQUEST');
      const { method, input } = envelope.data;
      if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', { path: ['method'] });
      const caller: { user: SignedInUser | undefined } = { user: undefined };
      let output: unknown;
      try {
        output = await this.run(method, input, connection, caller);
      } catch (error) {
        const apiError = this.toApiError(error);
        this.options.onFinished?.({ method, input, output: undefined, error: apiError, ...caller });
        throw apiError;
      }
      this.options.onFinished?.({ method, input, output, error: undefined, ...caller });
      return { type: 'response', id, ok: true, output };
    } catch (error) {
      return { type: 'response', id, ok: false, error: this.toApiError(error).toValue() };
    }
  }

  private async run(
    method: MethodName,
    rawInput: unknown,
    connection: Connection,
    caller: { user: SignedInUser | undefined },
  ): Promise<unknown> {
    const spec = contract[method];
    const user =
      spec.access === 'public' ? undefined : this.authorise(spec.access, connection, caller);
    // An absent input means "no arguments"; anything else, null included, must match the schema.
    const input = parseOrThrow(spec.input, rawInput === undefined ? {} : rawInput);
    const handler = this.options.handlers[method] as (
      input: unknown,
      context: CallContext,
    ) => unknown;
    const output = await handler(input, { connection, user });
    if (this.options.checkOutputs) {
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        throw new Error(`${method} answered outside its contract: ${checked.error.message}`);
      }
    }
    return output;
  }

  private authorise(
    access: 'signedIn' | readonly string[],
    connection: Connection,
    caller: { user: SignedInUser | undefined },
  ): SignedInUser {
    if (connection.session === undefined) throw new ApiError('UNAUTHENTICATED');
    const user = this.options.authenticate(connection.session.token);
    caller.user = user;
    if (access !== 'signedIn' && !access.includes(user.role)) throw new ApiError('FORBIDDEN');
    return user;
  }

  private toApiError(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    // SQLite rolled the transaction back: say why in the user's words, not "internal error".
    if (isDiskFull(error)) {
      this.options.logger.warn('write refused: disk full');
      return new ApiError('STORAGE_FULL');
    }
    this.options.logger.error('request failed', error);
    return new ApiError('INTERNAL');
  }
}

function requestId(raw: unknown): number {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number') {
    return Number.isInteger(raw.id) && raw.id >= 0 ? raw.id : 0;
  }
  return 0;
}

function isDiskFull(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return error.code === 'SQLITE_FULL' || error.code === 'ENOSPC';
}
