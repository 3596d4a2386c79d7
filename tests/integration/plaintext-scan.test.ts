import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter } from '@shared/domain/citizen-id';
import { startBrowserMode } from '../support/browser-mode-process';
import { ADMIN } from '../support/engine-harness';
import { connectEngineSocket } from '../support/engine-socket';
import { keyFileFor } from '../support/test-store';

/**
 * A day's work for 1,000 generated citizens through the real browser-mode engine: cases opened,
 * read, revealed, reviewed, asked about by name in the copilot, a notice printed, a backup
 * made. Then every file in the data folder, every temporary file the engine made and its whole
 * log are scanned for the citizens' names, ID numbers and phone numbers: none may appear.
 */
const CITIZENS = 1_000;
const SURNAMES = ['欧阳', '司马', '诸葛', '上官', '慕容', '东方', '皇甫', '令狐'];
const GIVEN = '翊珩琰瑾璟珂琛瑄玥璇昕晗曦暄煜烨熠灏澄';

interface Citizen {
  name: string;
  idNumber: string;
  phone: string;
}

function citizen(index: number): Citizen {
  const surname = SURNAMES[index % SURNAMES.length] ?? '欧阳';
  const given = `${GIVEN[index % GIVEN.length] ?? ''}${GIVEN[Math.floor(index / GIVEN.length) % GIVEN.length] ?? ''}`;
  const birth = new Date(Date.UTC(1950, 0, 1) + index * 7 * 86_400_000);
  const first17 = `350102${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(index % 1000).padStart(3, '0')}`;
  return {
    name: `${surname}${given}`,
    idNumber: first17 + citizenIdCheckCharacter(first17),
    phone: `139${String(10_000_000 + index * 7919).slice(0, 8)}`,
  };
}

const root = mkdtempSync(join(tmpdir(), 'bangban-scan-'));
const dataDir = join(root, 'data');
const engineTemp = join(root, 'tmp');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(keyFileFor(dataDir), { force: true });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
}

/** Every citizen whose name, ID number or phone occurs in `bytes`, each as `what:value`. */
function hits(bytes: Buffer, citizens: Citizen[]): string[] {
  const latin = bytes.toString('latin1');
  const text = bytes.toString('utf8');
  const ids = new Set(citizens.map((c) => c.idNumber));
  const phones = new Set(citizens.map((c) => c.phone));
  const names = new Set(citizens.map((c) => c.name));
  const found: string[] = [];
  for (const match of latin.matchAll(/\d{17}[\dX]/g))
    if (ids.has(match[0])) found.push(`id:${match[0]}`);
  for (const match of latin.matchAll(/1\d{10}/g))
    if (phones.has(match[0])) found.push(`phone:${match[0]}`);
  // Every name starts with one of a few rare compound surnames: find those, then the name.
  for (const surname of SURNAMES) {
    for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
      const candidate = text.slice(at, at + surname.length + 2);
      if (names.has(candidate)) found.push(`name:${candidate}`);
    }
  }
  return found;
}

describe('personal data at rest and in logs', () => {
  it(
    'leaves no citizen’s name, ID number or phone readable anywhere on disk or in the log',
    { timeout: 240_000 },
    async () => {
      mkdirSync(dataDir);
      mkdirSync(engineTemp);
      const citizens = Array.from({ length: CITIZENS }, (_value, index) => citizen(index));
      expect(new Set(citizens.map((c) => c.idNumber)).size).toBe(CITIZENS);
      const engine = await startBrowserMode(dataDir, {
        TMPDIR: engineTemp,
        TEMP: engineTemp,
        TMP: engineTemp,
        BANGBAN_CHECK_OUTPUTS: '0',
      });
      const api = connectEngineSocket(engine);
      await api.opened;
      await api.call('setup.createAdmin', { hallName: '测试县政务服务中心', ...ADMIN });
      const [matter] = (await api.call('matters.search', { query: '个体' })) as { id: number }[];

      const caseIds: number[] = [];
      for (let start = 0; start < CITIZENS; start += 20) {
        const batch = citizens.slice(start, start + 20).map((person) =>
          api.call('cases.create', {
            matterId: matter?.id,
            applicant: { kind: 'person', ...person, address: `城关镇${person.name}路 8 号` },
          }),
        );
        for (const created of await Promise.all(batch))
          caseIds.push((created as { id: number }).id);
      }
      // A clerk's day on a tenth of them: open, reveal, review, ask about them by name, print,
      // keep a scan of the ID card.
      for (const [index, id] of caseIds.entries()) {
        if (index % 10 !== 0) continue;
        await api.call('cases.get', { id });
        await api.call('cases.reveal', { id });
        await api.call('review.start', { caseId: id });
        await api.call('review.get', { caseId: id });
        await api.call('applicants.lookup', {
          kind: 'person',
          idNumber: citizens[index]?.idNumber,
        });
        await api.call('copilot.ask', {
          question: `${citizens[index]?.name ?? ''}办个体执照要带什么`,
          caseId: id,
        });
        await api.call('audit.recordPrint', { document: 'applicationForm', caseId: id });
        // A scan of the ID card, its text in the clear inside the image file.
        const card = Buffer.from(
          `PNG 居民身份证 ${citizens[index]?.name ?? ''} ${citizens[index]?.idNumber ?? ''}`,
        );
        const scan = (await api.call('attachments.add', {
          caseId: id,
          fileName: '身份证.png',
          mediaType: 'image/png',
          contentBase64: card.toString('base64'),
        })) as { id: number };
        await api.call('attachments.get', { id: scan.id });
      }
      await api.call('cases.list', { query: citizens[0]?.name });
      await api.call('backups.create', {});
      api.socket.close();
      await engine.stop();

      const scanned = [...filesUnder(dataDir), keyFileFor(dataDir), ...filesUnder(engineTemp)];
      expect(scanned.some((file) => file.endsWith('bangban.db'))).toBe(true);
      expect(scanned.some((file) => file.includes('backups'))).toBe(true);
      expect(scanned.filter((file) => file.endsWith('.bin')).length).toBeGreaterThanOrEqual(100);
      const found = scanned.flatMap((file) =>
        hits(readFileSync(file), citizens).map((hit) => `${file}: ${hit}`),
      );
      found.push(...hits(Buffer.from(engine.output()), citizens).map((hit) => `log: ${hit}`));
      expect(found).toEqual([]);
      // The scan itself can see: the same search finds the citizens in plain text.
      expect(hits(Buffer.from(JSON.stringify(citizens.slice(0, 3))), citizens)).toHaveLength(9);
    },
  );
});
