// The local-model feature: the worker process and its protocol, hardware checks, the manifest of
// recommended models and the installer. The engine imports from here only.
export {
  ModelProcess,
  ModelProcessError,
  forkWorkerLauncher,
  modelWorkerPath,
} from './model-process';
export type {
  Embeddings,
  ChatStreamEvent,
  ChatStreamRequest,
  JsonCompletion,
  JsonCompletionRequest,
  LoadOptions,
  ModelProcessOptions,
  ModelState,
  RequestOptions,
  WorkerExit,
  WorkerHandle,
  WorkerHooks,
  WorkerLauncher,
} from './model-process';
export type {
  ChatTurn,
  GenerationTiming,
  GpuProbe,
  JsonSchemaObject,
  ModelErrorCode,
  ModelInfo,
} from './model-protocol';
export {
  detectHardware,
  nodeHardwareSources,
  parseCpuInfo,
  recommendModel,
  recommendedThreads,
} from './hardware';
export type { CpuFlags, HardwareInfo, HardwareSources } from './hardware';
export {
  ManifestError,
  findManifestModel,
  loadModelManifest,
  manifestModel,
  modelManifest,
  parseModelManifest,
} from './model-manifest';
export type { ManifestModel, ModelManifest } from './model-manifest';
export {
  ModelInstallError,
  installModelFromFile,
  installModelFromUrl,
  installedModelFiles,
  modelsDir,
} from './model-installer';
export type {
  DownloadOptions,
  InstallErrorCode,
  InstallOptions,
  InstallProgress,
  InstalledModel,
} from './model-installer';
export { MAX_EMBED_TEXTS } from './model-protocol';
export { ModelService, modelError } from './model-service';
export type { EmbeddingModel, ModelServiceOptions, VectorIndexStatus } from './model-service';
export { modelHandlers } from './model-handlers';
export { isShellWorkerNotice, ShellWorkerLaunchers } from './shell-worker-launcher';
