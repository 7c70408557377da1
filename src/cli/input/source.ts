import { stat } from 'node:fs/promises';
import { BotclickError, type Cell } from '../../core';
import { csvRows } from './csv-source';
import { fileError } from './file-errors';
import { jsonRows } from './json-source';
import { sniffFile, type FileFormat } from './sniff';

/** One row of the input as the detector sees it, plus what the writer needs to copy it unchanged. */
export interface InputRow {
  cells: readonly Cell[];
  /** CSV: the offset just after the record (and its line break) in the file's UTF-8 content. */
  end?: number;
  /** JSON: the event object this row came from (a record, or one activity nested in it). */
  event?: Record<string, unknown>;
  /** JSON: the record to write back, set on the last row made from it. */
  record?: Record<string, unknown>;
}

/** A file that can be read as rows any number of times, so that it never has to sit in memory. */
export interface Source {
  path: string;
  format: FileFormat;
  /** Size and modification time when opened: the passes must all read the same file. */
  stamp: string;
  /** Every row in file order. A JSON source starts with the header row it built from the keys. */
  rows(): AsyncIterable<InputRow>;
  /** What the user should know about how the records were found (JSON). */
  notes: string[];
}

/** Sniffs the file's format; a JSON file is read once here to collect its header. */
export async function openSource(path: string, onRecord: () => void): Promise<Source> {
  const format = await sniffFile(path);
  const stamp = await fileStamp(path);
  if (format.kind === 'csv') return { path, format, stamp, rows: () => csvRows(path, format), notes: [] };
  return { path, format, stamp, ...(await jsonRows(path, format, onRecord)) };
}

export async function checkUnchanged(source: Source): Promise<void> {
  if ((await fileStamp(source.path)) !== source.stamp) {
    throw new BotclickError(`"${source.path}" changed while botclick was reading it; run botclick again.`);
  }
}

async function fileStamp(path: string): Promise<string> {
  try {
    const { size, mtimeMs } = await stat(path);
    return `${size}:${mtimeMs}`;
  } catch (error) {
    throw fileError(error, path);
  }
}
