import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '@shared/api';
import { openDatabaseForInspection } from '../db/connection';
import { UserRepository } from '../auth/user-repository';
import { KnowledgeRepository } from '../knowledge/knowledge-repository';
import { bundledMigrations, schemaVersion } from '../db/migrations';
import { DATABASE_FILE } from '../engine';
import { loadWorkingDayCalendar } from '../calendar/calendar-loader';
import { installedModelFiles } from '../model';
import { checkStoreHealth, KEY_STORE_FILE, missingLog, storeFileKind } from '../vault';
import { cliVault, unlockForCli } from './store';

export interface Check {
  ok: boolean | 'warn';
  zh: string;
  en: string;
  /** What to do about it, when it is not fine. */
  fix?: string;
}

/**
 * `bangban doctor`: checks the install, the data folder, the database and the model, and says
 * what to fix. Only reads: it never creates or repairs anything itself.
 */
export async function runDoctor(
  dataDir: string,
  paths: { rendererDir: string; resourcesDir: string },
  today: Date = new Date(),
): Promise<Check[]> {
  const checks: Check[] = [];
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  checks.push({
    ok: major > 20 || (major === 20 && minor >= 19),
    zh: `Node.js 版本 ${process.versions.node}`,
    en: `Node.js ${process.versions.node}`,
    fix: '安装 Node.js 20.19 或更新版本 / install Node.js 20.19 or newer',
  });
  checks.push({
    ok: existsSync(join(paths.rendererDir, 'index.html')),
    zh: '界面文件已构建',
    en: 'Renderer is built',
    fix: '运行 npm run build / run npm run build',
  });
  const seedDir = join(paths.resourcesDir, 'knowledge');
  checks.push({
    ok: existsSync(seedDir) && readdirSync(seedDir).some((name) => /\.(ya?ml|json)$/.test(name)),
    zh: '内置知识库文件齐全',
    en: 'Seed knowledge files present',
    fix: `恢复 ${seedDir} 目录 / restore ${seedDir}`,
  });

  checks.push(
    calendarCheck([join(paths.resourcesDir, 'calendar'), join(dataDir, 'calendar')], today),
  );

  const dataDirOk = existsSync(dataDir) && canWrite(dataDir);
  checks.push({
    ok: dataDirOk,
    zh: `数据目录可写：${dataDir}`,
    en: `Data folder writable: ${dataDir}`,
    fix: '检查目录权限，或用 BANGBAN_DATA_DIR 指定其他目录；首次启动会自动创建 / check permissions or set BANGBAN_DATA_DIR; the first start creates it',
  });
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    checks.push({
      ok: 'warn',
      zh: '数据库尚未创建（首次启动时创建）',
      en: 'No database yet (created at first start)',
    });
  } else {
    checks.push(...(await encryptedDatabaseChecks(dataDir, file)));
  }

  const models = installedModelFiles(dataDir);
  checks.push(
    models.length > 0
      ? {
          ok: true,
          zh: `已安装模型：${models.join('、')}`,
          en: `Models installed: ${models.join(', ')}`,
        }
      : {
          ok: 'warn',
          zh: '未安装本地模型：以检索模式运行（规则核验和知识库问答照常可用）',
          en: 'No local model: running in retrieval-only mode (rule checks and knowledge answers still work)',
          fix: `把 GGUF 模型放入 ${join(dataDir, 'models')}，见 models/README.md / put a GGUF model there, see models/README.md`,
        },
  );
  return checks;
}

/** The key first (without making one: doctor only reads), then the database with it. */
async function encryptedDatabaseChecks(dataDir: string, file: string): Promise<Check[]> {
  // Asked before anything opens the file: the first close removes the evidence.
  const lostLog = missingLog(file);
  const kind = storeFileKind(file);
  if (kind === 'plaintext') {
    return [
      {
        ok: 'warn',
        zh: '数据库未加密（旧版本创建）：下次启动程序时会自动加密并删除明文',
        en: 'The store is not encrypted (an earlier version made it): the next start encrypts it',
        fix: '启动一次程序 / start the app once',
      },
    ];
  }
  const keyStorePresent = existsSync(join(dataDir, KEY_STORE_FILE));
  const vault = cliVault(dataDir);
  const protections = vault.status().protections.join('、');
  const checks: Check[] = [
    {
      ok: keyStorePresent,
      zh: keyStorePresent
        ? `数据库已加密，密钥保护方式：${protections}`
        : '数据库已加密，但密钥库文件缺失',
      en: keyStorePresent
        ? `The store is encrypted; key protected by: ${protections}`
        : 'The store is encrypted but its key store is missing',
      fix: `从备份恢复 ${KEY_STORE_FILE}，或用 bangban restore 恢复数据 / restore ${KEY_STORE_FILE} or the data from a backup`,
    },
  ];
  if (!keyStorePresent) return checks;
  let key: Buffer;
  try {
    key = await unlockForCli(vault);
  } catch (error) {
    const message =
      error instanceof ApiError ? error.localized : { zh: String(error), en: String(error) };
    // Locked for want of a passphrase is expected off a terminal; a key that fails is not.
    const locked = error instanceof ApiError && error.code === 'STORE_LOCKED';
    checks.push({
      ok: locked ? 'warn' : false,
      zh: `未能解开数据库，跳过数据库检查：${message.zh}`,
      en: `Could not unlock the store, database checks skipped: ${message.en}`,
      fix: locked
        ? '在终端运行并输入数据库口令，或设置 BANGBAN_KEY_FILE / run in a terminal or set BANGBAN_KEY_FILE'
        : '密钥与数据库文件不匹配：数据库可能已损坏或被替换，请从备份恢复 / the key does not open the file: restore from a backup',
    });
    return checks;
  }
  const damage = lostLog ?? checkStoreHealth(file, key);
  if (damage) {
    checks.push({
      ok: false,
      zh: damage.message.zh,
      en: damage.message.en,
      fix: '用 bangban backup list 查看备份，关闭程序后用 bangban restore <编号> --yes 恢复（原文件移到 quarantine 保留）/ restore a backup',
    });
    return checks;
  }
  return [...checks, ...databaseChecks(file, key)];
}

