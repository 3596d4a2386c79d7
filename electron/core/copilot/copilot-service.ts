import {
  ApiError,
  type Answer,
  type KnowledgeGap,
  type KnowledgeHit,
  type ParsedInput,
} from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import { CalendarOutOfRangeError, type WorkingDayCalendar } from '@shared/domain/working-days';
import type { SignedInUser } from '../auth/auth-service';
import type { CaseRepository } from '../cases/case-repository';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import type { KnowledgeImporter } from '../knowledge/knowledge-importer';
import type { KnowledgeIndex } from '../knowledge/knowledge-index';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';
import { toGap, type CopilotRepository, type StoredAnswer } from './copilot-repository';
import { ANSWER_SYSTEM_PROMPT, checkCitations, numberedEntries } from './cited-generation';
import { composeExtractiveAnswer, supports, type EntryText } from './extractive-answer';

/** The local model as the copilot needs it: whether it can answer, and a streamed chat. */
export interface CopilotModel {
  readonly ready: boolean;
  chat(request: {
    system: string;
    history: { role: 'user' | 'assistant'; text: string }[];
    prompt: string;
    maxTokens: number;
  }): AsyncGenerator<
    | { type: 'token'; text: string }
    | {
        type: 'done';
        text: string;
        timing: { timeToFirstTokenMs: number | null; tokensPerSecond: number | null };
      }
  >;
}

/** Knowledge owners must answer a gap within 5 working days (service standard, seed 004). */
export const GAP_DUE_WORKING_DAYS = 5;
const CANDIDATES = 8;
/** A question this short ("要多久？") is read together with the question before it. */
const FOLLOW_UP_LENGTH = 6;
/** Words that open a follow-up ("那个体户呢？", "如果是企业呢？"). */
const FOLLOW_UP_OPENING = /^(那|那么|还有|另外|如果|要是|假如|这个|这种|它|他们|她们)/;

/**
 * 智能问答: answers from the knowledge base with citations, in conversations that may sit beside
 * a case; what it cannot answer, or answers unhelpfully, becomes a knowledge gap.
 */
export class CopilotService {
  constructor(
    private readonly db: Db,
    private readonly copilot: CopilotRepository,
    private readonly cases: CaseRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly index: KnowledgeIndex,
    private readonly importer: KnowledgeImporter,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar | undefined,
    private readonly model: CopilotModel | undefined,
  ) {}

  ask(input: ParsedInput<'copilot.ask'>, user: SignedInUser): Answer {
    const now = this.clock.now();
    const at = now.toISOString();
    const today = businessDate(now);
    const conversation = this.conversationFor(input, user);
    const previous = conversation.id === undefined ? [] : this.copilot.answers(conversation.id);
    const query = retrievalQuery(input.question, previous.at(-1)?.question);
    const matterCode = this.matterCodeOf(conversation.caseId);
    const entries = this.retrieve(query, matterCode, today);
    const terms = this.index.queryGroups(query).flat();
    const composed = composeExtractiveAnswer(entries, terms);

    const id = inTransaction(this.db, () => {
      const conversationId =
        conversation.id ?? this.copilot.insertConversation(conversation.caseId, user.id, at);
      const gapId =
        composed.status === 'no_basis'
          ? this.raiseGap({
              question: input.question,
              reason: 'no_basis',
              comment: null,
              matterCode,
              caseId: conversation.caseId,
              user,
              at,
            })
          : null;
      return this.copilot.insertAnswer({
        conversationId,
        question: input.question,
        status: composed.status,
        support: composed.support,
        body: { extract: composed.extract, citations: composed.citations },
        gapId,
        askedBy: user.id,
        askedAt: at,
      });
    });
    return toApiAnswer(this.ownedAnswer(id, user));
  }

