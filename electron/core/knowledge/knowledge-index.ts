import type { Citation, KnowledgeHit, ParsedInput } from '@shared/api';
import type { PolicyDocument, QaDocument } from '@shared/knowledge/format';
import { inTransaction, type Db } from '../db/connection';
import type { VectorNeighbour } from './knowledge-vectors';
import type { Segmenter } from './segmenter';

/** Words that carry no meaning for retrieval: leaving them in only adds noise to BM25. */
const stopWords = new Set(
  '的 了 吗 呢 吧 啊 呀 么 是 有 在 和 与 及 或 我 你 他 她 我们 要 能 会 去 把 被 从 对 给 就 都 也 还 这 那 哪 哪些 哪里 什么 意思 什么意思 怎么 怎么办 怎样 如何 为什么 多少 多久 需要 可以 可不可以 能不能 请问 一下 一个'.split(
    ' ',
  ),
);

interface EntryRow {
  id: number;
  entry_id: string;
  version: number;
  kind: 'policy' | 'qa';
  title: string;
  effective_from: string;
  expires_on: string | null;
  matter_codes: string;
  document: string;
  score: number;
}

/** Reciprocal rank fusion's k (Cormack et al. 2009): damps the weight of the very first ranks. */
const RRF_K = 60;
/** Candidates each side brings to the fusion, per hit asked for (and at least MIN_POOL). */
const POOL_FACTOR = 4;
const MIN_POOL = 40;

/**
 * Entries in effect on @date, newest version only, with the optional matter and department
 * filters: the same for words and vectors, so a hybrid search never shows what BM25 would not.
 */
const IN_EFFECT = `e.effective_from <= @date
  AND (e.expires_on IS NULL OR e.expires_on >= @date)
  AND e.version = (SELECT max(x.version) FROM knowledge_entries x
                   WHERE x.entry_id = e.entry_id AND x.effective_from <= @date)
  AND (@matterCode IS NULL
       OR EXISTS (SELECT 1 FROM json_each(e.matter_codes) WHERE value = @matterCode))
  AND (@department IS NULL OR json_extract(e.document, '$.department') = @department)`;

const ENTRY_COLUMNS = `e.id, e.entry_id, e.version, e.kind, e.title, e.effective_from, e.expires_on,
  e.matter_codes, e.document`;

/** What an entry's embedding is computed from: what it is found by, title first. */
export function embeddingText(
  kind: 'policy' | 'qa',
  document: PolicyDocument | QaDocument,
): string {
  const text = indexedText(kind, document);
  return `${text.title}\n${text.body}`;
}

/** The text an entry is found by: its title (question and its variants) and its body. */
function indexedText(
  kind: 'policy' | 'qa',
  document: PolicyDocument | QaDocument,
): { title: string; body: string } {
  if (kind === 'policy') {
    const policy = document as PolicyDocument;
    return { title: `${policy.title} ${policy.documentNumber ?? ''}`, body: policy.body };
  }
  const qa = document as QaDocument;
  return {
    title: [qa.question, ...qa.variants].join(' '),
    body: `${qa.answer} ${qa.tags.join(' ')}`,
  };
}

/**
 * Retrieval over policies and Q&A: jieba words in an FTS5 index ranked by BM25 (titles count
 * three times), queries widened by synonyms, and only the versions in effect on the given date.
 */
export class KnowledgeIndex {
  constructor(
    private readonly db: Db,
    private readonly segmenter: Segmenter,
  ) {}

  /** Indexes one entry; the caller owns the transaction (the import's, so both commit together). */
  indexEntry(id: number, kind: 'policy' | 'qa', document: PolicyDocument | QaDocument): void {
    const text = indexedText(kind, document);
    this.db.prepare('DELETE FROM knowledge_fts WHERE rowid = ?').run(id);
    this.db
      .prepare('INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, ?, ?)')
      .run(
        id,
        this.segmenter.words(text.title).join(' '),
        this.segmenter.words(text.body).join(' '),
      );
    this.db.prepare('UPDATE knowledge_entries SET indexed = 1 WHERE id = ?').run(id);
  }

  /** Indexes every entry not indexed yet (from before the index existed); returns how many. */
  indexPending(): number {
    const pending = this.db
      .prepare('SELECT id, kind, document FROM knowledge_entries WHERE indexed = 0')
      .all() as { id: number; kind: 'policy' | 'qa'; document: string }[];
    inTransaction(this.db, () => {
      for (const row of pending) {
        this.indexEntry(row.id, row.kind, JSON.parse(row.document) as PolicyDocument | QaDocument);
      }
    });
    return pending.length;
  }

