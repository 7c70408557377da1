import { Parser, type Options } from 'csv-parse';
import { BotclickError } from '../../core';
import { fileError } from './file-errors';
import { readContent } from './read-text';
import type { FileFormat } from './sniff';
import type { InputRow } from './rows';

/**
 * The most cells a row may have: more than any spreadsheet holds (Excel 16,384 columns, Google
 * Sheets 18,278). A row far wider is a file read with the wrong delimiter or not a table at all,
 * and its cells would fill memory: a 50 MB line of "a," is 25 million of them.
 */
export const MAX_CELLS = 20_000;

/** The records of a CSV file as rows of text cells, each with where it ends in the file. */
export async function* csvRows(path: string, format: FileFormat): AsyncGenerator<InputRow> {
  const parser = new WidthCheckedParser(path, {
    delimiter: format.delimiter,
    // Ragged rows and stray quotes (5" screen) are read as they are: we never drop or fix a row.
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // Any line break ends a record, whatever the first one was: a CRLF header over LF rows (files
    // pieced together from two tools) would otherwise be one record holding every row.
    record_delimiter: ['\r\n', '\n', '\r'],
    // Where each record ends, so that pass 2 can copy its bytes instead of parsing it again.
    info: true,
  });
  const content = readContent(path, format);
  content.on('error', (error) => parser.destroy(fileError(error, path) as Error));
  content.pipe(parser);
  let line = 0;
  try {
    for await (const { record, info } of parser) {
      if (record.length > MAX_CELLS) throw tooWide(path, `the record on line ${(line + 1).toLocaleString('en-US')} has more than ${MAX_CELLS.toLocaleString('en-US')} cells`);
      line = info.lines;
      yield { cells: record, end: info.bytes };
    }
  } catch (error) {
    throw csvError(error, path, line);
  } finally {
    content.destroy();
  }
}

function csvError(error: unknown, path: string, lastLine: number): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new BotclickError(`"${path}": the quoted field that starts on line ${lastLine + 1} is never closed.`);
  }
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new BotclickError(`"${path}" is not readable as CSV after line ${lastLine}: ${(error as Error).message}.`);
  }
  return error;
}

/**
 * csv-parse builds a record whole before handing it over; a line of millions of cells would fill
 * memory and take minutes first. The record being built is looked at after each chunk (1 MB, at
 * most a million cells) instead. `state` is csv-parse's own, public on its Parser but not typed.
 */
class WidthCheckedParser extends Parser {
  constructor(
    private readonly path: string,
    options: Options,
  ) {
    super(options);
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    super._transform(chunk, encoding, (error?: Error | null) => {
      const cells = (this as unknown as { state: { record: unknown[] } }).state.record.length;
      callback(error ?? (cells > MAX_CELLS ? tooWide(this.path, `the record on line ${this.info.lines.toLocaleString('en-US')} has more than ${MAX_CELLS.toLocaleString('en-US')} cells`) : undefined));
    });
  }
}

/** The one message for a row too wide, for CSV records and JSON keys alike. */
export function tooWide(path: string, what: string): BotclickError {
  return new BotclickError(
    `"${path}": ${what}, more than a spreadsheet holds; botclick reads up to ${MAX_CELLS.toLocaleString('en-US')} cells a row: check the delimiter, or cut the extra columns out first (for instance with cut or jq).`,
  );
}
