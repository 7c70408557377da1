// The command line's equality check for speed work on reading and writing (bench/equality.mjs is the
// detector's, for refactors): the output bytes and summary on every fixture,
// sample, example, reader variant (delimiters, line breaks, encodings, quoting, multi-line fields,
// ragged and blank rows, no header, a flagged file flagged again), generated scenario and the
// bench's 100k-click file, saved once from the code before a change and compared after it.
//   node bench/equality-cli.mjs save DIR      (on the code before: writes DIR/inputs and DIR/expected)
//   node bench/equality-cli.mjs compare DIR   (on the code after: runs the same inputs, lists every difference)
// A third argument names the CLI bundle to run (build/botclick.cjs by default), so that a copy can be
// checked while the build changes.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { bundle, ROOT } from './load-ts.mjs';

const [mode, dir, cli] = process.argv.slice(2);
if (!['save', 'compare'].includes(mode) || !dir) {
  console.error('usage: node bench/equality-cli.mjs save|compare DIR [CLI]');
  process.exit(2);
}
const CLI = cli ?? join(ROOT, 'build', 'botclick.cjs');
const INPUTS = join(dir, 'inputs');
const EXPECTED = join(dir, 'expected');
const ACTUAL = join(dir, 'actual');

function filesIn(folder, pattern) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => join(folder, name));
}

const FIXTURES = [
  ...filesIn(join(ROOT, 'examples'), /\.(csv|json)$/),
  ...filesIn(join(ROOT, 'test/fixtures/samples'), /\.(csv|json|ndjson)$/),
  ...filesIn(join(ROOT, 'test/fixtures/sheets'), /\.(csv|json)$/),
  ...filesIn('/work/shared/samples', /\.(csv|json|ndjson)$/),
];

/** A CSV file rewritten in another shape that must give the same verdicts (or, for the odd ones, today's). */
const VARIANTS = {
  crlf: (rows) => write(rows, { lineBreak: '\r\n' }),
  semicolon: (rows) => write(rows, { delimiter: ';' }),
  tab: (rows) => write(rows, { delimiter: '\t' }),
  pipe: (rows) => write(rows, { delimiter: '|' }),
  'quoted-all': (rows) => write(rows, { quoteAll: true }),
  bom: (rows) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), write(rows)]),
  'utf16le-bom': (rows) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(write(rows).toString('utf8'), 'utf16le')]),
  'utf16be-bom': (rows) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(write(rows).toString('utf8'), 'utf16le').swap16()]),
  cp1252: (rows) => Buffer.from(write(withAccents(rows)).toString('utf8').replace(/[\u0100-\uffff]/g, '?'), 'latin1'),
  multiline: (rows) => write(rows.map((row, i) => [...row, i === 0 ? 'Note' : i % 7 === 0 ? `line one, "quoted"\nline two\r\nline three ${i}` : i % 5 === 0 ? '  ' : ''])),
  ragged: (rows) => write(rows.map((row, i) => (i > 0 && i % 11 === 0 ? [...row, 'extra', 'cells'] : i % 13 === 0 ? row.slice(0, Math.max(1, row.length - 2)) : row))),
  'blank-rows': (rows) => write(rows.flatMap((row, i) => (i % 9 === 4 ? [row, [], row.map(() => ' ')] : [row]))),
  'no-header': (rows) => write(rows.slice(1)),
  'no-final-break': (rows) => {
    const bytes = write(rows);
    return bytes.subarray(0, bytes.length - 1);
  },
  // A quote inside an unquoted field (5" screen) is read as text.
  'stray-quotes': (rows) =>
    Buffer.from(
      write(rows)
        .toString('utf8')
        .split('\n')
        .map((line, i) => (i % 4 === 1 ? line.replace(',', ',5" ') : line))
        .join('\n'),
    ),
};

function withAccents(rows) {
  return rows.map((row, i) => (i > 0 && i % 3 === 0 ? row.map((cell, c) => (c === row.length - 1 ? `${cell} café ü €` : cell)) : row));
}

function write(rows, { delimiter = ',', lineBreak = '\n', quoteAll = false } = {}) {
  const field = (text) => (quoteAll || /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text);
  return Buffer.from(rows.map((row) => row.map(field).join(delimiter) + lineBreak).join(''), 'utf8');
}

