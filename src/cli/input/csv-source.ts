import { parse } from 'csv-parse';
import { BotclickError } from '../../core';
import { fileError } from './file-errors';
import { readContent } from './read-text';
import type { FileFormat } from './sniff';
import type { InputRow } from './rows';

/** The records of a CSV file as rows of text cells, each with where it ends in the file. */
export async function* csvRows(path: string, format: FileFormat): AsyncGenerator<InputRow> {
  const parser = parse({
    delimiter: format.delimiter,
    // Ragged rows and stray quotes (5" screen) are read as they are: we never drop or fix a row.
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // Where each record ends, so that pass 2 can copy its bytes instead of parsing it again.
    info: true,
  });
  const content = readContent(path, format);
  content.on('error', (error) => parser.destroy(fileError(error, path) as Error));
  content.pipe(parser);
  let line = 0;
  try {
    for await (const { record, info } of parser) {
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
