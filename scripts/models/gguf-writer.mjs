// A small GGUF (version 3) writer: just enough of the format to generate test and benchmark models
// without downloading weights. Layout, as llama.cpp reads it (ggml/docs/gguf.md):
//
//   header        magic "GGUF", version u32, tensor count u64, metadata count u64
//   metadata      key (string), value type u32, value
//   tensor infos  name (string), n_dims u32, dims u64[n_dims] (innermost first), ggml type u32,
//                 offset u64 (from the start of the data section, a multiple of the alignment)
//   padding       to `general.alignment` (32 unless the file says otherwise)
//   tensor data   each tensor padded to the alignment
//
// Strings are u64 length + UTF-8 bytes; everything is little-endian.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const GGUF_ALIGNMENT = 32;

/** Metadata value types (gguf_type). */
export const GgufValueType = Object.freeze({
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
});

/** The tensor types this writer can encode (ggml_type ids), with their block geometry. */
export const GgmlType = Object.freeze({
  F32: { id: 0, name: 'F32', blockValues: 1, blockBytes: 4 },
  F16: { id: 1, name: 'F16', blockValues: 1, blockBytes: 2 },
  // One f16 scale, then 32 four-bit values stored as value+8, two per byte.
  Q4_0: { id: 2, name: 'Q4_0', blockValues: 32, blockBytes: 2 + 16 },
  // One f16 scale, then 32 signed bytes.
  Q8_0: { id: 8, name: 'Q8_0', blockValues: 32, blockBytes: 2 + 32 },
});

