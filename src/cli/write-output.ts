import { once } from 'node:events';
import { writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { BOT_CLICK_HEADER, BotclickError, plainText, WHY_HEADER, type Cell, type ColumnPlan, type Verdict } from '../core';
import { stringifyKeepingNumbers } from './input/json-values';
import { readContent } from './input/read-text';
import { checkUnchanged, type Source } from './input/source';
import type { RecordSpans } from './record-spans';
import type { RowVerdicts } from './row-verdicts';
import type { WriteBehind, WriteJob } from './write-behind';

export type OutputKind = 'csv' | 'json' | 'ndjson';

/** What pass 2 adds to the rows it copies. */
export interface Flags {
  /** The plan over the file's own columns. */
  plan: ColumnPlan;
  /** The widest row of pass 1, in cells. */
  width: number;
  /** Rows pass 1 read, header row included. */
  rows: number;
  /** CSV: where pass 1 found each record. */
  spans?: RecordSpans;
  /** Asked for in row order, as the rows are written. */
  verdicts: RowVerdicts;
}

/** JSON records with two added keys for a .json or .ndjson output of a JSON log; CSV otherwise. */
export function outputKind(output: string, source: Source): OutputKind {
  const json = /\.json$/i.test(output) ? 'json' : /\.(ndjson|jsonl)$/i.test(output) ? 'ndjson' : undefined;
  if (!json) return 'csv';
  if (source.format.kind !== 'json') {
    throw new BotclickError(`"${output}" asks for JSON, but "${source.path}" is CSV; write the flagged rows to a .csv file.`);
  }
  return json;
}

/**
 * Pass 2: reads the file again and writes every row unchanged and in order, plus the added columns,
 * to a stream or to a file opened for writing (its descriptor).
 */
export async function writeOutput(source: Source, flags: Flags, kind: OutputKind, out: Writable | number, onRow: () => void, behind?: WriteBehind): Promise<void> {
  await checkUnchanged(source);
  const writer = new BufferedWriter(out);
  const earlier = earlierFlags(flags.plan);
  let written: number;
  if (kind !== 'csv') written = await writeJson(source, flags, writer, kind, onRow);
  else if (flags.spans && earlier === undefined) written = await copyCsv(source, flags, flags.spans, writer, onRow, behind);
  else written = await writeCsv(source, flags, earlier, writer, onRow);
  if (written !== flags.rows) throw new BotclickError(`"${source.path}" changed while botclick was reading it; run botclick again.`);
  await writer.flush();
}

/**
 * The CSV output's layout: the input's delimiter and line break, the added cells padded to the
 * widest row so that they line up under their header, and a header row when the input has none.
 */
class CsvLayout {
  readonly delimiter: string;
  readonly lineBreak: string;

  constructor(
    private readonly source: Source,
    private readonly flags: Flags,
    private readonly width: number,
  ) {
    const csv = source.format.kind === 'csv';
    this.delimiter = csv ? source.format.delimiter : ',';
    this.lineBreak = csv ? source.format.lineBreak : '\n';
  }

  /** A byte-order mark tells Excel the file is UTF-8: kept, and added when the input was re-encoded. */
  async start(writer: BufferedWriter): Promise<void> {
    const { format } = this.source;
    if (format.bomBytes > 0 || format.encoding !== 'utf-8') await writer.write('\ufeff');
    if (!this.flags.plan.hasHeader) {
      const header = this.flags.plan.header.slice(0, this.width);
      await writer.write(`${header.map((name) => this.field(name)).join(this.delimiter)}${this.added(-1, header.length)}${this.lineBreak}`);
    }
  }

  /** What follows a row of this many cells at this index of the file (header row included). */
  added(index: number, cells: number): string {
    return `${this.padding(cells)}${this.verdictAndReason(index)}`;
  }

  /** The delimiters between a row of this many cells and the added cells. */
  padding(cells: number): string {
    return this.delimiter.repeat(Math.max(0, this.width - cells) + 1);
  }

  /** The added cells of the row at this index of the file (header row included), delimited and quoted. */
  verdictAndReason(index: number): string {
    const data = this.flags.plan.hasHeader ? index - 1 : index;
    const [verdict, reason] = data < 0 ? [BOT_CLICK_HEADER, WHY_HEADER] : verdictCells(this.flags, data);
    return `${this.field(verdict)}${this.delimiter}${this.field(reason)}`;
  }

  field(text: string): string {
    const quote = text.includes('"') || text.includes(this.delimiter) || text.includes('\n') || text.includes('\r');
    return quote ? `"${text.replace(/"/g, '""')}"` : text;
  }
}

/**
 * CSV input: each record's bytes copied exactly, the added cells before its line break. With a
 * worker (large files written to a file), it copies the second half of the records meanwhile.
 */
async function copyCsv(source: Source, flags: Flags, spans: RecordSpans, writer: BufferedWriter, onRow: () => void, behind?: WriteBehind): Promise<number> {
  const layout = new CsvLayout(source, flags, flags.width);
  await layout.start(writer);
  const added = new AddedCells(layout, flags);
  const tails = {
    width: flags.width,
    lineBreak: layout.lineBreak,
    padding: (cells: number) => added.padding(cells),
    of: (index: number) => added.of(index),
    fetch: (index: number) => fetchVerdict(flags, index),
  };
  const half = behind && typeof writer.out === 'number' ? middleRecord(spans) : 0;
  if (!behind || half === 0) return copyRecords(readContent(source.path, source.format), 0, spans, 0, tails, writer, onRow);
  const from = spans.ends[half - 1];
  const job = writeJob(source, spans, half, tails, layout.delimiter, writer);
  const copied = behind.copy(job);
  const first = await copyRecords(readContent(source.path, source.format, 0, from), 0, spans, 0, tails, writer, onRow, half);
  if (first !== half) return -1;
  if (await copied) return spans.count;
  // The worker could not copy its half: copied here after all, over whatever it wrote.
  const rest = await copyRecords(readContent(source.path, source.format, from), from, spans, half, tails, writer, onRow);
  return rest < 0 ? -1 : half + rest;
}

/** The first record from the middle of the content on. */
function middleRecord(spans: RecordSpans): number {
  const middle = spans.ends[spans.count - 1] / 2;
  let lo = 0;
  let hi = spans.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans.ends[mid] < middle) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What goes after a record's bytes: padding up to the widest row, its added cells, and a line break where the file's last record lacks one. */
export interface RecordTails {
  width: number;
  lineBreak: string;
  padding(cells: number): Buffer;
  of(index: number): Buffer;
  /** Brings the record's verdict when it is not at hand yet (the DuckDB engine's stream); undefined when it is. */
  fetch(index: number): Promise<void> | undefined;
}

/**
 * The worker's half from record `half` on: its spans, its rows' added cells as ids into the
 * distinct ones, and where in the output it starts, which is where the writer will be once it has
 * copied the records before.
 */
function writeJob(source: Source, spans: RecordSpans, half: number, tails: RecordTails, delimiter: string, writer: BufferedWriter): WriteJob {
  let position = writer.position + spans.ends[half - 1];
  for (let index = 0; index < half; index++) {
    if (spans.cells[index] < tails.width) position += tails.padding(spans.cells[index]).length;
    position += tails.of(index).length;
    if (spans.lineBreaks[index] === 0) position += Buffer.byteLength(tails.lineBreak);
  }
  const ids = new Map<Buffer, number>();
  const distinct: Buffer[] = [];
  const addedOf = new Int32Array(spans.count - half);
  for (let index = half; index < spans.count; index++) {
    const bytes = tails.of(index);
    let id = ids.get(bytes);
    if (id === undefined) ids.set(bytes, (id = distinct.push(bytes) - 1));
    addedOf[index - half] = id;
  }
  const arena = Buffer.concat(distinct);
  const starts = new Int32Array(distinct.length);
  for (let id = 1; id < distinct.length; id++) starts[id] = starts[id - 1] + distinct[id - 1].length;
  return {
    path: source.path,
    format: source.format,
    from: spans.ends[half - 1],
    spans: { count: spans.count - half, ends: spans.ends.slice(half, spans.count), lineBreaks: spans.lineBreaks.slice(half, spans.count), cells: spans.cells.slice(half, spans.count) },
    added: { arena, starts, lengths: Int32Array.from(distinct, (bytes) => bytes.length) },
    addedOf,
    delimiter,
    width: tails.width,
    lineBreak: tails.lineBreak,
    fd: writer.out as number,
    position,
  };
}

/**
 * Copies the records from `first` up to `last` out of the content, which starts at offset `from`,
 * each record's bytes and then its tail, one copy per run from one record's line break to the next
 * one's; gives how many were copied, or -1 when the content does not end with the last of them
 * (the file changed since pass 1).
 */
export async function copyRecords(content: AsyncIterable<Buffer>, from: number, spans: Pick<RecordSpans, 'count' | 'ends' | 'lineBreaks' | 'cells'>, first: number, tails: RecordTails, writer: BufferedWriter, onRow: () => void, last = spans.count): Promise<number> {
  let index = first;
  let chunkStart = from;
  /** Everything before this offset of the content has been written. */
  let copied = from;
  for await (const chunk of content) {
    const chunkEnd = chunkStart + chunk.length;
    for (; index < last; index++) {
      const lineBreak = spans.lineBreaks[index];
      const body = spans.ends[index] - lineBreak;
      if (body > chunkEnd) break;
      // Not an await a row: most rows' verdicts are at hand.
      const fetching = tails.fetch(index);
      if (fetching) await fetching;
      writer.copy(chunk, copied - chunkStart, body - chunkStart);
      copied = body;
      if (spans.cells[index] < tails.width) writer.copy(tails.padding(spans.cells[index]));
      writer.copy(tails.of(index));
      if (lineBreak === 0) writer.text(tails.lineBreak);
      onRow();
    }
    writer.copy(chunk, copied - chunkStart, chunk.length);
    copied = chunkStart = chunkEnd;
    if (writer.full) await writer.flush();
  }
  // Bytes after the last record that pass 1 saw: the file grew.
  return index === last && copied === (last > 0 ? spans.ends[last - 1] : 0) ? index - first : -1;
}

/** The delimiters that fill a row of this many cells up to `width`, before the added cells' own. */
export function paddingOf(delimiter: string, width: number, cells: number): Buffer {
  return Buffer.from(delimiter.repeat(Math.max(0, width - cells)));
}

/** Distinct verdict-and-reason cells kept as bytes; past this many, they are made per row. */
const ADDED_CACHE = 50_000;

/** The added cells of each row as UTF-8 bytes, made once for each distinct verdict and reason. */
class AddedCells {
  private readonly byVerdict = new Map<Verdict | null, Map<string, Buffer>>();
  private readonly paddings: Buffer[] = [];
  private cached = 0;

  constructor(
    private readonly layout: CsvLayout,
    private readonly flags: Flags,
  ) {}

  /** The extra delimiters of a row shorter than the widest. */
  padding(cells: number): Buffer {
    return (this.paddings[cells] ??= paddingOf(this.layout.delimiter, this.flags.width, cells));
  }

  /** The first delimiter, the verdict and the reason. */
  of(index: number): Buffer {
    const data = this.flags.plan.hasHeader ? index - 1 : index;
    if (data < 0) return this.encode(index);
    const verdict = this.flags.verdicts.verdict(data);
    const reason = this.flags.verdicts.reason(data);
    let reasons = this.byVerdict.get(verdict);
    if (!reasons) this.byVerdict.set(verdict, (reasons = new Map()));
    const known = reasons.get(reason);
    if (known) return known;
    const bytes = this.encode(index);
    if (this.cached < ADDED_CACHE) {
      reasons.set(reason, bytes);
      this.cached++;
    }
    return bytes;
  }

  private encode(index: number): Buffer {
    return Buffer.from(`${this.layout.delimiter}${this.layout.verdictAndReason(index)}`);
  }
}

/**
 * CSV made from cells: a JSON log's flattened rows, or a CSV file flagged before, whose earlier
 * "Bot click" and "Why" columns are replaced rather than added again.
 */
async function writeCsv(source: Source, flags: Flags, earlier: number | undefined, writer: BufferedWriter, onRow: () => void): Promise<number> {
  const layout = new CsvLayout(source, flags, earlier === undefined ? flags.width : Math.max(earlier, flags.width - 2));
  await layout.start(writer);
  let index = 0;
  for await (const row of source.rows()) {
    const cells = earlier === undefined ? row.cells : [...row.cells.slice(0, earlier), ...row.cells.slice(earlier + 2)];
    const text = cells.map((cell) => layout.field(asWritten(cell))).join(layout.delimiter);
    await fetchVerdict(flags, index);
    await writer.write(`${text}${layout.added(index, cells.length)}${layout.lineBreak}`);
    index++;
    onRow();
  }
  return index;
}

/** JSON records with "Bot click" and "Why" added to each event (a record, or each activity in it). */
async function writeJson(source: Source, flags: Flags, writer: BufferedWriter, kind: 'json' | 'ndjson', onRow: () => void): Promise<number> {
  let index = 0;
  let first = true;
  if (kind === 'json') await writer.write('[');
  for await (const row of source.rows()) {
    const data = flags.plan.hasHeader ? index - 1 : index;
    await fetchVerdict(flags, index);
    if (row.event && data >= 0) [row.event[BOT_CLICK_HEADER], row.event[WHY_HEADER]] = verdictCells(flags, data);
    if (row.record) {
      const text = stringifyKeepingNumbers(row.record);
      await writer.write(kind === 'json' ? `${first ? '\n' : ',\n'}${text}` : `${text}\n`);
      first = false;
    }
    index++;
    onRow();
  }
  if (kind === 'json') await writer.write(first ? ']\n' : '\n]\n');
  return index;
}

/** A data row's verdict and reason as text that no spreadsheet reads as a formula. */
function verdictCells(flags: Flags, data: number): [string, string] {
  return [plainText(flags.verdicts.verdict(data) ?? ''), plainText(flags.verdicts.reason(data))];
}

/** The fetch that brings the verdict of the row at this index of the file (header row included), when it is not at hand. */
function fetchVerdict(flags: Flags, index: number): Promise<void> | undefined {
  const data = flags.plan.hasHeader ? index - 1 : index;
  return data >= 0 && !flags.verdicts.has(data) ? flags.verdicts.fetch(data) : undefined;
}

/** Where the columns of an earlier botclick run start, when the header ends with them. */
function earlierFlags(plan: ColumnPlan): number | undefined {
  const { header } = plan;
  const at = header.length - 2;
  return plan.hasHeader && at >= 0 && header[at] === BOT_CLICK_HEADER && header[at + 1] === WHY_HEADER ? at : undefined;
}

/** A cell written back as it was (the core's cellText trims): JSON numbers and booleans as JSON writes them. */
function asWritten(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

/** The writer hands the destination this much at a time. */
const FLUSH_BYTES = 4 << 20;

/**
 * Collects small writes in large buffers for the destination: a file (by descriptor) is written at
 * once, from `handedOver` on, and the buffer reused; a stream keeps each buffer until written
 * (waiting when it is full), so it is handed a new one each time. A fresh buffer per flush, and a
 * stream's trips through the thread pool, cost a 330 MB output about 0.3 s.
 */
export class BufferedWriter {
  private done: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private size = 0;

  /** @param handedOver where in the file the writing starts; then how much has been handed to the destination. */
  constructor(
    readonly out: Writable | number,
    private handedOver = 0,
  ) {}

  /** How many bytes the output holds once everything written so far is flushed (from 0 for a file). */
  get position(): number {
    return this.handedOver + this.size;
  }

  /** A buffer's worth collected: time to flush. */
  get full(): boolean {
    return this.done.length > 0 || this.size >= FLUSH_BYTES;
  }

  async write(text: string): Promise<void> {
    this.text(text);
    if (this.full) await this.flush();
  }

  /** Text as UTF-8. */
  text(text: string): void {
    this.room(text.length * 3);
    this.size += this.buffer.write(text, this.size);
  }

  /** Bytes copied from (a range of) another buffer. */
  copy(from: Buffer, start = 0, end = from.length): void {
    this.room(end - start);
    this.size += from.copy(this.buffer, this.size, start, end);
  }

  async flush(): Promise<void> {
    this.setAside(FLUSH_BYTES);
    if (typeof this.out === 'number') return;
    let ready = true;
    for (const data of this.done) ready = this.out.write(data);
    this.done = [];
    if (!ready) await once(this.out, 'drain');
  }

  /** Makes room for this many more bytes, setting the filled buffer aside if need be. */
  private room(bytes: number): void {
    if (this.size + bytes > this.buffer.length) this.setAside(Math.max(FLUSH_BYTES, bytes));
  }

  /** Writes what the buffer holds to a file, or keeps it for the stream; then the buffer has room for `capacity` bytes. */
  private setAside(capacity: number): void {
    if (typeof this.out === 'number') {
      for (let written = 0; written < this.size; ) written += writeSync(this.out, this.buffer, written, this.size - written, this.handedOver + written);
      this.handedOver += this.size;
      this.size = 0;
      if (this.buffer.length < capacity) this.buffer = Buffer.allocUnsafe(capacity);
      return;
    }
    if (this.size > 0) this.done.push(this.buffer.subarray(0, this.size));
    this.handedOver += this.size;
    this.buffer = Buffer.allocUnsafe(capacity);
    this.size = 0;
  }
}
