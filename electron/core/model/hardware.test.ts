import { describe, expect, test } from 'vitest';
import { detectHardware, parseCpuInfo, recommendedThreads } from './hardware';
import type { HardwareSources } from './hardware';

const cpuInfo = (cores: number, flags: string) =>
  Array.from(
    { length: cores * 2 },
    (_, i) =>
      `processor\t: ${i}\nmodel name\t: Hygon C86 3250  8-core Processor\nphysical id\t: 0\ncore id\t\t: ${i % cores}\nflags\t\t: ${flags}\n`,
  ).join('\n');

const cpu = {
  model: 'Intel(R) Core(TM) i5-8500',
  speed: 3000,
  times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 },
};
const sources = (over: Partial<HardwareSources>): HardwareSources => ({
  platform: 'linux',
  arch: 'x64',
  cpus: () => Array.from({ length: 8 }, () => cpu),
  totalmem: () => 8 * 1024 ** 3,
  freemem: () => 3 * 1024 ** 3,
  readTextFile: () => undefined,
  ...over,
});

describe('hardware', () => {
  test('reads model, flags and physical cores from /proc/cpuinfo', () => {
    expect(parseCpuInfo(cpuInfo(4, 'fpu sse2 avx avx2 fma f16c'))).toEqual({
      model: 'Hygon C86 3250  8-core Processor',
      flags: { avx: true, avx2: true, avx512: false, f16c: true, fma: true },
      physicalCores: 4,
    });
    expect(parseCpuInfo(cpuInfo(2, 'sse2 avx512f avx512bw')).flags).toMatchObject({
      avx: false,
      avx512: true,
    });
    // Arm (Kylin on Phytium) has no x86 flags line under that name: "Features".
    expect(parseCpuInfo('processor\t: 0\nFeatures\t: fp asimd\n')).toEqual({
      model: null,
      flags: null,
      physicalCores: null,
    });
  });

  test('Linux: /proc/cpuinfo wins; RAM from os', () => {
    const hardware = detectHardware(
      sources({ readTextFile: () => cpuInfo(4, 'avx avx2 f16c fma') }),
    );
    expect(hardware).toMatchObject({
      cpuModel: 'Hygon C86 3250  8-core Processor',
      logicalCores: 8,
      physicalCores: 4,
      cpuFlags: { avx2: true },
      totalRamBytes: 8 * 1024 ** 3,
      freeRamBytes: 3 * 1024 ** 3,
      gpu: null,
    });
    expect(recommendedThreads(hardware)).toBe(3);
  });

  test('Windows and macOS: os.cpus() only, flags unknown', () => {
    const hardware = detectHardware(
      sources({ platform: 'win32', readTextFile: () => 'never read on Windows' }),
    );
    expect(hardware).toMatchObject({
      cpuModel: 'Intel(R) Core(TM) i5-8500',
      logicalCores: 8,
      physicalCores: null,
      cpuFlags: null,
    });
    expect(recommendedThreads(hardware)).toBe(3);
  });

  test('small PCs keep every core for the model; an empty cpu list still means one core', () => {
    const twoCores = detectHardware(
      sources({ cpus: () => [cpu, cpu], readTextFile: () => cpuInfo(2, 'avx') }),
    );
    expect(recommendedThreads(twoCores)).toBe(2);
    const unknown = detectHardware(sources({ cpus: () => [], platform: 'darwin' }));
    expect(unknown.logicalCores).toBe(1);
    expect(unknown.cpuModel).toBe('unknown');
    expect(recommendedThreads(unknown)).toBe(1);
  });

  test('this machine', () => {
    const hardware = detectHardware();
    expect(hardware.logicalCores).toBeGreaterThan(0);
    expect(hardware.totalRamBytes).toBeGreaterThan(hardware.freeRamBytes);
  });
});
