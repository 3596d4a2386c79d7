/** Types for gguf-writer.mjs (plain Node ESM; tests check its encodings directly). */
export interface GgmlTypeInfo {
  readonly id: number;
  readonly name: string;
  readonly blockValues: number;
  readonly blockBytes: number;
}
export declare const GGUF_ALIGNMENT: number;
export declare const GgmlType: {
  readonly F32: GgmlTypeInfo;
  readonly F16: GgmlTypeInfo;
  readonly Q4_0: GgmlTypeInfo;
  readonly Q8_0: GgmlTypeInfo;
};
export declare const GgufValueType: Readonly<Record<string, number>>;
export function tensorByteSize(type: GgmlTypeInfo, valueCount: number): number;
export function float32ToFloat16Bits(value: number): number;
export function float16BitsToFloat32(bits: number): number;
/** Encodes `values` into `out` at `offset`; returns the bytes written. */
export function encodeValues(
  type: GgmlTypeInfo,
  values: ArrayLike<number>,
  out: Uint8Array,
  offset?: number,
): number;
export interface GgufValue {
  type: number;
  value: unknown;
  itemType?: number;
}
export declare const kv: {
  u32(value: number): GgufValue;
  i32(value: number): GgufValue;
  u64(value: number | bigint): GgufValue;
  f32(value: number): GgufValue;
  bool(value: boolean): GgufValue;
  string(value: string): GgufValue;
  array(itemType: number, items: readonly unknown[]): GgufValue;
};
export class GgufWriter {
  set(key: string, value: GgufValue): this;
  addTensor(
    name: string,
    dims: number[],
    type: GgmlTypeInfo,
    fill: (values: Float32Array, offset: number) => void,
  ): this;
  header(): Buffer;
  write(path: string, options?: { chunkValues?: number }): { path: string; bytes: number };
}
