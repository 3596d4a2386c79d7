import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError, type ModelStatus, type ParsedInput } from '@shared/api';
import type { HubModel } from '@shared/hub/admin';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings/settings-store';
import { detectHardware, recommendModel, recommendedThreads, type HardwareInfo } from './hardware';
import {
  installedModelFiles,
  installModelFromFile,
  installModelFromUrl,
  modelsDir,
  ModelInstallError,
} from './model-installer';
import type { ModelManifest } from './model-manifest';
import {
  ModelProcess,
  ModelProcessError,
  type ModelState,
  type ChatStreamEvent,
  type ChatStreamRequest,
  type JsonCompletion,
  type JsonCompletionRequest,
  type RequestOptions,
  type WorkerLauncher,
} from './model-process';

/** Context for review prompts and cited answers: passages plus the question fit comfortably. */
const CONTEXT_SIZE = 4096;
/** BGE-style embedding models are trained on 512 tokens; the worker cuts longer texts. */
const EMBEDDING_CONTEXT_SIZE = 512;
const GIB = 1024 ** 3;

/** The loaded embedding model, as the vector index needs to know it. */
export interface EmbeddingModel {
  fileName: string;
  dimensions: number;
}

/** The vector index, as the model manager shows it. */
export interface VectorIndexStatus {
  available: boolean;
  indexed: number;
  entries: number;
}

export interface ModelServiceOptions {
  dataDir: string;
  manifest: ModelManifest;
  settings: SettingsStore;
  /** How to start the model process; none where this engine cannot run one (the CLI). */
  launcher: WorkerLauncher | undefined;
  logger: Logger;
  /** Status changed (state, progress): the engine tells every window. */
  onChange: () => void;
  /** Install or load progress, for the window that asked. */
  hardware?: () => HardwareInfo;
  /**
   * The embedding model became ready (loaded, or re-loaded after a crash) or stopped being ready:
   * the engine then (re)builds the vector index or searches with BM25 only.
   */
  onEmbeddingModel?: (model: EmbeddingModel | undefined) => void;
  /** The vector index's counts for the status; none where the engine keeps no index. */
  vectorIndex?: () => VectorIndexStatus;
  /** Model files the hub offers, and how to fetch one from it; none when not enrolled. */
  hub?: HubModelSource;
}

/** The hub as a source of model files (sync keeps the list; the credentials authenticate). */
export interface HubModelSource {
  offers(): HubModel[];
  /** The file's address at the hub and a fetch that authenticates; undefined when not enrolled. */
  download(id: string): { url: string; fetch: typeof fetch } | undefined;
}

/**
 * The local model as the rest of the engine sees it: which files are installed, which one is
 * loaded (remembered across restarts), the process that runs it, and plain-words problems.
 * Without a model everything still works (retrieval only); callers check `ready` first.
 */
export class ModelService {
  private readonly process: ModelProcess | undefined;
  /**
   * The embedding model runs in a worker of its own: it answers search queries in milliseconds
   * while the chat model may be busy for seconds with a generation.
   */
  private readonly embedder: ModelProcess | undefined;
  private readonly hardware: () => HardwareInfo;
  private loadedFile: string | undefined;
  private problem: string | null = null;
  private embeddingProblem: string | null = null;

  constructor(private readonly options: ModelServiceOptions) {
    this.hardware = options.hardware ?? (() => detectHardware());
    this.process =
      options.launcher &&
      new ModelProcess({
        launcher: options.launcher,
        logger: options.logger,
        onState: (state) => {
          if (state.kind === 'error') this.problem = state.message;
          if (state.kind === 'crashed') {
            this.problem = `模型进程意外退出，正在重启（第 ${String(state.crashes)} 次） / The model process crashed; restarting`;
          }
          if (state.kind === 'ready') this.problem = null;
          options.onChange();
        },
      });
    this.embedder =
      options.launcher &&
      new ModelProcess({
        launcher: options.launcher,
        logger: options.logger,
        onState: (state) => {
          this.onEmbedderState(state);
        },
      });
  }

