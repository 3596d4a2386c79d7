import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncRun, SyncStatus } from '@shared/api';
import { Engine } from '../engine';
import { createLogger } from '../logger';
import { ENGINE_VERSION } from '../version';

/**
 * `bangban sync now|status|export|import`: the same sync as the app's, for a scheduled task or a
 * headless terminal, and offline packages for halls without a network. It opens the engine (the app must be closed), runs once and says how it went.
 */
export async function syncCommand(
  dataDir: string,
  storeKey: Buffer,
  resourcesDir: string,
  action: 'now' | 'status' | 'export' | 'import',
  out: (line: string) => void,
  file?: string,
): Promise<number> {
  const engine = Engine.open({
    dataDir,
    storeKey,
    mode: 'browser',
    version: ENGINE_VERSION,
    calendarDir: join(resourcesDir, 'calendar'),
    logger: createLogger(),
    sync: { auto: false },
  });
  try {
    await engine.syncReady;
    if (action === 'status') {
      printStatus(engine.sync.status(), out);
      return 0;
    }
    if (engine.sync.status().state === 'not_enrolled') {
      out('✖ 本终端尚未注册到中心 / this terminal is not enrolled at a hub');
      return 1;
    }
    if (action === 'export') {
      const exported = engine.packages.export();
      const target = file ?? exported.fileName;
      writeFileSync(target, exported.content, { mode: 0o600 });
      out(`✔ 离线包 / package: ${target}（${exported.mutations} 条变更 / changes）`);
      return 0;
    }
    if (action === 'import') {
      if (!file) {
        out('✖ 请指定中心回执文件 / name the reply file');
        return 2;
      }
      const imported = engine.packages.import(readFileSync(file, 'utf8'));
      out(
        `✔ 中心确认 / acknowledged ${imported.acknowledged}，下载 / pulled ${imported.pulled}` +
          (imported.skippedStreams.length > 0
            ? `（已跳过 / skipped: ${imported.skippedStreams.join(', ')}）`
            : ''),
      );
      return 0;
    }
    const run = await engine.sync.syncNow('manual');
    printRun(run, out);
    return run.outcome === 'ok' ? 0 : 1;
  } finally {
    engine.close();
  }
}

function printStatus(status: SyncStatus, out: (line: string) => void): void {
  out(`状态 / state: ${status.state}`);
  out(`中心 / hub: ${status.hubUrl ?? '—'}`);
  if (status.terminal)
    out(
      `终端 / terminal: ${status.terminal.name} (${status.terminal.id}) @ ${status.terminal.hallName}`,
    );
  out(`待上传 / pending: ${status.pending}`);
  out(`上次成功 / last success: ${status.lastSuccessAt ?? '—'}`);
  if (status.problem)
    out(`问题 / problem: ${status.problem.message.zh} / ${status.problem.message.en}`);
}

function printRun(run: SyncRun, out: (line: string) => void): void {
  const mark = run.outcome === 'ok' ? '✔' : '✖';
  out(`${mark} 上传 / pushed ${run.pushed}，下载 / pulled ${run.pulled}（${run.outcome ?? '?'}）`);
  if (run.problem) out(`  ${run.problem.message.zh} / ${run.problem.message.en}`);
}
