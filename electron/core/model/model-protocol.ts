import { z } from 'zod';

/**
 * The messages between the engine and the model worker (a separate process, so a crash or an
 * out-of-memory in llama.cpp never takes the engine and its database down). Both sides parse what
 * they receive with these schemas: a worker from another build, or a garbled message, becomes a
 * typed error instead of undefined behaviour.
 */
export const MODEL_PROTOCOL_VERSION = 2;

const requestId = z.string().min(1).max(100);

/** A JSON schema in the subset node-llama-cpp turns into a grammar (checked there, not here). */
export const jsonSchemaObject = z.record(z.string(), z.unknown());
export type JsonSchemaObject = z.infer<typeof jsonSchemaObject>;

const samplingFields = {
  maxTokens: z.number().int().min(1).max(32_768),
  /** 0 = greedy. JSON completions default to 0 so a review check is reproducible. */
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().min(0).optional(),
};

export const chatTurn = z.object({ role: z.enum(['user', 'assistant']), text: z.string() });
export type ChatTurn = z.infer<typeof chatTurn>;

// ---- engine → worker -------------------------------------------------------------------------

export const loadRequest = z.object({
  type: z.literal('load'),
  requestId,
  path: z.string().min(1),
  contextSize: z.number().int().min(64).max(131_072),
  /** CPU only for now: the hall PCs have no usable GPU, and a GPU driver crash is hard to explain. */
  gpu: z.literal(false),
  /**
   * Threads for inference. node-llama-cpp's default (at least 4) oversubscribes a 2-core PC, where
   * llama.cpp's spinning threads then run ten to a hundred times slower: the engine decides.
   */
  threads: z.number().int().min(1).max(256),
  /**
   * 'embedding' loads the model for `embed` requests only (an embedding context instead of a chat
   * sequence): an embedding model runs in a worker of its own, beside the chat model's.
   */
  purpose: z.enum(['chat', 'embedding']).default('chat'),
});

export const unloadRequest = z.object({ type: z.literal('unload'), requestId });

export const completeJsonRequest = z.object({
  type: z.literal('completeJson'),
  requestId,
  system: z.string().optional(),
  prompt: z.string(),
  jsonSchema: jsonSchemaObject,
  ...samplingFields,
});

export const chatRequest = z.object({
  type: z.literal('chat'),
  requestId,
  system: z.string().optional(),
  /** Earlier turns of the conversation, oldest first. */
  history: z.array(chatTurn).default([]),
  prompt: z.string(),
  ...samplingFields,
});

/** Stops a running or queued generation; its stream then ends with `done` (cancelled: true). */
export const cancelRequest = z.object({ type: z.literal('cancel'), requestId });

/** MAX_EMBED_TEXTS texts per request keep one answer (texts × dimensions numbers) small. */
export const MAX_EMBED_TEXTS = 64;

/**
 * Embedding vectors for texts, in order. A text longer than the context is cut to fit: what an
 * entry is about is said at its start (title, then body).
 */
export const embedRequest = z.object({
  type: z.literal('embed'),
  requestId,
  texts: z.array(z.string()).min(1).max(MAX_EMBED_TEXTS),
});

/** Asks what llama.cpp sees of the machine's GPUs (done in the worker: it loads native code). */
export const probeRequest = z.object({ type: z.literal('probe'), requestId });

export const workerRequest = z.discriminatedUnion('type', [
  loadRequest,
  unloadRequest,
  completeJsonRequest,
  chatRequest,
  cancelRequest,
  probeRequest,
  embedRequest,
]);
export type WorkerRequest = z.input<typeof workerRequest>;
export type ParsedWorkerRequest = z.output<typeof workerRequest>;
export type LoadRequest = z.input<typeof loadRequest>;
export type CompleteJsonRequest = z.input<typeof completeJsonRequest>;
export type ChatRequest = z.input<typeof chatRequest>;
export type EmbedRequest = z.input<typeof embedRequest>;

// ---- worker → engine -------------------------------------------------------------------------

