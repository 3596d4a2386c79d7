import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import pino from 'pino';
import { hubConfigFrom } from './config';
import { registerConsole } from './console-static';
import { hubOpenApi } from './openapi';
import { HUB_VERSION } from './version';
import { buildHub } from './hub';
import { openHubDb } from './open-hub-db';
import { seedCalendar, seedKnowledge } from './seed-knowledge';
import type { HubDb } from './db/hub-db';

const config = hubConfigFrom(process.env);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The hub's services for a one-off command (the server is not running: PGlite is locked). */
function quietHub(db: HubDb): ReturnType<typeof buildHub> {
  return buildHub({
    db,
    logger: pino({ level: 'warn' }),
    version: HUB_VERSION,
    modelsDir: config.modelsDir,
  });
}

const program = new Command()
  .name('bangban-hub')
  .description('帮办台中心 / Bangban Desk hub')
  .version(HUB_VERSION)
  .addHelpText(
    'after',
    `\n数据目录 / data folder: ${config.dataDir} (HUB_DATA_DIR); DATABASE_URL for a PostgreSQL server`,
  );

program
  .command('serve', { isDefault: true })
  .description('启动中心服务 / run the hub')
  .action(async () => {
    const logger = pino({ level: config.logLevel });
    const db = await openHubDb(config, (error) => {
      logger.warn({ err: error }, 'database connection lost; the pool reconnects');
    });
    const hub = buildHub({
      db,
      logger,
      version: HUB_VERSION,
      modelsDir: config.modelsDir,
      relayOrigins: config.relayOrigins,
      iceServers: config.iceServers,
    });
    if (config.seedKnowledgeDir && existsSync(config.seedKnowledgeDir)) {
      const files = await seedKnowledge(hub.publishing, config.seedKnowledgeDir);
      if (files > 0) logger.info({ files }, 'published the seed knowledge');
    }
    if (config.seedCalendarDir && existsSync(config.seedCalendarDir)) {
      const years = await seedCalendar(hub.calendar, config.seedCalendarDir);
      if (years > 0) logger.info({ years }, 'published the shipped holiday arrangements');
    }
    const stop = async (): Promise<void> => {
      await hub.app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    // The administrator console is built beside this file (out/hub/console); only a running server
    // serves it, so buildHub (and every test hub) stays API-only.
    const consoleDir = fileURLToPath(new URL('./console', import.meta.url));
    if (!(await registerConsole(hub.app, consoleDir)))
      logger.warn({ consoleDir }, 'the administrator console is not built; serving the API only');
    await hub.app.listen({ host: config.host, port: config.port });
  });

program
  .command('admin')
  .description(
    '创建或重置中心管理员（密码从标准输入读取）/ create or reset a hub administrator (password on stdin)',
  )
  .argument('<username>')
  .option('--name <displayName>', '显示名 / display name')
  .action(async (username: string, options: { name?: string }) => {
    const db = await openHubDb(config);
    const hub = quietHub(db);
    await hub.admins.create(username, options.name ?? username, await readStdin());
    await db.close();
    process.stdout.write(`管理员 ${username} 已就绪 / administrator ${username} is ready\n`);
  });

program
  .command('hall')
  .description('添加大厅 / add a hall')
  .argument('<id>', '编号，如 qingshan-county / id, e.g. qingshan-county')
  .argument('<name>', '名称 / name')
  .action(async (id: string, name: string) => {
    const db = await openHubDb(config);
    const hub = quietHub(db);
    await hub.enrolment.createHall({ id, name });
    await db.close();
    process.stdout.write(`大厅 ${name} (${id}) 已添加 / hall added\n`);
  });

program
  .command('enrolment-code')
  .description('为大厅签发一次性终端注册码 / issue a one-time enrolment code for a hall')
  .argument('<hallId>')
  .option('--hours <n>', '有效小时数 / valid for hours', '24')
  .action(async (hallId: string, options: { hours: string }) => {
    const db = await openHubDb(config);
    const hub = quietHub(db);
    const issued = await hub.enrolment.issueCode(
      { hallId, note: 'cli', validHours: Number(options.hours) },
      'cli',
    );
    await db.close();
    process.stdout.write(`${issued.code}\n`);
  });

program
  .command('model')
  .description(
    '向终端提供一个模型文件（计算 sha256 并复制到中心模型目录） / offer a model file to terminals',
  )
  .argument('<action>', 'add')
  .argument('<file>', 'GGUF 文件 / a GGUF file')
  .requiredOption('--id <id>', '模型编号，如 qwen2.5-1.5b-instruct-q4_k_m / model id')
  .option('--name <name>', '显示名称 / display name')
  .option('--purpose <purpose>', 'chat | embedding', 'chat')
  .option('--licence <licence>', '许可证 / licence', 'unknown')
  .option('--ram <GiB>', '所需内存 / minimum RAM in GiB', '4')
  .option('--context <tokens>', '上下文长度 / context length', '4096')
  .action(
    async (
      action: string,
      file: string,
      options: {
        id: string;
        name?: string;
        purpose: string;
        licence: string;
        ram: string;
        context: string;
      },
    ) => {
      if (action !== 'add') throw new Error('只支持 add / only `add` is supported');
      const db = await openHubDb(config);
      try {
        const model = await quietHub(db).models.add(file, {
          id: options.id,
          name: options.name ?? options.id,
          fileName: basename(file),
          purpose: options.purpose === 'embedding' ? 'embedding' : 'chat',
          licence: options.licence,
          minimumRamGiB: Number(options.ram),
          contextLength: Number(options.context),
        });
        process.stdout.write(`✔ ${model.id}  ${model.sizeBytes} bytes  sha256 ${model.sha256}\n`);
      } finally {
        await db.close();
      }
    },
  );

program
  .command('openapi')
  .description('输出中心接口的 OpenAPI 文档 / print the hub API as OpenAPI 3.1')
  .action(() => {
    process.stdout.write(`${JSON.stringify(hubOpenApi(HUB_VERSION), null, 2)}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
