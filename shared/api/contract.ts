import { z } from 'zod';
import { emptyInputSchema, type Role } from './common';
import {
  changePasswordInputSchema,
  createAdminInputSchema,
  createUserInputSchema,
  directoryEntrySchema,
  resetPasswordInputSchema,
  resumeInputSchema,
  sessionSchema,
  setupStatusSchema,
  signInInputSchema,
  updateUserInputSchema,
  userSchema,
} from './auth';
import {
  applicantSchema,
  caseDetailSchema,
  caseListSchema,
  completeCaseInputSchema,
  createCaseInputSchema,
  getCaseInputSchema,
  knownApplicantSchema,
  listCasesInputSchema,
  lookupApplicantInputSchema,
  suggestAddressesInputSchema,
  setMaterialStateInputSchema,
} from './cases';
import {
  importKnowledgeInputSchema,
  importProgressSchema,
  importRecordSchema,
  importSummarySchema,
  getEntryInputSchema,
  knowledgeEntrySchema,
  knowledgeHitSchema,
  searchKnowledgeInputSchema,
} from './knowledge';
import {
  getMatterInputSchema,
  matterDetailSchema,
  matterSummarySchema,
  searchMattersInputSchema,
} from './matters';
import {
  answerSchema,
  askInputSchema,
  closeGapInputSchema,
  conversationInputSchema,
  answerTokenSchema,
  feedbackInputSchema,
  generateInputSchema,
  knowledgeGapSchema,
  listGapsInputSchema,
} from './copilot';
import { applicationDocxSchema, applicationFormSchema } from './documents';
import {
  caseIdInputSchema,
  concludeResultSchema,
  correctionNoticeSchema,
  decideInputSchema,
  pointInputSchema,
  prefillSchema,
  reviewSchema,
  saveFieldsInputSchema,
} from './review';
import {
  installFromHubInputSchema,
  installModelInputSchema,
  loadModelInputSchema,
  unloadModelInputSchema,
  modelProgressSchema,
  modelStatusSchema,
} from './models';
import {
  drawInputSchema,
  fileContentSchema,
  fileInputSchema,
  identityCheckInputSchema,
  keepSnapshotInputSchema,
  shareFileInputSchema,
  chatInputSchema,
  closeHelpInputSchema,
  decideSuggestionInputSchema,
  endRemoteInputSchema,
  grantControlInputSchema,
  helpIdInputSchema,
  helpMessageInputSchema,
  helpQueueInputSchema,
  helpRequestListSchema,
  helpRequestSchema,
  helpStatsInputSchema,
  helpStatsRowSchema,
  joinRemoteInputSchema,
  openRemoteInputSchema,
  presenceInputSchema,
  raiseHelpInputSchema,
  recordConsentInputSchema,
  withdrawConsentInputSchema,
  remoteSessionRecordSchema,
  remoteSessionViewSchema,
  remoteSignalEventSchema,
  sessionInputSchema,
  signalInputSchema,
  suggestInputSchema,
} from './remote';
import {
  purgeReportSchema,
  settingsSchema,
  settingsUpdateSchema,
  systemStatusSchema,
} from './system';
import {
  addAttachmentInputSchema,
  attachmentContentSchema,
  attachmentIdInputSchema,
  attachmentSchema,
  listAttachmentsInputSchema,
} from './attachments';
import {
  auditPageSchema,
  auditVerificationSchema,
  recordPrintInputSchema,
  searchAuditInputSchema,
} from './audit';
import {
  backupSummarySchema,
  restoreBackupInputSchema,
  rekeyVaultInputSchema,
  setUpVaultInputSchema,
  setVaultPassphraseInputSchema,
  unlockVaultInputSchema,
  vaultStatusSchema,
} from './vault';
import {
  addFindingInputSchema,
  addWalkNoteInputSchema,
  coverageInputSchema,
  coverageSchema,
  createRectificationInputSchema,
  editStageInputSchema,
  fileUnresolvedInputSchema,
  findingSchema,
  finishWalkInputSchema,
  listFindingsInputSchema,
  listRectificationsInputSchema,
  listUnresolvedInputSchema,
  listWalksInputSchema,
  markRecurringInputSchema,
  rectificationIdInputSchema,
  rectificationSchema,
  reportRectificationInputSchema,
  saveUnitInputSchema,
  saveWalkSummaryInputSchema,
  scheduleWalkInputSchema,
  startWalkInputSchema,
  takeOverUnresolvedInputSchema,
  timeStageInputSchema,
  unitSchema,
  unresolvedReportSchema,
  verifyRectificationInputSchema,
  walkDashboardSchema,
  walkDetailSchema,
  walkIdInputSchema,
  walkSummaryDraftSchema,
  walkSummaryRowSchema,
} from './walks';
import {
  enrolInputSchema,
  exportedPackageSchema,
  importPackageInputSchema,
  packageImportSchema,
  setHubUrlInputSchema,
  syncConflictSchema,
  syncHistoryInputSchema,
  syncRunSchema,
  syncStatusSchema,
} from './sync';

