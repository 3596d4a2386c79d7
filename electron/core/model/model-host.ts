import { statSync } from 'node:fs';
import { getLlamaGpuTypes, LlamaChatSession, resolveChatWrapper } from 'node-llama-cpp';
import type {
  ChatHistoryItem,
  ChatWrapper,
  GbnfJsonObjectSchema,
  Llama,
  LlamaContext,
  LlamaEmbeddingContext,
  LlamaContextSequence,
  LlamaModel,
  Token,
} from 'node-llama-cpp';
import { MODEL_PROTOCOL_VERSION, workerRequest } from './model-protocol';
import type {
  GenerationTiming,
  GpuProbe,
  ModelErrorCode,
  ModelInfo,
  ParsedWorkerRequest,
  WorkerEvent,
} from './model-protocol';

/** How the worker talks to the engine: a forked Node child or an Electron utility process. */
export interface WorkerPort {
  post(event: WorkerEvent): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface ModelHostOptions {
  /** Creates the llama.cpp binding (prebuilt CPU binary; never downloads or compiles). */
  loadLlama: () => Promise<Llama>;
  /** Creates a llama.cpp binding for a GPU probe, where one is supported. */
  probeLlama: () => Promise<Llama>;
  now: () => number;
}

/** A typed failure that becomes an `error` message for its request. */
class HostError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface LoadedChat {
  purpose: 'chat';
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  /**
   * Resolved once per model: resolving compares the file's chat template with every known format
   * by rendering it, which costs hundreds of milliseconds if each request's session did it.
   */
  chatWrapper: ChatWrapper;
  info: ModelInfo;
}

interface LoadedEmbedding {
  purpose: 'embedding';
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  /** Tokens one text may have: longer ones are cut (see `embed`). */
  maxTokens: number;
  info: ModelInfo;
}

type Loaded = LoadedChat | LoadedEmbedding;

/** Room for the BOS/EOS (CLS/SEP) tokens llama.cpp adds around an embedded text. */
const EMBED_SPECIAL_TOKENS = 4;

/** Tokens the chat format adds around the messages (role markers, separators). */
const PROMPT_FORMAT_ALLOWANCE = 32;

type GenerationRequest = Extract<ParsedWorkerRequest, { type: 'completeJson' | 'chat' }>;

/**
 * The worker's side: owns llama.cpp, the loaded model and its one context sequence. Requests run
 * one at a time, in arrival order: a hall PC has the memory for one context, and two generations
 * sharing the CPU would both be too slow to be useful.
 */
export class ModelHost {
  private llama: Llama | undefined;
  private loaded: Loaded | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Abort controllers of queued and running generations, by request id. */
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly port: WorkerPort,
    private readonly options: ModelHostOptions,
  ) {}

  start(): void {
    this.port.onMessage((message) => {
      this.receive(message);
    });
    this.port.post({ type: 'ready', pid: process.pid, protocolVersion: MODEL_PROTOCOL_VERSION });
  }

  receive(message: unknown): void {
    const parsed = workerRequest.safeParse(message);
    if (!parsed.success) {
      const id =
        typeof message === 'object' && message !== null && 'requestId' in message
          ? message.requestId
          : null;
      this.port.post({
        type: 'error',
        requestId: typeof id === 'string' && id.length > 0 ? id : null,
        code: 'bad_request',
        message: parsed.error.message,
      });
      return;
    }
    const request = parsed.data;
    if (request.type === 'cancel') {
      // Not queued: it must reach a generation that is running now.
      this.running.get(request.requestId)?.abort();
      return;
    }
    if (request.type === 'completeJson' || request.type === 'chat')
      this.running.set(request.requestId, new AbortController());
    this.queue = this.queue.then(() => this.handle(request));
  }

