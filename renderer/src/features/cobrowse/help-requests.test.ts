import { describe, expect, it } from 'vitest';
import type { HelpRequest } from '@shared/api/remote';
import { activityOf, attentionCount, hasNews, needsWindow, waitedMs } from './help-requests';

const base: HelpRequest = {
  id: 'h_00000000000000000001',
  hall: { id: 'qingshan', name: '青山镇便民服务中心' },
  terminalId: 't_00000000000000000001',
  caseRef: {
    caseId: 1,
    reference: 'QS-2026-0001',
    matterCode: 'SCJG-GTSL-001',
    matterName: '个体工商户设立登记',
    department: '县市场监督管理局',
  },
  question: '经营场所是住宅，能否办理？',
  urgency: 'normal',
  state: 'waiting',
  requester: { username: 'li', displayName: '李窗口' },
  expert: null,
  createdAt: '2026-03-01T02:00:00.000Z',
  claimedAt: null,
  firstResponseSeconds: null,
  closedAt: null,
  resolutionNote: null,
  sessionAskedAt: null,
  sessionId: null,
  sessionEnded: false,
  messages: [],
};

const claimed: HelpRequest = {
  ...base,
  state: 'claimed',
  expert: { username: 'wang', displayName: '王专家', hallName: '县政务服务中心' },
  claimedAt: '2026-03-01T02:00:12.000Z',
  firstResponseSeconds: 12,
};

describe('help requests as the clerk follows them', () => {
  it('has news for the clerk once an expert answers, until it is seen', () => {
    expect(activityOf(base, 'clerk')).toBe('');
    expect(hasNews(base, 'clerk', {})).toBe(false);
    expect(hasNews(claimed, 'clerk', {})).toBe(true);
    const seen = { [claimed.id]: activityOf(claimed, 'clerk') };
    expect(hasNews(claimed, 'clerk', seen)).toBe(false);
    // The expert writes: news again. The clerk's own messages are not news to the clerk.
    const mine = {
      id: 1,
      author: { displayName: '李窗口', side: 'clerk' as const },
      text: '在吗',
      at: base.createdAt,
    };
    const theirs = { ...mine, id: 2, author: { displayName: '王专家', side: 'expert' as const } };
    const answered: HelpRequest = { ...claimed, messages: [mine, theirs] };
    expect(hasNews(answered, 'clerk', seen)).toBe(true);
    expect(activityOf({ ...claimed, messages: [mine] }, 'clerk')).toBe(
      activityOf(claimed, 'clerk'),
    );
    // Closed requests are history, not news.
    expect(hasNews({ ...answered, state: 'resolved' }, 'clerk', {})).toBe(false);
  });

  it('counts a request asking for a window until one is opened, seen or not', () => {
    const asked: HelpRequest = { ...claimed, sessionAskedAt: '2026-03-01T02:01:00.000Z' };
    const seen = { [asked.id]: activityOf(asked, 'clerk') };
    expect(needsWindow(asked)).toBe(true);
    expect(attentionCount([asked, base], seen)).toBe(1);
    const opened: HelpRequest = { ...asked, sessionId: 's_00000000000000000001' };
    expect(needsWindow(opened)).toBe(false);
    expect(attentionCount([opened], { [asked.id]: activityOf(opened, 'clerk') })).toBe(0);
  });

  it('measures the wait on the hub’s clock until the first answer', () => {
    const hubNow = Date.parse('2026-03-01T02:00:45.000Z');
    expect(waitedMs(base, hubNow)).toBe(45_000);
    expect(waitedMs(claimed, hubNow)).toBe(12_000);
  });
});
