import { readFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import type { CpuInfo } from 'node:os';
import type { GpuProbe } from './model-protocol';
import type { ManifestModel, ModelManifest } from './model-manifest';

/** The instruction sets llama.cpp's CPU kernels care about (x86); null where we cannot tell. */
export interface CpuFlags {
  avx: boolean;
  avx2: boolean;
  avx512: boolean;
  f16c: boolean;
  fma: boolean;
}

export interface HardwareInfo {
  platform: NodeJS.Platform;
  arch: string;
  cpuModel: string;
  logicalCores: number;
  /** Physical cores (Linux, from /proc/cpuinfo); null elsewhere. */
  physicalCores: number | null;
  cpuFlags: CpuFlags | null;
  totalRamBytes: number;
  freeRamBytes: number;
  /** From the model worker's probe (`ModelProcess.probe()`), when one was made. */
  gpu: GpuProbe | null;
}

/** What detection reads, injected so tests describe a machine instead of reading this one. */
export interface HardwareSources {
  platform: NodeJS.Platform;
  arch: string;
  cpus: () => CpuInfo[];
  totalmem: () => number;
  freemem: () => number;
  /** Reads a file, or undefined when it does not exist (e.g. /proc/cpuinfo on Windows). */
  readTextFile: (path: string) => string | undefined;
}

export const nodeHardwareSources: HardwareSources = {
  platform: process.platform,
  arch: process.arch,
  cpus,
  totalmem,
  freemem,
  readTextFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export interface ParsedCpuInfo {
  model: string | null;
  flags: CpuFlags | null;
  physicalCores: number | null;
}

/** Reads Linux's /proc/cpuinfo: model name, x86 flags, and distinct (package, core) pairs. */
export function parseCpuInfo(text: string): ParsedCpuInfo {
  let model: string | null = null;
  let flagWords: Set<string> | null = null;
  const cores = new Set<string>();
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    model ??= fields.get('model name') ?? null;
    const flags = fields.get('flags');
    if (flags !== undefined) flagWords ??= new Set(flags.split(/\s+/));
    const core = fields.get('core id');
    if (core !== undefined) cores.add(`${fields.get('physical id') ?? '0'}:${core}`);
  }
  const words: Set<string> | null = flagWords;
  return {
    model,
    flags: words
      ? {
          avx: words.has('avx'),
          avx2: words.has('avx2'),
          // llama.cpp's AVX-512 kernels need the foundation set.
          avx512: words.has('avx512f'),
          f16c: words.has('f16c'),
          fma: words.has('fma'),
        }
      : null,
    physicalCores: cores.size > 0 ? cores.size : null,
  };
}

/** This machine's CPU, RAM and (when `gpu` is given) GPU. */
export function detectHardware(
  sources: HardwareSources = nodeHardwareSources,
  gpu: GpuProbe | null = null,
): HardwareInfo {
  const cpuList = sources.cpus();
  const cpuInfoText =
    sources.platform === 'linux' ? sources.readTextFile('/proc/cpuinfo') : undefined;
  const parsed = cpuInfoText === undefined ? undefined : parseCpuInfo(cpuInfoText);
  return {
    platform: sources.platform,
    arch: sources.arch,
    cpuModel: parsed?.model ?? cpuList[0]?.model.trim() ?? 'unknown',
    // os.cpus() can be empty in some containers; there is always at least one core.
    logicalCores: Math.max(1, cpuList.length),
    physicalCores: parsed?.physicalCores ?? null,
    cpuFlags: parsed?.flags ?? null,
    totalRamBytes: sources.totalmem(),
    freeRamBytes: sources.freemem(),
    gpu,
  };
}

/**
 * Threads for inference. llama.cpp runs best on physical cores; one is left for the engine and
 * the UI on machines with more than two, so typing stays smooth while the model writes.
 */
export function recommendedThreads(hardware: HardwareInfo): number {
  const cores = hardware.physicalCores ?? Math.max(1, Math.floor(hardware.logicalCores / 2));
  return cores > 2 ? cores - 1 : Math.max(1, cores);
}

const GIB = 1024 ** 3;

/**
 * The largest model for `purpose` whose minimum RAM this machine has, or undefined when none
 * fits (the copilot then answers from the knowledge base only). Total RAM, not free RAM: free RAM
 * changes by the minute, and the minimums already leave room for the rest of the system.
 */
export function recommendModel(
  manifest: ModelManifest,
  hardware: HardwareInfo,
  purpose: ManifestModel['purpose'] = 'chat',
): ManifestModel | undefined {
  const totalGiB = hardware.totalRamBytes / GIB;
  return manifest.models
    .filter((model) => model.purpose === purpose && model.minimumRamGiB <= totalGiB)
    .sort((a, b) => b.minimumRamGiB - a.minimumRamGiB || b.approxSizeMiB - a.approxSizeMiB)[0];
}