  private onEmbedderState(state: ModelState): void {
    if (state.kind === 'error') this.embeddingProblem = state.message;
    if (state.kind === 'crashed') {
      this.embeddingProblem = `向量模型进程意外退出，正在重启（第 ${String(state.crashes)} 次） / The embedding model process crashed; restarting`;
    }
    if (state.kind === 'ready') this.embeddingProblem = null;
    // Loading and progress change nothing for the index; ready and gone do.
    if (state.kind !== 'loading') {
      this.options.onEmbeddingModel?.(
        state.kind === 'ready'
          ? { fileName: basename(state.model.path), dimensions: state.model.embeddingSize }
          : undefined,
      );
    }
    this.options.onChange();
  }

  /** The embedding model, while one is ready to embed. */
  get embeddingModel(): EmbeddingModel | undefined {
    const state = this.embedder?.state;
    if (state?.kind !== 'ready') return undefined;
    return { fileName: basename(state.model.path), dimensions: state.model.embeddingSize };
  }

  get ready(): boolean {
    return this.process?.state.kind === 'ready';
  }

  /** The loaded model's file name, for records of what produced a suggestion. */
  get modelName(): string {
    return this.loadedFile ?? 'none';
  }

  /** Loads the models chosen earlier, if their files are still there; failures only get logged. */
  restoreActive(): void {
    const settings = this.options.settings.read();
    const chosen = [
      { fileName: settings.activeModel, purpose: 'chat' as const },
      { fileName: settings.activeEmbeddingModel, purpose: 'embedding' as const },
    ];
    for (const { fileName, purpose } of chosen) {
      if (fileName === null || !this.process) continue;
      if (!existsSync(join(modelsDir(this.options.dataDir), fileName))) {
        const missing = `已选用的模型文件 ${fileName} 不存在 / The chosen model file is missing`;
        if (purpose === 'chat') this.problem = missing;
        else this.embeddingProblem = missing;
        continue;
      }
      this.load({ fileName, purpose }).catch((error: unknown) => {
        this.options.logger.warn('model not restored', { file: fileName, error: String(error) });
      });
    }
  }

  status(): ModelStatus {
    const hardware = this.hardware();
    const installed = this.installed();
    const state = this.process?.state ?? { kind: 'none' as const };
    const manifest = this.options.manifest.models;
    const ramGiB = hardware.totalRamBytes / GIB;
    return {
      supported: this.process !== undefined,
      state: state.kind,
      progress: state.kind === 'loading' ? state.progress : state.kind === 'ready' ? 1 : 0,
      loaded:
        state.kind === 'ready'
          ? {
              fileName: basename(state.model.path),
              name: state.model.name,
              contextSize: state.model.contextSize,
              threads: state.model.threads,
              loadMs: Math.round(state.model.loadMs),
            }
          : null,
      problem: this.problem,
      hardware: {
        cpuModel: hardware.cpuModel,
        logicalCores: hardware.logicalCores,
        totalRamGiB: round1(ramGiB),
        freeRamGiB: round1(hardware.freeRamBytes / GIB),
        cpuFlags: Object.entries(hardware.cpuFlags ?? {})
          .filter(([, present]) => present)
          .map(([flag]) => flag),
        gpu: hardware.gpu?.gpu === false || !hardware.gpu ? null : hardware.gpu.gpu,
      },
      recommendedId: recommendModel(this.options.manifest, hardware)?.id ?? null,
      embedding: this.embeddingStatus(),
      manifest: manifest.map((model) => ({
        id: model.id,
        name: model.name,
        file: model.file,
        purpose: model.purpose,
        licence: model.licence,
        minimumRamGiB: model.minimumRamGiB,
        approxSizeMiB: model.approxSizeMiB,
        sha256: model.sha256,
        fits: model.minimumRamGiB <= ramGiB,
        installed: installed.some((file) => file.fileName === model.file),
      })),
      installed,
      hubOffers: (this.options.hub?.offers() ?? []).map((model) => ({
        id: model.id,
        name: model.name,
        fileName: model.fileName,
        purpose: model.purpose,
        sizeBytes: model.sizeBytes,
        sha256: model.sha256,
        licence: model.licence,
        minimumRamGiB: model.minimumRamGiB,
        fits: model.minimumRamGiB <= ramGiB,
        installed: installed.some((file) => file.fileName === model.fileName),
      })),
    };
  }

