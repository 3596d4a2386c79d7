import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  openTestEngine,
  SEED_KNOWLEDGE,
  type TestEngine,
} from '../../../tests/support/engine-harness';
import { keySentences, splitSentences } from './extractive-answer';
import { questionKey, retrievalQuery } from './copilot-service';

let t: TestEngine;
afterEach(() => {
  t.close();
});

describe('copilot answers', () => {
  it('answers from the knowledge base with sentences that cite the entries they come from', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const answer = await t.ok('copilot.ask', { question: '营业执照丢了怎么办？' });
    expect(answer.status).toBe('answered');
    expect(answer.gapId).toBeNull();
    expect(answer.citations[0]?.entryId).toBe('QA-0051');
    expect(answer.extract.length).toBeGreaterThan(0);
    for (const sentence of answer.extract) {
      const cited = answer.citations[sentence.citation];
      expect(cited).toBeDefined();
      // Verbatim: the sentence is in the cited entry's text.
      const entry = await t.ok('knowledge.entry', {
        entryId: cited?.entryId ?? '',
        version: cited?.version,
      });
      expect(entry.text).toContain(sentence.text);
    }
  });

  it('says it has no basis instead of guessing, and the question becomes a gap due in 5 working days', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const answer = await t.ok('copilot.ask', { question: '驾驶证到期换证在哪里办？' });
    expect(answer).toMatchObject({ status: 'no_basis', extract: [], citations: [] });
    expect(answer.gapId).not.toBeNull();
    // Asked on Friday 20 November 2026: five working days later is Friday 27 November.
    const [gap] = await t.ok('gaps.list', {});
    expect(gap).toMatchObject({
      id: answer.gapId,
      question: '驾驶证到期换证在哪里办？',
      reason: 'no_basis',
      dueBy: '2026-11-27',
      overdue: false,
      status: 'open',
      occurrences: 1,
      raisedBy: ADMIN.displayName,
    });
    // The same question again (other punctuation) counts on the same gap.
    const again = await t.ok('copilot.ask', { question: '驾驶证 到期 换证，在哪里办' });
    expect(again.gapId).toBe(answer.gapId);
    expect((await t.ok('gaps.list', {}))[0]?.occurrences).toBe(2);

    t.clock.advanceMinutes(8 * 24 * 60);
    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.ok('gaps.list', { overdueOnly: true })).map((each) => each.id)).toEqual([
      answer.gapId,
    ]);
  });

  it('turns an unhelpful answer into a gap, and closing it with a new entry makes it answerable', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const answer = await t.ok('copilot.ask', { question: '个体户注销要多久？' });
    expect(answer.status).toBe('answered');
    const marked = await t.ok('copilot.feedback', {
      answerId: answer.id,
      helpful: false,
      comment: '问的是注销时限，答的是转让',
    });
    expect(marked.helpful).toBe(false);
    const [gap] = await t.ok('gaps.list', { status: 'open' });
    expect(gap).toMatchObject({
      id: marked.gapId,
      reason: 'unhelpful',
      comment: '问的是注销时限，答的是转让',
    });

    const closed = await t.ok('gaps.close', {
      gapId: gap?.id ?? 0,
      resolution: {
        kind: 'write',
        question: '个体工商户注销登记要多长时间？',
        answer:
          '个体工商户注销登记材料齐全、符合法定形式的，登记机关当场办结；简易注销公示期满后即可申请。',
        sources: ['《促进个体工商户发展条例》'],
        matters: [],
      },
      note: '补充注销时限问答',
    });
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: ADMIN.displayName,
      resolution: { entryId: `QA-GAP-${String(gap?.id).padStart(4, '0')}`, version: 1 },
    });
    const now = await t.ok('copilot.ask', { question: '个体户注销要多久？' });
    expect(now.citations[0]?.entryId).toBe(closed.resolution?.entryId);
    const twice = await t.call('gaps.close', {
      gapId: gap?.id ?? 0,
      resolution: { kind: 'link', entryId: 'QA-0051' },
    });
    expect(twice.ok ? null : twice.error.code).toBe('CONFLICT');
  });

  it('refuses to close a gap with an entry that does not exist, and changes nothing', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const answer = await t.ok('copilot.ask', { question: '宠物狗怎么办证？' });
    const refused = await t.call('gaps.close', {
      gapId: answer.gapId ?? 0,
      resolution: { kind: 'link', entryId: 'QA-9999' },
    });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'NOT_FOUND',
      path: ['resolution', 'entryId'],
    });
    expect((await t.ok('gaps.list', {}))[0]?.status).toBe('open');
  });

  it('keeps a conversation, reads short follow-ups with the question before, and keeps it private', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const first = await t.ok('copilot.ask', { question: '二手房过户要交哪些税？' });
    const second = await t.ok('copilot.ask', {
      question: '契税税率是多少？',
      conversationId: first.conversationId,
    });
    expect(second.conversationId).toBe(first.conversationId);
    const history = await t.ok('copilot.conversation', { conversationId: first.conversationId });
    expect(history.map((each) => each.question)).toEqual([
      '二手房过户要交哪些税？',
      '契税税率是多少？',
    ]);

    await t.ok('users.create', {
      username: 'clerk1',
      displayName: '窗口一',
      role: 'clerk',
      password: 'Clerk#2026ok!',
    });
    const other = t.connect();
    await other.ok('auth.signIn', { username: 'clerk1', password: 'Clerk#2026ok!' });
    const peek = await other.call('copilot.conversation', { conversationId: first.conversationId });
    expect(peek.ok ? null : peek.error.code).toBe('NOT_FOUND');
    const feedback = await other.call('copilot.feedback', { answerId: first.id, helpful: true });
    expect(feedback.ok ? null : feedback.error.code).toBe('NOT_FOUND');
    const gaps = await other.call('gaps.list', {});
    expect(gaps.ok ? null : gaps.error.code).toBe('FORBIDDEN');
  });
});

describe('extractive answer pieces', () => {
  it('splits Chinese sentences and keeps the ones with the question’s words, in order', () => {
    expect(splitSentences('第一句。第二句！第三句？\n第四句；尾巴')).toEqual([
      '第一句。',
      '第二句！',
      '第三句？',
      '第四句；',
      '尾巴',
    ]);
    const text = `${'背景介绍。'.repeat(30)}补领营业执照不收费。${'其他说明。'.repeat(10)}可以下载电子营业执照。`;
    expect(keySentences(text, ['营业执照', '补领'])).toEqual([
      '补领营业执照不收费。',
      '可以下载电子营业执照。',
    ]);
    expect(keySentences('短答案。就这样。', ['x'])).toEqual(['短答案。就这样。']);
  });

  it('reads a short follow-up with the previous question and normalises gap questions', () => {
    expect(retrievalQuery('那个体户呢？', '营业执照丢了怎么办')).toBe(
      '营业执照丢了怎么办 那个体户呢？',
    );
    expect(retrievalQuery('营业执照正本和副本都丢了怎么补办呢？', '前一个问题')).toBe(
      '营业执照正本和副本都丢了怎么补办呢？',
    );
    expect(retrievalQuery('那个体户呢？', undefined)).toBe('那个体户呢？');
    expect(retrievalQuery('要多久？', '个体户注销')).toBe('个体户注销 要多久？');
    // A question with its own topic is not a follow-up, however short.
    expect(retrievalQuery('驾驶证到期换证在哪里办？', '开餐饮店要办哪些证？')).toBe(
      '驾驶证到期换证在哪里办？',
    );
    expect(questionKey('护照 过期了，怎么换？')).toBe(questionKey('护照过期了怎么换'));
  });
});
