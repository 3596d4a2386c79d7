// Generates GGUF models with random weights, so tests and benchmarks never download weights:
//
//   node scripts/models/write-gguf.mjs --tiny       [--out models/generated/tiny.gguf]
//   node scripts/models/write-gguf.mjs --real-dims  [--out …] [--type q8_0|q4_0] [--seed N]
//
// --tiny       a llama-architecture model of a few hundred kilobytes (2 layers, 64 wide): loads in
//              milliseconds, produces garbage text, and is enough to test loading, streaming and
//              grammar-constrained JSON in CI.
// --real-dims  a model with Qwen2.5-0.5B's exact shape (qwen2 architecture, 24 layers, 896 wide,
//              14/2 heads, 4864 FFN, 151936-token vocabulary, q/k/v biases, tied embeddings),
//              quantised to Q8_0 (or Q4_0): it costs what the real model costs per token, so
//              benchmarks measure real load times and tokens per second.
//
// Both use a SentencePiece-style vocabulary ("llama" tokenizer) with byte fallback tokens
// <0x00>…<0xFF>, so any text (JSON, Chinese) tokenizes. The real Qwen vocabulary is a GPT-2 BPE
// that cannot be reproduced without downloading it; the synthetic one has the same size, which is
// what matters for speed (the output layer is the largest matrix of a 0.5B model).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GgmlType, GgufValueType, GgufWriter, kv } from './gguf-writer.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const DEFAULT_TINY_PATH = resolve(root, 'models/generated/tiny.gguf');
export const DEFAULT_REAL_DIMS_PATH = resolve(
  root,
  'models/generated/qwen2.5-0.5b-shape-q8_0.gguf',
);

/** ChatML, the format Qwen2.5 uses; node-llama-cpp recognises it and picks its ChatML wrapper. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** Token types (llama_token_type). */
const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 };

/** Deterministic uniform random numbers in [-1, 1) (mulberry32): the same seed, the same file. */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const SPACE = '\u2581'; // SentencePiece's visible space

/** Pieces every vocabulary gets after the byte tokens: ASCII, JSON punctuation, common words. */
const COMMON_PIECES = [
  SPACE,
  ...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)),
  '{"',
  '":',
  '",',
  '"}',
  '["',
  '"]',
  '":"',
  '","',
  '[]',
  `${SPACE}"`,
  'verdict',
  'reason',
  'pass',
  'fail',
  'unsure',
  'true',
  'false',
  'null',
  `${SPACE}the`,
  `${SPACE}is`,
  `${SPACE}a`,
];

/** Common characters of service-hall Chinese, so prompts do not all fall back to bytes. */
const COMMON_CJK =
  '的一是不了在人有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴营业执照申请材料身份证登记审核窗口办件补正告知书企业个人证明签字复印原件';

/** The vocabulary: special tokens, 256 byte tokens, then pieces until `size` tokens. */
export function buildVocabulary(size, { fillWithSyntheticPieces = false } = {}) {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types = [
    TokenType.UNKNOWN,
    TokenType.CONTROL,
    TokenType.CONTROL,
    TokenType.CONTROL,
    TokenType.CONTROL,
  ];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TokenType.BYTE);
  }
  const seen = new Set(tokens);
  const add = (piece) => {
    if (tokens.length >= size || seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(TokenType.NORMAL);
  };
  for (const piece of COMMON_PIECES) add(piece);
  for (const char of COMMON_CJK) add(char);
  if (fillWithSyntheticPieces) {
    // Every CJK Unified Ideograph, then letter combinations, as a large real vocabulary would have.
    for (let code = 0x4e00; code <= 0x9fff && tokens.length < size; code++)
      add(String.fromCodePoint(code));
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let length = 2; tokens.length < size; length++) {
      const combos = letters.length ** length;
      for (let n = 0; n < combos && tokens.length < size; n++) {
        let word = '';
        for (let rest = n, i = 0; i < length; i++, rest = Math.floor(rest / letters.length))
          word = letters[rest % letters.length] + word;
        add(word);
        add(SPACE + word);
      }
    }
  }
  // SentencePiece merges the highest-scoring pair first: earlier (shorter) pieces win.
  const scores = tokens.map((_, id) => (types[id] === TokenType.NORMAL ? -id : 0));
  return { tokens, types, scores };
}

