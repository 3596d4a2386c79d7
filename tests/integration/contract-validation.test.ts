import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorSchema,
  contract,
  methodNames,
  type MethodName,
  type ResponseEnvelope,
} from '@shared/api';
import { openTestEngine, type TestConnection, type TestEngine } from '../support/engine-harness';

/**
 * Every contract method, fed malformed input by a signed-in admin (or, for what only leaders or
 * remote experts do, one of them), answers a typed error (code, Chinese and English message,
 * field path) and leaves the database exactly as it was.
 */
let t: TestEngine;
let leader: TestConnection;
let expert: TestConnection;

/** Someone the method lets in (the admin when it may), so that input is what is tested. */
function callerFor(method: MethodName): TestConnection {
  const access = contract[method].access;
  if (!Array.isArray(access) || access.includes('admin')) return t;
  return access.includes('leader') ? leader : access.includes('remote_expert') ? expert : t;
}

beforeAll(async () => {
  t = openTestEngine();
  await t.setupAdmin();
  await t.ok('users.create', {
    username: 'leader',
    displayName: '王局长',
    role: 'leader',
    password: 'Leader#2026ok',
  });
  leader = t.connect();
  await leader.ok('auth.signIn', { username: 'leader', password: 'Leader#2026ok' });
  await t.ok('users.create', {
    username: 'expert',
    displayName: '王专家',
    role: 'remote_expert',
    password: 'Expert#2026ok',
  });
  expert = t.connect();
  await expert.ok('auth.signIn', { username: 'expert', password: 'Expert#2026ok' });
  await t.ok('cases.create', {
    matterId: (await t.ok('matters.search', { query: 'T-GTSL' }))[0]?.id ?? 0,
    applicant: {
      kind: 'person',
      name: '张伟',
      idNumber: '11010519491231002X',
      phone: '13800138000',
    },
  });
});

afterAll(() => {
  t.close();
});

/** Every row of every table, so any write at all shows up as a difference. */
function snapshot(): string {
  const tables = t.engine.db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'cases_fts%' ORDER BY name",
    )
    .all() as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => [name, t.engine.db.prepare(`SELECT * FROM "${name}"`).all()]),
  );
}

