#!/usr/bin/env node
// The equality run for refactors that must not change behaviour: writes the verdicts, reasons,
// summaries and notes of every scenario case (bench/equality-cases.ts) and of every sample file
// flagged by the built CLI (test/fixtures, /work/shared/samples when present, examples/) to one
// file. Run it before and after a change and diff the two files:
//   node bench/equality.mjs .bench-tmp/before.txt && … && node bench/equality.mjs .bench-tmp/after.txt
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, ROOT, TMP } from './load-ts.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/equality.mjs <output file>');
  process.exit(2);
}
const SAMPLE_DIRS = ['test/fixtures/samples', 'test/fixtures/sheets', 'examples', '/work/shared/samples'];
const CLI = join(ROOT, 'build/botclick.cjs');

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
const file = createWriteStream(out);
const write = (text) => new Promise((resolve) => (file.write(`${text}\n`) ? resolve() : file.once('drain', resolve)));

const { cases } = await import(await bundle('bench/equality-cases.ts'));
let count = 0;
for (const text of cases()) {
  await write(text);
  count++;
}

await write(`## flag --help\n${spawnSync('node', [CLI, 'flag', '--help'], { encoding: 'utf8' }).stdout}`);
for (const dir of SAMPLE_DIRS) {
  const path = dir.startsWith('/') ? dir : join(ROOT, dir);
  if (!existsSync(path)) continue;
  for (const name of readdirSync(path).filter((n) => /\.(csv|tsv|json|ndjson)$/.test(n)).sort()) {
    for (const args of [[], ['--preset', 'strict']]) {
      const flagged = join(TMP, `equality-${name}${/\.json$/.test(name) ? '.csv' : ''}`);
      const run = spawnSync('node', [CLI, 'flag', join(path, name), '-q', '--json', '-o', flagged, ...args], { encoding: 'utf8' });
      await write(`## sample ${dir}/${name} ${args.join(' ')} (exit ${run.status})\n${run.stdout}${run.stderr}`);
      if (existsSync(flagged)) {
        await write(readFileSync(flagged, 'utf8'));
        rmSync(flagged);
      }
      count++;
    }
  }
}
file.end();
console.log(`${count} cases written to ${out}`);
