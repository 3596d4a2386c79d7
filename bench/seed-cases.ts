import { citizenIdCheckCharacter } from '@shared/domain/citizen-id';
import { silentLogger } from '../electron/core/logger';
import { Engine } from '../electron/core/engine';
import { SEED_KNOWLEDGE } from '../tests/support/engine-harness';
import { storeKeyOf } from '../tests/support/test-store';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

/** A valid citizen ID number for a running index. */
function citizenId(index: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (index % 15000) * 86_400_000);
  const first17 = `110105${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(index % 1000).padStart(3, '0')}`;
  return first17 + citizenIdCheckCharacter(first17);
}

/**
 * Fills a data folder with `count` cases through the real engine (every case a real create), with
 * durable syncing relaxed for the fill only — it is set-up, not what is measured.
 */
export async function seedCases(
  dataDir: string,
  count: number,
): Promise<{ adminPassword: string }> {
  const adminPassword = 'Bench#Admin2026';
  const engine = Engine.open({
    dataDir,
    storeKey: await storeKeyOf(dataDir),
    mode: 'browser',
    version: 'bench',
    seedKnowledgeDir: SEED_KNOWLEDGE,
    logger: silentLogger,
  });
  engine.db.pragma('synchronous = OFF');
  let id = 0;
  const replies = new Map<number, (value: { ok: boolean; output?: unknown }) => void>();
  const connection = engine.connect((message) => {
    const reply = message as { id: number; ok: boolean; output?: unknown };
    replies.get(reply.id)?.(reply);
  });
  const call = (method: string, input: unknown): Promise<{ ok: boolean; output?: unknown }> =>
    new Promise((resolve) => {
      id += 1;
      replies.set(id, resolve);
      void connection.receive({ type: 'request', id, method, input });
    });
  await call('setup.createAdmin', {
    hallName: '基准测试大厅',
    username: 'admin',
    displayName: '管理员',
    password: adminPassword,
  });
  const matters = ((await call('matters.search', { query: '', subjectKind: 'person', limit: 100 }))
    .output ?? []) as { id: number }[];
  for (let index = 0; index < count; index += 1) {
    const name = `${surnames[index % surnames.length] ?? '王'}${given[(index * 7) % given.length] ?? '伟'}${index % 3 === 0 ? (given[index % given.length] ?? '') : ''}`;
    const reply = await call('cases.create', {
      matterId: matters[index % matters.length]?.id,
      applicant: {
        kind: 'person',
        name,
        idNumber: citizenId(index),
        phone: `138${String(index).padStart(8, '0')}`,
      },
    });
    if (!reply.ok) throw new Error(`seeding case ${index} failed: ${JSON.stringify(reply)}`);
  }
  engine.db.pragma('synchronous = FULL');
  engine.close();
  return { adminPassword };
}
