import type { Answer, KnowledgeHit } from '@shared/api';
import { citationOf } from '../knowledge/knowledge-index';

/**
 * The best entry must contain this share of the question's known words, and this share weighted
 * by rarity, or the knowledge base has no basis. Chosen on the development set (bench/RESULTS.md):
 * lexical overlap alone cannot tell near-misses apart perfectly, so these favour refusing a
 * question about something the base never covers over answering it from a neighbouring entry.
 */
export const SUPPORT_THRESHOLD = 0.6;
export const WEIGHTED_SUPPORT_THRESHOLD = 0.5;

/** Whether an entry covers the question well enough to answer from it. */
export function supports(hit: KnowledgeHit): boolean {
  return hit.coverage >= SUPPORT_THRESHOLD && hit.weightedCoverage >= WEIGHTED_SUPPORT_THRESHOLD;
}

/** One number for "how well is this covered", for display: the weaker of the two shares. */
export function supportOf(hit: KnowledgeHit | undefined): number {
  return hit ? Math.min(hit.coverage, hit.weightedCoverage) : 0;
}
/** Entries cited beside the best one must score at least this share of its BM25. */
const RELATIVE_SCORE = 0.5;
const MAX_CITATIONS = 3;
const SENTENCES_PER_ENTRY = 2;
/** Answers this short are quoted whole: cutting them would lose the point. */
const WHOLE_ANSWER_LENGTH = 160;

export interface EntryText {
  hit: KnowledgeHit;
  /** The Q&A answer or the policy body. */
  text: string;
}

/**
 * The answer a clerk sees "within a blink": sentences taken verbatim from the best entries, each
 * tied to its citation, or nothing when the entries do not cover the question well enough.
 */
export function composeExtractiveAnswer(
  entries: EntryText[],
  questionTerms: string[],
): Pick<Answer, 'status' | 'extract' | 'citations' | 'support'> {
  const best = entries[0];
  const support = supportOf(best?.hit);
  if (!best || !supports(best.hit)) {
    return { status: 'no_basis', extract: [], citations: [], support };
  }
  const topScore = Math.max(...entries.map((entry) => entry.hit.score));
  const chosen = entries
    .filter(
      (entry) =>
        entry.hit.coverage >= SUPPORT_THRESHOLD && entry.hit.score >= topScore * RELATIVE_SCORE,
    )
    .slice(0, MAX_CITATIONS);
  const citations = chosen.map(({ hit }) => citationOf(hit));
  const extract = chosen.flatMap((entry, index) =>
    keySentences(entry.text, questionTerms).map((text) => ({ text, citation: index })),
  );
  return { status: 'answered', extract, citations, support };
}

/** The sentences that carry most of the question's words, kept in their original order. */
export function keySentences(text: string, terms: string[]): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= WHOLE_ANSWER_LENGTH) return [trimmed];
  const sentences = splitSentences(trimmed);
  const ranked = sentences
    .map((sentence, index) => ({
      sentence,
      index,
      hits: terms.filter((term) => sentence.includes(term)).length,
    }))
    .sort((a, b) => b.hits - a.hits || a.index - b.index)
    .slice(0, SENTENCES_PER_ENTRY)
    .sort((a, b) => a.index - b.index);
  return ranked.map((each) => each.sentence);
}

/** Chinese sentences end at 。！？；or a line break; the mark stays with its sentence. */
export function splitSentences(text: string): string[] {
  return (text.match(/[^。！？；\n]+[。！？；]?/g) ?? [])
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
