import type { ResponseEnvelope } from '@shared/api';
import { Engine } from '../../electron/core/engine';
import { EngineGate } from '../../electron/core/engine-gate';
import { silentLogger } from '../../electron/core/logger';
import type { Vault } from '../../electron/core/vault';
import { CALENDARS, FIXTURE_KNOWLEDGE, ManualClock } from './engine-harness';

export interface TestGate {
  gate: EngineGate;
  events: { event: string; payload: unknown }[];
  /** One request; the envelope as answered. */
  send: (method: string, input?: unknown) => Promise<ResponseEnvelope>;
  /** One request; its output, or an Error naming the code. */
  call: (method: string, input?: unknown) => Promise<unknown>;
}

/**
 * The gate in front of an engine on `dataDir`, as the shells start it (fixture knowledge, a
 * manual clock), with one connection to it.
 */
export async function startTestGate(
  dataDir: string,
  vault: Vault,
  clock = new ManualClock(),
): Promise<TestGate> {
  const gate = await EngineGate.start(
    vault,
    (storeKey) =>
      Engine.open({
        dataDir,
        storeKey,
        vault,
        mode: 'browser',
        version: 'test',
        seedKnowledgeDir: FIXTURE_KNOWLEDGE,
        calendarDir: CALENDARS,
        clock,
        logger: silentLogger,
        checkOutputs: true,
      }),
    silentLogger,
  );
  const events: TestGate['events'] = [];
  const waiting = new Map<number, (envelope: ResponseEnvelope) => void>();
  const connection = gate.connect((message) => {
    const envelope = message as
      ResponseEnvelope | { type: 'event'; event: string; payload: unknown };
    if (envelope.type === 'event') events.push(envelope);
    else waiting.get(envelope.id)?.(envelope);
  });
  let nextId = 1;
  const send = (method: string, input: unknown = {}): Promise<ResponseEnvelope> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void connection.receive({ type: 'request', id, method, input });
    });
  const call = async (method: string, input: unknown = {}): Promise<unknown> => {
    const response = await send(method, input);
    if (!response.ok) throw new Error(`${method}: ${response.error.code}`);
    return response.output;
  };
  return { gate, events, send, call };
}
