import type { Answer } from '@shared/api';
import { splitSentences } from './extractive-answer';

const ENTRY_CHARS = 600;

export const ANSWER_SYSTEM_PROMPT =
  '你是县级政务服务大厅的智能问答助手，回答窗口人员的问题。只能依据下面编号的知识条目回答，' +
  '每句话末尾用方括号注明所依据条目的编号，如[1]；知识条目没有涉及的内容不要回答，也不要编造。回答简洁，用中文。';

/** The numbered entries the model may cite, as it reads them in the prompt. */
export function numberedEntries(texts: { title: string; text: string }[]): string {
  return texts
    .map(
      (entry, index) =>
        `[${String(index + 1)}] ${entry.title}\n${entry.text.slice(0, ENTRY_CHARS)}`,
    )
    .join('\n\n');
}

/** Citation marks the model may write: [1], ［1］ or 【1】, several as [1][2] or [1,2]. */
const MARK = /[[［【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]］】]/g;

/**
 * Checks a generated answer after the fact: each sentence's citation marks must name one of the
 * retrieved entries; a sentence with none (or only invalid ones) is an uncited claim and is
 * flagged, and numbers outside the entries are reported.
 */
export function checkCitations(
  text: string,
  citationCount: number,
): Pick<NonNullable<Answer['generated']>, 'sentences' | 'invalidCitations'> {
  const invalid = new Set<number>();
  const sentences = splitSentences(text).map((sentence) => {
    const numbers = [...sentence.matchAll(MARK)].flatMap((match) =>
      (match[1] ?? '').split(/[,，、]/).map((part) => Number(part.trim())),
    );
    const valid = [...new Set(numbers.filter((n) => n >= 1 && n <= citationCount))];
    for (const n of numbers) if (n < 1 || n > citationCount) invalid.add(n);
    return {
      text: sentence,
      citations: valid.map((n) => n - 1),
      uncited: valid.length === 0,
    };
  });
  // A citation mark standing alone after a split ("[1]") belongs to the sentence before it.
  const merged: typeof sentences = [];
  for (const sentence of sentences) {
    const previous = merged.at(-1);
    if (previous && sentence.text.replace(MARK, '').trim() === '') {
      previous.citations = [...new Set([...previous.citations, ...sentence.citations])];
      previous.uncited = previous.citations.length === 0;
      previous.text += sentence.text;
    } else merged.push(sentence);
  }
  return { sentences: merged, invalidCitations: [...invalid].sort((a, b) => a - b) };
}