function setTokenizer(writer, vocabulary) {
  writer
    .set('tokenizer.ggml.model', kv.string('llama'))
    .set('tokenizer.ggml.tokens', kv.array(GgufValueType.STRING, vocabulary.tokens))
    .set('tokenizer.ggml.scores', kv.array(GgufValueType.FLOAT32, vocabulary.scores))
    .set('tokenizer.ggml.token_type', kv.array(GgufValueType.INT32, vocabulary.types))
    .set('tokenizer.ggml.unknown_token_id', kv.u32(0))
    .set('tokenizer.ggml.bos_token_id', kv.u32(1))
    .set('tokenizer.ggml.eos_token_id', kv.u32(4)) // <|im_end|>, as in Qwen2.5 Instruct
    .set('tokenizer.ggml.eot_token_id', kv.u32(4))
    .set('tokenizer.ggml.padding_token_id', kv.u32(2))
    .set('tokenizer.ggml.add_bos_token', kv.bool(false))
    .set('tokenizer.ggml.add_space_prefix', kv.bool(false))
    .set('tokenizer.chat_template', kv.string(CHATML_TEMPLATE));
}

// ---------------------------------------------------------------------------------------------
// Model shapes

/** Fills with uniform noise in ±scale. */
const noise = (random, scale) => (values) => {
  for (let i = 0; i < values.length; i++) values[i] = random() * scale;
};
const ones = (values) => values.fill(1);

/**
 * A llama-family decoder (the tensor names and shapes llama.cpp's llama and qwen2 loaders want).
 * Embeddings are tied (no output.weight), as in Qwen2.5-0.5B.
 */
function writeDecoder(path, shape) {
  const { arch, layers, embd, heads, headsKv, ff, vocabulary, type, seed, qkvBias } = shape;
  const random = createRandom(seed);
  const headDim = embd / heads;
  const kvDim = headDim * headsKv;
  const writer = new GgufWriter();
  const fileType = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 7 }[type.name];
  writer
    .set('general.architecture', kv.string(arch))
    .set('general.name', kv.string(shape.name))
    .set(
      'general.description',
      kv.string('Random weights generated by scripts/models/write-gguf.mjs'),
    )
    .set('general.file_type', kv.u32(fileType))
    .set('general.quantization_version', kv.u32(2))
    .set('general.alignment', kv.u32(32))
    .set(`${arch}.context_length`, kv.u32(shape.contextLength))
    .set(`${arch}.embedding_length`, kv.u32(embd))
    .set(`${arch}.block_count`, kv.u32(layers))
    .set(`${arch}.feed_forward_length`, kv.u32(ff))
    .set(`${arch}.attention.head_count`, kv.u32(heads))
    .set(`${arch}.attention.head_count_kv`, kv.u32(headsKv))
    .set(`${arch}.rope.dimension_count`, kv.u32(headDim))
    .set(`${arch}.rope.freq_base`, kv.f32(shape.ropeTheta))
    .set(`${arch}.attention.layer_norm_rms_epsilon`, kv.f32(1e-6))
    .set(`${arch}.vocab_size`, kv.u32(vocabulary.tokens.length));
  setTokenizer(writer, vocabulary);

  // Norms and biases stay F32, as converters keep them: they are tiny and precision-sensitive.
  const weights = noise(random, shape.weightScale);
  writer.addTensor('token_embd.weight', [embd, vocabulary.tokens.length], type, weights);
  for (let layer = 0; layer < layers; layer++) {
    const blk = (name) => `blk.${layer}.${name}`;
    writer
      .addTensor(blk('attn_norm.weight'), [embd], GgmlType.F32, ones)
      .addTensor(blk('attn_q.weight'), [embd, embd], type, weights)
      .addTensor(blk('attn_k.weight'), [embd, kvDim], type, weights)
      .addTensor(blk('attn_v.weight'), [embd, kvDim], type, weights);
    if (qkvBias) {
      const bias = noise(random, 0.01);
      writer
        .addTensor(blk('attn_q.bias'), [embd], GgmlType.F32, bias)
        .addTensor(blk('attn_k.bias'), [kvDim], GgmlType.F32, bias)
        .addTensor(blk('attn_v.bias'), [kvDim], GgmlType.F32, bias);
    }
    writer
      .addTensor(blk('attn_output.weight'), [embd, embd], type, weights)
      .addTensor(blk('ffn_norm.weight'), [embd], GgmlType.F32, ones)
      .addTensor(blk('ffn_gate.weight'), [embd, ff], type, weights)
      .addTensor(blk('ffn_up.weight'), [embd, ff], type, weights)
      .addTensor(blk('ffn_down.weight'), [ff, embd], type, weights);
  }
  writer.addTensor('output_norm.weight', [embd], GgmlType.F32, ones);
  return writer.write(path);
}

