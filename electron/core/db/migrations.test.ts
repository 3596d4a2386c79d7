import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { bundledMigrations, migrate, schemaVersion } from './migrations';

function freshDb(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

describe('migrations', () => {
  it('are numbered without gaps and every table is STRICT', () => {
    const migrations = bundledMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    const db = freshDb();
    migrate(db);
    const plain = db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%STRICT%'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'`,
      )
      .all();
    expect(plain).toEqual([]);
  });

  it('0001 creates users, sessions, settings and the outbox on an empty database', () => {
    const db = freshDb();
    expect(migrate(db, bundledMigrations(), 1)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['users', 'sessions', 'settings', 'outbox']));
    expect(() =>
      db
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
           VALUES ('a', 'A', 'janitor', 'h', 't', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('0002 adds the knowledge tables and keeps existing users', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 1);
    db.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('admin', '管理员', 'admin', 'h', 't', 't')`,
    ).run();
    expect(migrate(db, bundledMigrations(), 2)).toBe(2);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'knowledge_imports',
        'matters',
        'matter_materials',
        'knowledge_entries',
      ]),
    );
    expect(db.prepare('SELECT username FROM users').all()).toEqual([{ username: 'admin' }]);
  });

  it('0003 adds cases on top of an existing catalogue', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 2);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES (1, 'clerk', '窗口', 'clerk', 'h', 't', 't')`,
    ).run();
    db.prepare(
      "INSERT INTO knowledge_imports (id, file_name, sha256, imported_by, imported_at, summary) VALUES (1, 'f', 's', 'x', 't', '{}')",
    ).run();
    db.prepare(
      `INSERT INTO matters (id, code, version, effective_from, name, department, level, subject_kind,
         high_frequency, promised_days, pinyin_initials, search_text, content_hash, document, import_id)
       VALUES (1, 'M', 1, '2026-01-01', '事项', '部门', 'county', 'person', 0, 5, 'sx', 's', 'h', '{}', 1)`,
    ).run();
    expect(migrate(db, bundledMigrations(), 3)).toBe(3);
    db.prepare(
      "INSERT INTO applicants (id, kind, id_number, name, created_at, updated_at) VALUES (1, 'person', 'x', '张三', 't', 't')",
    ).run();
    db.prepare(
      `INSERT INTO cases (reference, matter_id, applicant_id, status, created_by, created_at, updated_at)
       VALUES ('BB1', 1, 1, 'intake', 1, 't', 't')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO cases (reference, matter_id, applicant_id, status, created_by, created_at, updated_at)
           VALUES ('BB2', 99, 1, 'intake', 1, 't', 't')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('0004 snapshots the applicant onto existing cases', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 3);
    db.exec(`
      INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
        VALUES (1, 'clerk', '窗口', 'clerk', 'h', 't', 't');
      INSERT INTO knowledge_imports (id, file_name, sha256, imported_by, imported_at, summary)
        VALUES (1, 'f', 's', 'x', 't', '{}');
      INSERT INTO matters (id, code, version, effective_from, name, department, level, subject_kind,
          high_frequency, promised_days, pinyin_initials, search_text, content_hash, document, import_id)
        VALUES (1, 'M', 1, '2026-01-01', '事项', '部门', 'county', 'person', 0, 5, 'sx', 's', 'h', '{}', 1);
      INSERT INTO applicants (id, kind, id_number, name, phone, created_at, updated_at)
        VALUES (1, 'person', '11010519491231002X', '张伟', '13800138000', 't', 't');
      INSERT INTO cases (reference, matter_id, applicant_id, status, created_by, created_at, updated_at)
        VALUES ('BB1', 1, 1, 'intake', 1, 't', 't');
    `);
    expect(migrate(db, bundledMigrations(), 4)).toBe(4);
    const row = db.prepare('SELECT applicant_snapshot AS snapshot FROM cases').get() as {
      snapshot: string;
    };
    expect(JSON.parse(row.snapshot)).toEqual({
      kind: 'person',
      name: '张伟',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      legalRepresentative: null,
      address: null,
    });
  });

  it('0005 adds the search index, marks existing entries for indexing and seeds synonyms', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 4);
    db.exec(`
      INSERT INTO knowledge_imports (id, file_name, sha256, imported_by, imported_at, summary)
        VALUES (1, 'f', 's', 'x', 't', '{}');
      INSERT INTO knowledge_entries (entry_id, version, kind, title, effective_from, matter_codes,
          content_hash, document, import_id)
        VALUES ('QA-1', 1, 'qa', '问', '2026-01-01', '[]', 'h', '{}', 1);
    `);
    expect(migrate(db, bundledMigrations(), 5)).toBe(5);
    expect(db.prepare('SELECT indexed FROM knowledge_entries').get()).toEqual({ indexed: 0 });
    expect(tables(db)).toEqual(expect.arrayContaining(['knowledge_fts', 'knowledge_synonyms']));
    const group = db.prepare("SELECT group_name FROM knowledge_synonyms WHERE term = '执照'").get();
    expect(group).toEqual({ group_name: '营业执照' });
  });

  it('0006 adds review rounds, notices and knowledge gaps beside existing cases', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 5);
    const before = tables(db);
    expect(migrate(db, bundledMigrations(), 6)).toBe(6);
    expect(
      tables(db)
        .filter((name) => !before.includes(name))
        .sort(),
    ).toEqual([
      'case_material_fields',
      'copilot_answers',
      'copilot_conversations',
      'correction_notices',
      'knowledge_fts_vocab',
      'knowledge_gaps',
      'review_decisions',
      'review_suggestions',
      'reviews',
    ]);
    // One open gap per question: the same question asked again counts an occurrence instead.
    db.exec(`INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
             VALUES (1, 'a', 'A', 'admin', 'h', 't', 't')`);
    const gap = db.prepare(
      `INSERT INTO knowledge_gaps (question, question_key, reason, raised_by, raised_at, status)
       VALUES ('问', '问', 'no_basis', 1, 't', ?)`,
    );
    gap.run('open');
    gap.run('closed');
    expect(() => gap.run('open')).toThrow(/UNIQUE/);
  });

  it('0007 adds the record of the vectors’ model, one row at most, beside existing entries', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 6);
    db.exec(`
      INSERT INTO knowledge_imports (id, file_name, sha256, imported_by, imported_at, summary)
        VALUES (1, 'f', 's', 'x', 't', '{}');
      INSERT INTO knowledge_entries (entry_id, version, kind, title, effective_from, matter_codes,
          content_hash, document, import_id)
        VALUES ('QA-1', 1, 'qa', '问', '2026-01-01', '[]', 'h', '{}', 1);
    `);
    const before = tables(db);
    expect(migrate(db, bundledMigrations(), 7)).toBe(7);
    expect(tables(db).filter((name) => !before.includes(name))).toEqual(['knowledge_vector_model']);
    expect(db.prepare('SELECT count(*) AS n FROM knowledge_entries').get()).toEqual({ n: 1 });
    const record = db.prepare(
      `INSERT INTO knowledge_vector_model (id, model, dimensions, created_at) VALUES (?, 'm.gguf', ?, 't')`,
    );
    record.run(1, 512);
    expect(() => record.run(2, 512)).toThrow(/CHECK/);
    expect(() => db.exec('DELETE FROM knowledge_vector_model; ')).not.toThrow();
    expect(() => record.run(1, 0)).toThrow(/CHECK/);
  });

  it('0008 adds the append-only audit log and names the terminal once', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 7);
    db.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('admin', '管理员', 'admin', 'h', 't', 't')`,
    ).run();
    expect(migrate(db, bundledMigrations(), 8)).toBe(8);
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
    const terminal = db.prepare('SELECT terminal_id FROM terminal_identity').all() as {
      terminal_id: string;
    }[];
    expect(terminal).toHaveLength(1);
    expect(terminal[0]?.terminal_id).toMatch(/^[0-9a-f]{16}$/);
    const append = db.prepare(
      `INSERT INTO audit_log (seq, at, user_id, actor, terminal, action, subject, outcome, detail,
         prev_hash, hash) VALUES (?, 't', 1, 'admin', 'pc', 'auth.signIn', 'user:admin', ?, ?, 'p', ?)`,
    );
    append.run(1, 'success', '{}', 'h1');
    expect(() => append.run(2, 'maybe', '{}', 'h2')).toThrow(/CHECK/);
    expect(() => append.run(2, 'success', 'not json', 'h2')).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE audit_log SET actor = 'someone else'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM audit_log').all()).toEqual([{ actor: 'admin' }]);
  });

  it('0009 adds the purge report beside an existing audit log', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 8);
    const before = tables(db);
    expect(migrate(db, bundledMigrations(), 9)).toBe(9);
    expect(tables(db).filter((name) => !before.includes(name))).toEqual(['retention_purges']);
    const insert = db.prepare(
      `INSERT INTO retention_purges (at, cutoff, retention_months, trigger, cases, applicants)
       VALUES ('t', 'c', ?, ?, 0, 0)`,
    );
    insert.run(36, 'scheduled');
    expect(() => insert.run(36, 'whenever')).toThrow(/CHECK/);
    expect(() => insert.run(0, 'manual')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM terminal_identity').get()).toEqual({ n: 1 });
  });

  it('0010 adds attachments whose key must be 32 bytes', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 9);
    const before = tables(db);
    expect(migrate(db, bundledMigrations(), 10)).toBe(10);
    expect(tables(db).filter((name) => !before.includes(name))).toEqual(['attachments']);
    db.exec(`
      INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
        VALUES (1, 'admin', '管理员', 'admin', 'h', 't', 't');
    `);
    const insert = db.prepare(
      `INSERT INTO attachments (case_id, file_name, media_type, size_bytes, sha256, file_key,
         added_by, added_at) VALUES (1, 'a.png', 'image/png', 1, 's', ?, 1, 't')`,
    );
    // No case 1 exists: the key's length is what is under test here.
    db.pragma('foreign_keys = OFF');
    expect(() => insert.run(Buffer.alloc(16))).toThrow(/CHECK/);
    expect(() => insert.run(Buffer.alloc(32))).not.toThrow();
  });

  it('0011 adds walks and rebuilds attachments with one owner, keeping each one', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 10);
    db.pragma('foreign_keys = OFF');
    db.exec(`
      INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
        VALUES (1, 'admin', '管理员', 'admin', 'h', 't', 't');
      INSERT INTO attachments (id, case_id, material_code, file_name, media_type, size_bytes,
        sha256, file_key, added_by, added_at)
        VALUES (7, 3, 'M01', 'a.png', 'image/png', 5, 's', zeroblob(32), 1, 't');
    `);
    const before = tables(db);
    expect(migrate(db, bundledMigrations(), 11)).toBe(11);
    expect(tables(db).filter((name) => !before.includes(name))).toEqual([
      'findings',
      'rectification_notes',
      'rectifications',
      'unit_leaders',
      'unit_matters',
      'units',
      'unresolved_reports',
      'walk_events',
      'walk_notes',
      'walk_stages',
      'walks',
    ]);
    expect(
      db.prepare('SELECT id, case_id, material_code, size_bytes FROM attachments').all(),
    ).toEqual([{ id: 7, case_id: 3, material_code: 'M01', size_bytes: 5 }]);
    const insert = db.prepare(
      `INSERT INTO attachments (case_id, finding_id, file_name, media_type, size_bytes, sha256,
         file_key, added_by, added_at) VALUES (?, ?, 'b.png', 'image/png', 1, 's', zeroblob(32), 1, 't')`,
    );
    expect(() => insert.run(null, null)).toThrow(/CHECK/);
    expect(() => insert.run(3, 4)).toThrow(/CHECK/);
    expect(() => insert.run(null, 4)).not.toThrow();
    // A finding comes from a walk or from a report, exactly one.
    expect(() =>
      db.exec(`INSERT INTO findings (uid, unit_id, matter_name, category, severity, description,
        leader_id, year, created_at) VALUES ('u', 1, 'm', 'other', 'low', 'd', 1, 2026, 't')`),
    ).toThrow(/CHECK/);
  });

  it('0012 numbers the existing outbox in order, gives it clocks and starts the sequence after it', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 11);
    db.exec(`
      INSERT INTO outbox (id, idempotency_key, entity, entity_id, operation, payload, created_at, pushed_at)
      VALUES (4, 'k4', 'case', 'A', 'create', '{}', '2026-11-20T08:00:00.000Z', NULL),
             (9, 'k9', 'case', 'A', 'complete', '{}', '2026-11-20T08:00:00.000Z', NULL),
             (12, 'k12', 'walk', 'w', 'start', '{}', '2026-11-21T09:30:00.500Z', '2026-11-21T10:00:00.000Z');
    `);
    expect(migrate(db, bundledMigrations(), 12)).toBe(12);
    const rows = db.prepare('SELECT id, seq, hlc, pushed_at FROM outbox ORDER BY id').all() as {
      id: number;
      seq: number;
      hlc: string;
      pushed_at: string | null;
    }[];
    expect(rows.map((row) => [row.id, row.seq])).toEqual([
      [4, 1],
      [9, 2],
      [12, 3],
    ]);
    // Same millisecond, still ordered; the clocks read back as the creation times.
    const hlcs = rows.map((row) => row.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(3);
    expect(Number(hlcs[2]?.slice(0, 15))).toBe(Date.parse('2026-11-21T09:30:00.500Z'));
    expect(rows[2]?.pushed_at).toBe('2026-11-21T10:00:00.000Z');
    const state = db.prepare('SELECT node, hlc, next_seq, acked_seq FROM sync_state').get() as {
      node: string;
      hlc: string;
      next_seq: number;
      acked_seq: number;
    };
    expect(state).toMatchObject({ hlc: hlcs[2], next_seq: 4, acked_seq: 0 });
    expect(state.node).toMatch(/^n[0-9a-f]{12}$/);
    expect(() =>
      db.exec(`INSERT INTO outbox (seq, idempotency_key, entity, entity_id, operation, payload, hlc, created_at)
        VALUES (3, 'k13', 'case', 'B', 'create', '{}', 'h', 't')`),
    ).toThrow(/UNIQUE/);
  });

  it('0013 rebuilds findings with their origin, keeping ids and what points at them', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 12);
    db.exec(`
      INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
        VALUES (1, 'leader', '领导', 'leader', 'h', 't', 't');
      INSERT INTO units (id, uid, name, kind, created_at, updated_at)
        VALUES (1, 'u1', '县政务服务中心', 'hall', 't', 't');
      INSERT INTO unresolved_reports (id, uid, unit_id, matter_name, need, reason, filed_by, filed_at)
        VALUES (3, 'rep', 1, '事项', '办理证明', '系统不通', 1, 't');
      INSERT INTO findings (id, uid, unresolved_report_id, unit_id, matter_name, category, severity,
        description, leader_id, year, created_at)
        VALUES (9, 'f9', 3, 1, '事项', 'other', 'low', '描述', 1, 2026, 't');
      INSERT INTO rectifications (id, uid, finding_id, action, owner_unit_id, owner_person,
        due_working_days, due_date, state, created_by, created_at, updated_at)
        VALUES (4, 'r4', 9, '整改', 1, '张三', 5, '2026-12-01', 'pending', 1, 't', 't');
    `);
    expect(migrate(db, bundledMigrations(), 13)).toBe(13);
    expect(db.prepare('SELECT id, uid, origin FROM findings').all()).toEqual([
      { id: 9, uid: 'f9', origin: 'local' },
    ]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The rectification still points at its finding, and the keys are enforced again.
    expect(() => db.exec('DELETE FROM findings WHERE id = 9')).toThrow(/FOREIGN KEY/);
    const insert = (origin: string) =>
      db
        .prepare(
          `INSERT INTO findings (uid, unit_id, matter_name, category, severity, description,
             leader_id, year, created_at, origin) VALUES (?, 1, 'm', 'other', 'low', 'd', 1, 2026, 't', ?)`,
        )
        .run(`x-${origin}`, origin);
    expect(() => insert('local')).toThrow(/CHECK/);
    expect(() => insert('hub')).not.toThrow();
  });

  it('0014 adds remote sessions and their events beside existing cases', () => {
    const db = freshDb();
    migrate(db, bundledMigrations(), 13);
    db.exec(`
      INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
        VALUES (1, 'clerk', '张三', 'clerk', 'h', 't', 't');
    `);
    expect(migrate(db, bundledMigrations(), 14)).toBe(14);
    const insert = db.prepare(
      `INSERT INTO remote_sessions (id, role, case_id, case_ref, participant_id, started_by, started_at)
       VALUES (?, ?, NULL, '{}', 'p', 1, 't')`,
    );
    insert.run('s1', 'expert');
    expect(() => insert.run('s2', 'observer')).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO remote_session_events (session_id, at, kind, actor, data) VALUES ('s1', 't', 'joined', '王', '{}')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO remote_session_events (session_id, at, kind, actor, data) VALUES ('nope', 't', 'x', 'y', '{}')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database newer than the engine', () => {
    const db = freshDb();
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer than this engine/);
    expect(schemaVersion(db)).toBe(999);
  });

  it('leaves the database at the last whole version when a migration fails', () => {
    const db = freshDb();
    const broken = [
      ...bundledMigrations().slice(0, 1),
      { version: 2, name: 'broken', sql: 'CREATE TABLE x (a INT) STRICT; SELECT nonsense(' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('x');
  });
});
