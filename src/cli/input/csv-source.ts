import { BotclickError } from '../../core';
import { CsvScanner, recordCells, TooManyFields, UnclosedQuote, type CsvRecord } from './csv-scanner';
import { fileError } from './file-errors';
import { readContent } from './read-text';
import type { FileFormat } from './sniff';
import type { InputRow, Split } from './rows';

/**
 * The most cells a row may have: more than any spreadsheet holds (Excel 16,384 columns, Google
 * Sheets 18,278). A row far wider is a file read with the wrong delimiter or not a table at all,
 * and its cells would fill memory: a 50 MB line of "a," is 25 million of them.
 */
export const MAX_CELLS = 20_000;

/**
 * Every record of a CSV file as byte ranges, without making its strings (pass 1 asks for the few it
 * keeps); from `from` on, a record's start, when given.
 */
export async function scanCsv(path: string, format: FileFormat, onRecord: (record: CsvRecord) => void, { from = 0, split }: { from?: number; split?: Split } = {}): Promise<void> {
  const chunks = scanChunks(path, format, onRecord, from, split);
  while (!(await chunks.next()).done);
}

/** The records of a CSV file as rows of text cells, each with where it ends in the file. */
export async function* csvRows(path: string, format: FileFormat): AsyncGenerator<InputRow> {
  let rows: InputRow[] = [];
  const chunks = scanChunks(path, format, (record) => rows.push({ cells: recordCells(record), end: record.end, lineBreak: record.lineBreak }));
  while (!(await chunks.next()).done) {
    yield* rows;
    rows = [];
  }
}

/**
 * Feeds the content from `from` to a scanner chunk by chunk, pausing after each chunk's records;
 * with a split, first up to it, and on past it only when the rest was not read otherwise.
 */
async function* scanChunks(path: string, format: FileFormat, onRecord: (record: CsvRecord) => void, from = 0, split?: Split): AsyncGenerator<void> {
  const scanner = new CsvScanner(format.delimiter.charCodeAt(0), onRecord, MAX_CELLS, from);
  try {
    if (split) {
      for await (const chunk of readContent(path, format, from, split.at)) {
        scanner.push(chunk);
        yield;
      }
      // A split inside a quoted field leaves a record open: then the rest is read here after all.
      if (scanner.atRecordStart() && (await split.takeRest())) return;
      from = split.at;
    }
    for await (const chunk of readContent(path, format, from)) {
      scanner.push(chunk);
      yield;
    }
    scanner.finish();
    yield;
  } catch (error) {
    if (error instanceof UnclosedQuote) {
      throw new BotclickError(`"${path}": the quoted field that starts on line ${await lineAt(path, format, error.at)} is never closed.`);
    }
    if (error instanceof TooManyFields) {
      const line = (await lineAt(path, format, error.at)).toLocaleString('en-US');
      throw tooWide(path, `the record on line ${line} has more than ${MAX_CELLS.toLocaleString('en-US')} cells`);
    }
    throw fileError(error, path);
  }
}

/** The line (from 1) holding this offset of the content: CRLF, LF and a lone CR each end a line. */
async function lineAt(path: string, format: FileFormat, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  let afterCr = false;
  for await (const chunk of readContent(path, format)) {
    const stop = Math.min(chunk.length, offset - seen);
    for (let i = 0; i < stop; i++) {
      if (chunk[i] === 0x0d || (chunk[i] === 0x0a && !afterCr)) line++;
      afterCr = chunk[i] === 0x0d;
    }
    seen += stop;
    if (seen >= offset) break;
  }
  return line;
}

/** The one message for a row too wide, for CSV records and JSON keys alike. */
export function tooWide(path: string, what: string): BotclickError {
  return new BotclickError(
    `"${path}": ${what}, more than a spreadsheet holds; botclick reads up to ${MAX_CELLS.toLocaleString('en-US')} cells a row: check the delimiter, or cut the extra columns out first (for instance with cut or jq).`,
  );
}
