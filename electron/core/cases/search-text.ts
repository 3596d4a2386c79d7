/**
 * FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so "张伟" would not
 * find "张伟明". We index CJK text one character per token and search it as a phrase; other runs
 * (references, digits, Latin) stay whole words, matched by prefix.
 */
const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;

function tokens(text: string): string[] {
  const result: string[] = [];
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    let word = '';
    for (const character of run) {
      if (cjk.test(character)) {
        if (word) result.push(word);
        word = '';
        result.push(character);
      } else {
        word += character;
      }
    }
    if (word) result.push(word);
  }
  return result;
}

export function caseSearchText(parts: string[]): string {
  return parts.flatMap(tokens).join(' ');
}

/** An FTS5 MATCH expression for what the clerk typed, or undefined when nothing is searchable. */
export function caseSearchQuery(query: string): string | undefined {
  const terms = query
    .trim()
    .split(/\s+/)
    .map((term) => tokens(term))
    .filter((termTokens) => termTokens.length > 0)
    .map((termTokens) => {
      const last = termTokens.at(-1) ?? '';
      const phrase = `"${termTokens.join(' ')}"`;
      // A trailing Latin/digit word may be incomplete while the clerk types: prefix-match it.
      return cjk.test(last) ? phrase : `${phrase}*`;
    });
  return terms.length > 0 ? terms.join(' AND ') : undefined;
}
