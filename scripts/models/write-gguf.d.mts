/** Types for write-gguf.mjs (plain Node ESM, so tests and benchmarks can call it directly). */
import type { GgmlTypeInfo } from './gguf-writer.mjs';

export interface WrittenModel {
  path: string;
  bytes: number;
}
export declare const DEFAULT_TINY_PATH: string;
export declare const DEFAULT_REAL_DIMS_PATH: string;
export declare const CHATML_TEMPLATE: string;
/** A 2-layer, 64-wide llama model with a 768-token vocabulary and random F32 weights. */
export function writeTinyModel(path?: string, options?: { seed?: number }): WrittenModel;
/** Qwen2.5-0.5B's shape (qwen2, 24 layers, 896 wide, 151936 tokens) with random weights. */
export function writeRealDimsModel(
  path?: string,
  options?: { seed?: number; type?: GgmlTypeInfo },
): WrittenModel;