  /** Downloads a file the hub offers, checked against the sha256 the hub recorded for it. */
  async installFromHub(id: string, onProgress: (progress: number) => void): Promise<ModelStatus> {
    const offer = this.options.hub?.offers().find((model) => model.id === id);
    if (!offer) throw new ApiError('NOT_FOUND', { path: ['id'] });
    const source = this.options.hub?.download(id);
    if (!source)
      throw new ApiError('CONFLICT', {
        message: { zh: '本终端尚未注册到中心', en: 'This terminal is not enrolled at a hub' },
        path: ['id'],
      });
    try {
      await installModelFromUrl(source.url, {
        dataDir: this.options.dataDir,
        fileName: offer.fileName,
        expectedSha256: offer.sha256,
        fetch: source.fetch,
        onProgress: ({ bytesDone }) => {
          onProgress(bytesDone / offer.sizeBytes);
        },
      });
    } catch (error) {
      if (error instanceof ModelInstallError) throw installError(error);
      throw error;
    }
    return this.status();
  }

  async install(
    input: ParsedInput<'models.install'>,
    onProgress: (progress: number) => void,
  ): Promise<ModelStatus> {
    const source = input.url ?? input.sourcePath ?? '';
    const fileName =
      input.fileName ?? basename(input.url === undefined ? source : new URL(source).pathname);
    const entry = this.options.manifest.models.find((model) => model.file === fileName);
    const options = {
      dataDir: this.options.dataDir,
      fileName,
      expectedSha256: entry?.sha256 ?? null,
      onProgress: ({ bytesDone, bytesTotal }: { bytesDone: number; bytesTotal: number | null }) => {
        onProgress(bytesTotal ? bytesDone / bytesTotal : 0);
      },
    };
    try {
      if (input.url === undefined) await installModelFromFile(source, options);
      else await installModelFromUrl(source, options);
    } catch (error) {
      if (error instanceof ModelInstallError) throw installError(error);
      throw error;
    }
    return this.status();
  }

  async load(input: ParsedInput<'models.load'>): Promise<ModelStatus> {
    const entry = this.options.manifest.models.find((model) => model.file === input.fileName);
    if ((input.purpose ?? entry?.purpose) === 'embedding')
      return this.loadEmbedding(input.fileName, entry?.contextLength);
    const process = this.requireProcess();
    const path = join(modelsDir(this.options.dataDir), input.fileName);
    if (!existsSync(path)) throw new ApiError('NOT_FOUND', { path: ['fileName'] });
    this.options.settings.write({ activeModel: input.fileName });
    try {
      await process.load({
        path,
        contextSize: CONTEXT_SIZE,
        threads: recommendedThreads(this.hardware()),
      });
      this.loadedFile = input.fileName;
      this.problem = null;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      throw modelError(error);
    } finally {
      this.options.onChange();
    }
    return this.status();
  }

  private async loadEmbedding(
    fileName: string,
    contextLength: number | undefined,
  ): Promise<ModelStatus> {
    const embedder = this.requireEmbedder();
    const path = join(modelsDir(this.options.dataDir), fileName);
    if (!existsSync(path)) throw new ApiError('NOT_FOUND', { path: ['fileName'] });
    this.options.settings.write({ activeEmbeddingModel: fileName });
    try {
      await embedder.load({
        path,
        contextSize: Math.min(contextLength ?? EMBEDDING_CONTEXT_SIZE, EMBEDDING_CONTEXT_SIZE),
        threads: recommendedThreads(this.hardware()),
        purpose: 'embedding',
      });
      this.embeddingProblem = null;
    } catch (error) {
      this.embeddingProblem = error instanceof Error ? error.message : String(error);
      throw modelError(error);
    } finally {
      this.options.onChange();
    }
    return this.status();
  }

  async unload(input: ParsedInput<'models.unload'> = { purpose: 'chat' }): Promise<ModelStatus> {
    if (input.purpose === 'embedding') {
      this.options.settings.write({ activeEmbeddingModel: null });
      await this.embedder?.unload();
      this.embeddingProblem = null;
      this.options.onChange();
      return this.status();
    }
    this.options.settings.write({ activeModel: null });
    await this.process?.unload();
    this.loadedFile = undefined;
    this.options.onChange();
    return this.status();
  }

