// `npm run bench`: throughput and peak memory at 100k and 1M clicks, for the core in-process and for
// the whole command line on a CSV file, next to DuckDB running the plain "more than 3 clicks in a
// minute" rule on the same file (what a user without botclick would do, bench/duckdb-child.mjs).
// Prints a markdown table docs/evidence.md can take. Measures; never fails on a slow machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { bundle, ROOT, TMP } from './load-ts.mjs';

const SIZES = [100_000, 1_000_000];
const SEED = 2026;
/** Each measurement runs this often, each time in a fresh process; the fastest run is reported. */
const RUNS = 2;
const TARGET = { coreSeconds: 2, coreMegabytes: 500, cliOverDuckdb: 2, cliMegabytes: 1024, growthSlack: 1.25 };
const CLI = join(ROOT, 'build', 'botclick.cjs');
const DUCKDB = join(ROOT, 'bench', 'duckdb-child.mjs');

const MB = 1024 * 1024;
const fmt = {
  int: (n) => n.toLocaleString('en-US'),
  s: (seconds) => `${seconds.toFixed(2)} s`,
  rate: (rows, seconds) => `${Math.round(rows / seconds / 1000).toLocaleString('en-US')}k rows/s`,
  mb: (bytes) => `${Math.round(bytes / MB)} MB`,
  mark: (ok) => (ok ? '✓' : '✗'),
};

function progress(text) {
  process.stderr.write(`bench: ${text}\n`);
}

function fastest(runs) {
  return runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
}

/** The core alone: `detect` on the export loaded as a table, in a fresh process per run. */
function measureCore(core, csv) {
  const runs = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'core-child.mjs'), core, csv.file], {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    });
    return JSON.parse(out.trim().split('\n').pop());
  });
  return { ...fastest(runs), peakRss: Math.max(...runs.map((run) => run.peakRss)) };
}

/** The generated mailing, written as the CSV export a user would hand the CLI. */
function writeCsv(fixtures, size) {
  const file = join(TMP, `clicks-${size}.csv`);
  const { generateScenario, csvLine } = createRequire(import.meta.url)(fixtures);
  const { table } = generateScenario({ seed: SEED, targetClicks: size, resolution: 'ms' });
  const fd = openSync(file, 'w');
  for (let i = 0; i < table.length; i += 10_000) writeSync(fd, table.slice(i, i + 10_000).map(csvLine).join('\n') + '\n');
  closeSync(fd);
  return { file, rows: table.length - 1, bytes: statSync(file).size };
}

/** Wall time and peak RSS of one run of a whole command, from GNU time. */
function timedOnce(args) {
  const report = join(TMP, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${(result.stderr || '').trim().split('\n').pop()}`);
  const [seconds, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, peakRss: kilobytes * 1024 };
}

/** The fastest of the runs, with the highest peak memory of any. */
function best(runs) {
  return { ...fastest(runs), peakRss: Math.max(...runs.map((run) => run.peakRss)) };
}

/**
 * DuckDB's seed rule and the whole command line on the same file, taking turns so that both see
 * the same load on this shared machine.
 */
function measureCli(csv) {
  const duckOut = join(TMP, 'duckdb.csv');
  const cliOut = join(TMP, 'flagged.csv');
  const duck = [];
  const cli = [];
  for (let run = 0; run < RUNS; run++) {
    progress(`DuckDB's seed rule on it (run ${run + 1})`);
    duck.push(timedOnce([process.execPath, DUCKDB, csv.file, duckOut]));
    progress(`botclick flag on it (run ${run + 1})`);
    cli.push(timedOnce([process.execPath, CLI, 'flag', csv.file, '-o', cliOut]));
  }
  rmSync(duckOut, { force: true });
  rmSync(cliOut, { force: true });
  return { duck: best(duck), cli: { ...best(cli), rows: csv.rows } };
}

function ensureCli() {
  if (existsSync(CLI)) return true;
  progress('building the CLI (npm run build)');
  return spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status === 0 && existsSync(CLI);
}

