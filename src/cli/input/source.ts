import { stat } from 'node:fs/promises';
import { BotclickError } from '../../core';
import { csvRows, scanCsv } from './csv-source';
import { fileError } from './file-errors';
import { jsonRows } from './json-source';
import { sniffFile } from './sniff';
import type { Source } from './rows';

export type { InputRow, Source } from './rows';

/** Sniffs the file's format; a JSON file is read once here to collect its header. */
export async function openSource(path: string, onRecord: () => void): Promise<Source> {
  const format = await sniffFile(path);
  const stamp = await fileStamp(path);
  if (format.kind === 'csv') {
    return { path, format, stamp, rows: () => csvRows(path, format), records: (onCsvRecord, split) => scanCsv(path, format, onCsvRecord, { split }), notes: [] };
  }
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
