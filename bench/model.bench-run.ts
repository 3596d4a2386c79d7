import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MethodInput, MethodName, MethodOutput, ResponseEnvelope } from '@shared/api';
import {
  getLlama,
  LlamaChatSession,
  LlamaLogLevel,
  resolveChatWrapper,
  type GbnfJsonObjectSchema,
  type Llama,
  type LlamaContextSequence,
  type LlamaModel,
} from 'node-llama-cpp';
import { afterAll, describe, it } from 'vitest';
import WebSocket from 'ws';
import { Engine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logger';
import {
  detectHardware,
  forkWorkerLauncher,
  recommendedThreads,
  type WorkerLauncher,
} from '../electron/core/model';
import { buildModelWorkerForTests } from '../electron/core/model/model-test-support';
import type {
  ChatRequest,
  CompleteJsonRequest,
  GenerationTiming,
} from '../electron/core/model/model-protocol';
import { DEFAULT_REAL_DIMS_PATH, writeRealDimsModel } from '../scripts/models/write-gguf.mjs';
import { startBrowserMode } from '../tests/support/browser-mode-process';
import { CALENDARS, ManualClock, SEED_KNOWLEDGE } from '../tests/support/engine-harness';
import { quantile } from './engine-connection';
import type { BenchResult } from './bench-result';

/**
 * The local model's benchmarks, on the generated model of Qwen2.5-0.5B's exact shape (random Q8_0
 * weights, models/generated/, never committed): answers streamed through copilot.ask +
 * copilot.generate against node-llama-cpp called directly in this process, a grammar-constrained
 * review.suggest, and the memory of the engine and of its model worker.
 */
const results: BenchResult[] = [];
const work = mkdtempSync(join(tmpdir(), 'bangban-bench-model-'));
/** BANGBAN_BENCH_MODEL_QUESTIONS: how many answered questions are put to the model (default 5). */
const QUESTIONS = Number(process.env.BANGBAN_BENCH_MODEL_QUESTIONS ?? 5);
/**
 * copilot.generate asks for up to 400 tokens; random weights never stop early, so the benchmark
 * caps the worker's chat requests here to keep the run short. TTFT and tokens/s do not depend on it.
 */
const MAX_TOKENS = 96;
const SUGGEST_RUNS = 3;
const CONTEXT_SIZE = 4096;
/**
 * A step's time limit. About a minute or two each on an idle 2-core machine, but llama.cpp's
 * spinning threads run many times slower while another process takes a core (seen: a 25 s
 * suggestion took 8 minutes), and a busy machine should give slow numbers, not a failure.
 */
const STEP_TIMEOUT_MS = 1_800_000;
const MODEL_FILE = 'qwen2.5-0.5b-shape-q8_0.gguf';
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Bench#Admin2026' };
/** Clerks' questions from the seed Q&A; the first QUESTIONS that copilot.ask answers are used. */
const CANDIDATES = [
  '营业执照丢了怎么补办？',
  '办食品经营许可证要带哪些材料？',
  '申请低保要带哪些材料？',
  '食品经营许可证有效期多久？到期怎么延续？',
  '生育登记在哪里办？能在网上办吗？',
  '餐饮店员工都要办健康证吗？',
  '食品经营许可证丢了怎么补？',
  '开奶茶店、咖啡店需要什么许可？',
  '申请低保需要什么条件？',
  '办生育登记要带什么？需要结婚证吗？',
  '食品经营许可证需要年检吗？',
  '低保去哪里申请？县政务大厅能直接受理吗？',
];

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const seconds = (value: number): string => `${(value / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const rate = (value: number): string => `${value.toFixed(1)} tok/s`;
const median = (values: number[]): number => quantile(values, 0.5);
const since = (started: number): number => performance.now() - started;
const benchStarted = performance.now();
/** A progress line on stderr: this benchmark runs for minutes. */
const progress = (step: string): void => {
  process.stderr.write(`[model bench ${seconds(since(benchStarted))}] ${step}\n`);
};

interface Resident {
  rss: number;
  anon: number;
  file: number;
}

/** Resident memory of a process from /proc (Linux): total, anonymous and file-backed (mmap). */
function resident(pid: number): Resident {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib('VmRSS'), anon: kib('RssAnon'), file: kib('RssFile') };
}

const residentText = (value: Resident): string =>
  `${mib(value.rss)} (anon ${mib(value.anon)}, file ${mib(value.file)})`;

interface CpuTicks {
  busy: number;
  total: number;
  ours: number;
}

/** utime + stime + cutime + cstime of a process, in clock ticks (fields 14–17 of its stat). */
function processTicks(pid: number | 'self'): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  } catch {
    return 0; // gone
  }
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
}

/**
 * CPU time used so far by the whole machine and by the benchmark: this process, its reaped
 * children and `pids` (the running model worker). The rest is what else ran meanwhile.
 */
function cpuTicks(pids: number[] = []): CpuTicks {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    fields;
  const busy = user + nice + system + irq + softirq + steal;
  const ours = [processTicks('self'), ...pids.map(processTicks)].reduce((a, b) => a + b, 0);
  return { busy, total: busy + idle + iowait, ours };
}

/** The share of all cores that other processes used between two readings (0–1). */
function otherShare(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return Math.max(0, (after.busy - before.busy - (after.ours - before.ours)) / total);
}

const percent = (share: number): string => `${(share * 100).toFixed(0)} %`;

/** This process's resident memory after a garbage collection. */
function ownResident(): Resident {
  collectGarbage();
  return resident(process.pid);
}

/** The processes `pid` started (Linux: /proc/<pid>/task/<tid>/children). */
function childrenOf(pid: number): number[] {
  const tasks = readdirSync(`/proc/${String(pid)}/task`);
  return tasks.flatMap((task) =>
    readFileSync(`/proc/${String(pid)}/task/${task}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (since(started) > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the engine asked of its model worker, and the worker's own timings. */
interface WorkerSpy {
  pid: number | undefined;
  chats: ChatRequest[];
  completions: CompleteJsonRequest[];
  done: GenerationTiming[];
}

/**
 * The real fork launcher, watched: it records the worker's pid, the chat and JSON requests the
 * engine sends (so the baseline gets exactly the same prompts) and the worker's timings, and
 * caps chat requests at MAX_TOKENS.
 */
function spyingLauncher(workerPath: string, spy: WorkerSpy): WorkerLauncher {
  const launch = forkWorkerLauncher(workerPath);
  return (hooks) => {
    const handle = launch({
      onMessage: (message) => {
        const event = message as { type?: string; timing?: GenerationTiming };
        if ((event.type === 'done' || event.type === 'jsonResult') && event.timing)
          spy.done.push(event.timing);
        hooks.onMessage(message);
      },
      onExit: (exit) => {
        hooks.onExit(exit);
      },
    });
    spy.pid = handle.pid;
    return {
      pid: handle.pid,
      send: (request) => {
        if (request.type === 'chat') {
          const capped = { ...request, maxTokens: Math.min(request.maxTokens, MAX_TOKENS) };
          spy.chats.push(capped);
          handle.send(capped);
          return;
        }
        if (request.type === 'completeJson') spy.completions.push(request);
        handle.send(request);
      },
      kill: () => {
        handle.kill();
      },
    };
  };
}

interface Connection {
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
  /** Called with each event and the time it arrived. */
  onEvent: ((event: string, at: number) => void) | undefined;
}

/** One in-process connection (the dispatcher path, no socket) that also times events. */
function connect(engine: Engine): Connection {
  let nextId = 1;
  const waiting = new Map<number, (envelope: ResponseEnvelope) => void>();
  const connection: Connection = {
    onEvent: undefined,
    call: async (method, input) => {
      const id = nextId++;
      const answered = new Promise<ResponseEnvelope>((resolve) => {
        waiting.set(id, resolve);
      });
      await socket.receive({ type: 'request', id, method, input });
      const envelope = await answered;
      if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
      return envelope.output as MethodOutput<typeof method>;
    },
  };
  const socket = engine.connect((message) => {
    const at = performance.now();
    const envelope = message as ResponseEnvelope | { type: 'event'; event: string };
    if (envelope.type === 'event') {
      connection.onEvent?.(envelope.event, at);
      return;
    }
    waiting.get(envelope.id)?.(envelope);
    waiting.delete(envelope.id);
  });
  return connection;
}

/** One request over a browser-mode engine's WebSocket. */
function socketCall(socket: WebSocket, method: MethodName, input: unknown): Promise<unknown> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString('utf8')) as ResponseEnvelope | { type: 'event' };
      if (message.type !== 'response' || message.id !== id) return;
      socket.off('message', onMessage);
      if (message.ok) resolve(message.output);
      else reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'request', id, method, input }));
  });
}

