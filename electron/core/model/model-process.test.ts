import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { buildModelWorkerForTests, tinyModelFixture } from './model-test-support';
import { ModelProcess, ModelProcessError, forkWorkerLauncher } from './model-process';
import type { ChatStreamEvent, ModelState, WorkerHooks, WorkerLauncher } from './model-process';
import type { WorkerRequest } from './model-protocol';

/** Restarts at once, but records the back-off the process asked for: no wall clock involved. */
function immediateSchedule(delays: number[]) {
  return (delayMs: number, run: () => void): (() => void) => {
    delays.push(delayMs);
    queueMicrotask(run);
    return () => undefined;
  };
}

/** Resolves with the first state (from now on) that `matches`. */
function nextState(states: ModelState[], matches: (state: ModelState) => boolean) {
  const seen = states.length;
  return new Promise<ModelState>((resolve) => {
    const check = (): void => {
      const found = states.slice(seen).find(matches);
      if (found) resolve(found);
      else setImmediate(check);
    };
    check();
  });
}

// The review-check shape of DESIGN §2. The length limits keep a random-weight model from
// rambling past maxTokens; the grammar makes everything else about the shape certain.
const reviewSchema = {
  type: 'object',
  properties: {
    verdict: { enum: ['pass', 'fail', 'unsure'] },
    reason: { type: 'string', maxLength: 40 },
    citedEntryIds: { type: 'array', items: { type: 'string', maxLength: 12 }, maxItems: 3 },
  },
} as const;
const reviewResult = z.strictObject({
  verdict: z.enum(['pass', 'fail', 'unsure']),
  reason: z.string().max(40),
  citedEntryIds: z.array(z.string().max(12)).max(3),
});