/** Time per row at the larger size over the smaller, against what n log n would allow. */
function growth(small, large) {
  const perRow = (m) => m.seconds / m.rows;
  const ratio = perRow(large) / perRow(small);
  const allowed = (Math.log(large.rows) / Math.log(small.rows)) * TARGET.growthSlack;
  return { ratio, allowed, ok: ratio <= allowed };
}

async function main() {
  const loadAtStart = loadavg();
  progress('bundling the scenario generator and the core');
  const fixtures = await bundle('bench/fixtures.ts');
  const core = await bundle('src/core/index.ts');
  const haveCli = ensureCli();
  const lines = [];
  const coreRuns = [];
  const cliRuns = [];

  for (const size of SIZES) {
    progress(`writing the ${fmt.int(size)}-click CSV`);
    const csv = writeCsv(fixtures, size);
    progress(`core, ${fmt.int(size)} clicks`);
    const c = measureCore(core, csv);
    coreRuns.push(c);
    const fastEnough = size < 1_000_000 || c.seconds < TARGET.coreSeconds;
    const smallEnough = size < 1_000_000 || c.peakRss < TARGET.coreMegabytes * MB;
    lines.push(
      `| core \`detect\` in-process | ${fmt.int(c.rows)} | ${fmt.s(c.seconds)} | ${fmt.rate(c.rows, c.seconds)} | ${fmt.mb(c.peakRss)} (${fmt.mb(c.rssBefore)} with the table loaded) | ${size >= 1_000_000 ? `< 2 s ${fmt.mark(fastEnough)}, < 500 MB ${fmt.mark(smallEnough)}` : ''} |`,
    );

    if (haveCli) {
      const { duck, cli } = measureCli(csv);
      cliRuns.push(cli);
      const ratio = cli.seconds / duck.seconds;
      const target = size >= 1_000_000 ? `${fmt.mark(ratio <= TARGET.cliOverDuckdb)} ≤ 2×, ${fmt.mark(cli.peakRss <= TARGET.cliMegabytes * MB)} ≤ 1 GB` : '';
      lines.push(
        `| DuckDB: read_csv, the seed rule (two window counts), COPY out | ${fmt.int(csv.rows)} (${fmt.mb(csv.bytes)}) | ${fmt.s(duck.seconds)} | ${fmt.rate(csv.rows, duck.seconds)} | ${fmt.mb(duck.peakRss)} | |`,
        `| CLI \`botclick flag file.csv -o out.csv\` | ${fmt.int(csv.rows)} | ${fmt.s(cli.seconds)} | ${fmt.rate(csv.rows, cli.seconds)} | ${fmt.mb(cli.peakRss)} | ${ratio.toFixed(2)}× DuckDB's time ${target} |`,
      );
    }
    rmSync(csv.file, { force: true });
  }

  const coreGrowth = growth(coreRuns[0], coreRuns[1]);
  const growthLines = [`core: time per row at 1M is ${coreGrowth.ratio.toFixed(2)}× that at 100k (n log n allows ${coreGrowth.allowed.toFixed(2)}×) ${fmt.mark(coreGrowth.ok)}`];
  if (cliRuns.length === 2) {
    const cliGrowth = growth(cliRuns[0], cliRuns[1]);
    growthLines.push(`CLI: time per row at 1M is ${cliGrowth.ratio.toFixed(2)}× that at 100k (n log n allows ${cliGrowth.allowed.toFixed(2)}×) ${fmt.mark(cliGrowth.ok)}`);
  }

  console.log(
    [
      `Benchmark: a generated scanner-heavy mailing (seed ${SEED}; UA, IP and delivery columns; ms times), Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}, load average (1, 5, 15 min) ${loadAtStart.map((n) => n.toFixed(1)).join(' ')} at the start and ${loadavg().map((n) => n.toFixed(1)).join(' ')} at the end; fastest of ${RUNS} runs, each in a fresh process.`,
      '',
      '| what | clicks | time | throughput | peak memory (RSS) | target |',
      '|---|---|---|---|---|---|',
      ...lines,
      '',
      ...growthLines.map((line) => `- ${line}`),
      ...(haveCli ? [] : ['- CLI not measured: build/botclick.cjs is missing and `npm run build` failed.']),
    ].join('\n'),
  );
}

await main();