  /**
   * The model's fluent answer to an answered question, streamed token by token to `onToken`. It
   * may cite only the entries retrieved for the question; the marks are checked afterwards and
   * uncited sentences flagged. The extractive answer stays beside it.
   */
  async generate(
    answerId: number,
    user: SignedInUser,
    onToken: (text: string) => void,
  ): Promise<Answer> {
    const stored = this.ownedAnswer(answerId, user);
    if (stored.status !== 'answered') {
      throw new ApiError('CONFLICT', {
        message: {
          zh: '知识库没有依据的问题不交给模型回答',
          en: 'Questions without a basis are not put to the model',
        },
        path: ['answerId'],
      });
    }
    if (!this.model?.ready) throw new ApiError('MODEL_UNAVAILABLE');
    const citations = stored.body.citations;
    const entries = citations.map((citation) => {
      const text = this.knowledge.entryText(citation.entryId, citation.version);
      return { title: citation.title, text: text ?? citation.snippet };
    });
    const earlier = this.copilot
      .answers(stored.conversationId)
      .filter((each) => each.id < stored.id)
      .slice(-2)
      .flatMap((each) => [
        { role: 'user' as const, text: each.question },
        {
          role: 'assistant' as const,
          text: each.body.generated?.text ?? each.body.extract.map((s) => s.text).join(''),
        },
      ]);
    let text = '';
    let timing: { timeToFirstTokenMs: number | null; tokensPerSecond: number | null } = {
      timeToFirstTokenMs: null,
      tokensPerSecond: null,
    };
    for await (const event of this.model.chat({
      system: `${ANSWER_SYSTEM_PROMPT}\n\n知识条目：\n${numberedEntries(entries)}`,
      history: earlier,
      prompt: stored.question,
      maxTokens: 400,
    })) {
      if (event.type === 'token') onToken(event.text);
      else {
        text = event.text;
        timing = event.timing;
      }
    }
    const checked = checkCitations(text, citations.length);
    inTransaction(this.db, () => {
      this.copilot.setBody(stored.id, {
        ...stored.body,
        generated: {
          text,
          ...checked,
          timeToFirstTokenMs: Math.round(timing.timeToFirstTokenMs ?? 0),
          tokensPerSecond: Math.round((timing.tokensPerSecond ?? 0) * 10) / 10,
        },
      });
    });
    return toApiAnswer(this.ownedAnswer(stored.id, user));
  }

  conversation(conversationId: number, user: SignedInUser): Answer[] {
    this.ownConversation(conversationId, user, ['conversationId']);
    return this.copilot.answers(conversationId).map(toApiAnswer);
  }

  feedback(input: ParsedInput<'copilot.feedback'>, user: SignedInUser): Answer {
    const stored = this.ownedAnswer(input.answerId, user);
    const at = this.clock.now().toISOString();
    inTransaction(this.db, () => {
      const gapId =
        !input.helpful && stored.gapId === null
          ? this.raiseGap({
              question: stored.question,
              reason: 'unhelpful',
              comment: input.comment ?? null,
              matterCode: this.matterCodeOf(stored.caseId),
              caseId: stored.caseId,
              user,
              at,
            })
          : null;
      this.copilot.setFeedback(stored.id, input.helpful, input.comment ?? null, gapId);
    });
    return toApiAnswer(this.ownedAnswer(stored.id, user));
  }

  gaps(input: ParsedInput<'gaps.list'>): KnowledgeGap[] {
    const today = businessDate(this.clock.now());
    const gaps = this.copilot.gaps(input.status).map((row) => toGap(row, today));
    return input.overdueOnly ? gaps.filter((gap) => gap.overdue) : gaps;
  }

  /** Closes a gap with an existing entry, or with a Q&A entry written here and imported. */
  closeGap(input: ParsedInput<'gaps.close'>, user: SignedInUser): KnowledgeGap {
    const gap = this.copilot.gap(input.gapId);
    if (!gap) throw new ApiError('NOT_FOUND', { path: ['gapId'] });
    if (gap.status !== 'open') {
      throw new ApiError('CONFLICT', {
        message: { zh: '该知识缺口已关闭', en: 'This gap is already closed' },
        path: ['gapId'],
      });
    }
    const now = this.clock.now();
    const at = now.toISOString();
    const resolution = input.resolution;
    inTransaction(this.db, () => {
      let entryId: string;
      if (resolution.kind === 'link') {
        entryId = resolution.entryId;
      } else {
        entryId = `QA-GAP-${String(gap.id).padStart(4, '0')}`;
        this.importer.import({
          fileName: `knowledge-gap-${String(gap.id)}.json`,
          content: JSON.stringify({
            format: 'bangban-knowledge',
            formatVersion: 1,
            qa: [
              {
                id: entryId,
                version: (this.knowledge.newestEntryVersion(entryId) ?? 0) + 1,
                effectiveFrom: businessDate(now),
                question: resolution.question,
                variants: resolution.question === gap.question ? [] : [gap.question],
                answer: resolution.answer,
                matters: resolution.matters,
                sources: resolution.sources,
              },
            ],
          }),
          importedBy: user.username,
          dryRun: false,
        });
      }
      const version = this.knowledge.newestEntryVersion(entryId);
      if (version === undefined) {
        throw new ApiError('NOT_FOUND', {
          message: { zh: `知识库中没有条目“${entryId}”`, en: `No entry "${entryId}"` },
          path: ['resolution', 'entryId'],
        });
      }
      this.copilot.closeGap(gap.id, { entryId, version, note: input.note ?? null }, user.id, at);
      appendOutbox(this.db, {
        entity: 'knowledge_gap',
        entityId: gap.id,
        operation: 'close',
        payload: { question: gap.question, entryId, version, note: input.note ?? null },
        at,
      });
    });
    const closed = this.copilot.gap(gap.id);
    if (!closed) throw new Error(`Gap ${String(gap.id)} vanished`);
    return toGap(closed, businessDate(now));
  }