/** A generation by node-llama-cpp called directly, timed as the worker times its own. */
async function directChat(
  model: LlamaModel,
  sequence: LlamaContextSequence,
  request: ChatRequest,
): Promise<{ ttftMs: number; tokensPerSecond: number; tokens: number }> {
  const session = new LlamaChatSession({
    contextSequence: sequence,
    chatWrapper: resolveChatWrapper(model),
    autoDisposeSequence: false,
    systemPrompt: request.system ?? '',
  });
  let tokens = 0;
  let first: number | undefined;
  let last = 0;
  const started = performance.now();
  await session.prompt(request.prompt, {
    maxTokens: request.maxTokens,
    temperature: request.temperature ?? 0.7,
    onToken: (chunk) => {
      first ??= performance.now();
      last = performance.now();
      tokens += chunk.length;
    },
  });
  session.dispose({ disposeSequence: false });
  const decoding = first === undefined ? 0 : (last - first) / 1000;
  return {
    ttftMs: (first ?? Number.NaN) - started,
    tokensPerSecond: tokens > 1 && decoding > 0 ? (tokens - 1) / decoding : Number.NaN,
    tokens,
  };
}

type SocketCaller = (method: MethodName, input: unknown) => Promise<unknown>;

interface BrowserModeMemory {
  /** Once started (and, with a model chosen, once it is ready). */
  started: Resident;
  loaded: { engine: Resident; worker: Resident | undefined } | undefined;
  generated: { engine: Resident; worker: Resident | undefined } | undefined;
}

