import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { ApiError, parseOrThrow, storePassphraseSchema } from '@shared/api';
import { appPaths, dataDirFrom } from '../config';
import { ENGINE_VERSION } from '../version';
import { tailAudit, verifyAudit } from './audit-command';
import { runDoctor } from './doctor-command';
import { evalCommand } from './eval-command';
import { exportCases, exportKnowledge } from './export-command';
import { importCommand } from './import-command';
import { promptPassphrase } from './passphrase-prompt';
import { cliVault, unlockForCli, withStore } from './store';
import { syncCommand } from './sync-command';
import { usersCommand } from './users-command';

// Piped into `head` or a pager that quits early: stop quietly, as command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** `bangban`: the admin command line (run as `npm run bangban -- <command>`). */
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const dataDir = dataDirFrom(process.env);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const program = new Command()
  .name('bangban')
  .description('帮办台管理命令 / Bangban Desk admin commands')
  .version(ENGINE_VERSION)
  .addHelpText('after', `\n数据目录 / data folder: ${dataDir} (BANGBAN_DATA_DIR)`);

program
  .command('import')
  .description(
    '导入知识文件（事项、政策、问答），每个文件要么全部导入要么不导入 / import knowledge files, each all-or-nothing',
  )
  .argument('<paths...>', '文件或目录 / files or folders (.yaml .yml .json)')
  .option('--dry-run', '只校验不写入 / check without writing', false)
  .action(async (paths: string[], options: { dryRun: boolean }) => {
    await withStore(dataDir, (store) => {
      process.exitCode = importCommand(
        store.db,
        paths,
        { dryRun: options.dryRun, importedBy: `cli:${userInfo().username}` },
        out,
      );
      store.record(
        'knowledge.import',
        `files:${paths.length}`,
        { dryRun: options.dryRun },
        process.exitCode === 0 ? 'success' : 'failure',
      );
    });
  });

program
  .command('export')
  .description(
    '导出知识库（可再次导入）或办件清单（CSV，个人信息已脱敏） / export knowledge or cases',
  )
  .argument('<what>', 'knowledge | cases')
  .option('-o, --out <file>', '输出文件（默认标准输出） / output file (default stdout)')
  .action(async (what: string, options: { out?: string }) => {
    if (what !== 'knowledge' && what !== 'cases') {
      out('✖ 请指定 knowledge 或 cases / say knowledge or cases');
      process.exitCode = 2;
      return;
    }
    await withStore(dataDir, (store) => {
      const text = what === 'knowledge' ? exportKnowledge(store.db) : exportCases(store.db);
      store.record('data.export', what, {
        masked: what === 'cases',
        to: options.out ? 'file' : 'stdout',
      });
      if (options.out) {
        writeFileSync(options.out, text);
        out(`✔ 已导出 / exported: ${options.out}`);
      } else {
        process.stdout.write(text);
      }
    });
  });

program
  .command('users')
  .description('本地用户管理 / local users')
  .argument('<action>', 'list | create | reset-password | disable | enable')
  .argument('[username]')
  .option('--display-name <name>', '显示名 / display name')
  .option('--role <role>', 'clerk | remote_expert | leader | admin', 'clerk')
  .option('--password-stdin', '从标准输入读取密码 / read the password from standard input', false)
  .action(
    async (
      action: string,
      username: string | undefined,
      options: { displayName?: string; role: string; passwordStdin: boolean },
    ) => {
      const actions = ['list', 'create', 'reset-password', 'disable', 'enable'] as const;
      const known = actions.find((candidate) => candidate === action);
      if (!known) {
        out(`✖ 未知操作 / unknown action: ${action}`);
        process.exitCode = 2;
        return;
      }
      const password = options.passwordStdin ? await readStdin() : undefined;
      await withStore(dataDir, async (store) => {
        process.exitCode = await usersCommand(
          store.db,
          known,
          {
            ...(username === undefined ? {} : { username }),
            ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
            role: options.role,
            ...(password === undefined ? {} : { password }),
          },
          out,
        );
        if (known !== 'list')
          store.record(
            `user.${known}`,
            `user:${username ?? '?'}`,
            known === 'create' ? { role: options.role } : {},
            process.exitCode === 0 ? 'success' : 'failure',
          );
      });
    },
  );

program
  .command('sync')
  .description(
    '与中心同步一次、查看状态，或导出/导入离线包（请先关闭帮办台） / sync once, show the state, export/import an offline package',
  )
  .argument('[action]', 'now | status | export | import', 'now')
  .argument('[file]', '离线包或中心回执文件 / package or reply file')
  .action(async (action: string, file: string | undefined) => {
    if (action !== 'now' && action !== 'status' && action !== 'export' && action !== 'import') {
      out('✖ 请指定 now、status、export 或 import / say now, status, export or import');
      process.exitCode = 2;
      return;
    }
    const key = await unlockForCli(cliVault(dataDir));
    process.exitCode = await syncCommand(
      dataDir,
      key,
      appPaths(import.meta.url).resourcesDir,
      action,
      out,
      file,
    );
  });

program
  .command('rekey')
  .description(
    '轮换数据库密钥：数据库用新密钥重新加密，各种保护方式随之更新 / rotate the store key',
  )
  .action(async () => {
    await withStore(dataDir, async (store) => {
      const needsPassphrase = store.vault.status().protections.includes('passphrase');
      const passphrase = needsPassphrase
        ? await promptPassphrase('当前数据库口令 / current store passphrase: ')
        : undefined;
      await store.vault.rekey(store.db, passphrase);
      store.record('vault.rekey', 'store-key');
      out(`✔ 数据库密钥已轮换 / store key rotated (${store.vault.status().keyCreatedAt ?? ''})`);
    });
  });