  private conversationFor(
    input: ParsedInput<'copilot.ask'>,
    user: SignedInUser,
  ): { id: number | undefined; caseId: number | null } {
    if (input.conversationId !== undefined) {
      const owner = this.ownConversation(input.conversationId, user, ['conversationId']);
      return { id: input.conversationId, caseId: owner.caseId };
    }
    if (input.caseId !== undefined && !this.cases.caseById(input.caseId)) {
      throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    }
    return { id: undefined, caseId: input.caseId ?? null };
  }

  private ownConversation(
    id: number,
    user: SignedInUser,
    path: string[],
  ): { userId: number; caseId: number | null } {
    const owner = this.copilot.conversationOwner(id);
    // Someone else's conversation is answered as not found: its questions are theirs.
    if (!owner || owner.userId !== user.id) throw new ApiError('NOT_FOUND', { path });
    return owner;
  }

  private matterCodeOf(caseId: number | null): string | null {
    if (caseId === null) return null;
    const record = this.cases.caseById(caseId);
    return record ? (this.knowledge.matterById(record.matterId)?.code ?? null) : null;
  }

  /**
   * Beside a case, the whole knowledge base is asked too: an entry about the case's matter wins
   * only between entries that cover the question equally well, so a general question asked at a
   * food-licence review still finds the general answer.
   */
  private retrieve(query: string, matterCode: string | null, today: string): EntryText[] {
    const search = (matter: string | undefined): KnowledgeHit[] =>
      this.index.search({ query, matterCode: matter, limit: CANDIDATES }, today);
    const inMatter = matterCode === null ? [] : search(matterCode);
    const everywhere = search(undefined);
    const matterIds = new Set(inMatter.map((hit) => hit.entryId));
    const unique = new Map([...inMatter, ...everywhere].map((hit) => [hit.entryId, hit]));
    // BM25 favours short entries that repeat one word; an entry covering more of the question
    // answers it better, so support ranks first, then the case's matter, then BM25.
    const ranked = [...unique.values()].sort(
      (a, b) =>
        Number(supports(b)) - Number(supports(a)) ||
        b.weightedCoverage - a.weightedCoverage ||
        Number(matterIds.has(b.entryId)) - Number(matterIds.has(a.entryId)) ||
        b.score - a.score,
    );
    return ranked.map((hit) => {
      return { hit, text: this.knowledge.entryText(hit.entryId, hit.version) ?? hit.snippet };
    });
  }

  private raiseGap(gap: {
    question: string;
    reason: KnowledgeGap['reason'];
    comment: string | null;
    matterCode: string | null;
    caseId: number | null;
    user: SignedInUser;
    at: string;
  }): number {
    const id = this.copilot.raiseGap({
      question: gap.question,
      questionKey: questionKey(gap.question),
      reason: gap.reason,
      comment: gap.comment,
      matterCode: gap.matterCode,
      caseId: gap.caseId,
      userId: gap.user.id,
      at: gap.at,
      dueBy: this.dueBy(businessDate(new Date(gap.at))),
    });
    appendOutbox(this.db, {
      entity: 'knowledge_gap',
      entityId: id,
      operation: 'raise',
      payload: {
        question: gap.question,
        reason: gap.reason,
        comment: gap.comment,
        matterCode: gap.matterCode,
        raisedBy: gap.user.username,
      },
      at: gap.at,
    });
    return id;
  }

  private dueBy(from: string): string | null {
    if (!this.calendar) return null;
    try {
      return this.calendar.addWorkingDays(from, GAP_DUE_WORKING_DAYS);
    } catch (error) {
      if (error instanceof CalendarOutOfRangeError) return null;
      throw error;
    }
  }

  private ownedAnswer(id: number, user: SignedInUser): StoredAnswer {
    const stored = this.copilot.answer(id);
    if (!stored || stored.askedBy !== user.id) {
      throw new ApiError('NOT_FOUND', { path: ['answerId'] });
    }
    return stored;
  }
}

function toApiAnswer(stored: StoredAnswer): Answer {
  return {
    id: stored.id,
    conversationId: stored.conversationId,
    question: stored.question,
    status: stored.status,
    extract: stored.body.extract,
    citations: stored.body.citations,
    support: stored.support,
    gapId: stored.gapId,
    gapDueBy: stored.gapDueBy,
    helpful: stored.helpful,
    askedAt: stored.askedAt,
    generated: stored.body.generated ?? null,
  };
}

/**
 * A follow-up is read with the question before it, so "那个体户呢" keeps its topic; a question
 * that stands on its own ("驾驶证到期换证在哪里办") is read alone.
 */
export function retrievalQuery(question: string, previous: string | undefined): string {
  const followUp = question.length <= FOLLOW_UP_LENGTH || FOLLOW_UP_OPENING.test(question.trim());
  return previous !== undefined && followUp ? `${previous} ${question}` : question;
}

/** The same question typed with other spaces or punctuation is the same gap. */
export function questionKey(question: string): string {
  return question.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}
