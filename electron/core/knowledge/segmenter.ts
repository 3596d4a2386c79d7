import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Splits Chinese text into words for indexing and search. */
export interface Segmenter {
  /** Every word of `text` in search mode: long words and their shorter parts (营业执照 → 营业, 执照). */
  words(text: string): string[];
  /** The words of `text` that jieba tags as nouns (n, nr, ns, nt, nz): what a question is about. */
  nouns(text: string): Set<string>;
}

const NOUN_TAGS = new Set(['n', 'nr', 'ns', 'nt', 'nz']);

/**
 * jieba with its full dictionary. The dictionary takes a moment to load, so it loads on first use,
 * not at engine start.
 */
export function createJiebaSegmenter(): Segmenter {
  let loaded: Jieba | undefined;
  const jieba = (): Jieba => (loaded ??= Jieba.withDict(dict));
  return {
    words: (text) =>
      jieba()
        .cutForSearch(text, true)
        .map((word) => word.trim().toLowerCase())
        .filter((word) => /[\p{L}\p{N}]/u.test(word)),
    nouns: (text) =>
      new Set(
        jieba()
          .tag(text, true)
          .filter((tagged) => NOUN_TAGS.has(tagged.tag))
          .map((tagged) => tagged.word.toLowerCase()),
      ),
  };
}