  /**
   * BM25 over the query's words; with `nearest` (the entries nearest to the query's embedding,
   * nearest first) the two rankings are fused by reciprocal rank, so an entry that says the same
   * thing in other words is found too. Both sides obey the same date, matter and department
   * filters. A query of empty words ("怎么办？") finds nothing either way.
   */
  search(
    input: ParsedInput<'knowledge.search'>,
    today: string,
    nearest?: VectorNeighbour[],
  ): KnowledgeHit[] {
    const groups = this.queryGroups(input.query);
    if (groups.length === 0) return [];
    const filters = {
      date: input.date ?? today,
      matterCode: input.matterCode ?? null,
      department: input.department ?? null,
    };
    const hybrid = nearest !== undefined && nearest.length > 0;
    const pool = hybrid ? Math.max(input.limit * POOL_FACTOR, MIN_POOL) : input.limit;
    const match = groups
      .map((terms) => `(${terms.map((term) => `"${term}"`).join(' OR ')})`)
      .join(' OR ');
    const lexical = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS}, bm25(knowledge_fts, 3.0, 1.0) AS score
         FROM knowledge_fts f JOIN knowledge_entries e ON e.id = f.rowid
         WHERE knowledge_fts MATCH @match AND ${IN_EFFECT}
         ORDER BY score
         LIMIT @limit`,
      )
      .all({ ...filters, match, limit: pool }) as EntryRow[];
    const weights = this.groupWeights(groups, this.segmenter.nouns(input.query));
    if (!hybrid) return lexical.map((row) => toHit(row, groups, weights));
    return this.fuse(lexical, this.vectorRows(nearest, filters, pool), input.limit).map(
      ({ row, lexicalRank, vectorRank, fused }) => ({
        ...toHit(row, groups, weights),
        lexicalRank,
        vectorRank,
        fusedScore: Math.round(fused * 1e6) / 1e6,
      }),
    );
  }

  /** The neighbours that pass the filters (in their order), at most `pool`; BM25 score 0. */
  private vectorRows(
    nearest: VectorNeighbour[],
    filters: { date: string; matterCode: string | null; department: string | null },
    pool: number,
  ): EntryRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS}, 0 AS score FROM knowledge_entries e
         WHERE e.id IN (SELECT value FROM json_each(@ids)) AND ${IN_EFFECT}`,
      )
      .all({
        ...filters,
        ids: JSON.stringify(nearest.map((neighbour) => neighbour.id)),
      }) as EntryRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return nearest
      .map((neighbour) => byId.get(neighbour.id))
      .filter((row): row is EntryRow => row !== undefined)
      .slice(0, pool);
  }

  /** Reciprocal rank fusion: Σ 1/(k + rank) over the rankings an entry appears in. */
  private fuse(
    lexical: EntryRow[],
    vector: EntryRow[],
    limit: number,
  ): { row: EntryRow; lexicalRank: number | null; vectorRank: number | null; fused: number }[] {
    const fused = new Map<
      number,
      { row: EntryRow; lexicalRank: number | null; vectorRank: number | null; fused: number }
    >();
    lexical.forEach((row, index) => {
      fused.set(row.id, { row, lexicalRank: index + 1, vectorRank: null, fused: 0 });
    });
    vector.forEach((row, index) => {
      const known = fused.get(row.id);
      if (known) known.vectorRank = index + 1;
      else fused.set(row.id, { row, lexicalRank: null, vectorRank: index + 1, fused: 0 });
    });
    const rank = (value: number | null): number => (value === null ? 0 : 1 / (RRF_K + value));
    for (const each of fused.values()) each.fused = rank(each.lexicalRank) + rank(each.vectorRank);
    // Ties (an entry first in one ranking only, against one first in the other) go to BM25:
    // words the clerk typed are the stronger evidence.
    return [...fused.values()]
      .sort(
        (a, b) =>
          b.fused - a.fused ||
          (a.lexicalRank ?? Infinity) - (b.lexicalRank ?? Infinity) ||
          (a.vectorRank ?? Infinity) - (b.vectorRank ?? Infinity),
      )
      .slice(0, limit);
  }

  /**
   * Per word group: how many entries contain it (its most common form), and its inverse document
   * frequency, so a word found in few entries says more about the question than a common one.
   */
  private groupWeights(
    groups: string[][],
    nouns: Set<string>,
  ): { documents: number; weight: number }[] {
    const entries = (
      this.db.prepare('SELECT count(*) AS n FROM knowledge_fts').get() as { n: number }
    ).n;
    const frequency = this.db.prepare('SELECT doc FROM knowledge_fts_vocab WHERE term = ?');
    return groups.map((group) => {
      const documents = Math.max(
        0,
        ...group.map((term) => (frequency.get(term) as { doc: number } | undefined)?.doc ?? 0),
      );
      // A noun the knowledge base never mentions is most likely what the question is about
      // (护照, 驾驶证): it weighs as the rarest word. Other unknown words are mostly colloquial
      // filler and weigh as a common one.
      if (documents > 0) return { documents, weight: Math.log(1 + entries / (1 + documents)) };
      return { documents, weight: nouns.has(group[0] ?? '') ? Math.log(1 + entries) : 1 };
    });
  }

  /** The query's meaningful words, each with its synonyms: one OR-group per word. */
  queryGroups(query: string): string[][] {
    const words = [...new Set(this.segmenter.words(query))].filter((word) => !stopWords.has(word));
    const synonyms = this.db.prepare(
      `SELECT DISTINCT s2.term FROM knowledge_synonyms s1
       JOIN knowledge_synonyms s2 ON s2.group_name = s1.group_name WHERE s1.term = ?`,
    );
    return words.map((word) => {
      const related = (synonyms.all(word) as { term: string }[]).map((row) => row.term);
      // Synonyms are indexed as jieba words too: 营业执照 is also 营业 + 执照.
      return [
        ...new Set([word, ...related.flatMap((term) => [term, ...this.segmenter.words(term)])]),
      ].map((term) => term.replaceAll('"', ''));
    });
  }
}

