import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { BotclickError } from '../../core';
import { fileError } from './file-errors';
import { fileChunks } from './read-text';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What the first bytes of a file say about how to read the rest. */
export interface FileFormat {
  kind: 'csv' | 'json';
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip; a UTF-8 mark is written back on the output. */
  bomBytes: number;
  /** CSV only: the field delimiter and the line break the file uses. */
  delimiter: string;
  lineBreak: string;
  /** JSON only: one value per line (NDJSON) rather than one document. */
  jsonLines: boolean;
}

const HEAD_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_RECORDS = 50;

/** Well-known binary formats people export by mistake, and what to do instead. */
const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'is a ZIP archive or an Excel workbook; save the sheet as CSV first'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'is an old Excel or Office file; save the sheet as CSV first'],
  [[0x1f, 0x8b], 'is gzip-compressed; unpack it first'],
  [[0x25, 0x50, 0x44, 0x46], 'is a PDF, not a CSV or JSON export'],
];

export async function sniffFile(path: string): Promise<FileFormat> {
  const head = await readHead(path);
  const name = `"${path}"`;
  if (head.length === 0) throw new BotclickError(`${name} is empty.`);
  for (const [bytes, problem] of MAGIC) {
    if (bytes.every((byte, i) => head[i] === byte)) throw new BotclickError(`${name} ${problem}.`);
  }
  const { encoding, bomBytes } = await wholeFileEncoding(path, detectEncoding(head));
  const text = new TextDecoder(encoding).decode(head.subarray(bomBytes));
  if (looksBinary(text)) throw new BotclickError(`${name} looks like a binary file, not CSV or JSON text.`);
  const start = text.search(/\S/);
  if (start < 0) throw new BotclickError(`${name} is empty (only blank space).`);

  const extension = extname(path).toLowerCase();
  const tabular = ['.csv', '.tsv', '.tab'].includes(extension);
  const kind = !tabular && (text[start] === '{' || text[start] === '[') ? 'json' : 'csv';
  return {
    kind,
    encoding,
    bomBytes,
    delimiter: kind === 'csv' ? sniffDelimiter(text, extension) : ',',
    lineBreak: sniffLineBreak(text),
    jsonLines: kind === 'json' && isJsonLines(text.slice(start)),
  };
}

async function readHead(path: string): Promise<Buffer> {
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw fileError(error, path);
  }
}

type Encoding = { encoding: TextEncoding; bomBytes: number };

function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const utf16 = utf16WithoutMark(head);
  if (utf16) return { encoding: utf16, bomBytes: 0 };
  // Excel on Windows saves "CSV" in Windows-1252; read such a file as that rather than as broken UTF-8.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bomBytes: 0 };
  } catch {
    return { encoding: 'windows-1252', bomBytes: 0 };
  }
}

/**
 * UTF-16 written without a byte-order mark, by its zero bytes: an export is mostly ASCII (addresses,
 * links, digits), which UTF-16 writes as a zero byte beside a printable one, always on the same side.
 */
function utf16WithoutMark(head: Buffer): TextEncoding | undefined {
  const units = head.length >> 1;
  if (units < 2) return undefined;
  const printable = (byte: number) => (byte >= 0x20 && byte < 0x7f) || byte === 9 || byte === 10 || byte === 13;
  let little = 0;
  let big = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0 && head[i + 1] === 0) return undefined;
    if (head[i + 1] === 0 && printable(head[i])) little++;
    else if (head[i] === 0 && printable(head[i + 1])) big++;
  }
  if (little >= units / 2 && big === 0) return 'utf-16le';
  if (big >= units / 2 && little === 0) return 'utf-16be';
  return undefined;
}

/**
 * UTF-8 is decided on the whole file, not its first bytes: Windows-1252 bytes further down would
 * otherwise be copied into output labelled UTF-8. A NUL byte anywhere means the file is not text.
 */
async function wholeFileEncoding(path: string, found: Encoding): Promise<Encoding> {
  if (found.encoding !== 'utf-8') return found;
  let offset = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of fileChunks(path)) {
    const nul = chunk.indexOf(0);
    if (nul >= 0) throw new BotclickError(`"${path}" has a NUL byte at byte ${(offset + nul).toLocaleString('en-US')}, so it is not CSV or JSON text.`);
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completeUtf8(bytes);
    if (!isUtf8(bytes.subarray(0, complete))) return { encoding: 'windows-1252', bomBytes: found.bomBytes };
    carry = Buffer.from(bytes.subarray(complete));
    offset += chunk.length;
  }
  return carry.length > 0 ? { encoding: 'windows-1252', bomBytes: found.bomBytes } : found;
}

/** The length of the bytes up to a character cut off at the end (a chunk may end inside one). */
function completeUtf8(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** NUL bytes or many control characters mean this is not text a person exported. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  return control > 8 && control > text.length / 100;
}

/**
 * The delimiter that splits the first records into the same number of fields most consistently.
 * Quoted fields are skipped, so a comma inside "Doe, Jane" does not count.
 */
function sniffDelimiter(text: string, extension: string): string {
  const records = splitRecords(text, SNIFF_RECORDS);
  let best = { delimiter: extension === '.tsv' || extension === '.tab' ? '\t' : ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = records.map((record) => countOutsideQuotes(record, delimiter));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((count) => count === first).length / counts.length;
    const score = consistent * 1000 + Math.min(first, 999);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** The first non-blank records of the text, keeping line breaks inside quotes (the last may be cut off). */
function splitRecords(text: string, limit: number): string[] {
  const records: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && records.length < limit; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if ((char === '\n' || char === '\r') && !quoted) {
      if (text.slice(start, i).trim() !== '') records.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // The head may end mid-record; only use the tail when the whole file fitted in it.
  if (records.length === 0) records.push(text);
  return records;
}

function countOutsideQuotes(record: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of record) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

function sniffLineBreak(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

/** NDJSON: the first line is a whole JSON value and more follows it. */
function isJsonLines(text: string): boolean {
  const end = text.indexOf('\n');
  if (end < 0 || text.slice(end).trim() === '') return false;
  try {
    JSON.parse(text.slice(0, end));
    return true;
  } catch {
    return false;
  }
}
