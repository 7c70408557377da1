/**
 * Issue 8, section 7: a seeded, bounded fuzz of the CLI. Mutated exports (bytes flipped, quotes,
 * delimiters, line breaks and NULs inserted, files cut short) must never crash: either every row
 * comes back (exit 0) or one line says why not (exit 1). The seeds are fixed, so a failure replays.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, buildCli, csvRows, ROOT, SAMPLES, tempDir } from './cli';

let dir: string;
beforeAll(() => {
  buildCli();
  dir = tempDir();
});

/** A small seeded generator (mulberry32): the same cases on every run. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const INSERTS = ['"', ',', '\r', '\n', '\r\n', '\0', '""', '{', '}', '[', ']', ':'];

/** A few mutations of one kind or another at random places. */
function mutate(bytes: Buffer, seed: number): Buffer {
  const random = generator(seed);
  let out: Buffer = Buffer.from(bytes);
  const count = 1 + random(6);
  for (let m = 0; m < count; m++) {
    const at = random(out.length);
    const kind = random(5);
    if (kind === 4) out = otherLineBreak(out, random(3), ['\r\n', '\r', '\n'][random(3)]);
    else if (kind === 0) out[at] = random(256);
    else if (kind === 1) out = Buffer.concat([out.subarray(0, at), Buffer.from(INSERTS[random(INSERTS.length)], 'latin1'), out.subarray(at)]);
    else if (kind === 2) out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + random(40)))]);
    else out = out.subarray(0, Math.max(1, at));
  }
  return out;
}

/** The file with one of its first line breaks written another way, as two tools' output pasted together would be. */
function otherLineBreak(bytes: Buffer, which: number, lineBreak: string): Buffer {
  const text = bytes.toString('latin1');
  const breaks = [...text.matchAll(/\r\n|\r|\n/g)];
  const found = breaks[Math.min(which, breaks.length - 1)];
  if (!found) return bytes;
  return Buffer.from(`${text.slice(0, found.index)}${lineBreak}${text.slice(found.index + found[0].length)}`, 'latin1');
}

const example = readFileSync(join(ROOT, 'examples/newsletter-clicks.csv')).toString().split('\n').slice(0, 300).join('\n');
const SOURCES: [string, Buffer][] = [
  ['example.csv', Buffer.from(`${example}\n`)],
  ['mailgun.json', readFileSync(join(SAMPLES, 'mailgun.json'))],
  ['mandrill.json', readFileSync(join(SAMPLES, 'mandrill.json'))],
  ['ses.ndjson', Buffer.from((JSON.parse(readFileSync(join(SAMPLES, 'amazon_ses.json'), 'utf8')) as object[]).map((event) => JSON.stringify(event)).join('\n'))],
];
const CASES = SOURCES.flatMap(([name, bytes], s) => Array.from({ length: name.endsWith('.csv') ? 16 : 6 }, (_, i) => [name, bytes, 1000 * (s + 1) + i] as const));

/** The records a spreadsheet would read from CSV text (any line break ends one). */
function recordCount(text: string): number {
  return csvRows(text).length;
}

test.each(CASES.map(([name, bytes, seed]) => [`${name} #${seed}`, name, bytes, seed] as const))('%s: exit 0 with every row, or exit 1 with one line', (_, name, bytes, seed) => {
  const path = join(dir, `${seed}-${name}`);
  const input = mutate(bytes, seed);
  writeFileSync(path, input);
  const run = spawnSync(process.execPath, [BIN, 'flag', path, '-o', '-', '-q'], { encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 26 });
  expect(run.error).toBeUndefined(); // no timeout
  expect(run.stderr).not.toMatch(/^\s+at /m);
  if (run.status === 0) {
    if (name.endsWith('.csv')) {
      // Every input record comes back, plus a header row when the input has none.
      const rows = recordCount(run.stdout);
      expect([recordCount(input.toString('utf8').replace(/^\ufeff/, '')), recordCount(input.toString('utf8')) + 1]).toContain(rows);
    } else expect(recordCount(run.stdout)).toBeGreaterThan(1);
  } else {
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
  }
}, 40_000);
