import type { MatterSummary } from '@shared/api';
import type { MatterDocument, PolicyDocument, QaDocument } from '@shared/knowledge/format';
import type { Db } from '../db/connection';

interface MatterRow {
  id: number;
  code: string;
  version: number;
  effective_from: string;
  name: string;
  department: string;
  level: MatterSummary['level'];
  subject_kind: MatterSummary['subjectKind'];
  high_frequency: number;
  promised_days: number;
  pinyin_initials: string;
  document: string;
  material_count: number;
  review_point_count: number;
}

export interface StoredMatter extends MatterSummary {
  document: MatterDocument;
}

function toMatter(row: MatterRow): StoredMatter {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    effectiveFrom: row.effective_from,
    name: row.name,
    department: row.department,
    level: row.level,
    subjectKind: row.subject_kind,
    highFrequency: row.high_frequency === 1,
    promisedDays: row.promised_days,
    pinyinInitials: row.pinyin_initials,
    materialCount: row.material_count,
    reviewPointCount: row.review_point_count,
    document: JSON.parse(row.document) as MatterDocument,
  };
}

const matterColumns = `m.*,
  (SELECT count(*) FROM matter_materials mm WHERE mm.matter_id = m.id) AS material_count,
  (SELECT count(*) FROM matter_review_points rp WHERE rp.matter_id = m.id) AS review_point_count`;

/** The version of each matter in effect on a date: the newest one already effective. */
const inEffect = `m.effective_from <= @today AND m.version = (
  SELECT max(x.version) FROM matters x WHERE x.code = m.code AND x.effective_from <= @today)`;

/** SQL for the catalogue and knowledge entries; callers own the transactions. */
export class KnowledgeRepository {
  constructor(private readonly db: Db) {}

  insertImport(record: {
    fileName: string;
    sha256: string;
    importedBy: string;
    at: string;
  }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO knowledge_imports (file_name, sha256, imported_by, imported_at, summary)
           VALUES (?, ?, ?, ?, '{}')`,
        )
        .run(record.fileName, record.sha256, record.importedBy, record.at).lastInsertRowid,
    );
  }

  setImportSummary(id: number, summary: unknown): void {
    this.db
      .prepare('UPDATE knowledge_imports SET summary = ? WHERE id = ?')
      .run(JSON.stringify(summary), id);
  }

  imports(): {
    id: number;
    file_name: string;
    sha256: string;
    imported_by: string;
    imported_at: string;
    summary: string;
  }[] {
    return this.db
      .prepare('SELECT * FROM knowledge_imports ORDER BY id DESC LIMIT 200')
      .all() as ReturnType<KnowledgeRepository['imports']>;
  }

  /** Every version of every item, oldest first per code: what `bangban export` writes. */
  allDocuments(): { matters: unknown[]; policies: unknown[]; qa: unknown[] } {
    const matters = this.db
      .prepare('SELECT document FROM matters ORDER BY code, version')
      .all() as {
      document: string;
    }[];
    const entries = this.db
      .prepare('SELECT kind, document FROM knowledge_entries ORDER BY entry_id, version')
      .all() as { kind: 'policy' | 'qa'; document: string }[];
    const parse = (row: { document: string }): unknown => JSON.parse(row.document);
    return {
      matters: matters.map(parse),
      policies: entries.filter((row) => row.kind === 'policy').map(parse),
      qa: entries.filter((row) => row.kind === 'qa').map(parse),
    };
  }

  importedSha256s(): Set<string> {
    const rows = this.db.prepare('SELECT DISTINCT sha256 FROM knowledge_imports').all() as {
      sha256: string;
    }[];
    return new Set(rows.map((row) => row.sha256));
  }

  matterHash(code: string, version: number): string | undefined {
    const row = this.db
      .prepare('SELECT content_hash FROM matters WHERE code = ? AND version = ?')
      .get(code, version) as { content_hash: string } | undefined;
    return row?.content_hash;
  }

  newestMatterVersion(code: string): number | undefined {
    const row = this.db
      .prepare('SELECT max(version) AS v FROM matters WHERE code = ?')
      .get(code) as {
      v: number | null;
    };
    return row.v ?? undefined;
  }

  matterCodeExists(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM matters WHERE code = ? LIMIT 1').get(code) !== undefined;
  }

  insertMatter(
    matter: MatterDocument,
    extra: { pinyinInitials: string; searchText: string; contentHash: string; importId: number },
  ): void {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO matters (code, version, effective_from, name, department, level, subject_kind,
             high_frequency, promised_days, pinyin_initials, search_text, content_hash, document, import_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          matter.code,
          matter.version,
          matter.effectiveFrom,
          matter.name,
          matter.department,
          matter.level,
          matter.subjectKind,
          Number(matter.highFrequency),
          matter.promisedDays,
          extra.pinyinInitials,
          extra.searchText,
          extra.contentHash,
          JSON.stringify(matter),
          extra.importId,
        ).lastInsertRowid,
    );
    const material = this.db.prepare(
      'INSERT INTO matter_materials (matter_id, position, code, name, document) VALUES (?, ?, ?, ?, ?)',
    );
    matter.materials.forEach((item, position) => {
      material.run(id, position, item.code, item.name, JSON.stringify(item));
    });
    const point = this.db.prepare(
      `INSERT INTO matter_review_points (matter_id, position, code, kind, material_code, document)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    matter.reviewPoints.forEach((item, position) => {
      point.run(id, position, item.code, item.kind, item.material ?? null, JSON.stringify(item));
    });
  }