function databaseChecks(file: string, key: Buffer): Check[] {
  const checks: Check[] = [];
  try {
    const db = openDatabaseForInspection(file, key);
    try {
      const integrity = db.pragma('integrity_check', { simple: true }) as string;
      checks.push({
        ok: integrity === 'ok',
        zh: `数据库完整性检查：${integrity}`,
        en: `Database integrity: ${integrity}`,
        fix: '先备份数据目录，再从备份或中心恢复 / back up the data folder, then restore from a backup or the hub',
      });
      const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
      checks.push({
        ok: foreignKeyProblems === 0,
        zh: `外键一致性：${foreignKeyProblems} 处问题`,
        en: `Foreign keys: ${foreignKeyProblems} problem(s)`,
        fix: '从备份恢复 / restore from a backup',
      });
      const version = schemaVersion(db);
      const newest = bundledMigrations().at(-1)?.version ?? 0;
      checks.push({
        ok: version === newest ? true : version < newest ? 'warn' : false,
        zh: `数据库结构版本 ${version}（程序 ${newest}）`,
        en: `Schema version ${version} (app ${newest})`,
        fix:
          version < newest
            ? '启动一次程序即可自动升级 / start the app once to upgrade'
            : '请升级程序 / update the app',
      });
      const counts = {
        users: new UserRepository(db).count(),
        matters: new KnowledgeRepository(db).counts().matters,
      };
      checks.push({
        ok: counts.users > 0 ? true : 'warn',
        zh: `用户数：${counts.users}`,
        en: `Users: ${counts.users}`,
        fix: '首次启动时在初始化页面创建管理员 / create the administrator on the setup screen',
      });
      checks.push({
        ok: counts.matters > 0 ? true : 'warn',
        zh: `事项目录：${counts.matters} 个事项`,
        en: `Matter catalogue: ${counts.matters} matters`,
        fix: '启动程序导入内置知识库，或运行 npm run bangban -- import <文件> / start the app or import a file',
      });
    } finally {
      db.close();
    }
  } catch (error) {
    checks.push({
      ok: false,
      zh: `无法打开数据库：${String(error)}`,
      en: `Cannot open the database: ${String(error)}`,
      fix: '文件可能已损坏或不是帮办台数据库；请从备份恢复 / the file may be damaged; restore from a backup',
    });
  }
  return checks;
}

/** Deadlines need this year's holiday arrangement; next year's is published in November. */
function calendarCheck(folders: string[], today: Date): Check {
  let coverage: { firstYear: number; lastYear: number };
  try {
    coverage = loadWorkingDayCalendar(folders).coverage();
  } catch (error) {
    return {
      ok: false,
      zh: `节假日安排数据有误：${String(error)}`,
      en: `Holiday calendar data is broken: ${String(error)}`,
      fix: '恢复 resources/calendar 目录，或从中心重新同步 / restore resources/calendar or sync again',
    };
  }
  const year = today.getFullYear();
  const range = `${coverage.firstYear}–${coverage.lastYear}`;
  if (year > coverage.lastYear || year < coverage.firstYear) {
    return {
      ok: false,
      zh: `节假日安排只覆盖 ${range} 年，不含今年：工作日期限无法计算`,
      en: `The holiday calendar covers ${range} only, not this year: deadlines cannot be computed`,
      fix: `导入 ${year} 年的国务院节假日安排（resources/calendar/README.md）/ add the ${year} arrangement`,
    };
  }
  if (year === coverage.lastYear && today.getMonth() >= 10) {
    return {
      ok: 'warn',
      zh: `节假日安排覆盖 ${range} 年；${year + 1} 年的安排尚未导入`,
      en: `The holiday calendar covers ${range}; the ${year + 1} arrangement is not loaded yet`,
      fix: `国务院公布 ${year + 1} 年安排后请导入（resources/calendar/README.md）/ add it once published`,
    };
  }
  return { ok: true, zh: `节假日安排覆盖 ${range} 年`, en: `Holiday calendar covers ${range}` };
}

function canWrite(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
