// `npm run bench`: throughput and peak memory at 100k and 1M clicks, for the core in-process and for
// the whole command line on a CSV file, next to DuckDB running the plain "more than 3 clicks in a
// minute" rule on the same file (what a user without botclick would do, bench/duckdb-child.mjs); then
// the hostile files of issue 8 (many campaigns, one very long line). `npm run bench -- hostile` runs
// those alone, `npm run bench -- cli` the command line beside DuckDB alone, `npm run bench -- addon`
// the add-on in the vm harness of test/sheets at 100k and 200k rows and the sheet sizes that follow. Prints a markdown table docs/evidence.md can take. Measures; never fails on a slow machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
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

/** Wall time and peak RSS of one run of a whole command, from GNU time; `status` is the exit it must end with. */
function timedOnce(args, status = 0) {
  const report = join(TMP, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  if (result.status !== status) throw new Error(`${args.join(' ')} failed: ${(result.stderr || '').trim().split('\n').pop()}`);
  const [seconds, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, peakRss: kilobytes * 1024 };
}

/** The fastest of the runs, with the highest peak memory of any. */
function best(runs) {
  return { ...fastest(runs), peakRss: Math.max(...runs.map((run) => run.peakRss)) };
}

function timed(args, status = 0) {
  return best(Array.from({ length: RUNS }, () => timedOnce(args, status)));
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

/** Issue 8's hostile files: memory must follow the clicks, not campaigns × links or one line's cells. */
const HOSTILE = [
  {
    what: 'CLI, 10,000 campaigns × 15 links of their own, 2 clicks each',
    rows: 300_000,
    write: (line) => {
      for (let c = 0; c < 10_000; c++) for (let l = 0; l < 30; l++) line(`r${l % 2}-${c % 97}@ex${c % 50}.example,2026-03-10T14:${String(l).padStart(2, '0')}:00Z,https://x.example/c${c}/l${l % 15},Campaign ${c}`);
    },
  },
  {
    what: 'CLI, 40,000 campaigns × 4 clicks',
    rows: 160_000,
    write: (line) => {
      for (let c = 0; c < 40_000; c++) for (let k = 0; k < 4; k++) line(`r${k}@ex${c % 50}.example,2026-03-10T14:0${k}:00Z,https://x.example/c${c},Campaign ${c}`);
    },
  },
  {
    what: 'CLI, one 50 MB line of 25M cells ("a,"), refused in one line',
    rows: 1,
    status: 1,
    write: (line) => line('a,'.repeat(25_000_000)),
  },
];

function measureHostile() {
  return HOSTILE.map(({ what, rows, status, write }) => {
    progress(what);
    mkdirSync(TMP, { recursive: true });
    const file = join(TMP, 'hostile.csv');
    const fd = openSync(file, 'w');
    const batch = [];
    const flush = () => writeSync(fd, batch.splice(0).join(''));
    writeSync(fd, 'Email,Clicked at,Link,Campaign\n');
    write((text) => {
      batch.push(`${text}\n`);
      if (batch.length >= 10_000) flush();
    });
    flush();
    closeSync(fd);
    const bytes = statSync(file).size;
    const run = timed([process.execPath, CLI, 'flag', file, '--quiet'], status ?? 0);
    rmSync(file, { force: true });
    const ok = run.peakRss < 1024 * MB && (status ? run.seconds < 30 : true);
    return `| ${what} | ${fmt.int(rows)} (${fmt.mb(bytes)}) | ${fmt.s(run.seconds)} | | ${fmt.mb(run.peakRss)} | < 1 GB${status ? ', < 30 s' : ''} ${fmt.mark(ok)} |`;
  });
}

/**
 * What the vm harness cannot show of Apps Script, assumed rather than measured: its V8 runs this
 * many times slower than Node here (shared servers, no warm-up), and each cell read by getValues or
 * written by setValues costs this much (a few seconds a million cells, as commonly reported).
 */
const APPS_SCRIPT = { slower: 5, secondsPerCell: 5e-6, menuSeconds: 360, customFunctionSeconds: 30, maxCellsPerRun: 2_000_000 };
const ADDON_SIZES = [100_000, 200_000];

/** "Flag bot clicks" and =BOTCLICK() in the vm harness, and the largest sheets Apps Script's limits allow. */
async function measureAddon() {
  progress('building the add-on and bundling the vm harness');
  if (spawnSync(process.execPath, ['scripts/build-addon.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('the add-on build failed');
  const child = await bundle('bench/addon-child.ts', { __dirname: JSON.stringify(join(ROOT, 'test', 'sheets')) });
  const runs = ADDON_SIZES.map((size) => {
    progress(`the add-on on ${fmt.int(size)} rows`);
    const out = execFileSync(process.execPath, [child, String(size)], { encoding: 'utf8', maxBuffer: 16 * MB });
    return JSON.parse(out.trim().split('\n').pop());
  });
  const lines = runs.flatMap((run) => [
    `| add-on "Flag bot clicks" (vm harness) | ${fmt.int(run.rows)} (${fmt.int(run.cells)} cells) | ${fmt.s(run.flag)} | ${fmt.rate(run.rows, run.flag)} | ${fmt.mb(run.peakRss)} (both) | |`,
    `| add-on \`=BOTCLICK()\` (vm harness) | ${fmt.int(run.rows)} | ${fmt.s(run.custom)} | ${fmt.rate(run.rows, run.custom)} | | |`,
  ]);
  // From the larger run, time per row grows no faster than that (n log n at worst), hence the factor.
  const large = runs[runs.length - 1];
  const width = large.cells / (large.rows + 1);
  const { slower, secondsPerCell } = APPS_SCRIPT;
  // Flagging reads every cell twice (values and formulas) and writes two columns; =BOTCLICK() gets every cell and returns one column.
  const flagPerRow = (large.flag / large.rows) * slower + (2 * width + 2) * secondsPerCell;
  const customPerRow = (large.custom / large.rows) * slower + (width + 1) * secondsPerCell;
  const rowsWithin = (seconds, perRow) => Math.floor(seconds / perRow / 1000) * 1000;
  const notes = [
    `Apps Script estimate, assuming its runtime ${slower}× slower than the vm harness here and ${secondsPerCell * 1e6} µs per cell read or written: "Flag bot clicks" handles about ${fmt.int(rowsWithin(APPS_SCRIPT.menuSeconds, flagPerRow))} rows of ${width} columns within 6 minutes (the add-on itself stops at ${fmt.int(APPS_SCRIPT.maxCellsPerRun)} cells a run, ${fmt.int(Math.floor(APPS_SCRIPT.maxCellsPerRun / width) - 1)} rows at this width); \`=BOTCLICK()\` about ${fmt.int(rowsWithin(APPS_SCRIPT.customFunctionSeconds, customPerRow))} rows within 30 seconds.`,
  ];
  return { lines, notes };
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

const TABLE_HEAD = ['| what | clicks | time | throughput | peak memory (RSS) | target |', '|---|---|---|---|---|---|'];

async function main() {
  const loadAtStart = loadavg();
  const cliOnly = process.argv.includes('cli');
  if (process.argv.includes('addon')) {
    const loadAtStart = loadavg();
    const { lines, notes } = await measureAddon();
    console.log([`Add-on (vm harness of test/sheets, generated mailing seed ${SEED}), Node ${process.version}, load average ${loadAtStart[0].toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end.`, '', ...TABLE_HEAD, ...lines, '', ...notes.map((note) => `- ${note}`)].join('\n'));
    return;
  }
  if (process.argv.includes('hostile')) {
    if (!ensureCli()) throw new Error('build/botclick.cjs is missing and `npm run build` failed');
    console.log([`Hostile files (issue 8), Node ${process.version}; fastest of ${RUNS} runs.`, '', ...TABLE_HEAD, ...measureHostile()].join('\n'));
    return;
  }
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
    if (!cliOnly) {
      progress(`core, ${fmt.int(size)} clicks`);
      const c = measureCore(core, csv);
      coreRuns.push(c);
      const fastEnough = size < 1_000_000 || c.seconds < TARGET.coreSeconds;
      const smallEnough = size < 1_000_000 || c.peakRss < TARGET.coreMegabytes * MB;
      lines.push(
        `| core \`detect\` in-process | ${fmt.int(c.rows)} | ${fmt.s(c.seconds)} | ${fmt.rate(c.rows, c.seconds)} | ${fmt.mb(c.peakRss)} (${fmt.mb(c.rssBefore)} with the table loaded) | ${size >= 1_000_000 ? `< 2 s ${fmt.mark(fastEnough)}, < 500 MB ${fmt.mark(smallEnough)}` : ''} |`,
      );
    }

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
  if (haveCli && !cliOnly) lines.push(...measureHostile());

  const growthLines = [];
  if (coreRuns.length === 2) {
    const coreGrowth = growth(coreRuns[0], coreRuns[1]);
    growthLines.push(`core: time per row at 1M is ${coreGrowth.ratio.toFixed(2)}× that at 100k (n log n allows ${coreGrowth.allowed.toFixed(2)}×) ${fmt.mark(coreGrowth.ok)}`);
  }
  if (cliRuns.length === 2) {
    const cliGrowth = growth(cliRuns[0], cliRuns[1]);
    growthLines.push(`CLI: time per row at 1M is ${cliGrowth.ratio.toFixed(2)}× that at 100k (n log n allows ${cliGrowth.allowed.toFixed(2)}×) ${fmt.mark(cliGrowth.ok)}`);
  }

  console.log(
    [
      `Benchmark: a generated scanner-heavy mailing (seed ${SEED}; UA, IP and delivery columns; ms times), Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}, load average ${loadAtStart[0].toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end; fastest of ${RUNS} runs, each in a fresh process.`,
      '',
      ...TABLE_HEAD,
      ...lines,
      '',
      ...growthLines.map((line) => `- ${line}`),
      ...(haveCli ? [] : ['- CLI not measured: build/botclick.cjs is missing and `npm run build` failed.']),
    ].join('\n'),
  );
}

await main();