program
  .command('passphrase')
  .description(
    '设置或更换数据库口令（系统密钥保护之外的恢复口令） / set or change the store passphrase',
  )
  .action(async () => {
    await withStore(dataDir, async (store) => {
      const hasOne = store.vault.status().protections.includes('passphrase');
      const current = hasOne
        ? await promptPassphrase('当前数据库口令 / current passphrase: ')
        : undefined;
      const next = await promptPassphrase('新数据库口令 / new passphrase: ');
      const again = await promptPassphrase('再次输入 / repeat: ');
      if (next === undefined || next !== again) {
        out('✖ 两次输入不一致，或没有终端可输入 / the entries differ, or there is no terminal');
        process.exitCode = 1;
        return;
      }
      await store.vault.setPassphrase(current, parseOrThrow(storePassphraseSchema, next));
      store.record('vault.passphrase', 'store-key');
      out('✔ 数据库口令已设置 / store passphrase set');
    });
  });

program
  .command('backup')
  .description('备份：立即做一次加密备份，或 list 列出已有备份 / back up now, or list the backups')
  .argument('[action]', 'list')
  .action(async (action: string | undefined) => {
    if (action !== undefined && action !== 'list') {
      out('✖ 未知操作 / unknown action; 可用 list');
      process.exitCode = 2;
      return;
    }
    if (action === 'list') {
      const backups = cliVault(dataDir).backups.list();
      if (backups.length === 0) out('（还没有备份 / no backups yet）');
      for (const backup of backups)
        out(`${backup.id}  ${backup.createdAt}  ${Math.round(backup.sizeBytes / 1024)} KiB`);
      return;
    }
    await withStore(dataDir, (store) => {
      const backup = store.vault.backups.create(store.db, store.key, 'manual', new Date());
      store.record('data.backup', `backup:${backup.id}`);
      out(`✔ 已备份 / backed up: ${backup.id}`);
    });
  });

program
  .command('restore')
  .description(
    '从备份恢复（请先关闭帮办台）：当前数据库移到 quarantine 保留，再换成所选备份 / restore a backup (close the app first)',
  )
  .argument('<backup>', '备份编号，见 bangban backup list / a backup id')
  .option('--yes', '确认覆盖当前数据库 / confirm replacing the current store', false)
  .action((backupId: string, options: { yes: boolean }) => {
    const vault = cliVault(dataDir);
    if (!vault.backups.list().some((backup) => backup.id === backupId)) {
      out(`✖ 没有这个备份 / no such backup: ${backupId}`);
      process.exitCode = 1;
      return;
    }
    if (!options.yes) {
      out(
        '✖ 恢复会替换当前数据库（原文件保留在 quarantine）；确认请加 --yes / add --yes to confirm',
      );
      process.exitCode = 2;
      return;
    }
    const { quarantinedTo } = vault.backups.restore(backupId, new Date());
    out(`✔ 已从 ${backupId} 恢复；原数据库文件保留在 ${quarantinedTo}`);
    out('  / restored; the previous files are kept there. Start the app to unlock it.');
  });

program
  .command('audit')
  .description(
    '审计日志：verify 校验哈希链，tail 显示最近记录 / audit log: verify the chain, or tail it',
  )
  .argument('<action>', 'verify | tail')
  .option('-n, --lines <count>', '显示条数 / entries to show', '20')
  .action(async (action: string, options: { lines: string }) => {
    if (action !== 'verify' && action !== 'tail') {
      out('✖ 请指定 verify 或 tail / say verify or tail');
      process.exitCode = 2;
      return;
    }
    await withStore(dataDir, (store) => {
      process.exitCode =
        action === 'verify'
          ? verifyAudit(store, out)
          : tailAudit(store, Number.parseInt(options.lines, 10) || 20, out);
    });
  });

program
  .command('doctor')
  .description(
    '检查安装、数据目录、数据库和模型，并说明如何处理 / check the install and say what to fix',
  )
  .action(async () => {
    const checks = await runDoctor(dataDir, appPaths(import.meta.url));
    for (const check of checks) {
      const mark = check.ok === true ? '✔' : check.ok === 'warn' ? '⚠' : '✖';
      out(`${mark} ${check.zh} / ${check.en}`);
      if (check.ok !== true && check.fix) out(`    → ${check.fix}`);
    }
    process.exitCode = checks.some((check) => check.ok === false) ? 1 : 0;
  });

program
  .command('eval')
  .description(
    '运行评测集，报告检索、无依据判断、引用和规则审查的指标 / run an evaluation set and report its metrics',
  )
  .argument('<file>', '评测集 YAML 文件 / evaluation set (docs/evaluation-format.md)')
  .option(
    '--knowledge <folder>',
    '知识文件目录（默认内置种子知识库） / knowledge folder (default: the seed)',
  )
  .option('--json', '输出 JSON / machine-readable output', false)
  .action(async (file: string, options: { knowledge?: string; json: boolean }) => {
    process.exitCode = await evalCommand(
      file,
      options,
      appPaths(import.meta.url).resourcesDir,
      out,
    );
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ApiError) {
    out(`✖ ${error.localized.zh} / ${error.localized.en}`);
    for (const issue of error.issues ?? [])
      out(`  ${issue.path.join('.')}: ${issue.message.zh} / ${issue.message.en}`);
  } else {
    out(`✖ ${String(error)}`);
  }
  process.exitCode = 1;
});
