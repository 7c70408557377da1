// `npm run bench:duckdb`: `botclick flag --engine duckdb --memory-limit 2GB` (the whole process's
// budget) on 1M and 10M generated clicks, beside the default engine at 1M: wall time and peak memory
// (RSS, DuckDB included, as it runs in the same process; MB here are MiB, so 2GB is 1,907 of them). The 10M file is the 1M mailing ten times over, each copy its own campaigns.
// Prints a markdown table for docs/warehouse.md (and each row on stderr as it is measured);
// `--no-10m` leaves the long 10M run out. Measures; never fails on a slow machine.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundle, ROOT, TMP } from './load-ts.mjs';

const CLI = join(ROOT, 'build', 'botclick.cjs');
const MEMORY_LIMIT = '2GB';
const MB = 1024 * 1024;

function progress(text) {
  process.stderr.write(`bench: ${text}\n`);
}

/** Wall time and peak RSS of one run of a command, from GNU time. */
function timed(args) {
  const report = join(TMP, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${(result.stderr || '').trim().split('\n').pop()}`);
  const [seconds, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, peakRss: kilobytes * 1024 };
}

async function writeFiles() {
  const small = join(TMP, 'duckdb-1M.csv');
  const large = join(TMP, 'duckdb-10M.csv');
  const { generateScenario, csvLine } = createRequire(import.meta.url)(await bundle('bench/fixtures.ts'));
  const { table } = generateScenario({ seed: 2026, targetClicks: 1_000_000, resolution: 'ms' });
  const fd = openSync(small, 'w');
  for (let i = 0; i < table.length; i += 10_000) writeSync(fd, table.slice(i, i + 10_000).map(csvLine).join('\n') + '\n');
  closeSync(fd);
  // Ten copies of the body, the campaign (the first column) prefixed so that each copy is its own mailing.
  const out = openSync(large, 'w');
  for (let copy = 0; copy < 10; copy++) {
    let first = true;
    const lines = createInterface({ input: createReadStream(small), crlfDelay: Infinity });
    const batch = [];
    for await (const line of lines) {
      if (first) {
        first = false;
        if (copy === 0) writeSync(out, `${line}\n`);
        continue;
      }
      batch.push(line.startsWith('"') ? `"${copy} ${line.slice(1)}` : `${copy} ${line}`);
      if (batch.length === 10_000) writeSync(out, `${batch.splice(0).join('\n')}\n`);
    }
    if (batch.length > 0) writeSync(out, `${batch.join('\n')}\n`);
  }
  closeSync(out);
  return [
    { file: small, rows: table.length - 1 },
    { file: large, rows: (table.length - 1) * 10 },
  ];
}

async function main() {
  if (!existsSync(CLI)) throw new Error('build/botclick.cjs is missing: run npm run build first');
  progress('writing the 1M- and 10M-click CSVs');
  const [small, large] = await writeFiles();
  const output = join(TMP, 'duckdb-out.csv');
  const rows = [];
  const run = (label, csv, extra) => {
    progress(`${label}, ${csv.rows.toLocaleString('en-US')} clicks`);
    const { seconds, peakRss } = timed([process.execPath, CLI, 'flag', csv.file, '-q', '-o', output, ...extra]);
    rows.push(`| ${label} | ${csv.rows.toLocaleString('en-US')} | ${(statSync(csv.file).size / MB).toFixed(0)} MB | ${seconds.toFixed(1)} s | ${Math.round(peakRss / MB)} MB |`);
    // Each figure as soon as it is measured: the 10M run is long.
    progress(rows[rows.length - 1]);
  };
  run('default engine', small, []);
  run(`--engine duckdb --memory-limit ${MEMORY_LIMIT}`, small, ['--engine', 'duckdb', '--memory-limit', MEMORY_LIMIT]);
  if (!process.argv.includes('--no-10m')) run(`--engine duckdb --memory-limit ${MEMORY_LIMIT}`, large, ['--engine', 'duckdb', '--memory-limit', MEMORY_LIMIT]);
  for (const file of [small.file, large.file, output]) rmSync(file, { force: true });
  console.log(['| engine | clicks | CSV | time | peak memory (RSS) |', '|---|---|---|---|---|', ...rows].join('\n'));
}

await main();
