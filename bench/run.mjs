// Runs every benchmark in bench/ and writes bench/RESULTS.md with the machine's description.
// Each benchmark measures our path next to a baseline taken in the same run. Sections of
// RESULTS.md that benchmarks do not write (the evaluation results of `npm run eval`) are kept.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench/tmp/results');
const resultsFile = join(root, 'bench/RESULTS.md');
rmSync(resultsDir, { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'bench/vitest.config.ts'],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BANGBAN_BENCH_DIR: resultsDir },
  },
);
if (result.status !== 0) process.exit(result.status ?? 1);

// One JSON file per benchmark file, in a stable order.
const rows = readdirSync(resultsDir)
  .filter((name) => name.endsWith('.json'))
  .sort((a, b) => Number(a !== 'workbench.json') - Number(b !== 'workbench.json'))
  .flatMap((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')).results);
const sqliteVersion = new Database(':memory:').prepare('SELECT sqlite_version() AS v').get().v;
const chromium =
  spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'n/a';
const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- OS: Linux ${release()}`,
  `- Node.js ${process.versions.node}; SQLite (better-sqlite3) ${sqliteVersion}; ${chromium}`,
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
].join('\n');
const table = rows
  .map((row) => `| ${row.name} | ${row.ours} | ${row.baseline} | ${row.note} |`)
  .join('\n');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
const keptAt = previous.indexOf('\n## Evaluation');
const kept = keptAt < 0 ? '' : previous.slice(keptAt);
writeFileSync(
  resultsFile,
  `# Benchmark results\n\nWritten by \`npm run bench\`. Times are medians over the runs shown (p50/p95 where given); the\nbaseline is measured in the same run on the same machine.\n\n## Machine\n${machine}\n\n## Results\n| benchmark | Bangban Desk | baseline | note |\n| --- | --- | --- | --- |\n${table}\n${kept}`,
);
console.log(readFileSync(resultsFile, 'utf8'));