  async completeJson(
    request: JsonCompletionRequest,
    options?: RequestOptions,
  ): Promise<JsonCompletion> {
    try {
      return await this.requireProcess().completeJson(request, options);
    } catch (error) {
      throw modelError(error);
    }
  }

  chat(request: ChatStreamRequest, options?: RequestOptions): AsyncGenerator<ChatStreamEvent> {
    return this.requireProcess().chat(request, options);
  }

  /** Embedding vectors for texts (at most MAX_EMBED_TEXTS), from the embedding model. */
  async embed(texts: string[]): Promise<number[][]> {
    if (!this.embedder) throw new ApiError('MODEL_UNAVAILABLE');
    try {
      return (await this.embedder.embed(texts)).vectors;
    } catch (error) {
      throw modelError(error);
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([this.process?.dispose(), this.embedder?.dispose()]);
  }

  private embeddingStatus(): ModelStatus['embedding'] {
    const state = this.embedder?.state ?? { kind: 'none' as const };
    return {
      state: state.kind,
      progress: state.kind === 'loading' ? state.progress : state.kind === 'ready' ? 1 : 0,
      loaded:
        state.kind === 'ready'
          ? {
              fileName: basename(state.model.path),
              name: state.model.name,
              dimensions: state.model.embeddingSize,
              contextSize: state.model.contextSize,
              loadMs: Math.round(state.model.loadMs),
            }
          : null,
      problem: this.embeddingProblem,
      vectors: this.options.vectorIndex?.() ?? { available: false, indexed: 0, entries: 0 },
    };
  }

  private installed(): ModelStatus['installed'] {
    const folder = modelsDir(this.options.dataDir);
    return installedModelFiles(this.options.dataDir).map((fileName) => {
      const entry = this.options.manifest.models.find((model) => model.file === fileName);
      return {
        fileName,
        sizeBytes: statSync(join(folder, fileName)).size,
        manifestId: entry?.id ?? null,
        purpose: entry?.purpose ?? null,
      };
    });
  }

  private requireProcess(): ModelProcess {
    if (!this.process) throw new ApiError('MODEL_UNAVAILABLE');
    return this.process;
  }

  private requireEmbedder(): ModelProcess {
    if (!this.embedder) throw new ApiError('MODEL_UNAVAILABLE');
    return this.embedder;
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Model failures as typed API errors, in plain words for the clerk. */
export function modelError(error: unknown): unknown {
  if (!(error instanceof ModelProcessError)) return error;
  if (error.code === 'not_loaded') return new ApiError('MODEL_UNAVAILABLE');
  return new ApiError('MODEL_FAILED', {
    message: {
      zh: `本地模型未能完成：${error.message}`,
      en: `The local model could not finish: ${error.message}`,
    },
  });
}

function installError(error: ModelInstallError): ApiError {
  const messages: Record<ModelInstallError['code'], { zh: string; en: string }> = {
    not_found: { zh: '找不到该模型文件', en: 'The model file was not found' },
    not_gguf: { zh: '该文件不是 GGUF 模型文件', en: 'The file is not a GGUF model' },
    checksum_mismatch: {
      zh: '文件校验值（sha256）与清单不符，可能已损坏或被篡改，未安装',
      en: 'The file’s sha256 does not match the manifest; it was not installed',
    },
    bad_name: { zh: '模型文件名不合规', en: 'The model file name is not allowed' },
    download_failed: { zh: '下载失败', en: 'The download failed' },
    io_failed: {
      zh: '写入模型文件失败（磁盘空间不足？）',
      en: 'Writing the model failed (disk full?)',
    },
    cancelled: { zh: '安装已取消', en: 'The installation was cancelled' },
  };
  return new ApiError(error.code === 'not_found' ? 'NOT_FOUND' : 'INVALID_INPUT', {
    message: messages[error.code],
    path: [error.code === 'download_failed' ? 'url' : 'sourcePath'],
  });
}
