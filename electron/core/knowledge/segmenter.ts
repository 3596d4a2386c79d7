import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Splits Chinese text into words for indexing and search. */
export interface Segmenter {
  /** Every word of `text` in search mode: long words and their shorter parts (营业执照 → 营业, 执照). */
  words(text: string): string[];
}

/**
 * jieba with its full dictionary. The dictionary takes a moment to load, so it loads on first use,
 * not at engine start.
 */
export function createJiebaSegmenter(): Segmenter {
  let jieba: Jieba | undefined;
  return {
    words: (text) => {
      jieba ??= Jieba.withDict(dict);
      return jieba
        .cutForSearch(text, true)
        .map((word) => word.trim().toLowerCase())
        .filter((word) => /[\p{L}\p{N}]/u.test(word));
    },
  };
}