/** The generated scenarios: export shapes of the accuracy test and each behaviour alone, as CSV. */
async function scenarioFiles() {
  const gen = createRequire(import.meta.url)(await bundle('bench/fixtures.ts'));
  const files = [];
  const shapes = {
    ms: { resolution: 'ms' },
    events: { delivery: 'events', timeFormat: 'date' },
    'no-delivery': { delivery: 'none' },
    bare: { userAgent: false, ip: false, delivery: 'none' },
    personal: { personalLinks: true, delivery: 'sent', userAgent: false, ip: false },
    'minutes-bare': { userAgent: false, ip: false, delivery: 'none', resolution: 'min' },
    minutes: { resolution: 'min' },
  };
  const save = (name, table) => {
    const file = join(INPUTS, `${name}.csv`);
    writeFileSync(file, table.map(gen.csvLine).join('\n') + '\n');
    files.push(file);
  };
  for (const seed of [11, 23]) {
    const mailing = gen.simulateMailing({ seed });
    for (const [shape, options] of Object.entries(shapes)) save(`scenario-${seed}-${shape}`, gen.renderExport(mailing, { ...options, seed }).table);
  }
  const behaviours = [...gen.SCANNER_BEHAVIOURS, ...gen.HUMAN_BEHAVIOURS].filter((b) => b !== 'reader');
  for (const behaviour of behaviours) {
    for (const [shape, options] of Object.entries({ ms: {}, minutes: { resolution: 'min', userAgent: false, ip: false } })) {
      save(`case-${behaviour.replace(/\W+/g, '-')}-${shape}`, gen.behaviourCase(behaviour, 5, options).scenario.table);
    }
  }
  save('bench-100k', gen.generateScenario({ seed: 2026, targetClicks: 100_000, resolution: 'ms' }).table);
  return files;
}

function run(args) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One input through the CLI: every output kind it takes, the summary JSON, the exit status and messages. */
function flag(input, outDir) {
  const name = basename(input).replace(/[^\w.-]/g, '_');
  const outputs = input.endsWith('.csv') ? ['csv'] : ['csv', 'json', 'ndjson'];
  const record = {};
  for (const kind of outputs) {
    const out = join(outDir, `${name}.out.${kind}`);
    rmSync(out, { force: true });
    const result = run(['flag', input, '-o', out, '--json', '--quiet']);
    record[kind] = { status: result.status, summary: result.stdout, stderr: result.stderr };
  }
  return record;
}

async function prepareInputs() {
  mkdirSync(INPUTS, { recursive: true });
  const inputs = [...FIXTURES];
  for (const file of FIXTURES.filter((f) => f.endsWith('.csv'))) {
    const rows = parse(readFileSync(file), { relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: false });
    for (const [variant, make] of Object.entries(VARIANTS)) {
      const target = join(INPUTS, `${basename(file, '.csv')}--${variant}.csv`);
      writeFileSync(target, make(rows));
      inputs.push(target);
    }
  }
  inputs.push(...(await scenarioFiles()));
  // A flagged file flagged again replaces its own columns: the example's output is an input.
  const reflag = join(INPUTS, 'example--flagged.csv');
  rmSync(reflag, { force: true });
  if (run(['flag', join(ROOT, 'examples/newsletter-clicks.csv'), '-o', reflag, '--quiet']).status === 0) inputs.push(reflag);
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify(inputs, null, 1));
  return inputs;
}

async function main() {
  const inputs = mode === 'save' ? await prepareInputs() : JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));
  const outDir = mode === 'save' ? EXPECTED : ACTUAL;
  mkdirSync(outDir, { recursive: true });
  const results = {};
  const started = Date.now();
  for (const input of inputs) results[input] = flag(input, outDir);
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 1));
  if (mode === 'save') {
    console.log(`saved ${inputs.length} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  const expected = JSON.parse(readFileSync(join(EXPECTED, 'results.json'), 'utf8'));
  const differences = [];
  for (const input of inputs) {
    for (const [kind, want] of Object.entries(expected[input])) {
      const got = results[input][kind];
      // The summary names the output file, which lies in expected/ for one run and actual/ for the other.
      const same = (key) => got[key].split(ACTUAL).join('<out>') === want[key].split(EXPECTED).join('<out>');
      for (const key of ['status', 'summary', 'stderr']) if (key === 'status' ? got.status !== want.status : !same(key)) differences.push(`${input} (${kind}): ${key} differs`);
      const name = `${basename(input).replace(/[^\w.-]/g, '_')}.out.${kind}`;
      const [a, b] = [join(EXPECTED, name), join(ACTUAL, name)].map((f) => (existsSync(f) ? readFileSync(f) : null));
      if ((a === null) !== (b === null) || (a && !a.equals(b))) differences.push(`${input} (${kind}): output bytes differ${a && b ? ` (${a.length} vs ${b.length} bytes)` : ''}`);
    }
  }
  const outputs = readdirSync(ACTUAL).filter((f) => f.includes('.out.')).reduce((sum, f) => sum + statSync(join(ACTUAL, f)).size, 0);
  console.log(`${inputs.length} inputs, ${Math.round(outputs / 1e6)} MB of output compared in ${((Date.now() - started) / 1000).toFixed(0)} s: ${differences.length === 0 ? 'identical' : `${differences.length} differences`}`);
  for (const line of differences) console.log(`  ${line}`);
  process.exitCode = differences.length === 0 ? 0 : 1;
}

await main();
