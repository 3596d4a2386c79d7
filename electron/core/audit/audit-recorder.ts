import type { AuditOutcome, MethodName } from '@shared/api';
import type { Clock } from '../clock';
import type { FinishedCall } from '../rpc/dispatcher';
import type { AuditLog } from './audit-log';

/** How one method shows in the audit trail. */
interface AuditRule {
  action: string;
  subject: (call: FinishedCall) => string;
  detail?: (call: FinishedCall) => Record<string, unknown>;
  /**
   * Reads of personal data: the same user reading the same record again within the window is
   * one entry, or every screen refresh would bury the trail.
   */
  read?: true;
}

/** A field of the call's input (validated or not), as text; never a whole object. */
function field(call: FinishedCall, name: string): string | undefined {
  const input = call.input;
  if (typeof input !== 'object' || input === null || !(name in input)) return undefined;
  const value = (input as Record<string, unknown>)[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

const caseOf =
  (name: string) =>
  (call: FinishedCall): string =>
    `case:${field(call, name) ?? '?'}`;

/** A list of strings in the call's input (field keys, never values). */
function listField(call: FinishedCall, name: string): string[] {
  const input = call.input as Record<string, unknown> | null;
  const value = typeof input === 'object' && input !== null ? input[name] : undefined;
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** The remote session a call opened or joined, from its answer. */
function sessionOf(call: FinishedCall): string | undefined {
  return (call.output as { sessionId?: string } | undefined)?.sessionId;
}

/** The case, finding or rectification an attachment call names. */
function ownerOf(call: FinishedCall): string {
  const finding = field(call, 'findingId');
  if (finding !== undefined) return `finding:${finding}`;
  const rectification = field(call, 'rectificationId');
  if (rectification !== undefined) return `rectification:${rectification}`;
  return caseOf('caseId')(call);
}

/** Which fields a call changed, by name only. */
function changedKeys(call: FinishedCall, except: string[] = []): Record<string, unknown> {
  const input = call.input;
  if (typeof input !== 'object' || input === null) return {};
  return { fields: Object.keys(input).filter((key) => !except.includes(key)) };
}

/**
 * The methods worth a line in the audit trail: sign-ins, reads and reveals of personal data,
 * prints and exports, user and role changes, settings, keys, knowledge and model installs.
 */
const rules: Partial<Record<MethodName, AuditRule>> = {
  'setup.createAdmin': { action: 'auth.setUp', subject: (c) => `user:${field(c, 'username')}` },
  'auth.signIn': { action: 'auth.signIn', subject: (c) => `user:${field(c, 'username')}` },
  'auth.signOut': { action: 'auth.signOut', subject: (c) => `user:${c.user?.username ?? '?'}` },
  'auth.changePassword': {
    action: 'user.passwordChange',
    subject: (c) => `user:${c.user?.username ?? '?'}`,
  },
  'users.create': {
    action: 'user.create',
    subject: (c) => `user:${field(c, 'username')}`,
    detail: (c) => ({ role: field(c, 'role') }),
  },
  'users.update': {
    action: 'user.update',
    subject: (c) => `user:${field(c, 'id')}`,
    detail: (c) => ({
      ...changedKeys(c, ['id']),
      ...(field(c, 'role') === undefined ? {} : { role: field(c, 'role') }),
    }),
  },
  'users.resetPassword': { action: 'user.passwordReset', subject: (c) => `user:${field(c, 'id')}` },
  'units.save': {
    action: 'unit.save',
    subject: (c) => `unit:${field(c, 'name') ?? '?'}`,
    detail: (c) => changedKeys(c, ['id']),
  },
  'settings.update': { action: 'settings.update', subject: () => 'terminal', detail: changedKeys },
  'vault.rekey': { action: 'vault.rekey', subject: () => 'store-key' },
  'backups.create': {
    action: 'data.backup',
    subject: (c) => `backup:${(c.output as { id?: string } | undefined)?.id ?? '?'}`,
  },
  'vault.setPassphrase': { action: 'vault.passphrase', subject: () => 'store-key' },
  'cases.get': { action: 'personalData.read', subject: caseOf('id'), read: true },
  'cases.reveal': {
    action: 'personalData.reveal',
    subject: caseOf('id'),
    detail: () => ({ fields: ['name', 'idNumber', 'phone', 'address', 'legalRepresentative'] }),
  },
  'attachments.add': {
    action: 'attachment.add',
    subject: ownerOf,
    detail: (c) => ({
      attachment: (c.output as { id?: number } | undefined)?.id,
      mediaType: field(c, 'mediaType'),
    }),
  },
  'attachments.get': {
    action: 'personalData.read',
    subject: (c) => `attachment:${field(c, 'id') ?? '?'}`,
  },
  'attachments.remove': {
    action: 'attachment.remove',
    subject: (c) => `attachment:${field(c, 'id') ?? '?'}`,
  },
  'review.get': { action: 'personalData.read', subject: caseOf('caseId'), read: true },
  'review.prefill': { action: 'personalData.read', subject: caseOf('caseId'), read: true },
  'review.notice': { action: 'personalData.read', subject: caseOf('caseId'), read: true },
  'applicants.lookup': { action: 'personalData.lookup', subject: () => 'applicant' },
  'documents.applicationForm': {
    action: 'personalData.read',
    subject: caseOf('caseId'),
    read: true,
  },
  'documents.applicationDocx': {
    action: 'document.export',
    subject: caseOf('caseId'),
    detail: () => ({ document: 'applicationForm', format: 'docx' }),
  },
  'audit.recordPrint': {
    action: 'document.print',
    subject: caseOf('caseId'),
    detail: (c) => ({ document: field(c, 'document') }),
  },
  'audit.search': { action: 'audit.search', subject: () => 'audit-log', read: true },
  'audit.verify': {
    action: 'audit.verify',
    subject: () => 'audit-log',
    detail: (c) => {
      const output = c.output as { ok?: boolean; entries?: number } | undefined;
      return output ? { ok: output.ok, entries: output.entries } : {};
    },
  },
  'knowledge.import': {
    action: 'knowledge.import',
    subject: (c) => `file:${field(c, 'fileName') ?? '?'}`,
    detail: (c) => ({ dryRun: field(c, 'dryRun') === 'true' }),
  },
  'models.install': {
    action: 'model.install',
    subject: (c) => `model:${field(c, 'fileName') ?? '?'}`,
  },
  'help.raise': { action: 'help.raise', subject: caseOf('caseId') },
  'remote.open': {
    action: 'remote.open',
    subject: caseOf('caseId'),
    detail: (c) => ({ session: sessionOf(c), helpRequest: field(c, 'helpRequestId') }),
  },
  'remote.join': { action: 'remote.join', subject: (c) => `remote:${sessionOf(c) ?? '?'}` },
  'remote.recordConsent': {
    action: 'personalData.reveal',
    subject: (c) => `remote:${field(c, 'sessionId') ?? '?'}`,
    detail: (c) => ({ fields: listField(c, 'fields'), basis: field(c, 'basis'), remote: true }),
  },
  'remote.withdrawConsent': {
    action: 'personalData.revealWithdrawn',
    subject: (c) => `remote:${field(c, 'sessionId') ?? '?'}`,
    detail: (c) => ({ consent: field(c, 'consentId'), remote: true }),
  },
  'remote.grantControl': {
    action: 'remote.control',
    subject: (c) => `remote:${field(c, 'sessionId') ?? '?'}`,
    detail: (c) => ({ granted: true, participant: field(c, 'participantId') }),
  },
  'remote.revokeControl': {
    action: 'remote.control',
    subject: (c) => `remote:${field(c, 'sessionId') ?? '?'}`,
    detail: () => ({ granted: false }),
  },
  'remote.decide': {
    action: 'remote.decide',
    subject: (c) => `remote:${field(c, 'sessionId') ?? '?'}`,
    detail: (c) => ({ accepted: field(c, 'accept') === 'true' }),
  },
  'remote.end': { action: 'remote.end', subject: (c) => `remote:${field(c, 'sessionId') ?? '?'}` },
  'models.load': { action: 'model.load', subject: (c) => `model:${field(c, 'fileName') ?? '?'}` },
  'models.unload': {
    action: 'model.unload',
    subject: (c) => `model:${field(c, 'purpose') ?? 'chat'}`,
  },
};

const READ_WINDOW_MS = 10 * 60_000;

/**
 * Turns finished calls into audit entries. Bad input is the caller's typo, not an event; a
 * refusal for lack of the right role is recorded as `denied`.
 */
export class AuditRecorder {
  /** user|action|subject → when last written, for reads only. */
  private readonly lastRead = new Map<string, number>();

  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
  ) {}

  record(call: FinishedCall): void {
    const rule = rules[call.method];
    if (!rule) return;
    const code = call.error?.code;
    if (code === 'INVALID_INPUT' || code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED')
      return;
    const outcome: AuditOutcome =
      code === undefined ? 'success' : code === 'FORBIDDEN' ? 'denied' : 'failure';
    const subject = rule.subject(call);
    if (rule.read && outcome === 'success' && this.seenRecently(call, rule.action, subject)) return;
    this.log.append({
      userId: call.user?.id ?? null,
      actor: call.user?.username ?? field(call, 'username') ?? 'anonymous',
      action: rule.action,
      subject,
      outcome,
      detail: {
        ...(rule.detail?.(call) ?? {}),
        ...(code === undefined ? {} : { error: code }),
      },
    });
  }

  private seenRecently(call: FinishedCall, action: string, subject: string): boolean {
    const key = `${call.user?.id ?? 0}|${action}|${subject}`;
    const now = this.clock.now().getTime();
    const last = this.lastRead.get(key);
    if (last !== undefined && now - last < READ_WINDOW_MS) return true;
    // A long-running engine would otherwise remember every read since it started.
    if (this.lastRead.size >= 10_000) {
      for (const [seen, at] of this.lastRead)
        if (now - at >= READ_WINDOW_MS) this.lastRead.delete(seen);
    }
    this.lastRead.set(key, now);
    return false;
  }
}