function toHit(
  row: EntryRow,
  groups: string[][],
  weights: { documents: number; weight: number }[],
): KnowledgeHit {
  const document = JSON.parse(row.document) as PolicyDocument | QaDocument;
  const text =
    row.kind === 'policy' ? (document as PolicyDocument).body : (document as QaDocument).answer;
  const indexed = indexedText(row.kind, document);
  const searchable = `${indexed.title} ${indexed.body}`;
  const covered = groups.map((group) => group.some((term) => searchable.includes(term)));
  return {
    entryId: row.entry_id,
    version: row.version,
    kind: row.kind,
    title: row.title,
    snippet: snippet(text, groups.flat()),
    effectiveFrom: row.effective_from,
    expiresOn: row.expires_on,
    matters: JSON.parse(row.matter_codes) as string[],
    department: document.department ?? null,
    sources: row.kind === 'qa' ? (document as QaDocument).sources : [],
    // BM25 in SQLite is "lower is better"; turn it around so higher means more relevant. An
    // entry only the vector search found has none (0, not -0).
    score: row.score === 0 ? 0 : Math.round(-row.score * 1000) / 1000,
    ...coverageOf(covered, weights),
  };
}

/**
 * How much of the question an entry covers, two ways (0–1 each). `coverage`: the share of the
 * question's words known to the knowledge base that the entry contains — colloquial words found
 * nowhere ("侄子", "接着干") neither help nor hurt. `weightedCoverage`: weighted by rarity, where a
 * noun found nowhere weighs as the rarest word (the question is about something the base never
 * mentions) and other words found nowhere as a common one.
 */
function coverageOf(
  covered: boolean[],
  weights: { documents: number; weight: number }[],
): { coverage: number; weightedCoverage: number } {
  let known = 0;
  let knownCovered = 0;
  let total = 0;
  let weightedCovered = 0;
  for (const [index, isCovered] of covered.entries()) {
    const { documents, weight } = weights[index] ?? { documents: 0, weight: 0 };
    total += weight;
    if (isCovered) weightedCovered += weight;
    if (documents > 0) {
      known += 1;
      if (isCovered) knownCovered += 1;
    }
  }
  const share = (part: number, whole: number): number =>
    whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0;
  return { coverage: share(knownCovered, known), weightedCoverage: share(weightedCovered, total) };
}

/** About 120 characters of `text` around the first query term it contains. */
function snippet(text: string, terms: string[]): string {
  const positions = terms.map((term) => text.indexOf(term)).filter((position) => position >= 0);
  const first = positions.length > 0 ? Math.min(...positions) : 0;
  const start = Math.max(0, first - 30);
  const end = Math.min(text.length, start + 120);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** What a citation keeps of a hit: enough to name the entry, its version and date, and open it. */
export function citationOf(hit: KnowledgeHit): Citation {
  return {
    entryId: hit.entryId,
    version: hit.version,
    kind: hit.kind,
    title: hit.title,
    effectiveFrom: hit.effectiveFrom,
    snippet: hit.snippet,
  };
}
