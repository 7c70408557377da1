/**
 * Pass 1 on two cores: a large UTF-8 CSV file is cut at the first line break after its middle; a
 * worker thread reads the second half while the main thread reads the first, and the main thread
 * takes the worker's rows when its own end exactly there. A cut that falls inside a quoted field
 * (the main thread's last record runs on past it), a worker that fails or any error, and the main
 * thread reads the rest itself, as it would have without the worker: the worker only ever saves time.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { scanCsv } from './input/csv-source';
import type { Source } from './input/source';
import type { FileFormat } from './input/sniff';
import { Projection, type Layout, type PartColumn, type TablePart } from './projection';
import { RecordSpans } from './record-spans';

/** Smaller files are read by one thread: starting a worker costs more than it saves on them. */
const SPLIT_MIN_BYTES = 16 << 20;
/** How far past the middle a line break is looked for. */
const SEARCH_BYTES = 1 << 20;

/** The script a worker runs: the command line's own bundle, which reads ahead (or writes behind) when started as a worker. */
let workerScript: string | undefined;

/** Called by the program's entry file, which can also run as a worker (see `isReadAheadWorker`); undefined reads and writes on one thread. */
export function enableWorkers(script: string | undefined): void {
  workerScript = script;
}

/** The script for a worker that shares the passes over a UTF-8 CSV file large enough to gain from one, or undefined. */
export function workerScriptFor(source: Source): string | undefined {
  const { format, path } = source;
  if (workerScript === undefined || format.kind !== 'csv' || format.encoding !== 'utf-8') return undefined;
  return statSync(path).size - format.bomBytes < SPLIT_MIN_BYTES ? undefined : workerScript;
}

export function isReadAheadWorker(): boolean {
  return (workerData as { readAhead?: boolean } | null)?.readAhead === true;
}

/** What the worker read: the second half's kept rows and where its records end. */
export interface ReadAheadPart {
  part: TablePart;
  spans: Pick<RecordSpans, 'count' | 'ends' | 'lineBreaks' | 'cells'>;
  /** The widest record, in cells. */
  width: number;
}

/** The content offset just after the first line break past the middle of a large UTF-8 CSV file, or undefined. */
export function splitPoint(source: Source): number | undefined {
  const { format, path } = source;
  if (workerScriptFor(source) === undefined) return undefined;
  const size = statSync(path).size - format.bomBytes;
  const middle = Math.floor(size / 2);
  const bytes = Buffer.alloc(SEARCH_BYTES);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, bytes, 0, SEARCH_BYTES, format.bomBytes + middle);
    const lineFeed = bytes.subarray(0, read).indexOf(0x0a);
    return lineFeed < 0 || middle + lineFeed + 1 >= size ? undefined : middle + lineFeed + 1;
  } finally {
    closeSync(fd);
  }
}

/**
 * A worker that reads the records from `from` on once it is told which columns to keep. It is
 * started before the columns are planned, so that its start-up overlaps the main thread's first rows.
 */
export class ReadAhead {
  private readonly worker: Worker;
  private readonly read: Promise<ReadAheadPart | undefined>;
  private started = false;
  private stopped = false;

  constructor(path: string, format: FileFormat, from: number) {
    this.worker = new Worker(workerScript as string, { workerData: { readAhead: true, path, format, from } });
    this.read = new Promise((resolve) => {
      this.worker.once('message', (message: ReadAheadPart | null) => resolve(message ?? undefined));
      this.worker.once('error', () => resolve(undefined));
      this.worker.once('exit', () => resolve(undefined));
    });
  }

  /** Sets the worker reading, keeping these columns, with room for about `rows` (unless it was stopped: the file was read without it). */
  start(layout: Layout, rows: number): void {
    if (this.stopped) return;
    this.started = true;
    this.worker.postMessage({ layout, rows });
  }

  /** What the worker read; undefined when it was never started or could not read its part. */
  async part(): Promise<ReadAheadPart | undefined> {
    return this.started ? this.read : undefined;
  }

  /** Stops the worker (when the main thread read everything itself, or failed). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker.terminate();
  }
}

/** The worker's side: reads its part and posts it, or null when anything went wrong (the main thread then reads it). */
export async function runReadAhead(): Promise<void> {
  const { path, format, from } = workerData as { path: string; format: FileFormat; from: number };
  const port = parentPort!;
  const [{ layout, rows }] = (await once(port, 'message')) as [{ layout: Layout; rows: number }];
  try {
    const projection = new Projection(layout);
    const spans = new RecordSpans();
    projection.reserve(rows);
    spans.reserve(rows);
    let width = 0;
    await scanCsv(
      path,
      format,
      (record) => {
        spans.add(record.end, record.lineBreak, record.count);
        if (record.count > width) width = record.count;
        projection.addRecord(record);
      },
      { from },
    );
    const part = projection.part();
    const message: ReadAheadPart = { part, spans: { count: spans.count, ends: spans.ends, lineBreaks: spans.lineBreaks, cells: spans.cells }, width };
    const buffers = [part.blank, spans.ends, spans.lineBreaks, spans.cells, ...part.columns.flatMap(columnBuffers)];
    port.postMessage(message, [...new Set(buffers.map((array) => array.buffer as ArrayBuffer))]);
  } catch {
    port.postMessage(null);
  }
}

/** A kept column's typed arrays, moved to the main thread rather than copied. */
function columnBuffers(column: PartColumn): ArrayBufferView[] {
  if ('ids' in column) return [column.ids, ...Object.values(column.fields)];
  if ('times' in column) return [column.times.times, column.times.written];
  return [];
}
