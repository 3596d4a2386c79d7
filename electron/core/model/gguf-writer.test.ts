import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, test } from 'vitest';
import {
  GgmlType,
  GgufWriter,
  encodeValues,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  kv,
  tensorByteSize,
} from '../../../scripts/models/gguf-writer.mjs';
import { writeTinyModel } from '../../../scripts/models/write-gguf.mjs';

// The writer lives in scripts/models/ (plain Node, used by tests and benchmarks); its tests sit
// here because this is where the models it makes are consumed. Loading and generating with the
// model it writes is covered by model-process.test.ts, through the real worker.
const dir = mkdtempSync(join(tmpdir(), 'bangban-gguf-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('GGUF encodings', () => {
  test('f16 conversion rounds to nearest and round-trips exactly representable values', () => {
    for (const value of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24]) {
      expect(float16BitsToFloat32(float32ToFloat16Bits(value))).toBe(value);
    }
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00); // overflow → infinity
    expect(Math.abs(float16BitsToFloat32(float32ToFloat16Bits(0.1)) - 0.1)).toBeLessThan(1e-4);
  });

  const block = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.7) * 0.3);
  const decodeQ8 = (bytes: Uint8Array) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const values: number[] = [];
    for (let at = 0; at < bytes.length; at += 34) {
      const scale = float16BitsToFloat32(view.getUint16(at, true));
      for (let i = 0; i < 32; i++) values.push(view.getInt8(at + 2 + i) * scale);
    }
    return values;
  };
  const decodeQ4 = (bytes: Uint8Array) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const values: number[] = [];
    for (let at = 0; at < bytes.length; at += 18) {
      const scale = float16BitsToFloat32(view.getUint16(at, true));
      const low: number[] = [];
      const high: number[] = [];
      for (let i = 0; i < 16; i++) {
        const byte = bytes[at + 2 + i] ?? 0;
        low.push(((byte & 0x0f) - 8) * scale);
        high.push(((byte >> 4) - 8) * scale);
      }
      values.push(...low, ...high);
    }
    return values;
  };

  test.each([
    ['Q8_0', GgmlType.Q8_0, decodeQ8, 0.3 / 127],
    ['Q4_0', GgmlType.Q4_0, decodeQ4, 0.3 / 8],
  ] as const)('%s blocks decode to the values within one step', (_, type, decode, step) => {
    const out = new Uint8Array(tensorByteSize(type, block.length));
    expect(encodeValues(type, block, out)).toBe(out.length);
    decode(out).forEach((value, i) => {
      expect(Math.abs(value - (block[i] ?? 0))).toBeLessThanOrEqual(step);
    });
  });
});

describe('GgufWriter', () => {
  test('writes a header node-llama-cpp reads back: metadata, tensor infos, aligned offsets', async () => {
    const path = join(dir, 'small.gguf');
    const writer = new GgufWriter()
      .set('general.architecture', kv.string('llama'))
      .set('general.name', kv.string('写入测试'))
      .set('test.flag', kv.bool(true))
      .set('test.list', kv.array(8, ['a', '汉字']))
      .addTensor('a', [3], GgmlType.F32, (values) => values.fill(1))
      .addTensor('b', [64, 2], GgmlType.Q8_0, (values) => values.fill(0.5));
    const written = writer.write(path);
    expect(statSync(path).size).toBe(written.bytes);
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.version).toBe(3);
    expect(info.metadata.general.name).toBe('写入测试');
    expect(info.tensorInfo?.map((t) => [t.name, t.dimensions.map(Number), t.offset])).toEqual([
      ['a', [3], 0],
      ['b', [64, 2], 32], // 12 bytes of F32, padded to the 32-byte alignment
    ]);
    // The data section starts aligned; tensor b's four Q8_0 blocks (136 bytes) pad to 160.
    const header = writer.header();
    expect(header.length % 32).toBe(0);
    expect(written.bytes).toBe(header.length + 32 + 160);
  });

  test('the tiny model is a llama model with a byte-fallback vocabulary and a chat template', async () => {
    const path = join(dir, 'tiny.gguf');
    writeTinyModel(path);
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.metadata.general.architecture).toBe('llama');
    const tokenizer = info.metadata.tokenizer;
    expect(tokenizer.ggml.model).toBe('llama');
    expect(tokenizer.ggml.tokens).toHaveLength(768);
    expect(tokenizer.ggml.tokens).toContain('<0x7B>');
    expect(tokenizer.chat_template).toContain('<|im_start|>');
    expect(info.tensorInfo?.length).toBe(2 * 9 + 2);
    // Same seed, same bytes: CI and a developer test the same model.
    const again = join(dir, 'tiny-again.gguf');
    writeTinyModel(again);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });
});
