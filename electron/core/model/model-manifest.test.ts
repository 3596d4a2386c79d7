import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectHardware, recommendModel } from './hardware';
import type { HardwareSources } from './hardware';
import { ManifestError, loadModelManifest, parseModelManifest } from './model-manifest';

const manifestPath = join(import.meta.dirname, '../../../models/manifest.json');
const GIB = 1024 ** 3;

const machine = (ramGiB: number): HardwareSources => ({
  platform: 'win32',
  arch: 'x64',
  cpus: () => [],
  totalmem: () => ramGiB * GIB,
  freemem: () => ramGiB * GIB * 0.4,
  readTextFile: () => undefined,
});

describe('models/manifest.json', () => {
  test('the shipped manifest is valid and lists a Qwen2.5 0.5B chat model', () => {
    const manifest = loadModelManifest(manifestPath);
    expect(manifest.models.map((m) => m.id)).toContain('qwen2.5-0.5b-instruct-q8_0');
    for (const model of manifest.models) expect(model.file).toMatch(/\.gguf$/);
  });

  test('a bad entry is named by its path', () => {
    const text = JSON.stringify({
      formatVersion: 1,
      models: [
        {
          id: 'x',
          name: 'X',
          file: '../x.gguf',
          purpose: 'chat',
          sha256: null,
          licence: 'MIT',
          minimumRamGiB: 1,
          contextLength: 512,
          approxSizeMiB: 1,
        },
      ],
    });
    expect(() => parseModelManifest(text)).toThrow(ManifestError);
    expect(() => parseModelManifest(text)).toThrow(/models\.0\.file/);
    expect(() => parseModelManifest('{')).toThrow(/not JSON/);
    expect(() => parseModelManifest('{"formatVersion":2,"models":[]}')).toThrow(/formatVersion/);
  });
});

describe('recommendModel', () => {
  const manifest = loadModelManifest(manifestPath);
  const pick = (ramGiB: number) => recommendModel(manifest, detectHardware(machine(ramGiB)))?.id;

  test('picks the largest chat model whose minimum RAM the PC has', () => {
    expect(pick(1)).toBeUndefined();
    expect(pick(2)).toBe('qwen2.5-0.5b-instruct-q8_0');
    expect(pick(3.8)).toBe('qwen2.5-0.5b-instruct-q8_0');
    expect(pick(4)).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(pick(16)).toBe('qwen2.5-3b-instruct-q4_k_m');
  });

  test('embedding models are recommended separately', () => {
    const hardware = detectHardware(machine(8));
    expect(recommendModel(manifest, hardware, 'embedding')?.id).toBe('bge-small-zh-v1.5-q8_0');
  });
});