describe('ModelProcess with the tiny generated GGUF', () => {
  let worker: Awaited<ReturnType<typeof buildModelWorkerForTests>>;
  let model: ReturnType<typeof tinyModelFixture>;
  const opened: ModelProcess[] = [];

  /** A model process over the real worker; `states` and `delays` record what it reported. */
  const open = () => {
    const states: ModelState[] = [];
    const delays: number[] = [];
    const modelProcess = new ModelProcess({
      launcher: forkWorkerLauncher(worker.path),
      onState: (state) => states.push(state),
      schedule: immediateSchedule(delays),
    });
    opened.push(modelProcess);
    // One thread: on the tiny model, llama.cpp's thread synchronisation costs more than the maths.
    const load = () => modelProcess.load({ path: model.path, contextSize: 512, threads: 1 });
    return { modelProcess, states, delays, load };
  };

  beforeAll(async () => {
    worker = await buildModelWorkerForTests();
    model = tinyModelFixture();
  });
  afterAll(async () => {
    await Promise.all(opened.map((modelProcess) => modelProcess.dispose()));
    worker.cleanup();
    model.cleanup();
  });

  // Loading costs a second on two cores, so these requests share one loaded model.
  describe('one loaded model', () => {
    let shared: ReturnType<typeof open>;
    beforeAll(() => {
      shared = open();
    });

    test('loads the generated model with progress and reports what it loaded', async () => {
      const { modelProcess, states, load } = shared;
      const info = await load();
      expect(info).toMatchObject({
        architecture: 'llama',
        name: 'Bangban tiny test model (random weights)',
        contextSize: 512,
        trainContextSize: 2048,
        vocabularySize: 768,
        threads: 1,
        gpu: false,
      });
      expect(states[0]).toEqual({ kind: 'loading', path: model.path, progress: 0 });
      expect(states.some((s) => s.kind === 'loading' && s.progress > 0)).toBe(true);
      expect(modelProcess.state).toEqual({ kind: 'ready', model: info });
    });

    test('completeJson returns JSON that has the schema’s shape', async () => {
      const result = await shared.modelProcess.completeJson({
        system: '你是政务服务大厅的预审助手。只输出 JSON。',
        prompt: '申请人提交了营业执照复印件，未加盖公章。请核验。',
        jsonSchema: reviewSchema,
        maxTokens: 256,
      });
      expect(reviewResult.safeParse(result.json).success).toBe(true);
      expect(JSON.parse(result.text)).toEqual(result.json);
      expect(result.timing.tokens).toBeGreaterThan(0);
      expect(result.timing.stopReason).toBe('eog');
    });

    test('chat streams tokens, then one done with the timing', async () => {
      const events: ChatStreamEvent[] = [];
      for await (const event of shared.modelProcess.chat({
        system: '你是帮办助手。',
        history: [
          { role: 'user', text: '你好' },
          { role: 'assistant', text: '你好，请问要办理什么事项？' },
        ],
        prompt: '个体工商户登记需要哪些材料？',
        maxTokens: 8,
        // Random weights sampled at a temperature may end at once; greedy decoding does not vary.
        temperature: 0,
      }))
        events.push(event);
      const done = events.at(-1);
      expect(events.filter((e) => e.type === 'token').length).toBeGreaterThanOrEqual(1);
      expect(done?.type).toBe('done');
      if (done?.type !== 'done') return;
      expect(done.timing.tokens).toBeGreaterThanOrEqual(1);
      expect(done.timing.tokens).toBeLessThanOrEqual(8);
      expect(done.timing.timeToFirstTokenMs).not.toBeNull();
      expect(done.text).toBe(events.map((e) => (e.type === 'token' ? e.text : '')).join(''));
    });

    test('leaving a chat stream early cancels it; the next request runs', async () => {
      const { modelProcess } = shared;
      for await (const event of modelProcess.chat({
        prompt: '你好',
        maxTokens: 200,
        temperature: 0,
      })) {
        expect(event.type).toBe('token');
        break;
      }
      const controller = new AbortController();
      const aborted = modelProcess.completeJson(
        { prompt: 'x', jsonSchema: reviewSchema, maxTokens: 256 },
        { signal: controller.signal },
      );
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ code: 'cancelled' });
      const result = await modelProcess.completeJson({
        prompt: 'x',
        jsonSchema: reviewSchema,
        maxTokens: 256,
      });
      expect(reviewResult.safeParse(result.json).success).toBe(true);
    });

    test('a prompt that cannot fit the context is a typed error', async () => {
      await expect(
        shared.modelProcess.completeJson({
          prompt: '材料'.repeat(400),
          jsonSchema: reviewSchema,
          maxTokens: 64,
        }),
      ).rejects.toMatchObject({ code: 'prompt_too_long' });
    });

    test('a schema the grammar cannot express is a typed error', async () => {
      await expect(
        shared.modelProcess.completeJson({
          prompt: 'x',
          jsonSchema: { type: 'object', properties: { a: { type: 'no-such-type' } } },
          maxTokens: 4,
        }),
      ).rejects.toBeInstanceOf(ModelProcessError);
      expect(shared.modelProcess.state.kind).toBe('ready');
    });
  });

  test('typed errors before a model is loaded: nothing loaded, a missing file', async () => {
    const { modelProcess } = open();
    await expect(
      modelProcess.completeJson({ prompt: 'x', jsonSchema: reviewSchema, maxTokens: 4 }),
    ).rejects.toMatchObject({ code: 'not_loaded' });
    await expect(
      modelProcess.load({ path: `${model.path}.missing`, contextSize: 512, threads: 1 }),
    ).rejects.toMatchObject({ code: 'load_failed' });
    expect(modelProcess.state).toMatchObject({ kind: 'error', code: 'load_failed' });
  });

  test('a killed worker is restarted, the model re-loaded, and later requests succeed', async () => {
    const { modelProcess, states, delays, load } = open();
    await load();
    const firstPid = modelProcess.pid;
    expect(firstPid).toBeDefined();
    const running = modelProcess.completeJson({
      prompt: 'x',
      jsonSchema: reviewSchema,
      maxTokens: 256,
    });
    const reloaded = nextState(states, (s) => s.kind === 'ready');
    process.kill(firstPid ?? 0, 'SIGKILL');

    await expect(running).rejects.toMatchObject({ code: 'crashed' });
    expect(states.find((s) => s.kind === 'crashed')).toMatchObject({
      kind: 'crashed',
      crashes: 1,
      retryInMs: 500,
      exit: { signal: 'SIGKILL' },
    });
    expect(delays).toEqual([500]);
    // A request made while the worker restarts waits for the re-loaded model.
    const duringRestart = modelProcess.completeJson({
      prompt: '再核验一次。',
      jsonSchema: reviewSchema,
      maxTokens: 256,
    });
    await reloaded;
    expect(modelProcess.pid).not.toBe(firstPid);
    expect(reviewResult.safeParse((await duringRestart).json).success).toBe(true);
    const events: ChatStreamEvent[] = [];
    for await (const event of modelProcess.chat({ prompt: '你好', maxTokens: 2 }))
      events.push(event);
    expect(events.at(-1)?.type).toBe('done');
  });

  test('a model loaded for embeddings embeds texts, cuts long ones, and only embeds', async () => {
    const { modelProcess } = open();
    const info = await modelProcess.load({
      path: model.path,
      contextSize: 128,
      threads: 1,
      purpose: 'embedding',
    });
    expect(info).toMatchObject({ purpose: 'embedding', embeddingSize: 64, contextSize: 128 });
    const long = '营业执照遗失补领需要提交的材料'.repeat(40);
    const result = await modelProcess.embed(['营业执照丢了怎么办', '', long]);
    expect(result.truncated).toBe(1);
    expect(result.vectors.map((vector) => vector.length)).toEqual([64, 64, 64]);
    for (const vector of result.vectors) expect(vector.every(Number.isFinite)).toBe(true);
    // The same text, the same vector: stored entry vectors and later queries are comparable.
    const again = await modelProcess.embed(['营业执照丢了怎么办']);
    expect(again.vectors[0]).toEqual(result.vectors[0]);
    await expect(
      modelProcess.completeJson({ prompt: '你好', jsonSchema: reviewSchema, maxTokens: 8 }),
    ).rejects.toMatchObject({ code: 'wrong_purpose' });
  });

  test('a chat model refuses to embed', async () => {
    const { modelProcess, load } = open();
    const info = await load();
    expect(info).toMatchObject({ purpose: 'chat', embeddingSize: 64 });
    await expect(modelProcess.embed(['你好'])).rejects.toMatchObject({ code: 'wrong_purpose' });
  });
});

