// Runs every benchmark in bench/ and writes bench/RESULTS.md with the machine's description.
// Each benchmark measures our path next to a baseline taken in the same run.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, release } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'bench/vitest.config.ts'],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BANGBAN_BENCH_OUT: join(root, 'bench/tmp/results.json') },
  },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const { readFileSync } = await import('node:fs');
const rows = JSON.parse(readFileSync(join(root, 'bench/tmp/results.json'), 'utf8'));
const chromium =
  spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'n/a';
const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- OS: Linux ${release()}`,
  `- Node.js ${process.versions.node}; SQLite (better-sqlite3) ${rows.sqliteVersion}; ${chromium}`,
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
].join('\n');
const table = rows.results
  .map((row) => `| ${row.name} | ${row.ours} | ${row.baseline} | ${row.note} |`)
  .join('\n');
writeFileSync(
  join(root, 'bench/RESULTS.md'),
  `# Benchmark results\n\nWritten by \`npm run bench\`. Times are medians over the runs shown; the baseline is measured in the\nsame run on the same machine.\n\n## Machine\n${machine}\n\n## Results\n| benchmark | Bangban Desk | baseline | note |\n| --- | --- | --- | --- |\n${table}\n`,
);
console.log(readFileSync(join(root, 'bench/RESULTS.md'), 'utf8'));
