/**
 * Pass 2 on two cores: for a large UTF-8 CSV file written to a file, a worker copies the second
 * half of the records, each with its added cells, to where they go in the output file, while the
 * main thread copies the first half. The worker is started before the detector runs, so that its
 * start-up costs no time. Each row's added cells go over as an id into the distinct ones, as bytes.
 * A worker that fails, and the main thread copies the rest itself: the worker only ever saves time.
 */
import { once } from 'node:events';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { FieldBytes } from './input/byte-strings';
import { readContent } from './input/read-text';
import type { Source } from './input/source';
import type { FileFormat } from './input/sniff';
import { workerScriptFor } from './read-ahead';
import type { RecordSpans } from './record-spans';
import { BufferedWriter, copyRecords, paddingOf } from './write-output';

/** What the worker copies: the records from `first` on, from content offset `from`, to output offset `position`. */
export interface WriteJob {
  path: string;
  format: FileFormat;
  from: number;
  /** Its records only, numbered from 0. */
  spans: Pick<RecordSpans, 'count' | 'ends' | 'lineBreaks' | 'cells'>;
  /** The distinct added cells (a delimiter, the verdict and the reason), and which one each record takes. */
  added: FieldBytes;
  addedOf: Int32Array;
  delimiter: string;
  width: number;
  lineBreak: string;
  fd: number;
  position: number;
}

export function isWriteBehindWorker(): boolean {
  return (workerData as { writeBehind?: boolean } | null)?.writeBehind === true;
}

export class WriteBehind {
  private readonly worker: Worker;
  private readonly done: Promise<boolean>;

  /** A worker waiting for its half of pass 2, or undefined when the file is too small to gain from one. */
  static start(source: Source): WriteBehind | undefined {
    const script = workerScriptFor(source);
    return script === undefined ? undefined : new WriteBehind(script);
  }

  private constructor(script: string) {
    this.worker = new Worker(script, { workerData: { writeBehind: true } });
    // Not what keeps the process alive until it has work: a run that fails before pass 2 need not stop it.
    this.worker.unref();
    this.done = new Promise((resolve) => {
      this.worker.once('message', (copied: boolean) => resolve(copied));
      this.worker.once('error', () => resolve(false));
      this.worker.once('exit', () => resolve(false));
    });
  }

  /** Sets the worker copying; resolves whether it copied all its records exactly. */
  copy(job: WriteJob): Promise<boolean> {
    this.worker.ref();
    const buffers = [job.spans.ends, job.spans.lineBreaks, job.spans.cells, job.addedOf, ...Object.values(job.added)];
    this.worker.postMessage(job, [...new Set(buffers.map((array) => array.buffer as ArrayBuffer))]);
    return this.done;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker's side: copies its records, then says whether all of them were copied exactly. */
export async function runWriteBehind(): Promise<void> {
  const port = parentPort!;
  const [job] = (await once(port, 'message')) as [WriteJob];
  try {
    const { arena, starts, lengths } = job.added;
    const bytes = Buffer.from(arena.buffer, arena.byteOffset, arena.byteLength);
    const added = Array.from(starts, (start, id) => bytes.subarray(start, start + lengths[id]));
    const paddings: Buffer[] = [];
    const tails = {
      width: job.width,
      lineBreak: job.lineBreak,
      padding: (cells: number) => (paddings[cells] ??= paddingOf(job.delimiter, job.width, cells)),
      of: (index: number) => added[job.addedOf[index]],
      fetch: () => undefined,
    };
    const writer = new BufferedWriter(job.fd, job.position);
    const copied = await copyRecords(readContent(job.path, job.format, job.from), job.from, job.spans, 0, tails, writer, () => undefined);
    await writer.flush();
    port.postMessage(copied === job.spans.count);
  } catch {
    port.postMessage(false);
  }
}