/** Who may call a method: anyone, any signed-in user, or only the listed roles. */
export type Access = 'public' | 'signedIn' | readonly Role[];

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Short description for docs and error logs. */
  summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(
  spec: MethodSpec<I, O>,
): MethodSpec<I, O> {
  return spec;
}

const okSchema = z.object({ ok: z.literal(true) });
/** Walks, findings and coverage are read by leaders and admins (the hall's management). */
const walkReaders = ['leader', 'admin'] as const;

/**
 * Every method the engine answers, named `domain.verb`. The single source of truth for the
 * dispatcher (validation, access) and for the client both shells hand to the renderer.
 */
export const contract = {
  'vault.status': method({
    input: emptyInputSchema,
    output: vaultStatusSchema,
    access: 'public',
    summary: 'Whether the encrypted store is open, locked or awaiting its passphrase',
  }),
  'vault.setUp': method({
    input: setUpVaultInputSchema,
    output: vaultStatusSchema,
    access: 'public',
    summary:
      'First start without OS key protection: chooses the store passphrase and opens the store',
  }),
  'vault.unlock': method({
    input: unlockVaultInputSchema,
    output: vaultStatusSchema,
    access: 'public',
    summary: 'Unlocks the encrypted store with its passphrase',
  }),
  'vault.restoreBackup': method({
    input: restoreBackupInputSchema,
    output: vaultStatusSchema,
    access: 'public',
    summary:
      'Only while the store is damaged: sets the damaged files aside and restores a backup in their place',
  }),
  'retention.purge': method({
    input: emptyInputSchema,
    output: purgeReportSchema,
    access: ['admin'],
    summary: 'Removes, now, the cases past the retention period and their applicants’ data',
  }),
  'retention.reports': method({
    input: emptyInputSchema,
    output: z.array(purgeReportSchema),
    access: ['admin'],
    summary: 'The purge report: each run of the retention rule, newest first',
  }),
  'backups.list': method({
    input: emptyInputSchema,
    output: z.array(backupSummarySchema),
    access: ['admin'],
    summary: 'The encrypted backups of the store, newest first',
  }),
  'backups.create': method({
    input: emptyInputSchema,
    output: backupSummarySchema,
    access: ['admin'],
    summary: 'Makes an encrypted backup now (checked before it counts)',
  }),
  'vault.rekey': method({
    input: rekeyVaultInputSchema,
    output: vaultStatusSchema,
    access: ['admin'],
    summary: 'Rotates the store key: the store is re-encrypted and the new key wrapped again',
  }),
  'vault.setPassphrase': method({
    input: setVaultPassphraseInputSchema,
    output: vaultStatusSchema,
    access: ['admin'],
    summary: 'Sets or changes the passphrase (a recovery passphrase beside OS protection)',
  }),
  'audit.search': method({
    input: searchAuditInputSchema,
    output: auditPageSchema,
    access: ['admin'],
    summary: 'Searches the audit trail, newest first',
  }),
  'audit.verify': method({
    input: emptyInputSchema,
    output: auditVerificationSchema,
    access: ['admin'],
    summary: 'Checks the audit trail’s hash chain for edited, deleted or unlinked entries',
  }),
  'audit.recordPrint': method({
    input: recordPrintInputSchema,
    output: okSchema,
    access: 'signedIn',
    summary: 'Records that a document with personal data is being printed',
  }),
  'sync.status': method({
    input: emptyInputSchema,
    output: syncStatusSchema,
    access: 'signedIn',
    summary: 'The link to the hub: state, pending writes, last success, the problem in plain words',
  }),
  'sync.enrol': method({
    input: enrolInputSchema,
    output: syncStatusSchema,
    access: ['admin'],
    summary: 'Enrols this terminal at a hub with a one-time code and syncs for the first time',
  }),
  'sync.setHubUrl': method({
    input: setHubUrlInputSchema,
    output: syncStatusSchema,
    access: ['admin'],
    summary: 'Points the enrolled terminal at the hub’s new address',
  }),
  'sync.leave': method({
    input: emptyInputSchema,
    output: syncStatusSchema,
    access: ['admin'],
    summary: 'Forgets the hub credentials (the local data stays)',
  }),
  'sync.now': method({
    input: emptyInputSchema,
    output: syncRunSchema,
    access: 'signedIn',
    summary: 'Syncs now: pushes pending writes, then pulls every stream',
  }),
  'sync.history': method({
    input: syncHistoryInputSchema,
    output: z.array(syncRunSchema),
    access: ['admin', 'leader'],
    summary: 'Past sync runs, newest first',
  }),
  'sync.conflicts': method({
    input: emptyInputSchema,
    output: z.array(syncConflictSchema),
    access: ['admin', 'leader'],
    summary: 'Conflicts the hub recorded for this hall, open ones first',
  }),
  'sync.exportPackage': method({
    input: emptyInputSchema,
    output: exportedPackageSchema,
    access: ['admin'],
    summary: 'Writes the unacknowledged outbox to a signed offline package (USB)',
  }),
  'sync.importPackage': method({
    input: importPackageInputSchema,
    output: packageImportSchema,
    access: ['admin'],
    summary: 'Applies the package the hub answered with: acknowledgements and stream changes',
  }),
  'models.installFromHub': method({
    input: installFromHubInputSchema,
    output: modelStatusSchema,
    access: ['admin'],
    summary: 'Downloads a model file the hub offers (resumable, sha256 verified)',
  }),
  'system.status': method({
    input: emptyInputSchema,
    output: systemStatusSchema,
    access: 'public',
    summary: 'Engine, database, model, network and knowledge state',
  }),
  'setup.status': method({
    input: emptyInputSchema,
    output: setupStatusSchema,
    access: 'public',
    summary: 'Whether first-start setup still has to create the administrator',
  }),
  'setup.createAdmin': method({
    input: createAdminInputSchema,
    output: sessionSchema,
    access: 'public',
    summary: 'Creates the first administrator (only while no user exists) and signs in',
  }),
  'auth.signIn': method({
    input: signInInputSchema,
    output: sessionSchema,
    access: 'public',
    summary: 'Signs in with user name and password',
  }),
  'auth.resume': method({
    input: resumeInputSchema,
    output: sessionSchema,
    access: 'public',
    summary: 'Re-attaches a live session to a new connection (page reload, engine restart)',
  }),
  'auth.signOut': method({
    input: emptyInputSchema,
    output: okSchema,
    access: 'signedIn',
    summary: 'Ends the session',
  }),
  'auth.touch': method({
    input: emptyInputSchema,
    output: sessionSchema,
    access: 'signedIn',
    summary: 'Reports user activity so the idle timer restarts',
  }),
  'auth.changePassword': method({
    input: changePasswordInputSchema,
    output: okSchema,
    access: 'signedIn',
    summary: 'Changes the signed-in user’s password',
  }),
  'users.list': method({
    input: emptyInputSchema,
    output: z.array(userSchema),
    access: ['admin'],
    summary: 'Lists local users',
  }),
  'users.directory': method({
    input: emptyInputSchema,
    output: z.array(directoryEntrySchema),
    access: 'signedIn',
    summary: 'Names and roles of the enabled users (to name the owner of a rectification)',
  }),
  'users.create': method({
    input: createUserInputSchema,
    output: userSchema,
    access: ['admin'],
    summary: 'Creates a local user',
  }),
  'users.update': method({
    input: updateUserInputSchema,
    output: userSchema,
    access: ['admin'],
    summary: 'Changes a user’s name, role or disabled flag',
  }),
  'users.resetPassword': method({
    input: resetPasswordInputSchema,
    output: userSchema,
    access: ['admin'],
    summary: 'Sets a new password and clears the lockout',
  }),
  'settings.get': method({
    input: emptyInputSchema,
    output: settingsSchema,
    access: 'signedIn',
    summary: 'Reads terminal settings',
  }),
  'settings.update': method({
    input: settingsUpdateSchema,
    output: settingsSchema,
    access: ['admin'],
    summary: 'Changes terminal settings',
  }),
  'matters.search': method({
    input: searchMattersInputSchema,
    output: z.array(matterSummarySchema),
    access: 'signedIn',
    summary: 'Finds matters in effect by name, code, alias or pinyin initials',
  }),
  'matters.get': method({
    input: getMatterInputSchema,
    output: matterDetailSchema,
    access: 'signedIn',
    summary: 'One matter version with its materials and review points',
  }),
  'knowledge.import': method({
    input: importKnowledgeInputSchema,
    output: importSummarySchema,
    access: ['admin'],
    summary: 'Imports a knowledge file atomically (or checks it, with dryRun)',
  }),
  'knowledge.imports': method({
    input: emptyInputSchema,
    output: z.array(importRecordSchema),
    access: ['admin'],
    summary: 'The history of knowledge imports',
  }),
  'knowledge.search': method({
    input: searchKnowledgeInputSchema,
    output: z.array(knowledgeHitSchema),
    access: 'signedIn',
    summary: 'Policies and Q&A in effect that answer a question, best first, with citation data',
  }),
  'knowledge.entry': method({
    input: getEntryInputSchema,
    output: knowledgeEntrySchema,
    access: 'signedIn',
    summary: 'One policy or Q&A entry in full, at a cited version or the newest',
  }),
  'cases.create': method({
    input: createCaseInputSchema,
    output: caseDetailSchema,
    access: ['clerk', 'admin'],
    summary: 'Opens a case for an applicant under the matter version in effect',
  }),
  'cases.list': method({
    input: listCasesInputSchema,
    output: caseListSchema,
    access: 'signedIn',
    summary: 'Lists cases with search, filter and sort',
  }),
  'cases.get': method({
    input: getCaseInputSchema,
    output: caseDetailSchema,
    access: 'signedIn',
    summary: 'One case with applicant (personal data masked), materials checklist and history',
  }),
  'attachments.add': method({
    input: addAttachmentInputSchema,
    output: attachmentSchema,
    access: ['clerk', 'admin', 'leader'],
    summary:
      'Keeps a scan or photo with a case, or evidence of a finding or rectification, encrypted',
  }),
  'attachments.list': method({
    input: listAttachmentsInputSchema,
    output: z.array(attachmentSchema),
    access: 'signedIn',
    summary: 'The scans and photos kept with a case (names and sizes only)',
  }),
  'attachments.get': method({
    input: attachmentIdInputSchema,
    output: attachmentContentSchema,
    access: ['clerk', 'admin', 'leader'],
    summary: 'One attachment decrypted; every opening is written to the audit trail',
  }),
  'attachments.remove': method({
    input: attachmentIdInputSchema,
    output: z.object({ ok: z.literal(true) }),
    access: ['clerk', 'admin'],
    summary: 'Deletes an attachment: its key goes, and the file is overwritten',
  }),
  'cases.reveal': method({
    input: getCaseInputSchema,
    output: applicantSchema,
    access: ['clerk', 'admin', 'leader'],
    summary: 'The case’s applicant unmasked; every reveal is written to the audit trail',
  }),
  'cases.setMaterialState': method({
    input: setMaterialStateInputSchema,
    output: caseDetailSchema,
    access: ['clerk', 'admin'],
    summary: 'Marks a material received, missing or to be corrected',
  }),
  'applicants.lookup': method({
    input: lookupApplicantInputSchema,
    output: knownApplicantSchema,
    access: ['clerk', 'admin'],
    summary: 'What is known about an applicant seen before, to offer on a new case',
  }),
  'addresses.suggest': method({
    input: suggestAddressesInputSchema,
    output: z.array(z.string()),
    access: ['clerk', 'admin'],
    summary: 'Addresses used before (常用地址库), most used first, matching the typed text',
  }),
  'review.prefill': method({
    input: caseIdInputSchema,
    output: prefillSchema,
    access: ['clerk', 'admin'],
    summary:
      'Values from the applicant’s earlier cases for this case’s empty fields (offered, not saved)',
  }),
  'review.get': method({
    input: caseIdInputSchema,
    output: reviewSchema,
    access: 'signedIn',
    summary:
      'The review of a case: materials with their fields, review points, suggestions, decisions',
  }),
  'review.start': method({
    input: caseIdInputSchema,
    output: reviewSchema,
    access: ['clerk', 'admin'],
    summary: 'Starts (or, after a correction, restarts) the guided review of a case',
  }),
  'review.saveFields': method({
    input: saveFieldsInputSchema,
    output: reviewSchema,
    access: ['clerk', 'admin'],
    summary: 'Records the values read off one material; rules are evaluated again',
  }),
  'review.decide': method({
    input: decideInputSchema,
    output: reviewSchema,
    access: ['clerk', 'admin'],
    summary: 'Records the clerk’s verdict on one review point',
  }),
  'review.suggest': method({
    input: pointInputSchema,
    output: reviewSchema,
    access: ['clerk', 'admin'],
    summary: 'Asks the local model about a model point; its verdict waits for the clerk',
  }),
  'review.conclude': method({
    input: caseIdInputSchema,
    output: concludeResultSchema,
    access: ['clerk', 'admin'],
    summary: 'Concludes the review; issues the one-time correction notice when anything failed',
  }),
  'review.notice': method({
    input: caseIdInputSchema,
    output: correctionNoticeSchema,
    access: 'signedIn',
    summary: 'The latest one-time correction notice of a case, as issued',
  }),
  'documents.applicationForm': method({
    input: caseIdInputSchema,
    output: applicationFormSchema,
    access: 'signedIn',
    summary:
      'The case’s application form (申请书): filled and missing fields, for preview and print',
  }),
  'documents.applicationDocx': method({
    input: caseIdInputSchema,
    output: applicationDocxSchema,
    access: ['clerk', 'admin'],
    summary: 'The application form as a Word file, filled from the case through docxtemplater',
  }),
  'copilot.ask': method({
    input: askInputSchema,
    output: answerSchema,
    access: 'signedIn',
    summary: 'Answers a question from the knowledge base with citations, or says it has no basis',
  }),
  'copilot.generate': method({
    input: generateInputSchema,
    output: answerSchema,
    access: 'signedIn',
    summary: 'Streams the local model’s answer citing only the retrieved entries, then checks it',
  }),
  'copilot.conversation': method({
    input: conversationInputSchema,
    output: z.array(answerSchema),
    access: 'signedIn',
    summary: 'The answers of one conversation, oldest first',
  }),
  'copilot.feedback': method({
    input: feedbackInputSchema,
    output: answerSchema,
    access: 'signedIn',
    summary: 'Marks an answer helpful or not; an unhelpful one becomes a knowledge gap',
  }),
  'gaps.list': method({
    input: listGapsInputSchema,
    output: z.array(knowledgeGapSchema),
    access: ['admin'],
    summary: 'Knowledge gaps, overdue first',
  }),
  'gaps.close': method({
    input: closeGapInputSchema,
    output: knowledgeGapSchema,
    access: ['admin'],
    summary: 'Closes a gap by linking an entry or writing a new Q&A entry',
  }),
  'models.status': method({
    input: emptyInputSchema,
    output: modelStatusSchema,
    access: 'signedIn',
    summary: 'Hardware, recommended, installed and loaded local models',
  }),
  'models.install': method({
    input: installModelInputSchema,
    output: modelStatusSchema,
    access: ['admin'],
    summary: 'Installs a GGUF file from this PC, verifying its sha256',
  }),
  'models.load': method({
    input: loadModelInputSchema,
    output: modelStatusSchema,
    access: ['admin'],
    summary: 'Loads an installed model in the model process (remembered across restarts)',
  }),
  'models.unload': method({
    input: unloadModelInputSchema,
    output: modelStatusSchema,
    access: ['admin'],
    summary: 'Unloads the chat model (retrieval-only mode) or the embedding model (BM25 only)',
  }),
  'cases.complete': method({
    input: completeCaseInputSchema,
    output: caseDetailSchema,
    access: ['clerk', 'admin'],
    summary: 'Records that an accepted case is completed (办结)',
  }),
  'units.list': method({
    input: emptyInputSchema,
    output: z.array(unitSchema),
    access: 'signedIn',
    summary: 'Units (departments, halls) with their leaders and high-frequency matters',
  }),
  'units.save': method({
    input: saveUnitInputSchema,
    output: unitSchema,
    access: ['admin'],
    summary: 'Creates or updates a unit, its leadership team and its matters',
  }),
  'walks.list': method({
    input: listWalksInputSchema,
    output: z.array(walkSummaryRowSchema),
    access: walkReaders,
    summary: 'Walks, scheduled and done, filtered by year, unit, leader, matter and status',
  }),
  'walks.get': method({
    input: walkIdInputSchema,
    output: walkDetailSchema,
    access: walkReaders,
    summary: 'One walk with its stages, findings, rectifications, notes and history',
  }),
  'walks.schedule': method({
    input: scheduleWalkInputSchema,
    output: walkDetailSchema,
    access: ['leader', 'admin'],
    summary: 'Plans a walk: leader, matter, date and hall',
  }),
  'walks.cancel': method({
    input: walkIdInputSchema,
    output: walkDetailSchema,
    access: ['leader', 'admin'],
    summary: 'Cancels a scheduled walk that has not started',
  }),
  'walks.start': method({
    input: startWalkInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Starts a scheduled walk, or one on the spot, optionally linked to a case',
  }),
  'walks.timeStage': method({
    input: timeStageInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'One-tap timer: starts or ends a stage now',
  }),
  'walks.editStage': method({
    input: editStageInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Corrects a stage’s times (with a reason), channel, observations or rating',
  }),
  'walks.pause': method({
    input: walkIdInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Pauses a walk under way (the applicant comes back another day)',
  }),
  'walks.resume': method({
    input: walkIdInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Resumes a paused walk',
  }),
  'walks.finish': method({
    input: finishWalkInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Finishes a walk with the applicant’s feedback; the walk is locked from then on',
  }),
  'walks.addNote': method({
    input: addWalkNoteInputSchema,
    output: walkDetailSchema,
    access: ['leader', 'admin'],
    summary: 'Appends a note (the only change a finished walk takes)',
  }),
  'walks.addFinding': method({
    input: addFindingInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Records a finding (难点堵点) at a stage of a walk under way',
  }),
  'walks.draftSummary': method({
    input: walkIdInputSchema,
    output: walkSummaryDraftSchema,
    access: ['leader'],
    summary: 'Drafts the walk report’s summary with the local model; nothing is saved',
  }),
  'walks.saveSummary': method({
    input: saveWalkSummaryInputSchema,
    output: walkDetailSchema,
    access: ['leader'],
    summary: 'Saves the summary the leader wrote or reviewed',
  }),
  'findings.list': method({
    input: listFindingsInputSchema,
    output: z.array(findingSchema),
    access: walkReaders,
    summary: 'Findings of walks and unresolved-matter reports',
  }),
  'findings.markRecurring': method({
    input: markRecurringInputSchema,
    output: findingSchema,
    access: ['leader', 'admin'],
    summary: 'Marks a finding as repeating an earlier one (or clears the mark)',
  }),
  'rectifications.create': method({
    input: createRectificationInputSchema,
    output: rectificationSchema,
    access: ['leader'],
    summary: 'Raises a rectification of a finding, with owner and a due date in working days',
  }),
  'rectifications.list': method({
    input: listRectificationsInputSchema,
    output: z.array(rectificationSchema),
    access: 'signedIn',
    summary: 'Rectifications, overdue first',
  }),
  'rectifications.get': method({
    input: rectificationIdInputSchema,
    output: rectificationSchema,
    access: 'signedIn',
    summary: 'One rectification with its progress notes',
  }),
  'rectifications.report': method({
    input: reportRectificationInputSchema,
    output: rectificationSchema,
    access: 'signedIn',
    summary: 'The owner reports progress or submits the fix for verification',
  }),
  'rectifications.verify': method({
    input: verifyRectificationInputSchema,
    output: rectificationSchema,
    access: ['leader'],
    summary: 'The leader who raised it checks the fix: effective closes it, ineffective reopens',
  }),
  'unresolved.file': method({
    input: fileUnresolvedInputSchema,
    output: unresolvedReportSchema,
    access: ['clerk', 'leader', 'admin'],
    summary: 'Files an unresolved-matter report (办不成事) at the window',
  }),
  'unresolved.list': method({
    input: listUnresolvedInputSchema,
    output: z.array(unresolvedReportSchema),
    access: ['clerk', 'leader', 'admin'],
    summary: 'Unresolved-matter reports, those not yet taken over first',
  }),
  'unresolved.takeOver': method({
    input: takeOverUnresolvedInputSchema,
    output: findingSchema,
    access: ['leader'],
    summary: 'A leader takes a report over: it becomes a finding of theirs',
  }),
  'coverage.matrix': method({
    input: coverageInputSchema,
    output: coverageSchema,
    access: walkReaders,
    summary: 'Leaders × high-frequency matters: walks done, under way, scheduled and missing',
  }),
  'coverage.dashboard': method({
    input: coverageInputSchema,
    output: walkDashboardSchema,
    access: walkReaders,
    summary: 'Stage durations per matter, findings by category, rectification closure by month',
  }),
  'help.raise': method({
    input: raiseHelpInputSchema,
    output: helpRequestSchema,
    access: ['clerk', 'admin'],
    summary: "Asks the matter's department for help with a case (帮办请求)",
  }),
  'help.mine': method({
    input: emptyInputSchema,
    output: helpRequestListSchema,
    access: 'signedIn',
    summary: 'Help requests this terminal raised or took: open ones and those closed today',
  }),
  'help.queue': method({
    input: helpQueueInputSchema,
    output: helpRequestListSchema,
    access: ['remote_expert'],
    summary: 'Waiting requests of the given departments, urgent first',
  }),
  'help.claim': method({
    input: helpIdInputSchema,
    output: helpRequestSchema,
    access: ['remote_expert'],
    summary: 'Takes a waiting request: the first answer, timed',
  }),
  'help.askSession': method({
    input: helpIdInputSchema,
    output: helpRequestSchema,
    access: ['remote_expert'],
    summary: 'Asks the clerk to open a remote window for the request',
  }),
  'help.post': method({
    input: helpMessageInputSchema,
    output: helpRequestSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: "A chat message in the request's thread",
  }),
  'help.close': method({
    input: closeHelpInputSchema,
    output: helpRequestSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'Closes a request as resolved or not, or cancels it',
  }),
  'help.stats': method({
    input: helpStatsInputSchema,
    output: z.array(helpStatsRowSchema),
    access: ['remote_expert', 'leader', 'admin'],
    summary: 'Answered within a minute and resolved, per department and day',
  }),
  'remote.open': method({
    input: openRemoteInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: 'Opens a remote window on a case (for a help request, or to invite with a code)',
  }),
  'remote.issueJoinCode': method({
    input: sessionInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: 'A new single-use join code (10 minutes) to read out to an expert',
  }),
  'remote.join': method({
    input: joinRemoteInputSchema,
    output: remoteSessionViewSchema,
    access: ['remote_expert'],
    summary: 'Joins a remote window with a join code, or as the expert of its help request',
  }),
  'remote.active': method({
    input: emptyInputSchema,
    output: z.array(remoteSessionViewSchema),
    access: 'signedIn',
    summary: 'The remote windows open on this terminal',
  }),
  'remote.get': method({
    input: sessionInputSchema,
    output: remoteSessionViewSchema,
    access: 'signedIn',
    summary: 'One remote window as this side sees it',
  }),
  'remote.suggest': method({
    input: suggestInputSchema,
    output: remoteSessionViewSchema,
    access: ['remote_expert'],
    summary: 'Proposes a change for the local clerk to accept or reject',
  }),
  'remote.edit': method({
    input: suggestInputSchema,
    output: remoteSessionViewSchema,
    access: ['remote_expert'],
    summary: 'Makes a change directly, while the local clerk has granted control',
  }),
  'remote.decide': method({
    input: decideSuggestionInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: "Accepts (applies to the case) or rejects an expert's suggestion",
  }),
  'remote.grantControl': method({
    input: grantControlInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: 'Lets the expert edit directly until revoked',
  }),
  'remote.revokeControl': method({
    input: sessionInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: 'Takes control back at once',
  }),
  'remote.recordConsent': method({
    input: recordConsentInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: "Records the applicant's consent and reveals those fields to the expert",
  }),
  'remote.withdrawConsent': method({
    input: withdrawConsentInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: 'Withdraws a consent: its fields are masked for the experts again',
  }),
  'remote.chat': method({
    input: chatInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'A chat line in the session',
  }),
  'remote.presence': method({
    input: presenceInputSchema,
    output: z.object({ ok: z.literal(true) }),
    access: ['clerk', 'admin', 'remote_expert'],
    summary: "This side's pointer and highlighted field",
  }),
  'remote.signal': method({
    input: signalInputSchema,
    output: z.object({ ok: z.literal(true) }),
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'Carries a WebRTC signalling message to the other side',
  }),
  'remote.end': method({
    input: endRemoteInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'Ends the remote window for both sides',
  }),
  'remote.shareFile': method({
    input: shareFileInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'Shares a file (a material image, a camera still), sealed for the participants',
  }),
  'remote.fileContent': method({
    input: fileInputSchema,
    output: fileContentSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'A shared file, fetched from the hub and opened here',
  }),
  'remote.draw': method({
    input: drawInputSchema,
    output: z.object({ ok: z.literal(true) }),
    access: ['clerk', 'admin', 'remote_expert'],
    summary: 'A pen stroke on a shared image',
  }),
  'remote.clearDrawing': method({
    input: fileInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin', 'remote_expert'],
    summary: "Removes this side's strokes from a shared image",
  }),
  'remote.recordIdentityCheck': method({
    input: identityCheckInputSchema,
    output: remoteSessionViewSchema,
    access: ['remote_expert'],
    summary: 'Records how the ID card shown on camera compared with the applicant',
  }),
  'remote.keepIdentitySnapshot': method({
    input: keepSnapshotInputSchema,
    output: remoteSessionViewSchema,
    access: ['clerk', 'admin'],
    summary: "Keeps a still of the ID card with the case, with the applicant's consent",
  }),
  'remote.records': method({
    input: caseIdInputSchema,
    output: z.array(remoteSessionRecordSchema),
    access: 'signedIn',
    summary:
      'The remote sessions held on a case: participants, consents, reveals, changes, outcome',
  }),
} as const;

/** Events the engine pushes to connected renderers (and one the desktop shell raises). */
export const events = {
  /** Raised by the desktop preload when a restarted engine's port arrives: re-attach the session. */
  'engine.reconnected': z.object({}),
  'system.status': systemStatusSchema,
  /** The link to the hub changed: state, pending count, a problem. */
  'sync.status': syncStatusSchema,
  /** The store opened, locked or changed protection: screens re-read `vault.status`. */
  'vault.status': vaultStatusSchema,
  'knowledge.importProgress': importProgressSchema,
  'models.progress': modelProgressSchema,
  'models.status': modelStatusSchema,
  'copilot.token': answerTokenSchema,
  /** A remote window changed: presence, the workspace, suggestions, chat, control, its link. */
  'remote.session': remoteSessionViewSchema,
  'remote.signal': remoteSignalEventSchema,
  'auth.sessionEnded': z.object({
    reason: z.enum(['signedOut', 'idle', 'disabled', 'passwordChanged']),
  }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
/** The input after validation (defaults applied, values normalised): what handlers receive. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