/** The CI test model: loads in milliseconds; a few hundred tokens cover bytes, JSON and 汉字. */
export function writeTinyModel(path = DEFAULT_TINY_PATH, { seed = 42 } = {}) {
  return writeDecoder(path, {
    name: 'Bangban tiny test model (random weights)',
    arch: 'llama',
    layers: 2,
    embd: 64,
    heads: 4,
    headsKv: 2,
    ff: 128,
    contextLength: 2048,
    ropeTheta: 10000,
    vocabulary: buildVocabulary(768),
    type: GgmlType.F32,
    weightScale: 0.1,
    qkvBias: false,
    seed,
  });
}

/** Qwen2.5-0.5B's shape (config.json of Qwen/Qwen2.5-0.5B-Instruct) with random weights. */
export function writeRealDimsModel(
  path = DEFAULT_REAL_DIMS_PATH,
  { seed = 42, type = GgmlType.Q8_0 } = {},
) {
  return writeDecoder(path, {
    name: `Qwen2.5 0.5B shape, random weights (${type.name})`,
    arch: 'qwen2',
    layers: 24,
    embd: 896,
    heads: 14,
    headsKv: 2,
    ff: 4864,
    contextLength: 32768,
    ropeTheta: 1_000_000,
    vocabulary: buildVocabulary(151_936, { fillWithSyntheticPieces: true }),
    type,
    weightScale: 0.05,
    qkvBias: true,
    seed,
  });
}

// ---------------------------------------------------------------------------------------------
// Command line

function main(argv) {
  const option = (name) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const seed = Number(option('--seed') ?? 42);
  const out = option('--out');
  const started = Date.now();
  let result;
  if (argv.includes('--tiny')) {
    result = writeTinyModel(out ? resolve(out) : DEFAULT_TINY_PATH, { seed });
  } else if (argv.includes('--real-dims')) {
    const typeName = (option('--type') ?? 'q8_0').toUpperCase();
    const type = { Q8_0: GgmlType.Q8_0, Q4_0: GgmlType.Q4_0 }[typeName];
    if (!type) throw new Error(`--type must be q8_0 or q4_0, not ${typeName}`);
    const fallback =
      type === GgmlType.Q8_0
        ? DEFAULT_REAL_DIMS_PATH
        : DEFAULT_REAL_DIMS_PATH.replace('q8_0', type.name.toLowerCase());
    result = writeRealDimsModel(out ? resolve(out) : fallback, { seed, type });
  } else {
    process.stderr.write(
      'usage: node scripts/models/write-gguf.mjs --tiny | --real-dims [--type q8_0|q4_0] [--out file] [--seed n]\n',
    );
    process.exit(2);
  }
  const mib = (statSync(result.path).size / 2 ** 20).toFixed(1);
  process.stdout.write(`${result.path} (${mib} MiB, ${Date.now() - started} ms)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
