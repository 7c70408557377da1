import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BOT_CLICK_HEADER, BotclickError, plainText, WHY_HEADER, type Cell, type ColumnPlan, type Verdict } from '../core';
import { stringifyKeepingNumbers } from './input/json-values';
import { readContent } from './input/read-text';
import { checkUnchanged, type Source } from './input/source';
import type { RecordSpans } from './record-spans';

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
  verdicts: readonly (Verdict | null)[];
  reasons: readonly string[];
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

/** Pass 2: reads the file again and writes every row unchanged and in order, plus the added columns. */
export async function writeOutput(source: Source, flags: Flags, kind: OutputKind, out: Writable, onRow: () => void): Promise<void> {
  await checkUnchanged(source);
  const writer = new BufferedWriter(out);
  const earlier = earlierFlags(flags.plan);
  let written: number;
  if (kind !== 'csv') written = await writeJson(source, flags, writer, kind, onRow);
  else if (flags.spans && earlier === undefined) written = await copyCsv(source, flags, flags.spans, writer, onRow);
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
    const data = this.flags.plan.hasHeader ? index - 1 : index;
    const [verdict, reason] = data < 0 ? [BOT_CLICK_HEADER, WHY_HEADER] : verdictCells(this.flags, data);
    return `${this.delimiter.repeat(Math.max(0, this.width - cells) + 1)}${this.field(verdict)}${this.delimiter}${this.field(reason)}`;
  }

  field(text: string): string {
    const quote = text.includes('"') || text.includes(this.delimiter) || text.includes('\n') || text.includes('\r');
    return quote ? `"${text.replace(/"/g, '""')}"` : text;
  }
}

/** CSV input: each record's bytes copied exactly, its line break kept, the added cells before it. */
async function copyCsv(source: Source, flags: Flags, spans: RecordSpans, writer: BufferedWriter, onRow: () => void): Promise<number> {
  const layout = new CsvLayout(source, flags, flags.width);
  await layout.start(writer);
  let index = 0;
  let chunkStart = 0;
  let pending: Buffer[] = [];
  const copy = async (record: Buffer) => {
    let end = record.length;
    while (end > 0 && (record[end - 1] === 10 || record[end - 1] === 13)) end--;
    await writer.write(record.subarray(0, end));
    const lineBreak = end < record.length ? record.subarray(end).toString('latin1') : layout.lineBreak;
    await writer.write(`${layout.added(index, spans.cells[index])}${lineBreak}`);
    index++;
    onRow();
  };
  for await (const chunk of readContent(source.path, source.format) as AsyncIterable<Buffer>) {
    let from = 0;
    while (index < spans.count && spans.ends[index] <= chunkStart + chunk.length) {
      const to = spans.ends[index] - chunkStart;
      const piece = chunk.subarray(from, to);
      await copy(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece);
      pending = [];
      from = to;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
    chunkStart += chunk.length;
  }
  return pending.length > 0 ? -1 : index;
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
  return [plainText(flags.verdicts[data] ?? ''), plainText(flags.reasons[data] ?? '')];
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

/** Collects small writes into large ones and waits when the destination is full. */
class BufferedWriter {
  private parts: Buffer[] = [];
  private text = '';
  private size = 0;

  constructor(private readonly out: Writable) {}

  async write(data: string | Buffer): Promise<void> {
    if (typeof data === 'string') this.text += data;
    else {
      this.takeText();
      this.parts.push(data);
    }
    this.size += data.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    this.takeText();
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    if (data.length > 0 && !this.out.write(data)) await once(this.out, 'drain');
  }

  private takeText(): void {
    if (this.text === '') return;
    this.parts.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
}
