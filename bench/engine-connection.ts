import type { MethodInput, MethodName, MethodOutput, ResponseEnvelope } from '@shared/api';
import type { Engine } from '../electron/core/engine';

/** A typed caller over one in-process engine connection: the dispatcher path, no socket. */
export type EngineCaller = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
) => Promise<MethodOutput<M>>;

export function engineCaller(engine: Engine): EngineCaller {
  let nextId = 1;
  const waiting = new Map<number, (envelope: ResponseEnvelope) => void>();
  const connection = engine.connect((message) => {
    const envelope = message as ResponseEnvelope | { type: 'event' };
    if (envelope.type !== 'response') return;
    waiting.get(envelope.id)?.(envelope);
    waiting.delete(envelope.id);
  });
  return async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const id = nextId++;
    const answered = new Promise<ResponseEnvelope>((resolve) => {
      waiting.set(id, resolve);
    });
    await connection.receive({ type: 'request', id, method, input });
    const envelope = await answered;
    if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
    return envelope.output as MethodOutput<M>;
  };
}

/** The value at quantile `q` (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
