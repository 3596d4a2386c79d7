import type * as Y from 'yjs';
import { z } from 'zod';
import {
  chatLineSchema,
  consentSchema,
  identityCheckSchema,
  sharedFileSchema,
  strokeSchema,
  sharedFieldSchema,
  sharedWorkspaceSchema,
  suggestionSchema,
  type IdentityCheck,
  type SharedField,
  type SharedFile,
  type SharedWorkspace,
  type Stroke,
  type Suggestion,
} from '@shared/api';

/**
 * The shared Yjs document of one remote session, as both engines read and write it. The host
 * writes the case (masked), control, consents, sealed reveals and the session's end; the expert
 * adds suggestions; both add chat lines. The host rewrites whatever else a guest touches.
 *
 *   workspace  Y.Map   caseRef, caseStatus, applicantKind, currentPoint, fieldOrder, materials, points (JSON)
 *   fields     Y.Map   field key → SharedField (JSON)
 *   suggestions Y.Map  id → Suggestion (JSON)
 *   chat       Y.Array chat lines (JSON)
 *   control    Y.Map   holder, since
 *   consents   Y.Array Consent (JSON)
 *   reveals    Y.Map   `${participantId}|${fieldKey}` → value sealed to that participant
 *   session    Y.Map   protocol, hostPublicKey, endedAt, endedBy
 *   files      Y.Map   file id → SharedFile with `keys`: its AES key sealed to each participant
 *   strokes    Y.Map   stroke id → Stroke (pen strokes on shared images)
 *   identity   Y.Array IdentityCheck (JSON), written by the expert
 */
export const SESSION_PROTOCOL = 1;

const workspaceShape = sharedWorkspaceSchema.omit({ fields: true });

export class SessionDocument {
  readonly workspace: Y.Map<string>;
  readonly fields: Y.Map<string>;
  readonly suggestions: Y.Map<string>;
  readonly chat: Y.Array<string>;
  readonly control: Y.Map<string | null>;
  readonly consents: Y.Array<string>;
  readonly reveals: Y.Map<string>;
  readonly session: Y.Map<string | number | null>;
  readonly files: Y.Map<string>;
  readonly strokes: Y.Map<string>;
  readonly identity: Y.Array<string>;

  constructor(readonly doc: Y.Doc) {
    this.workspace = doc.getMap('workspace');
    this.fields = doc.getMap('fields');
    this.suggestions = doc.getMap('suggestions');
    this.chat = doc.getArray('chat');
    this.control = doc.getMap('control');
    this.consents = doc.getArray('consents');
    this.reveals = doc.getMap('reveals');
    this.session = doc.getMap('session');
    this.files = doc.getMap('files');
    this.strokes = doc.getMap('strokes');
    this.identity = doc.getArray('identity');
  }

  /** The types only the host may write. */
  isHostOwned(type: object): boolean {
    return [
      this.workspace,
      this.fields,
      this.control,
      this.consents,
      this.reveals,
      this.session,
    ].some((owned) => (owned as object) === type);
  }

  /**
   * Writes the workspace, touching only what changed: a field edit travels as that field alone,
   * and a guest's write to the workspace is overwritten with the case as it is.
   */
  writeWorkspace(workspace: SharedWorkspace): void {
    const { fields, ...rest } = workspace;
    const entries: [string, unknown][] = [
      ...Object.entries(rest),
      ['fieldOrder', fields.map((field) => field.key)],
    ];
    for (const [key, value] of entries) setIfChanged(this.workspace, key, JSON.stringify(value));
    const keys = new Set(fields.map((field) => field.key));
    for (const field of fields) setIfChanged(this.fields, field.key, JSON.stringify(field));
    for (const key of [...this.fields.keys()]) if (!keys.has(key)) this.fields.delete(key);
    for (const key of [...this.workspace.keys()])
      if (!entries.some(([name]) => name === key)) this.workspace.delete(key);
  }

  readWorkspace(): SharedWorkspace | null {
    const record: Record<string, unknown> = {};
    for (const [key, value] of this.workspace.entries()) record[key] = parse(value);
    const order = z.array(z.string()).safeParse(record.fieldOrder);
    const rest = workspaceShape.safeParse(record);
    if (!order.success || !rest.success) return null;
    const fields: SharedField[] = [];
    for (const key of order.data) {
      const field = sharedFieldSchema.safeParse(parse(this.fields.get(key)));
      if (field.success) fields.push(field.data);
    }
    return { ...rest.data, fields };
  }

  readSuggestions(): Suggestion[] {
    const list: Suggestion[] = [];
    for (const value of this.suggestions.values()) {
      const parsed = suggestionSchema.safeParse(parse(value));
      if (parsed.success) list.push(parsed.data);
    }
    return list.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  readChat(): z.infer<typeof chatLineSchema>[] {
    return this.chat
      .toArray()
      .map((value) => chatLineSchema.safeParse(parse(value)))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  }

  readConsents(): z.infer<typeof consentSchema>[] {
    return this.consents
      .toArray()
      .map((value) => consentSchema.safeParse(parse(value)))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  }
}

export const sealedFileSchema = sharedFileSchema.extend({
  /** The file's key, sealed by its sharer to each participant (by participant id). */
  keys: z.record(z.string(), z.string()),
});
export type SealedFile = z.infer<typeof sealedFileSchema>;

function readAll<T>(values: Iterable<unknown>, schema: z.ZodType<T>): T[] {
  return [...values]
    .map((value) => schema.safeParse(parse(value)))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
}

export function readFiles(document: SessionDocument): SealedFile[] {
  return readAll(document.files.values(), sealedFileSchema).sort((a, b) =>
    a.at.localeCompare(b.at),
  );
}

export function readStrokes(document: SessionDocument): Stroke[] {
  return readAll(document.strokes.values(), strokeSchema).sort((a, b) => a.at.localeCompare(b.at));
}

export function readIdentityChecks(document: SessionDocument): IdentityCheck[] {
  return readAll(document.identity.toArray(), identityCheckSchema);
}

export function withoutKeys(file: SealedFile): SharedFile {
  const { keys: _keys, ...shared } = file;
  return shared;
}

function setIfChanged(map: Y.Map<string>, key: string, value: string): void {
  if (map.get(key) !== value) map.set(key, value);
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

export function revealKey(participantId: string, fieldKey: string): string {
  return `${participantId}|${fieldKey}`;
}
