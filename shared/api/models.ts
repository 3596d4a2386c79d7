import { z } from 'zod';
import { bilingual } from './validation';

export const modelStateSchema = z.enum(['none', 'loading', 'ready', 'crashed', 'error']);

export const manifestEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  file: z.string(),
  purpose: z.enum(['chat', 'embedding']),
  licence: z.string(),
  minimumRamGiB: z.number(),
  approxSizeMiB: z.number(),
  /** The sha256 the hub approved, or null while none is recorded. */
  sha256: z.string().nullable(),
  /** This PC has the RAM the model needs. */
  fits: z.boolean(),
  installed: z.boolean(),
});

export const installedModelSchema = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int(),
  /** The manifest entry this file is, when its name matches one. */
  manifestId: z.string().nullable(),
  purpose: z.enum(['chat', 'embedding']).nullable(),
});

/** Everything the model manager shows: hardware, what is recommended, installed and loaded. */
export const modelStatusSchema = z.object({
  /** False where this engine cannot start a model process at all (the CLI, some tests). */
  supported: z.boolean(),
  state: modelStateSchema,
  /** 0–1 while loading. */
  progress: z.number(),
  loaded: z
    .object({
      fileName: z.string(),
      name: z.string().nullable(),
      contextSize: z.number().int(),
      threads: z.number().int(),
      loadMs: z.number(),
    })
    .nullable(),
  /** Why the model is not available (crash, failed load), in plain words. */
  problem: z.string().nullable(),
  hardware: z.object({
    cpuModel: z.string(),
    logicalCores: z.number().int(),
    totalRamGiB: z.number(),
    freeRamGiB: z.number(),
    cpuFlags: z.array(z.string()),
    gpu: z.string().nullable(),
  }),
  recommendedId: z.string().nullable(),
  /**
   * The embedding model, separate from the chat model (a worker of its own): with one loaded,
   * knowledge search adds vector similarity to BM25. `state` 'none' when none is loaded.
   */
  embedding: z.object({
    state: modelStateSchema,
    progress: z.number(),
    loaded: z
      .object({
        fileName: z.string(),
        name: z.string().nullable(),
        /** Length of its vectors. */
        dimensions: z.number().int(),
        contextSize: z.number().int(),
        loadMs: z.number(),
      })
      .nullable(),
    problem: z.string().nullable(),
    /** The vector index in the local store. */
    vectors: z.object({
      /** False where the sqlite-vec extension cannot load here: search stays BM25 only. */
      available: z.boolean(),
      /** Entries with a vector from the loaded embedding model, of all entries. */
      indexed: z.number().int(),
      entries: z.number().int(),
    }),
  }),
  manifest: z.array(manifestEntrySchema),
  installed: z.array(installedModelSchema),
  /** Model files the hub offers this terminal (empty when not enrolled). */
  hubOffers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fileName: z.string(),
      purpose: z.enum(['chat', 'embedding']),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      licence: z.string(),
      minimumRamGiB: z.number(),
      fits: z.boolean(),
      installed: z.boolean(),
    }),
  ),
});
export type ModelStatus = z.infer<typeof modelStatusSchema>;

const fileName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/, 'a plain file name ending in .gguf');

export const installModelInputSchema = z
  .object({
    /** A GGUF file on this PC (USB stick, shared folder), copied into the data folder. */
    sourcePath: z.string().trim().min(1).max(1000).optional(),
    /** Or an http(s) address (the hub's model files); a broken download resumes where it stopped. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** The name to install it under; a manifest entry's file name makes it that model. */
    fileName: fileName.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.sourcePath === undefined) === (input.url === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sourcePath'],
        ...bilingual(
          '请填写模型文件路径或下载地址（二选一）',
          'Give a file path or a download address',
        ),
      });
    }
  });

const purpose = z.enum(['chat', 'embedding']);

export const loadModelInputSchema = z
  .object({
    fileName,
    /** Chat or embedding model; when omitted, the manifest entry's purpose, else chat. */
    purpose: purpose.optional(),
  })
  .strict();

export const unloadModelInputSchema = z
  .object({
    /** Which model to unload: the chat model unless told otherwise. */
    purpose: purpose.default('chat'),
  })
  .strict();

export const modelProgressSchema = z.object({
  phase: z.enum(['install', 'load']),
  fileName: z.string(),
  /** 0–1 */
  progress: z.number(),
});

export const installFromHubInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/)
      .max(120),
  })
  .strict();
