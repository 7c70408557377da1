/**
 * A CSV scanner over UTF-8 bytes: it finds where each record and each of its fields starts and ends,
 * and makes a field's string only when asked, so that reading a million rows allocates little more
 * than the cells the detector keeps. (uDSV and Papa Parse hand over strings per row and no byte
 * offsets; csv-parse also builds an array and an info object per row: their garbage was most of the
 * command line's time.)
 *
 * The grammar is csv-parse's with `relax_quotes` and ragged rows: a field that starts with a quote
 * runs to the closing quote (`""` is a quote inside it, delimiters and line breaks are text); a
 * closing quote followed by anything but a delimiter or a line break makes the field plain text from
 * its opening quote on; a quote inside an unquoted field is text. A record ends at CRLF, LF or a lone
 * CR (whichever the file mixes); an empty line is a record of one empty field.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** How much of the next chunk is copied first to finish a record cut off by a chunk's end. */
const JOIN_BYTES = 4096;

/** One record: its fields as byte ranges of `bytes`, valid only while the record's callback runs. */
export interface CsvRecord {
  readonly bytes: Buffer;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Fields in the record. */
  readonly count: number;
  /** Offset in the whole content just past the record and its line break. */
  readonly end: number;
  /** Bytes of line break that end the record: 2 (CRLF), 1, or 0 for a last record without one. */
  readonly lineBreak: number;
}

/** Thrown for a quoted field still open at the end of the content; `at` is where its record starts. */
export class UnclosedQuote extends Error {
  constructor(readonly at: number) {
    super('a quoted field is never closed');
  }
}

/** Thrown for a record with more fields than the scanner takes; `at` is where the record starts. */
export class TooManyFields extends Error {
  constructor(readonly at: number) {
    super('a record has too many fields');
  }
}

export class CsvScanner implements CsvRecord {
  bytes: Buffer = Buffer.alloc(0);
  starts: Int32Array;
  ends: Int32Array;
  count = 0;
  end = 0;
  lineBreak = 0;
  /** The start of a record cut off by the end of the last chunk, copied before the next one. */
  private carry: Buffer | undefined;

  /**
   * @param maxFields the most fields a record may have: a file of one endless line must not fill memory.
   * @param base the offset in the whole content of the first chunk, which starts a record.
   */
  constructor(
    private readonly delimiter: number,
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly maxFields = Infinity,
    private base = 0,
  ) {
    this.starts = new Int32Array(Math.min(64, maxFields));
    this.ends = new Int32Array(Math.min(64, maxFields));
  }

  /** Scans the complete records of the content so far; the rest waits for the next chunk, which may reuse this one's buffer. */
  push(chunk: Buffer): void {
    let from = 0;
    const carry = this.carry;
    if (carry) {
      // The record cut off by the last chunk is read from a copy of it and of only as much of this
      // chunk as holds its end: copying whole chunks cost a copy of the whole file. A long record
      // (a quoted field of many lines) takes the whole chunk at once, so as not to be read again
      // for each try.
      const first = carry.length > JOIN_BYTES ? chunk.length : Math.min(chunk.length, JOIN_BYTES);
      for (let take = first; ; take = Math.min(chunk.length, take * 2)) {
        const joined = Buffer.concat([carry, chunk.subarray(0, take)]);
        const done = this.scan(joined, false, 0);
        if (done === 0 && take < chunk.length) continue;
        if (done === 0) {
          this.carry = joined;
          return;
        }
        from = done - carry.length;
        this.base += carry.length;
        break;
      }
    }
    const done = this.scan(chunk, false, from);
    // A copy: the reader fills the chunk's buffer again for the next chunk.
    this.carry = done < chunk.length ? Buffer.from(chunk.subarray(done)) : undefined;
    this.base += done;
  }

  /** Whether the content so far ended with a whole record (and its line break). */
  atRecordStart(): boolean {
    return this.carry === undefined;
  }

  /** The last record, which needs no line break. */
  finish(): void {
    if (this.carry) this.scan(this.carry, true, 0);
    this.carry = undefined;
  }

  /**
   * Calls `onRecord` for each record of `bytes` from `start` on that is complete (or, when `final`,
   * ends with the content) and returns where the first incomplete one starts.
   */
  private scan(bytes: Buffer, final: boolean, start: number): number {
    this.bytes = bytes;
    const n = bytes.length;
    const delimiter = this.delimiter;
    let i = start;
    while (i < n) {
      const recordStart = i;
      let count = 0;
      for (;;) {
        const fieldStart = i;
        if (i < n && bytes[i] === QUOTE) {
          // A quoted field: find the quote that closes it.
          let j = i + 1;
          for (;;) {
            j = bytes.indexOf(QUOTE, j);
            if (j < 0 || (j + 1 >= n && !final)) {
              if (final) throw new UnclosedQuote(this.base + recordStart);
              return recordStart;
            }
            if (j + 1 < n && bytes[j + 1] === QUOTE) j += 2;
            else break;
          }
          i = j + 1;
        }
        // Plain text up to the next delimiter or line break.
        while (i < n) {
          const byte = bytes[i];
          if (byte === delimiter || byte === LF || byte === CR) break;
          i++;
        }
        if (count === this.starts.length) {
          if (count >= this.maxFields) throw new TooManyFields(this.base + recordStart);
          this.widen();
        }
        this.starts[count] = fieldStart;
        this.ends[count] = i;
        count++;
        if (i >= n) {
          if (!final) return recordStart;
          this.emit(count, n, 0);
          return n;
        }
        if (bytes[i] === delimiter) {
          i++;
          continue;
        }
        let lineBreak = 1;
        if (bytes[i] === CR) {
          if (i + 1 >= n && !final) return recordStart;
          if (bytes[i + 1] === LF) lineBreak = 2;
        }
        i += lineBreak;
        this.emit(count, i, lineBreak);
        break;
      }
    }
    return n;
  }

  private emit(count: number, end: number, lineBreak: number): void {
    this.count = count;
    this.end = this.base + end;
    this.lineBreak = lineBreak;
    this.onRecord(this);
  }

  /** Room for more fields, up to `maxFields`, so that a full array means a record too wide. */
  private widen(): void {
    const size = Math.min(this.starts.length * 2, this.maxFields);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/** A field's value: quotes removed and `""` read as `"`, or the bytes as they are. */
export function fieldText(bytes: Buffer, start: number, end: number): string {
  if (start === end || bytes[start] !== QUOTE) return decode(bytes, start, end);
  let text = '';
  let from = start + 1;
  for (let i = from; i < end; i++) {
    if (bytes[i] !== QUOTE) continue;
    if (i + 1 < end && bytes[i + 1] === QUOTE) {
      text += decode(bytes, from, i + 1);
      from = i + 2;
      i++;
      continue;
    }
    text += decode(bytes, from, i);
    // Text after the closing quote: the field is read as plain text from its opening quote on.
    return i + 1 === end ? text : `"${text}"${decode(bytes, i + 1, end)}`;
  }
  // Not reached for a field the scanner found, which always holds its closing quote.
  return text + decode(bytes, from, end);
}

/** All the fields of a record as strings. */
export function recordCells(record: CsvRecord): string[] {
  const cells = new Array<string>(record.count);
  for (let i = 0; i < record.count; i++) cells[i] = fieldText(record.bytes, record.starts[i], record.ends[i]);
  return cells;
}

/** Buffer's own UTF-8 slice, without the argument checks of `toString` (several calls a row). */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice: (this: Buffer, start: number, end: number) => string }).utf8Slice;

function decode(bytes: Buffer, start: number, end: number): string {
  return utf8Slice.call(bytes, start, end);
}
