// One core measurement in a fresh process: load the generated export as a table of text cells (as a
// CSV reader hands it over, equal values sharing one string), then time `detect` alone and sample the
// process's memory while it runs. Prints one JSON line for bench/run.mjs.
// Usage: node --expose-gc bench/core-child.mjs <core.cjs> <clicks.csv>
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const [coreFile, csvFile] = process.argv.slice(2);
const { detect } = createRequire(import.meta.url)(coreFile);

/** Distinct values kept per column for sharing; columns of unique values (times) stop sharing past it. */
const SHARE_LIMIT = 100_000;

async function readTable(file) {
  const table = [];
  const shared = [];
  for await (const record of createReadStream(file).pipe(parse({ relax_column_count: true }))) {
    table.push(
      record.map((cell, column) => {
        const seen = (shared[column] ??= new Map());
        const known = seen.get(cell);
        if (known !== undefined) return known;
        if (seen.size < SHARE_LIMIT) seen.set(cell, cell);
        return cell;
      }),
    );
  }
  return table;
}

// A worker samples the whole process's RSS every 2 ms while the main thread is busy in detect.
const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage.rss()); };
const timer = setInterval(sample, 2);
parentPort.on('message', () => { clearInterval(timer); sample(); parentPort.postMessage(peak); });
parentPort.postMessage('ready');
`;

function startSampler() {
  const worker = new Worker(SAMPLER, { eval: true });
  return new Promise((resolve) => {
    worker.once('message', () =>
      resolve(() => new Promise((done) => {
        worker.once('message', (peak) => worker.terminate().then(() => done(peak)));
        worker.postMessage('stop');
      })),
    );
  });
}

const table = await readTable(csvFile);
globalThis.gc();
const before = process.memoryUsage();
const stopSampler = await startSampler();
const start = process.hrtime.bigint();
const detection = detect(table);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const peakRss = await stopSampler();

const bots = detection.verdicts.filter((verdict) => verdict === 'bot').length;
console.log(JSON.stringify({ rows: table.length - 1, bots, seconds, rssBefore: before.rss, heapBefore: before.heapUsed, peakRss }));