  private async handle(request: Exclude<ParsedWorkerRequest, { type: 'cancel' }>): Promise<void> {
    try {
      switch (request.type) {
        case 'load':
          await this.load(request);
          break;
        case 'unload':
          await this.unload();
          this.port.post({ type: 'unloaded', requestId: request.requestId });
          break;
        case 'completeJson':
        case 'chat':
          await this.generate(request);
          break;
        case 'embed':
          await this.embed(request);
          break;
        case 'probe':
          this.port.post({
            type: 'probeResult',
            requestId: request.requestId,
            probe: await this.probe(),
          });
          break;
      }
    } catch (error) {
      this.port.post({
        type: 'error',
        requestId: request.requestId,
        code: error instanceof HostError ? error.code : 'internal',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.running.delete(request.requestId);
    }
  }

  private async load(request: Extract<ParsedWorkerRequest, { type: 'load' }>): Promise<void> {
    await this.unload();
    const started = this.options.now();
    let sizeBytes: number;
    try {
      sizeBytes = statSync(request.path).size;
    } catch {
      throw new HostError('load_failed', `model file not found: ${request.path}`);
    }
    this.llama ??= await this.options.loadLlama();
    let lastReported = -1;
    let model: LlamaModel;
    try {
      model = await this.llama.loadModel({
        modelPath: request.path,
        gpuLayers: 0,
        onLoadProgress: (progress) => {
          // llama.cpp reports hundreds of steps; the status bar needs whole percents.
          const percent = Math.floor(progress * 100);
          if (percent === lastReported) return;
          lastReported = percent;
          this.port.post({
            type: 'loadProgress',
            requestId: request.requestId,
            progress: percent / 100,
          });
        },
      });
    } catch (error) {
      throw new HostError('load_failed', error instanceof Error ? error.message : String(error));
    }
    try {
      this.loaded =
        request.purpose === 'embedding'
          ? await this.embeddingContext(model, request, sizeBytes, started)
          : await this.chatContext(model, request, sizeBytes, started);
      this.port.post({ type: 'loaded', requestId: request.requestId, model: this.loaded.info });
    } catch (error) {
      await model.dispose();
      throw new HostError('load_failed', error instanceof Error ? error.message : String(error));
    }
  }

  private async chatContext(
    model: LlamaModel,
    request: Extract<ParsedWorkerRequest, { type: 'load' }>,
    sizeBytes: number,
    started: number,
  ): Promise<LoadedChat> {
    const context = await model.createContext({
      contextSize: request.contextSize,
      threads: request.threads,
      sequences: 1,
    });
    return {
      purpose: 'chat',
      model,
      context,
      sequence: context.getSequence(),
      chatWrapper: resolveChatWrapper(model),
      info: this.modelInfo(model, request, {
        sizeBytes,
        started,
        contextSize: context.contextSize,
        threads: context.currentThreads,
      }),
    };
  }

  private async embeddingContext(
    model: LlamaModel,
    request: Extract<ParsedWorkerRequest, { type: 'load' }>,
    sizeBytes: number,
    started: number,
  ): Promise<LoadedEmbedding> {
    // An embedding model sees no further than it was trained to (BGE: 512 tokens).
    const contextSize = Math.min(request.contextSize, model.trainContextSize);
    const context = await model.createEmbeddingContext({
      contextSize,
      threads: request.threads,
    });
    return {
      purpose: 'embedding',
      model,
      context,
      maxTokens: Math.max(1, contextSize - EMBED_SPECIAL_TOKENS),
      info: this.modelInfo(model, request, {
        sizeBytes,
        started,
        contextSize,
        threads: request.threads,
      }),
    };
  }

  private modelInfo(
    model: LlamaModel,
    request: Extract<ParsedWorkerRequest, { type: 'load' }>,
    measured: { sizeBytes: number; started: number; contextSize: number; threads: number },
  ): ModelInfo {
    return {
      path: request.path,
      name: model.fileInfo.metadata.general.name ?? null,
      architecture: model.fileInfo.metadata.general.architecture,
      sizeBytes: measured.sizeBytes,
      contextSize: measured.contextSize,
      trainContextSize: model.trainContextSize,
      vocabularySize: [...model.iterateAllTokens()].length,
      threads: measured.threads,
      gpu: request.gpu,
      loadMs: this.options.now() - measured.started,
      purpose: request.purpose,
      embeddingSize: model.embeddingVectorSize,
    };
  }

  /** Embeds texts one after another (they share the one context), cutting the too long. */
  private async embed(request: Extract<ParsedWorkerRequest, { type: 'embed' }>): Promise<void> {
    if (!this.loaded) throw new HostError('not_loaded', 'no model is loaded');
    if (this.loaded.purpose !== 'embedding')
      throw new HostError('wrong_purpose', 'the loaded model was not loaded for embeddings');
    const { model, context, maxTokens } = this.loaded;
    const vectors: number[][] = [];
    let truncated = 0;
    for (const text of request.texts) {
      // An empty text has no tokens to pool; a space stands in for it.
      let tokens = model.tokenize(text.length > 0 ? text : ' ');
      if (tokens.length > maxTokens) {
        tokens = tokens.slice(0, maxTokens);
        truncated++;
      }
      const embedding = await context.getEmbeddingFor(tokens);
      vectors.push([...embedding.vector]);
    }
    this.port.post({ type: 'embeddings', requestId: request.requestId, vectors, truncated });
  }

  private async unload(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.model.dispose();
  }

  private async generate(request: GenerationRequest): Promise<void> {
    const controller = this.running.get(request.requestId);
    if (!this.loaded) throw new HostError('not_loaded', 'no model is loaded');
    if (this.loaded.purpose !== 'chat')
      throw new HostError('wrong_purpose', 'the loaded model was loaded for embeddings only');
    const { model, sequence, chatWrapper } = this.loaded;
    const started = this.options.now();
    let firstTokenAt: number | undefined;
    let tokens = 0;
    const onToken = (chunk: Token[]): void => {
      firstTokenAt ??= this.options.now();
      tokens += chunk.length;
    };
    const timing = (stopReason: string | undefined): GenerationTiming => {
      const now = this.options.now();
      const decodingSeconds = firstTokenAt === undefined ? 0 : (now - firstTokenAt) / 1000;
      return {
        timeToFirstTokenMs: firstTokenAt === undefined ? null : firstTokenAt - started,
        tokens,
        totalMs: now - started,
        tokensPerSecond: tokens > 1 && decodingSeconds > 0 ? (tokens - 1) / decodingSeconds : null,
        stopReason: controller?.signal.aborted
          ? 'cancelled'
          : stopReason === 'maxTokens'
            ? 'maxTokens'
            : stopReason === 'eogToken' || stopReason === 'stopGenerationTrigger'
              ? 'eog'
              : 'other',
      };
    };
    // The system prompt and the question cannot be shortened to fit (earlier chat turns can:
    // node-llama-cpp drops them); a clear error beats node-llama-cpp's failed context shift.
    const fixedTokens =
      model.tokenize(request.system ?? '').length + model.tokenize(request.prompt).length;
    if (fixedTokens + request.maxTokens + PROMPT_FORMAT_ALLOWANCE > sequence.contextSize)
      throw new HostError(
        'prompt_too_long',
        `${fixedTokens} prompt tokens + ${request.maxTokens} to generate exceed the context of ${sequence.contextSize}`,
      );
    // One session per request over the same sequence: the history is the request's own, while
    // llama.cpp still reuses the evaluated prefix (the system prompt) from the previous request.
    const session = new LlamaChatSession({
      contextSequence: sequence,
      chatWrapper,
      autoDisposeSequence: false,
      // Without one, node-llama-cpp adds its own English "helpful assistant" prompt.
      systemPrompt: request.system ?? '',
    });
    try {
      const common = {
        maxTokens: request.maxTokens,
        signal: controller?.signal,
        stopOnAbortSignal: true,
        onToken,
        ...(request.seed === undefined ? {} : { seed: request.seed }),
      };
      if (request.type === 'completeJson') {
        if (controller?.signal.aborted) throw new HostError('cancelled', 'cancelled');
        const grammar = await this.grammarFor(request.jsonSchema);
        const result = await session.promptWithMeta(request.prompt, {
          ...common,
          grammar,
          temperature: request.temperature ?? 0,
        });
        if (controller?.signal.aborted) throw new HostError('cancelled', 'cancelled');
        let json: unknown;
        try {
          json = grammar.parse(result.responseText);
        } catch {
          throw new HostError(
            'invalid_output',
            `the model stopped (${result.stopReason}) before the JSON was complete`,
          );
        }
        this.port.post({
          type: 'jsonResult',
          requestId: request.requestId,
          json,
          text: result.responseText,
          timing: timing(result.stopReason),
        });
      } else {
        session.setChatHistory(chatHistory(request, session.getChatHistory()));
        let stopReason: string | undefined = 'abort';
        let text = '';
        if (!controller?.signal.aborted) {
          const result = await session.promptWithMeta(request.prompt, {
            ...common,
            temperature: request.temperature ?? 0.7,
            onTextChunk: (chunk) => {
              // node-llama-cpp flushes held-back text with empty chunks: nothing to show.
              if (chunk.length === 0) return;
              this.port.post({ type: 'token', requestId: request.requestId, text: chunk });
            },
          });
          stopReason = result.stopReason;
          text = result.responseText;
        }
        this.port.post({
          type: 'done',
          requestId: request.requestId,
          text,
          timing: timing(stopReason),
        });
      }
    } finally {
      // The sequence (and the model) stay for the next request.
      session.dispose({ disposeSequence: false });
    }
  }

  private async grammarFor(schema: Record<string, unknown>) {
    if (!this.llama) throw new HostError('not_loaded', 'no model is loaded');
    try {
      // node-llama-cpp checks the schema while building the grammar and throws on what it cannot
      // express. The static type only shapes what `parse` returns, which is handled as unknown.
      return await this.llama.createGrammarForJsonSchema(schema as GbnfJsonObjectSchema);
    } catch (error) {
      throw new HostError('bad_schema', error instanceof Error ? error.message : String(error));
    }
  }

  private async probe(): Promise<GpuProbe> {
    const supportedGpuTypes = (await getLlamaGpuTypes('supported')).filter(
      (type): type is Exclude<typeof type, false> => type !== false,
    );
    const cpuSystemInfo = (this.llama ??= await this.options.loadLlama()).systemInfo;
    if (supportedGpuTypes.length === 0)
      return {
        gpu: false,
        deviceNames: [],
        vramTotalBytes: 0,
        vramFreeBytes: 0,
        supportedGpuTypes,
        cpuSystemInfo,
      };
    // Loading a GPU backend can fail in a driver: that is why this runs in the worker.
    const gpuLlama = await this.options.probeLlama();
    try {
      const vram = await gpuLlama.getVramState();
      return {
        gpu: gpuLlama.gpu,
        deviceNames: await gpuLlama.getGpuDeviceNames(),
        vramTotalBytes: vram.total,
        vramFreeBytes: vram.free,
        supportedGpuTypes,
        cpuSystemInfo,
      };
    } finally {
      await gpuLlama.dispose();
    }
  }
}

function chatHistory(
  request: Extract<GenerationRequest, { type: 'chat' }>,
  current: ChatHistoryItem[],
): ChatHistoryItem[] {
  // Keep the session's system item (it carries the system prompt), then the earlier turns.
  const system = current.filter((item) => item.type === 'system');
  return [
    ...system,
    ...request.history.map((turn): ChatHistoryItem =>
      turn.role === 'user'
        ? { type: 'user', text: turn.text }
        : { type: 'model', response: [turn.text] },
    ),
  ];
}