/**
 * Starts the real browser-mode engine (out/main/web.js) on `dataDir`, signs in over its socket
 * and reads the resident memory of it and of its model worker (its child process). With `use`,
 * waits for the chosen model to be restored, reads, runs `use`, and reads again.
 */
async function browserModeMemory(
  dataDir: string,
  use: ((call: SocketCaller) => Promise<void>) | undefined,
): Promise<BrowserModeMemory> {
  const browser = await startBrowserMode(dataDir, { BANGBAN_CHECK_OUTPUTS: '0' });
  try {
    const pid = browser.child.pid ?? 0;
    const token = new URL(browser.url).searchParams.get('token') ?? '';
    const socket = new WebSocket(`${browser.origin.replace('http', 'ws')}/engine?token=${token}`, {
      origin: browser.origin,
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const call: SocketCaller = (method, input) => socketCall(socket, method, input);
    await call('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const read = (): { engine: Resident; worker: Resident | undefined } => {
      const worker = childrenOf(pid)[0];
      return { engine: resident(pid), worker: worker === undefined ? undefined : resident(worker) };
    };
    if (use === undefined) {
      // Let start-up garbage settle before reading, as the other engine-memory rows do.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      socket.close();
      return { started: resident(pid), loaded: undefined, generated: undefined };
    }
    const waitStarted = performance.now();
    for (;;) {
      const status = (await call('models.status', {})) as { state: string; problem: unknown };
      if (status.state === 'ready') break;
      if (status.state === 'error' || since(waitStarted) > 60_000)
        throw new Error(`the model was not restored: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const loaded = read();
    await use(call);
    const generated = read();
    // Back to no model, so that the next start is the baseline.
    await call('models.unload', {});
    socket.close();
    return { started: loaded.engine, loaded, generated };
  } finally {
    await browser.stop();
  }
}

/** A grammar-constrained completion by node-llama-cpp called directly. */
async function directJson(
  llama: Llama,
  model: LlamaModel,
  sequence: LlamaContextSequence,
  request: CompleteJsonRequest,
): Promise<{ ms: number; outcome: string }> {
  const session = new LlamaChatSession({
    contextSequence: sequence,
    chatWrapper: resolveChatWrapper(model),
    autoDisposeSequence: false,
    systemPrompt: request.system ?? '',
  });
  const started = performance.now();
  const grammar = await llama.createGrammarForJsonSchema(
    request.jsonSchema as GbnfJsonObjectSchema,
  );
  let tokens = 0;
  const text = await session.prompt(request.prompt, {
    grammar,
    maxTokens: request.maxTokens,
    temperature: request.temperature ?? 0,
    onToken: (chunk) => {
      tokens += chunk.length;
    },
  });
  const elapsed = since(started);
  session.dispose({ disposeSequence: false });
  try {
    const json = grammar.parse(text) as { verdict?: unknown };
    return { ms: elapsed, outcome: `${String(json.verdict)} (${String(tokens)} tokens)` };
  } catch {
    return { ms: elapsed, outcome: `incomplete JSON (${String(tokens)} tokens)` };
  }
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ results }, null, 2));
});

describe('benchmarks of the local model', () => {
  // State shared by the steps below, which vitest runs in order (one timeout each). Each model
  // run of ours is followed by the same run of the baseline, so that whatever else the machine
  // does at the time slows both alike; the share of the CPU other processes took is recorded.
  const spy: WorkerSpy = { pid: undefined, chats: [], completions: [], done: [] };
  const threads = recommendedThreads(detectHardware());
  const dataDir = mkdtempSync(join(work, 'engine-'));
  let worker: { path: string; cleanup: () => void } | undefined;
  let engine: Engine | undefined;
  let api: Connection | undefined;
  let direct: { llama: Llama; model: LlamaModel; sequence: LlamaContextSequence } | undefined;
  let workerPid = 0;
  let generatedMs: number | undefined;
  let loadMs = Number.NaN;
  let baselineLoadMs = Number.NaN;
  let answered: number[] = [];
  let beforeLoad: Resident | undefined;
  let afterLoad: { engine: Resident; worker: Resident } | undefined;
  let withDirectModel: Resident | undefined;
  let workerAfterAnswers: Resident | undefined;
  const answers: {
    ours: { ttft: number; recordedTtft: number; tps: number; recordedTps: number };
    direct: Awaited<ReturnType<typeof directChat>>;
    other: number;
  }[] = [];
  const suggestions: {
    ours: { ms: number; outcome: string };
    direct: { ms: number; outcome: string };
    other: number;
  }[] = [];

  const requireApi = (): Connection => {
    if (!api) throw new Error('the engine did not open');
    return api;
  };
  const requireDirect = (): NonNullable<typeof direct> => {
    if (!direct) throw new Error('the baseline model is not loaded');
    return direct;
  };
  const contention = (others: number[]): string =>
    `other processes took ${percent(median(others))} of the ${String(cpus().length)} cores (median per run, max ${percent(Math.max(...others))})`;

  afterAll(async () => {
    engine?.close();
    worker?.cleanup();
    await direct?.llama.dispose();
  });

  it('loads the real-dimension model through the engine and directly', async () => {
    // The generated model (about 20 s to write; reused when it exists) and the built worker.
    if (!existsSync(DEFAULT_REAL_DIMS_PATH)) {
      const started = performance.now();
      writeRealDimsModel(DEFAULT_REAL_DIMS_PATH);
      generatedMs = since(started);
    }
    worker = await buildModelWorkerForTests();
    progress('worker built');
    engine = Engine.open({
      dataDir,
      // A benchmark's throw-away store: a fresh key that dies with it.
      storeKey: randomBytes(32),
      mode: 'browser',
      version: 'bench',
      seedKnowledgeDir: SEED_KNOWLEDGE,
      calendarDir: CALENDARS,
      clock: new ManualClock(),
      logger: silentLogger,
      modelLauncher: spyingLauncher(worker.path, spy),
      modelManifestPath: join(import.meta.dirname, '../models/manifest.json'),
    });
    const call = (api = connect(engine)).call;
    await call('setup.createAdmin', { hallName: '基准测试大厅', ...ADMIN });
    // Questions answered from the knowledge base (the model is asked only about those).
    for (const question of CANDIDATES) {
      if (answered.length >= QUESTIONS) break;
      const answer = await call('copilot.ask', { question });
      if (answer.status === 'answered') answered = [...answered, answer.id];
    }
    if (answered.length === 0) throw new Error('copilot.ask answered none of the questions');
    beforeLoad = ownResident();
    await call('models.install', { sourcePath: DEFAULT_REAL_DIMS_PATH, fileName: MODEL_FILE });
    let started = performance.now();
    await call('models.load', { fileName: MODEL_FILE });
    loadMs = since(started);
    if (spy.pid === undefined) throw new Error('the model worker did not start');
    workerPid = spy.pid;
    afterLoad = { engine: ownResident(), worker: resident(workerPid) };
    progress('model loaded through the engine');

    // Baseline: node-llama-cpp in this process, the same file, context and threads.
    started = performance.now();
    const llama = await getLlama({
      gpu: false,
      build: 'never',
      skipDownload: true,
      logLevel: LlamaLogLevel.error,
    });
    const model = await llama.loadModel({ modelPath: DEFAULT_REAL_DIMS_PATH, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: CONTEXT_SIZE, threads, sequences: 1 });
    baselineLoadMs = since(started);
    direct = { llama, model, sequence: context.getSequence() };
    withDirectModel = ownResident();
    progress('model loaded directly');
  });

  it(
    `streams answers to ${String(QUESTIONS)} questions (copilot.generate), each beside the baseline`,
    async () => {
      const connection = requireApi();
      const { model, sequence } = requireDirect();
      for (const answerId of answered) {
        const cpuBefore = cpuTicks([workerPid]);
        const tokenTimes: number[] = [];
        connection.onEvent = (event, at) => {
          if (event === 'copilot.token') tokenTimes.push(at);
        };
        const doneBefore = spy.done.length;
        const started = performance.now();
        const generated = await connection.call('copilot.generate', { answerId });
        connection.onEvent = undefined;
        const timing = spy.done[doneBefore];
        const request = spy.chats.at(-1);
        const first = tokenTimes[0];
        const last = tokenTimes.at(-1);
        if (
          !generated.generated ||
          !timing ||
          !request ||
          first === undefined ||
          last === undefined
        )
          throw new Error('copilot.generate streamed no answer');
        const baseline = await directChat(model, sequence, request);
        answers.push({
          ours: {
            ttft: first - started,
            recordedTtft: generated.generated.timeToFirstTokenMs,
            tps: (timing.tokens - 1) / ((last - first) / 1000),
            recordedTps: generated.generated.tokensPerSecond,
          },
          direct: baseline,
          other: otherShare(cpuBefore, cpuTicks([workerPid])),
        });
      }
      workerAfterAnswers = resident(workerPid);
      progress('answers generated');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'review.suggest on 食品经营许可 RP05 (grammar-constrained JSON), each beside the baseline',
    async () => {
      const { call } = requireApi();
      const { llama, model, sequence } = requireDirect();
      const [matter] = await call('matters.search', { query: '食品经营许可' });
      if (!matter) throw new Error('the seed has no 食品经营许可 matter');
      for (let run = 0; run < SUGGEST_RUNS; run += 1) {
        // Each run is another shop (other addresses), so each prompt ends differently.
        const licenceAddress = `城关镇人民路 ${String(88 + run)} 号`;
        const created = await call('cases.create', {
          matterId: matter.id,
          applicant: {
            kind: 'enterprise',
            name: `城关镇好味道餐饮店${String(run + 1)}`,
            uscc: '91350100M000100Y43',
            legalRepresentative: '李四',
            address: licenceAddress,
          },
        });
        await call('review.start', { caseId: created.id });
        const fields: Record<string, Record<string, string>> = {
          M01: { businessAddress: run === 1 ? '城关镇解放路 12 号' : licenceAddress },
          M02: { licenceAddress },
        };
        for (const [materialCode, values] of Object.entries(fields)) {
          await call('cases.setMaterialState', {
            caseId: created.id,
            materialCode,
            state: 'received',
          });
          await call('review.saveFields', { caseId: created.id, materialCode, values });
        }
        const cpuBefore = cpuTicks([workerPid]);
        const doneBefore = spy.done.length;
        const started = performance.now();
        let outcome: string;
        try {
          const review = await call('review.suggest', { caseId: created.id, pointCode: 'RP05' });
          const point = review.points.find((each) => each.code === 'RP05');
          outcome = `${point?.suggestion?.verdict ?? 'none'} (${String(spy.done[doneBefore]?.tokens)} tokens)`;
        } catch (error) {
          // Random weights may not close the JSON within its token budget: the engine then answers
          // MODEL_FAILED after generating the whole budget, which is the time measured.
          if (!String(error).includes('MODEL_FAILED')) throw error;
          outcome = 'MODEL_FAILED (JSON not complete)';
        }
        const ours = { ms: since(started), outcome };
        const request = spy.completions.at(-1);
        if (!request) throw new Error('review.suggest asked the model nothing');
        const baseline = await directJson(llama, model, sequence, request);
        suggestions.push({
          ours,
          direct: baseline,
          other: otherShare(cpuBefore, cpuTicks([workerPid])),
        });
      }
      progress('review suggestions done');
    },
    STEP_TIMEOUT_MS,
  );

  it('records the model rows', async () => {
    engine?.close();
    engine = undefined;
    await waitFor(() => !existsSync(`/proc/${String(workerPid)}`), 'the model worker to exit');
    await direct?.llama.dispose();
    direct = undefined;

    const ours = answers.map((each) => each.ours);
    const baseline = answers.map((each) => each.direct);
    results.push({
      name: `Model answer through copilot.ask + copilot.generate: time to first token (${String(answers.length)} questions)`,
      ours: `${ms(median(ours.map((each) => each.ttft)))} (recorded in the answer: ${ms(median(ours.map((each) => each.recordedTtft)))})`,
      baseline: `${ms(median(baseline.map((each) => each.ttftMs)))} (node-llama-cpp LlamaChatSession in process: same system prompt with the entries, question, maxTokens, ${String(threads)} threads)`,
      note: `median; ours from the generate call to the first copilot.token event (engine → worker IPC → llama.cpp → back), including the prompt (up to 3 entries of 600 characters; the synthetic vocabulary has one token per 汉字); context ${String(CONTEXT_SIZE)}; ${String(MAX_TOKENS)} tokens asked (the benchmark caps copilot.generate's 400 for time); each answer beside its baseline; ${contention(answers.map((each) => each.other))}`,
    });
    results.push({
      name: 'Model answer: generation speed (tokens/s after the first token)',
      ours: `${rate(median(ours.map((each) => each.tps)))} (recorded: ${rate(median(ours.map((each) => each.recordedTps)))})`,
      baseline: `${rate(median(baseline.map((each) => each.tokensPerSecond)))} (same, node-llama-cpp directly)`,
      note: `median; ours by wall clock between the first and last copilot.token events; random weights never stop early, so every answer is ${String(MAX_TOKENS)} tokens`,
    });
    results.push({
      name: 'models.load of the real-dimension model (Qwen2.5-0.5B shape, Q8_0, 504 MiB)',
      ours: ms(loadMs),
      baseline: `${ms(baselineLoadMs)} (getLlama + loadModel + createContext in process)`,
      note: `ours starts the worker process and loads through it; ${String(threads)} threads, context ${String(CONTEXT_SIZE)}${generatedMs === undefined ? '' : `; model written first in ${seconds(generatedMs)}`}`,
    });
    results.push({
      name: 'review.suggest on 食品经营许可 RP05 (grammar-constrained JSON)',
      ours: `${ms(median(suggestions.map((each) => each.ours.ms)))} (runs: ${suggestions.map((each) => seconds(each.ours.ms)).join(', ')})`,
      baseline: `${ms(median(suggestions.map((each) => each.direct.ms)))} (node-llama-cpp JSON-schema grammar, same prompt, in process; runs: ${suggestions.map((each) => seconds(each.direct.ms)).join(', ')})`,
      note: `median of ${String(suggestions.length)} cases (other addresses, so each prompt ends differently), maxTokens ${String(spy.completions[0]?.maxTokens ?? 0)}; ours: ${suggestions.map((each) => each.ours.outcome).join(', ')}; baseline: ${suggestions.map((each) => each.direct.outcome).join(', ')}; ${contention(suggestions.map((each) => each.other))}`,
    });
  });

  it(
    'engine memory with a model loaded (browser-mode process and its model worker)',
    async () => {
      // The same data folder: the engine restores the chosen model at start (settings.activeModel).
      const withModel = await browserModeMemory(dataDir, async (call) => {
        const answer = (await call('copilot.ask', { question: CANDIDATES[0] ?? '' })) as {
          id: number;
          status: string;
        };
        if (answer.status !== 'answered') throw new Error('the restarted engine answered nothing');
        await call('copilot.generate', { answerId: answer.id });
      });
      // Unloaded at the end of the first start, so this restart has no model: the baseline.
      const withoutModel = await browserModeMemory(dataDir, undefined);
      progress('browser-mode memory read');
      const loaded = withModel.loaded;
      const generated = withModel.generated;
      if (!loaded?.worker || !generated?.worker) throw new Error('no model worker was found');
      const inProcess =
        beforeLoad && afterLoad && withDirectModel && workerAfterAnswers
          ? ` In-process engine (bench worker, after GC; vitest and vite loaded): ${mib(beforeLoad.rss)} before models.load, ${mib(afterLoad.engine.rss)} after; its worker ${residentText(afterLoad.worker)} after the load, ${residentText(workerAfterAnswers)} after ${String(answers.length)} answers. The same model loaded by node-llama-cpp inside the bench process instead added ${mib(withDirectModel.rss - afterLoad.engine.rss)} to it.`
          : '';
      results.push({
        name: 'Engine memory with a model loaded (browser-mode process RSS + model worker RSS, restart)',
        ours: `engine ${mib(generated.engine.rss)} + worker ${mib(generated.worker.rss)}`,
        baseline: `${mib(withoutModel.started.rss)} (the same engine restarted without a model: no worker)`,
        note: `after one copilot.generate (400 tokens); with the model just restored at start: engine ${mib(loaded.engine.rss)}, worker ${residentText(loaded.worker)}; after the answer: worker ${residentText(generated.worker)} (file = the mmapped model).${inProcess}`,
      });
    },
    STEP_TIMEOUT_MS,
  );
});
