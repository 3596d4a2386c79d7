import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiError,
  MAX_ATTACHMENT_BYTES,
  type Attachment,
  type AttachmentOwner,
  type attachmentMediaTypes,
} from '@shared/api';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { writeFileAtomically } from '../db/durable-files';
import { appendOutbox } from '../db/outbox';

export const ATTACHMENT_FOLDER = 'attachments';
/** File layout: magic, IV, GCM tag, ciphertext. */
const MAGIC = Buffer.from('BBATT1\0\0');

interface AttachmentRow {
  id: number;
  case_id: number | null;
  finding_id: number | null;
  rectification_id: number | null;
  material_code: string | null;
  file_name: string;
  media_type: (typeof attachmentMediaTypes)[number];
  size_bytes: number;
  sha256: string;
  file_key: Buffer;
  added_by: number;
  added_at: string;
}

/** The owner's table and column: fixed text, never built from input. */
const owners = [
  { key: 'caseId', column: 'case_id', table: 'cases' },
  { key: 'findingId', column: 'finding_id', table: 'findings' },
  { key: 'rectificationId', column: 'rectification_id', table: 'rectifications' },
] as const;

function ownerColumn(owner: AttachmentOwner): { column: string; table: string; id: number } {
  for (const { key, column, table } of owners) {
    const id = owner[key];
    if (id !== undefined) return { column, table, id };
  }
  throw new ApiError('INVALID_INPUT', { path: ['caseId'] });
}

/**
 * Scans and photos kept with a case, and evidence of findings and rectifications, each encrypted with its own random key (AES-256-GCM). The
 * key is stored in the (encrypted) database row, never beside the file: a copied attachments
 * folder is noise, and removing the row destroys the only key ("crypto-shredding").
 */
export class AttachmentStore {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {}

  private get folder(): string {
    return join(this.dataDir, ATTACHMENT_FOLDER);
  }

  add(input: {
    owner: AttachmentOwner;
    materialCode: string | undefined;
    fileName: string;
    mediaType: (typeof attachmentMediaTypes)[number];
    content: Buffer;
    addedBy: number;
  }): Attachment {
    if (input.content.length > MAX_ATTACHMENT_BYTES)
      throw new ApiError('INVALID_INPUT', {
        path: ['contentBase64'],
        message: { zh: '文件不能超过 10 MB', en: 'The file may not exceed 10 MB' },
      });
    const owner = ownerColumn(input.owner);
    if (!this.db.prepare(`SELECT 1 FROM ${owner.table} WHERE id = ?`).get(owner.id))
      throw new ApiError('NOT_FOUND', {
        path: [owners.find((o) => o.column === owner.column)?.key ?? 'caseId'],
      });
    const fileKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', fileKey, iv);
    const body = Buffer.concat([cipher.update(input.content), cipher.final()]);
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    // The row and the file appear together: the file is written under a temporary name inside
    // the transaction and renamed just before it commits; a crash leaves at most a stray temp.
    return inTransaction(this.db, () => {
      const at = this.clock.now().toISOString();
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO attachments (case_id, finding_id, rectification_id, material_code,
             file_name, media_type, size_bytes, sha256, file_key, added_by, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.owner.caseId ?? null,
          input.owner.findingId ?? null,
          input.owner.rectificationId ?? null,
          input.materialCode ?? null,
          input.fileName,
          input.mediaType,
          input.content.length,
          createHash('sha256').update(input.content).digest('hex'),
          fileKey,
          input.addedBy,
          at,
        );
      const id = Number(lastInsertRowid);
      this.shareEvidence(id, input.owner, at);
      writeFileAtomically(this.fileOf(id), Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
      return this.summary(this.row(id));
    });
  }

  /** What an attachment belongs to, without reading its file. */
  describe(id: number): Attachment {
    return this.summary(this.row(id));
  }

  /**
   * Evidence of findings and rectifications goes to the hub like the rest of a walk (its
   * description here; the bytes travel with sync). A case's scans stay in the hall.
   */
  private shareEvidence(id: number, owner: AttachmentOwner, at: string): void {
    const { table, id: ownerId } = ownerColumn(owner);
    if (table === 'cases') return;
    const row = this.row(id);
    const ownerUid = (
      this.db.prepare(`SELECT uid FROM ${table} WHERE id = ?`).get(ownerId) as { uid: string }
    ).uid;
    appendOutbox(this.db, {
      entity: 'evidence',
      entityId: `${ownerUid}/${row.sha256}`,
      operation: 'add',
      payload: {
        owner: { [table === 'findings' ? 'finding' : 'rectification']: ownerUid },
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
      },
      at,
    });
  }

  list(owner: AttachmentOwner): Attachment[] {
    const { column, id } = ownerColumn(owner);
    return (
      this.db
        .prepare(`SELECT * FROM attachments WHERE ${column} = ? ORDER BY id`)
        .all(id) as AttachmentRow[]
    ).map((row) => this.summary(row));
  }

  /** The decrypted file; a file altered on disk fails its GCM tag and is refused. */
  read(id: number): { attachment: Attachment; content: Buffer } {
    const row = this.row(id);
    const file = this.fileOf(id);
    if (!existsSync(file))
      throw new ApiError('NOT_FOUND', {
        message: { zh: '附件文件已丢失', en: 'The attachment file is missing' },
      });
    const bytes = readFileSync(file);
    try {
      const iv = bytes.subarray(MAGIC.length, MAGIC.length + 12);
      const tag = bytes.subarray(MAGIC.length + 12, MAGIC.length + 28);
      const decipher = createDecipheriv('aes-256-gcm', row.file_key, iv);
      decipher.setAuthTag(tag);
      const content = Buffer.concat([
        decipher.update(bytes.subarray(MAGIC.length + 28)),
        decipher.final(),
      ]);
      return { attachment: this.summary(row), content };
    } catch {
      throw new ApiError('CONFLICT', {
        message: {
          zh: '附件文件已损坏或被改动，无法打开',
          en: 'The attachment file is damaged or was altered',
        },
      });
    }
  }

  /**
   * Removes the row, and with it the only key: the file is unreadable from then on. The file is
   * unlinked, not overwritten: backups hold hard links to the same bytes until they roll off.
   */
  remove(id: number): void {
    this.row(id);
    inTransaction(this.db, () => {
      this.db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
    });
    this.deleteFile(id);
  }

  /** The retention purge: rows inside the caller's transaction; files after it commits. */
  removeRowsOfCase(caseId: number): number[] {
    const ids = (
      this.db.prepare('SELECT id FROM attachments WHERE case_id = ?').all(caseId) as {
        id: number;
      }[]
    ).map((row) => row.id);
    this.db.prepare('DELETE FROM attachments WHERE case_id = ?').run(caseId);
    return ids;
  }

  deleteFile(id: number): void {
    rmSync(this.fileOf(id), { force: true });
  }

  private row(id: number): AttachmentRow {
    const row = this.db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as
      AttachmentRow | undefined;
    if (!row) throw new ApiError('NOT_FOUND', { path: ['id'] });
    return row;
  }

  private fileOf(id: number): string {
    return join(this.folder, `${id}.bin`);
  }

  private summary(row: AttachmentRow): Attachment {
    return {
      id: row.id,
      caseId: row.case_id,
      findingId: row.finding_id,
      rectificationId: row.rectification_id,
      materialCode: row.material_code,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      addedAt: row.added_at,
    };
  }
}