const align = (offset) => Math.ceil(offset / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;

/** Bytes a tensor of `valueCount` values takes in `type`. */
export function tensorByteSize(type, valueCount) {
  if (valueCount % type.blockValues !== 0)
    throw new Error(`${type.name} needs a multiple of ${type.blockValues} values`);
  return (valueCount / type.blockValues) * type.blockBytes;
}

// ---------------------------------------------------------------------------------------------
// Number encodings

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** IEEE 754 half precision bits of `value`, rounded to nearest even (as ggml's conversion does). */
export function float32ToFloat16Bits(value) {
  f32Scratch[0] = value;
  const x = u32Scratch[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // inf / NaN
  let e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half += 1;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half += 1; // may carry into the exponent: fine
  return sign | half;
}

/** The value a half-precision bit pattern stands for (used to quantise against the stored scale). */
export function float16BitsToFloat32(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/**
 * Encodes `values` (a multiple of the type's block size) into `out` at `offset`; returns the
 * bytes written. Q8_0 and Q4_0 follow ggml's reference quantisers (quantize_row_q8_0_ref,
 * quantize_row_q4_0_ref), so llama.cpp reads back what a real converter would have written.
 */
export function encodeValues(type, values, out, offset = 0) {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let at = offset;
  if (type === GgmlType.F32) {
    for (const value of values) {
      view.setFloat32(at, value, true);
      at += 4;
    }
  } else if (type === GgmlType.F16) {
    for (const value of values) {
      view.setUint16(at, float32ToFloat16Bits(value), true);
      at += 2;
    }
  } else if (type === GgmlType.Q8_0) {
    for (let block = 0; block < values.length; block += 32) {
      let amax = 0;
      for (let i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(values[block + i]));
      const scaleBits = float32ToFloat16Bits(amax / 127);
      const inverse = amax === 0 ? 0 : 127 / amax;
      view.setUint16(at, scaleBits, true);
      for (let i = 0; i < 32; i++) {
        // roundf: halves away from zero (Math.round would send -2.5 to -2).
        const scaled = values[block + i] * inverse;
        view.setInt8(at + 2 + i, Math.sign(scaled) * Math.round(Math.abs(scaled)));
      }
      at += 34;
    }
  } else if (type === GgmlType.Q4_0) {
    for (let block = 0; block < values.length; block += 32) {
      // The scale keeps the sign of the value with the largest magnitude, which maps to -8.
      let max = 0;
      for (let i = 0; i < 32; i++) {
        const value = values[block + i];
        if (Math.abs(value) > Math.abs(max)) max = value;
      }
      const scale = max / -8;
      const inverse = scale === 0 ? 0 : 1 / scale;
      view.setUint16(at, float32ToFloat16Bits(scale), true);
      for (let i = 0; i < 16; i++) {
        const low = Math.min(15, Math.trunc(values[block + i] * inverse + 8.5));
        const high = Math.min(15, Math.trunc(values[block + 16 + i] * inverse + 8.5));
        out[at + 2 + i] = low | (high << 4);
      }
      at += 18;
    }
  } else {
    throw new Error(`cannot encode ${String(type?.name)}`);
  }
  return at - offset;
}

// ---------------------------------------------------------------------------------------------
// Metadata

/** Typed metadata values: `kv.u32(7)`, `kv.string('llama')`, `kv.array(GgufValueType.STRING, […])`. */
export const kv = Object.freeze({
  u32: (value) => ({ type: GgufValueType.UINT32, value }),
  i32: (value) => ({ type: GgufValueType.INT32, value }),
  u64: (value) => ({ type: GgufValueType.UINT64, value }),
  f32: (value) => ({ type: GgufValueType.FLOAT32, value }),
  bool: (value) => ({ type: GgufValueType.BOOL, value }),
  string: (value) => ({ type: GgufValueType.STRING, value }),
  array: (itemType, items) => ({ type: GgufValueType.ARRAY, itemType, value: items }),
});

/** Appends little-endian values to a growing byte buffer (the header is small: a few MB at most). */
class ByteSink {
  constructor() {
    this.chunks = [];
    this.length = 0;
  }
  push(bytes) {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  fixed(size, write) {
    const bytes = Buffer.alloc(size);
    write(bytes);
    this.push(bytes);
  }
  u32(value) {
    this.fixed(4, (b) => b.writeUInt32LE(value));
  }
  u64(value) {
    this.fixed(8, (b) => b.writeBigUInt64LE(BigInt(value)));
  }
  string(value) {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  scalar(type, value) {
    switch (type) {
      case GgufValueType.UINT8:
        return this.fixed(1, (b) => b.writeUInt8(value));
      case GgufValueType.INT8:
        return this.fixed(1, (b) => b.writeInt8(value));
      case GgufValueType.UINT16:
        return this.fixed(2, (b) => b.writeUInt16LE(value));
      case GgufValueType.INT16:
        return this.fixed(2, (b) => b.writeInt16LE(value));
      case GgufValueType.UINT32:
        return this.u32(value);
      case GgufValueType.INT32:
        return this.fixed(4, (b) => b.writeInt32LE(value));
      case GgufValueType.FLOAT32:
        return this.fixed(4, (b) => b.writeFloatLE(value));
      case GgufValueType.BOOL:
        return this.fixed(1, (b) => b.writeUInt8(value ? 1 : 0));
      case GgufValueType.STRING:
        return this.string(value);
      case GgufValueType.UINT64:
        return this.u64(value);
      case GgufValueType.INT64:
        return this.fixed(8, (b) => b.writeBigInt64LE(BigInt(value)));
      case GgufValueType.FLOAT64:
        return this.fixed(8, (b) => b.writeDoubleLE(value));
      default:
        throw new Error(`unknown GGUF value type ${type}`);
    }
  }
  toBuffer() {
    return Buffer.concat(this.chunks, this.length);
  }
}

// ---------------------------------------------------------------------------------------------
// The writer

/**
 * Collects metadata and tensor descriptions, then streams the file. Tensor data comes from a
 * `fill(values)` callback per tensor, called with Float32Array chunks in order, so a model of
 * half a gigabyte never sits in memory as floats.
 */
export class GgufWriter {
  constructor() {
    this.metadata = new Map();
    this.tensors = [];
  }

  /** Sets one metadata key (`value` from the `kv` helpers). */
  set(key, value) {
    this.metadata.set(key, value);
    return this;
  }

  /**
   * Declares a tensor. `dims` are innermost first, as GGUF stores them: a weight applied as
   * y = W·x with x of n_in values has dims [n_in, n_out].
   */
  addTensor(name, dims, type, fill) {
    if (this.tensors.some((tensor) => tensor.name === name))
      throw new Error(`duplicate tensor ${name}`);
    const valueCount = dims.reduce((product, dim) => product * dim, 1);
    if (dims[0] % type.blockValues !== 0)
      throw new Error(`${name}: ${type.name} needs the first dimension to be a multiple of 32`);
    this.tensors.push({
      name,
      dims,
      type,
      fill,
      valueCount,
      bytes: tensorByteSize(type, valueCount),
    });
    return this;
  }

  /** Header, metadata and tensor infos, padded to the alignment. */
  header() {
    const sink = new ByteSink();
    sink.push(Buffer.from('GGUF', 'ascii'));
    sink.u32(3);
    sink.u64(this.tensors.length);
    sink.u64(this.metadata.size);
    for (const [key, entry] of this.metadata) {
      sink.string(key);
      sink.u32(entry.type);
      if (entry.type === GgufValueType.ARRAY) {
        sink.u32(entry.itemType);
        sink.u64(entry.value.length);
        for (const item of entry.value) sink.scalar(entry.itemType, item);
      } else {
        sink.scalar(entry.type, entry.value);
      }
    }
    let offset = 0;
    for (const tensor of this.tensors) {
      sink.string(tensor.name);
      sink.u32(tensor.dims.length);
      for (const dim of tensor.dims) sink.u64(dim);
      sink.u32(tensor.type.id);
      sink.u64(offset);
      offset = align(offset + tensor.bytes);
    }
    sink.push(Buffer.alloc(align(sink.length) - sink.length));
    return sink.toBuffer();
  }

  /** Writes the file to a temporary name and renames it, so a killed run leaves no half model. */
  write(path, { chunkValues = 1 << 20 } = {}) {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.partial`;
    const header = this.header();
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, header);
      let written = 0;
      const padding = Buffer.alloc(GGUF_ALIGNMENT);
      for (const tensor of this.tensors) {
        // Chunks hold whole blocks so quantised blocks never straddle two chunks.
        const step = Math.max(tensor.type.blockValues, chunkValues - (chunkValues % 32));
        const values = new Float32Array(Math.min(step, tensor.valueCount));
        const bytes = new Uint8Array(tensorByteSize(tensor.type, values.length));
        for (let done = 0; done < tensor.valueCount; done += values.length) {
          const chunk = values.subarray(0, Math.min(values.length, tensor.valueCount - done));
          tensor.fill(chunk, done);
          const size = encodeValues(tensor.type, chunk, bytes);
          writeSync(fd, bytes, 0, size);
          written += size;
        }
        const pad = align(written) - written;
        if (pad > 0) writeSync(fd, padding, 0, pad);
        written += pad;
      }
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, path);
    const dataBytes = this.tensors.reduce((total, tensor) => align(total + tensor.bytes), 0);
    return { path, bytes: header.length + dataBytes };
  }
}