function expectTypedError(response: ResponseEnvelope, codes: string[]): void {
  expect(response.ok).toBe(false);
  if (response.ok) return;
  expect(apiErrorSchema.safeParse(response.error).success).toBe(true);
  expect(codes).toContain(response.error.code);
  expect(response.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(response.error.message.en).toMatch(/[A-Za-z]/);
}

const malformed: unknown[] = [
  null,
  42,
  'text',
  [],
  [1, 2],
  true,
  { unexpected: 1 },
  { id: 'x'.repeat(10_000) },
];

describe('every contract method rejects malformed input', () => {
  it.each(methodNames)('%s', async (method) => {
    const before = snapshot();
    for (const input of malformed) {
      const response = await callerFor(method).call(method, input);
      expectTypedError(response, ['INVALID_INPUT']);
    }
    expect(snapshot()).toBe(before);
  });

  it('names the offending field path for a wrong field type', async () => {
    const response = await t.call('cases.create', {
      matterId: 'one',
      applicant: { kind: 'person' },
    });
    expectTypedError(response, ['INVALID_INPUT']);
    if (!response.ok) {
      expect(response.error.path).toEqual(['matterId']);
      const paths = response.error.issues?.map((issue) => issue.path.join('.'));
      expect(paths).toEqual(
        expect.arrayContaining(['matterId', 'applicant.name', 'applicant.idNumber']),
      );
    }
  });

  it('answers envelope-level garbage with typed errors', async () => {
    const before = snapshot();
    expectTypedError(await t.send(undefined), ['MALFORMED_REQUEST']);
    expectTypedError(await t.send('not an envelope'), ['MALFORMED_REQUEST']);
    expectTypedError(await t.send({ type: 'request', id: 7, method: 'cases.drop', input: {} }), [
      'UNKNOWN_METHOD',
    ]);
    expectTypedError(await t.send({ type: 'request', id: 8, method: '__proto__', input: {} }), [
      'UNKNOWN_METHOD',
    ]);
    expectTypedError(await t.send({ type: 'request', id: -1, method: 'system.status' }), [
      'MALFORMED_REQUEST',
    ]);
    expect(snapshot()).toBe(before);
  });

  it('never fails internally on arbitrary JSON, whatever the method', async () => {
    // Arbitrary values, and objects shaped like the method's own fields with arbitrary values.
    const fieldsOf = (method: (typeof methodNames)[number]): string[] => {
      const shape = (contract[method].input as { shape?: Record<string, unknown> }).shape;
      return shape ? Object.keys(shape) : [];
    };
    const input = fc.constantFrom(...methodNames).chain((method) =>
      fc.tuple(
        fc.constant(method),
        fc.oneof(
          fc.jsonValue(),
          fc.record(Object.fromEntries(fieldsOf(method).map((field) => [field, fc.jsonValue()])), {
            requiredKeys: [],
          }),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(input, async ([method, value]) => {
        // Signing out would end the session the other runs use: keep it signed in.
        if (method === 'auth.signOut') return;
        const response = await callerFor(method).call(method, value);
        if (!response.ok) {
          expect(apiErrorSchema.safeParse(response.error).success).toBe(true);
          expect(response.error.code).not.toBe('INTERNAL');
        } else {
          expect(contract[method].output.safeParse(response.output).success).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuses prototype-polluting and oversized payloads on every method, writing nothing', async () => {
    const before = snapshot();
    const hostile = [
      JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
      { unexpected: 'x'.repeat(2 * 1024 * 1024) },
      { unexpected: Array.from({ length: 100_000 }, (_value, index) => index) },
      JSON.parse(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`) as unknown,
    ];
    for (const method of methodNames) {
      for (const input of hostile) {
        const response = await callerFor(method).call(method, input);
        expectTypedError(response, ['INVALID_INPUT']);
      }
    }
    expect(snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives thousands of hostile payloads shaped like each method’s fields', async () => {
    const fieldsOf = (method: (typeof methodNames)[number]): string[] => {
      const shape = (contract[method].input as { shape?: Record<string, unknown> }).shape;
      return shape ? Object.keys(shape) : [];
    };
    const nasty = fc.oneof(
      fc.jsonValue(),
      fc.string({ minLength: 10_000, maxLength: 60_000 }),
      fc.constantFrom(
        '<img src=x onerror=alert(1)>',
        '"; DROP TABLE cases; --',
        '\u0000\uFFFF\uD800',
        '../../../../etc/passwd',
        '__proto__',
        Number.MAX_SAFE_INTEGER,
        -1,
        1e308,
      ),
      fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
    );
    const input = fc.constantFrom(...methodNames).chain((method) =>
      fc.tuple(
        fc.constant(method),
        fc.record(Object.fromEntries(fieldsOf(method).map((field) => [field, nasty])), {
          requiredKeys: [],
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(input, async ([method, value]) => {
        if (method === 'auth.signOut') return;
        const response = await callerFor(method).call(method, value);
        if (!response.ok) {
          expect(apiErrorSchema.safeParse(response.error).success).toBe(true);
          expect(response.error.code).not.toBe('INTERNAL');
        } else {
          expect(contract[method].output.safeParse(response.output).success).toBe(true);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 3_000 },
    );
    expect((await t.call('system.status', {})).ok).toBe(true);
  });

  it('asks for sign-in before it looks at input, and keeps signed-out callers out', async () => {
    const stranger = t.connect();
    for (const method of methodNames.filter((m) => contract[m].access !== 'public')) {
      expectTypedError(await stranger.call(method, {}), ['UNAUTHENTICATED']);
    }
  });
});