export const modelInfo = z.object({
  path: z.string(),
  /** `general.name` from the file, when it has one. */
  name: z.string().nullable(),
  architecture: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative(),
  contextSize: z.number().int().positive(),
  trainContextSize: z.number().int().positive(),
  vocabularySize: z.number().int().nonnegative(),
  threads: z.number().int().positive(),
  gpu: z.union([z.literal(false), z.string()]),
  loadMs: z.number().nonnegative(),
  purpose: z.enum(['chat', 'embedding']),
  /** Length of the model's embedding vectors (its hidden size). */
  embeddingSize: z.number().int().positive(),
});
export type ModelInfo = z.infer<typeof modelInfo>;

export const generationTiming = z.object({
  /** From receiving the request to the first generated token (includes evaluating the prompt). */
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  tokens: z.number().int().nonnegative(),
  totalMs: z.number().nonnegative(),
  /** Decoding speed after the first token; null with fewer than two tokens. */
  tokensPerSecond: z.number().nonnegative().nullable(),
  stopReason: z.enum(['eog', 'maxTokens', 'cancelled', 'other']),
});
export type GenerationTiming = z.infer<typeof generationTiming>;

export const gpuProbe = z.object({
  /** The GPU backend llama.cpp would pick ('cuda', 'vulkan', 'metal'), or false for none. */
  gpu: z.union([z.literal(false), z.string()]),
  deviceNames: z.array(z.string()),
  vramTotalBytes: z.number().nonnegative(),
  vramFreeBytes: z.number().nonnegative(),
  /** GPU backends whose libraries are present on this machine. */
  supportedGpuTypes: z.array(z.string()),
  /** llama.cpp's own view of the CPU (e.g. "AVX2 = 1 | F16C = 1"). */
  cpuSystemInfo: z.string(),
});
export type GpuProbe = z.infer<typeof gpuProbe>;

export const modelErrorCode = z.enum([
  /** The request was not valid (the worker got a message it cannot parse). */
  'bad_request',
  /** A generation request came while no model is loaded. */
  'not_loaded',
  /** The loaded model was loaded for another purpose (chat vs embedding). */
  'wrong_purpose',
  /** The file could not be loaded (missing, not GGUF, unsupported architecture, too little RAM). */
  'load_failed',
  /** The JSON schema cannot be turned into a grammar. */
  'bad_schema',
  /** The system prompt, the question and maxTokens together do not fit the context. */
  'prompt_too_long',
  /** The model stopped (max tokens) before the JSON was complete. */
  'invalid_output',
  /** The request was cancelled before it produced a result. */
  'cancelled',
  /** The worker process exited while the request was running. */
  'crashed',
  /** The worker crashed again and again; it is no longer restarted until the next load. */
  'crash_loop',
  /** The model process was disposed. */
  'disposed',
  'internal',
]);
export type ModelErrorCode = z.infer<typeof modelErrorCode>;

export const workerEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    pid: z.number().int(),
    protocolVersion: z.number().int(),
  }),
  z.object({ type: z.literal('loadProgress'), requestId, progress: z.number().min(0).max(1) }),
  z.object({ type: z.literal('loaded'), requestId, model: modelInfo }),
  z.object({ type: z.literal('unloaded'), requestId }),
  z.object({
    type: z.literal('jsonResult'),
    requestId,
    json: z.unknown(),
    text: z.string(),
    timing: generationTiming,
  }),
  z.object({ type: z.literal('token'), requestId, text: z.string() }),
  z.object({
    type: z.literal('done'),
    requestId,
    text: z.string(),
    timing: generationTiming,
  }),
  z.object({ type: z.literal('probeResult'), requestId, probe: gpuProbe }),
  z.object({
    type: z.literal('embeddings'),
    requestId,
    vectors: z.array(z.array(z.number())),
    /** How many of the texts were cut to fit the context. */
    truncated: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('error'),
    /** Null for errors that belong to no request (e.g. a message that could not be parsed). */
    requestId: requestId.nullable(),
    code: modelErrorCode,
    message: z.string(),
  }),
]);
export type WorkerEvent = z.infer<typeof workerEvent>;