describe('ModelProcess restart policy (fake worker)', () => {
  /** A worker that dies whenever it is asked to load. */
  function crashingLauncher(launches: { count: number }): WorkerLauncher {
    return (hooks: WorkerHooks) => {
      launches.count++;
      return {
        pid: 1000 + launches.count,
        send: (request: WorkerRequest) => {
          if (request.type === 'load')
            queueMicrotask(() => {
              hooks.onExit({ code: null, signal: 'SIGSEGV', output: 'llama.cpp: out of memory' });
            });
        },
        kill: () => {
          hooks.onExit({ code: null, signal: 'SIGTERM', output: '' });
        },
      };
    };
  }

  test('backs off between restarts and gives up after repeated crashes', async () => {
    const states: ModelState[] = [];
    const delays: number[] = [];
    const launches = { count: 0 };
    const modelProcess = new ModelProcess({
      launcher: crashingLauncher(launches),
      onState: (state) => states.push(state),
      schedule: immediateSchedule(delays),
      maxConsecutiveCrashes: 3,
    });
    const gaveUp = nextState(states, (s) => s.kind === 'error');
    await expect(
      modelProcess.load({ path: '/models/huge.gguf', contextSize: 4096, threads: 2 }),
    ).rejects.toMatchObject({ code: 'crashed' });
    expect(await gaveUp).toMatchObject({ kind: 'error', code: 'crash_loop' });
    expect(delays).toEqual([500, 1000, 2000]);
    expect(launches.count).toBe(4);
    await expect(
      modelProcess.completeJson({ prompt: 'x', jsonSchema: {}, maxTokens: 1 }),
    ).rejects.toMatchObject({ code: 'crash_loop' });
    await modelProcess.dispose();
  });

  test('dispose fails open requests and stops restarting', async () => {
    const launches = { count: 0 };
    const never: WorkerLauncher = (hooks) => {
      launches.count++;
      return {
        pid: 1,
        send: () => undefined,
        kill: () => {
          hooks.onExit({ code: null, signal: 'SIGTERM', output: '' });
        },
      };
    };
    const modelProcess = new ModelProcess({ launcher: never });
    const loading = modelProcess.load({ path: '/m.gguf', contextSize: 512, threads: 1 });
    await modelProcess.dispose();
    await expect(loading).rejects.toMatchObject({ code: 'disposed' });
    await expect(modelProcess.probe()).rejects.toMatchObject({ code: 'disposed' });
    expect(launches.count).toBe(1);
  });
});
