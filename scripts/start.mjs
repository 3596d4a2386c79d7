// `npm start`: the desktop app where an Electron runtime is available, else browser mode.
// `npm run web` (`--web`): browser mode directly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronBinary, whyNoDesktop } from './electron-runtime.mjs';
import { ensureBuilt } from './ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

ensureBuilt();
const browserMode = process.argv.includes('--web');
const reason = browserMode ? undefined : whyNoDesktop(root);
if (!browserMode && reason === undefined) {
  const child = spawn(electronBinary(root), [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (reason) process.stdout.write(`${reason}\n`);
  await import(pathToFileURL(join(root, 'out/main/web.js')).href);
}
