// `npm start`: the desktop app where an Electron runtime is available, else browser mode.
// `npm run web` (`--web`): browser mode directly.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Electron binary if it is installed; never triggers its download. */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function whyNoDesktop() {
  if (process.argv.includes('--web')) return undefined;
  const binary = electronBinary();
  if (!binary)
    return '未找到 Electron 运行时（本机无法下载），改为浏览器模式启动 / No Electron runtime here (it cannot be downloaded): starting browser mode';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return '没有图形显示环境，改为浏览器模式启动 / No display: starting browser mode';
  }
  return null;
}

ensureBuilt();
const reason = whyNoDesktop();
if (reason === null) {
  const child = spawn(electronBinary(), [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (reason) process.stdout.write(`${reason}\n`);
  await import(pathToFileURL(join(root, 'out/main/web.js')).href);
}
