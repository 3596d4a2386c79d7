// Builds the app when out/ is missing or older than the sources, so `npm start` works on a fresh
// clone and after an edit, and costs nothing when the build is current.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = [
  'out/main/index.js',
  'out/main/web.js',
  'out/main/cli.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/hub/main.js',
  'out/hub/console/index.html',
];
const sources = [
  'electron',
  'renderer',
  'shared',
  'central',
  'package.json',
  'electron.vite.config.ts',
];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...readdirSync(full)
      .filter((name) => name !== 'node_modules')
      .map((name) => newestMtime(join(path, name))),
  );
}

export function ensureBuilt() {
  const built = outputs.map((file) => join(root, file));
  const oldestOutput = built.every(existsSync)
    ? Math.min(...built.map((file) => statSync(file).mtimeMs))
    : 0;
  if (oldestOutput > Math.max(...sources.map(newestMtime))) return;
  process.stderr.write('正在构建帮办台（约需一分钟）… / Building Bangban Desk (about a minute)…\n');
  const steps = [
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'central/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    // After the hub: its build empties out/hub, where the console goes.
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'central/console/vite.config.ts',
      '--logLevel',
      'warn',
    ],
  ];
  for (const [script, ...args] of steps) {
    const result = spawnSync(process.execPath, [join(root, script), ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) {
      process.stderr.write('构建失败，请查看上面的错误 / The build failed; see the errors above\n');
      process.exit(result.status ?? 1);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
