import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorkerLauncher } from '../../electron/core/model';
import {
  buildModelWorkerForTests,
  tinyModelFixture,
} from '../../electron/core/model/model-test-support';
import { openTestEngine, SEED_KNOWLEDGE, type TestEngine } from '../support/engine-harness';

/**
 * The model path end to end through the engine's API, with the tiny GGUF the project writes and a
 * real model process: install (sha256 recorded), load, a grammar-constrained review suggestion
 * whose citations can only be the point's passages, and a streamed answer whose citation marks
 * are checked afterwards. The weights are random, so the content is noise; the shapes are not.
 */
let t: TestEngine;
let worker: Awaited<ReturnType<typeof buildModelWorkerForTests>>;
let model: ReturnType<typeof tinyModelFixture>;

beforeAll(async () => {
  worker = await buildModelWorkerForTests();
  model = tinyModelFixture();
  t = openTestEngine({ seedDir: SEED_KNOWLEDGE, modelLauncher: forkWorkerLauncher(worker.path) });
  await t.setupAdmin();
}, 60_000);

afterAll(() => {
  t.close();
  worker.cleanup();
  model.cleanup();
});

describe('local model through the engine', () => {
  it('starts in retrieval-only mode and says so', async () => {
    const status = await t.ok('models.status', {});
    expect(status).toMatchObject({ supported: true, state: 'none', loaded: null, installed: [] });
    expect(status.hardware.logicalCores).toBeGreaterThan(0);
    expect((await t.ok('system.status', {})).model.state).toBe('none');
  });

  it('installs a model file and loads it', async () => {
    const installed = await t.ok('models.install', {
      sourcePath: model.path,
      fileName: 'tiny-test.gguf',
    });
    expect(installed.installed.map((file) => file.fileName)).toEqual(['tiny-test.gguf']);
    expect(t.events.some((event) => event.event === 'models.progress')).toBe(true);
    const loaded = await t.ok('models.load', { fileName: 'tiny-test.gguf' });
    expect(loaded).toMatchObject({ state: 'ready', loaded: { fileName: 'tiny-test.gguf' } });
    expect((await t.ok('system.status', {})).model.state).toBe('loaded');
    expect((await t.ok('settings.get', {})).activeModel).toBe('tiny-test.gguf');
  }, 120_000);

  it('suggests a verdict for a model point that cites only the point’s passages', async () => {
    const [matter] = await t.ok('matters.search', { query: '食品经营许可' });
    const created = await t.ok('cases.create', {
      matterId: matter?.id ?? 0,
      applicant: {
        kind: 'enterprise',
        name: '城关镇好味道餐饮店',
        uscc: '91350100M000100Y43',
        legalRepresentative: '李四',
        address: '城关镇人民路 88 号',
      },
    });
    const caseId = created.id;
    let review = await t.ok('review.start', { caseId });
    expect(review.modelReady).toBe(true);
    review = await t.ok('review.suggest', { caseId, pointCode: 'RP05' });
    const point = review.points.find((each) => each.code === 'RP05');
    expect(point?.suggestion?.source).toBe('model');
    expect(['pass', 'fail', 'unsure']).toContain(point?.suggestion?.verdict);
    const given = point?.passages.map((passage) => passage.entryId) ?? [];
    for (const id of point?.suggestion?.cited ?? []) expect(given).toContain(id);
    // A rule point is not put to the model.
    const rule = await t.call('review.suggest', { caseId, pointCode: 'RP01' });
    expect(rule.ok ? null : rule.error.path).toEqual(['pointCode']);
    // The clerk still decides; differing from the model needs a note when it said pass or fail.
    const verdict = point?.suggestion?.verdict === 'pass' ? 'fail' : 'pass';
    const differ = await t.call('review.decide', { caseId, pointCode: 'RP05', verdict });
    if (point?.suggestion?.verdict === 'unsure') expect(differ.ok).toBe(true);
    else expect(differ.ok ? null : differ.error.path).toEqual(['note']);
  }, 120_000);

  it('streams an answer and checks its citation marks after generation', async () => {
    const answer = await t.ok('copilot.ask', { question: '营业执照丢了怎么补办？' });
    expect(answer.status).toBe('answered');
    const before = t.events.length;
    const generated = await t.ok('copilot.generate', { answerId: answer.id });
    const tokens = t.events
      .slice(before)
      .filter((event) => event.event === 'copilot.token')
      .map((event) => (event.payload as { text: string }).text);
    expect(tokens.length).toBeGreaterThan(0);
    expect(generated.generated?.text).toBe(tokens.join(''));
    for (const sentence of generated.generated?.sentences ?? []) {
      for (const index of sentence.citations) {
        expect(index).toBeLessThan(answer.citations.length);
      }
      expect(sentence.uncited).toBe(sentence.citations.length === 0);
    }
    // Stored: the conversation shows the generated answer again.
    const [again] = await t.ok('copilot.conversation', { conversationId: answer.conversationId });
    expect(again?.generated?.text).toBe(generated.generated?.text);
  }, 120_000);

  it('drafts a walk report summary that stays a draft until the leader saves it', async () => {
    const password = 'Walk#2026check';
    const leader = await t.ok('users.create', {
      username: 'wang',
      displayName: '王局长',
      role: 'leader',
      password,
    });
    const unit = await t.ok('units.save', {
      name: '县市场监督管理局',
      kind: 'department',
      department: '县市场监督管理局',
      leaders: [{ userId: leader.id, title: '局长' }],
    });
    const walker = t.connect();
    await walker.ok('auth.signIn', { username: 'wang', password });
    const [matter] = unit.matters;
    const walk = await walker.ok('walks.start', {
      unitId: unit.id,
      matterCode: matter?.matterCode ?? '',
      hall: '县政务服务中心',
    });
    await walker.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'consult',
      category: 'long_wait',
      severity: 'medium',
      description: '取号后等候 40 分钟',
    });
    const draft = await walker.ok('walks.draftSummary', { walkId: walk.id });
    expect(draft.model).toBe('tiny-test.gguf');
    expect(typeof draft.text).toBe('string');
    // Nothing was stored: the report has no summary until the leader saves one.
    expect((await walker.ok('walks.get', { walkId: walk.id })).summary).toBeNull();
    const saved = await walker.ok('walks.saveSummary', {
      walkId: walk.id,
      text: `${draft.text}（已核对）`,
    });
    expect(saved).toMatchObject({ summaryReviewedBy: '王局长' });
    expect(saved.summary).toContain('（已核对）');
  }, 120_000);

  it('installs from a download address, and refuses an input with neither path nor address', async () => {
    const server = createServer((request, response) => {
      if (request.url !== '/models/tiny-download.gguf') {
        response.writeHead(404).end();
        return;
      }
      const body = readFileSync(model.path);
      response.writeHead(200, { 'content-length': String(body.length) }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const status = await t.ok('models.install', {
        url: `http://127.0.0.1:${String(port)}/models/tiny-download.gguf`,
      });
      expect(status.installed.map((file) => file.fileName)).toContain('tiny-download.gguf');
      const missing = await t.call('models.install', {
        url: `http://127.0.0.1:${String(port)}/models/absent.gguf`,
      });
      expect(missing.ok ? null : missing.error.code).not.toBeNull();
    } finally {
      server.close();
    }
    const neither = await t.call('models.install', {});
    expect(neither.ok ? null : neither.error).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['sourcePath'],
    });
  });

  it('unloads back to retrieval-only mode; model questions then fail plainly', async () => {
    const status = await t.ok('models.unload', {});
    expect(status.state).toBe('none');
    const answer = await t.ok('copilot.ask', { question: '公租房怎么申请？' });
    const refused = await t.call('copilot.generate', { answerId: answer.id });
    expect(refused.ok ? null : refused.error.code).toBe('MODEL_UNAVAILABLE');
    const [walk] = await t.ok('walks.list', {});
    const walker = t.connect();
    await walker.ok('auth.signIn', { username: 'wang', password: 'Walk#2026check' });
    const draft = await walker.call('walks.draftSummary', { walkId: walk?.id ?? 0 });
    expect(draft.ok ? null : draft.error.code).toBe('MODEL_UNAVAILABLE');
    expect((await t.ok('settings.get', {})).activeModel).toBeNull();
  }, 120_000);
});
