// Where the Electron runtime is, without ever triggering its download (which fails here).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable inside an Electron dist folder, per platform (as electron's own index.js). */
function executableIn(distDir) {
  if (process.platform === 'win32') return join(distDir, 'electron.exe');
  if (process.platform === 'darwin')
    return join(distDir, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  return join(distDir, 'electron');
}

/** The Electron binary for the project at `root`, or undefined when none is installed. */
export function electronBinary(root) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = executableIn(override);
    return existsSync(binary) ? binary : undefined;
  }
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Why the desktop app cannot open here, in one line; undefined when it can. */
export function whyNoDesktop(root) {
  if (!electronBinary(root)) {
    return '未找到 Electron 运行时（本机无法下载），改为浏览器模式启动 / No Electron runtime here (it cannot be downloaded): starting browser mode';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return '没有图形显示环境，改为浏览器模式启动 / No display: starting browser mode';
  }
  return undefined;
}