  entryHash(entryId: string, version: number): string | undefined {
    const row = this.db
      .prepare('SELECT content_hash FROM knowledge_entries WHERE entry_id = ? AND version = ?')
      .get(entryId, version) as { content_hash: string } | undefined;
    return row?.content_hash;
  }

  newestEntryVersion(entryId: string): number | undefined {
    const row = this.db
      .prepare('SELECT max(version) AS v FROM knowledge_entries WHERE entry_id = ?')
      .get(entryId) as { v: number | null };
    return row.v ?? undefined;
  }

  /** One version of a policy or Q&A entry as imported. */
  entry(
    entryId: string,
    version: number,
  ):
    | { kind: 'policy'; document: PolicyDocument }
    | { kind: 'qa'; document: QaDocument }
    | undefined {
    const row = this.db
      .prepare('SELECT kind, document FROM knowledge_entries WHERE entry_id = ? AND version = ?')
      .get(entryId, version) as { kind: 'policy' | 'qa'; document: string } | undefined;
    if (!row) return undefined;
    return row.kind === 'policy'
      ? { kind: 'policy', document: JSON.parse(row.document) as PolicyDocument }
      : { kind: 'qa', document: JSON.parse(row.document) as QaDocument };
  }

  /** The text an entry answers with: a Q&A's answer or a policy's body. */
  entryText(entryId: string, version: number): string | undefined {
    const entry = this.entry(entryId, version);
    if (!entry) return undefined;
    return entry.kind === 'qa' ? entry.document.answer : entry.document.body;
  }

  insertEntry(
    entry: { kind: 'policy'; document: PolicyDocument } | { kind: 'qa'; document: QaDocument },
    extra: { contentHash: string; importId: number },
  ): number {
    const document = entry.document;
    const title = entry.kind === 'policy' ? entry.document.title : entry.document.question;
    const result = this.db
      .prepare(
        `INSERT INTO knowledge_entries (entry_id, version, kind, title, effective_from, expires_on,
           matter_codes, content_hash, document, import_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        document.id,
        document.version,
        entry.kind,
        title,
        document.effectiveFrom,
        document.expiresOn ?? null,
        JSON.stringify(document.matters),
        extra.contentHash,
        JSON.stringify(document),
        extra.importId,
      );
    return Number(result.lastInsertRowid);
  }

  /** Matters in effect on `today`, for the search screen (small: a hall has hundreds). */
  mattersInEffect(today: string): (StoredMatter & { searchText: string })[] {
    const rows = this.db
      .prepare(
        `SELECT ${matterColumns} FROM matters m WHERE ${inEffect} ORDER BY m.high_frequency DESC, m.name`,
      )
      .all({ today }) as (MatterRow & { search_text: string })[];
    return rows.map((row) => ({ ...toMatter(row), searchText: row.search_text }));
  }

  /** Names and flags of the matters in effect, without their documents (cheap, for lists). */
  matterNamesInEffect(
    today: string,
  ): { code: string; name: string; department: string; highFrequency: boolean }[] {
    return (
      this.db
        .prepare(
          `SELECT m.code, m.name, m.department, m.high_frequency AS highFrequency
           FROM matters m WHERE ${inEffect}`,
        )
        .all({ today }) as {
        code: string;
        name: string;
        department: string;
        highFrequency: number;
      }[]
    ).map((row) => ({ ...row, highFrequency: row.highFrequency === 1 }));
  }

  matterById(id: number): StoredMatter | undefined {
    const row = this.db.prepare(`SELECT ${matterColumns} FROM matters m WHERE m.id = ?`).get(id) as
      MatterRow | undefined;
    return row && toMatter(row);
  }

  isInEffect(id: number, today: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM matters m WHERE m.id = @id AND ${inEffect}`)
        .get({ id, today }) !== undefined
    );
  }

  versionsOf(code: string): { id: number; version: number; effectiveFrom: string }[] {
    return this.db
      .prepare(
        'SELECT id, version, effective_from AS effectiveFrom FROM matters WHERE code = ? ORDER BY version DESC',
      )
      .all(code) as { id: number; version: number; effectiveFrom: string }[];
  }

  counts(): { matters: number; entries: number; lastImportAt: string | null } {
    return this.db
      .prepare(
        `SELECT (SELECT count(DISTINCT code) FROM matters) AS matters,
                (SELECT count(DISTINCT entry_id) FROM knowledge_entries) AS entries,
                (SELECT max(imported_at) FROM knowledge_imports) AS lastImportAt`,
      )
      .get() as { matters: number; entries: number; lastImportAt: string | null };
  }
}
