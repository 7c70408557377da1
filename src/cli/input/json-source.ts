import { BotclickError, type Cell } from '../../core';
import { MAX_CELLS, tooWide } from './csv-source';
import { JsonScanner } from './json-scanner';
import { isEnvelopeKey, recordRows, recordsOfObject, type FlatRow } from './json-records';
import { readText } from './read-text';
import type { FileFormat } from './sniff';
import type { InputRow } from './rows';

/**
 * A JSON document or NDJSON log as rows. A first pass collects the header, the union of every
 * row's dotted keys in first-seen order, so that each later pass can line rows up under it, and
 * notes how the records were found when that was not plain.
 */
export async function jsonRows(path: string, format: FileFormat, onRecord: () => void): Promise<{ rows: () => AsyncGenerator<InputRow>; notes: string[] }> {
  const columns = new Map<string, number>();
  const notes = new Set<string>();
  let records = 0;
  for await (const { rows } of jsonRecords(path, format, notes)) {
    records++;
    onRecord();
    for (const row of rows) for (const key of row.fields.keys()) if (!columns.has(key)) columns.set(key, columns.size);
    if (columns.size > MAX_CELLS) throw tooWide(path, `the records have more than ${MAX_CELLS.toLocaleString('en-US')} different keys (from record ${records.toLocaleString('en-US')} on)`);
  }
  if (records === 0) throw new BotclickError(`"${path}" holds no records.`);
  const header = [...columns.keys()];
  async function* rows(): AsyncGenerator<InputRow> {
    yield { cells: header };
    for await (const { record, rows } of jsonRecords(path, format)) {
      for (let i = 0; i < rows.length; i++) {
        yield { cells: lineUp(rows[i], columns), event: rows[i].event, record: i === rows.length - 1 ? record : undefined };
      }
    }
  }
  return { rows, notes: [...notes] };
}

function lineUp(row: FlatRow, columns: Map<string, number>): Cell[] {
  const cells = new Array<Cell>(columns.size).fill(null);
  for (const [key, value] of row.fields) cells[columns.get(key) as number] = value;
  return cells;
}

/** Every record of the file, in order, each with the rows made from it; `notes` learns how records were found. */
async function* jsonRecords(path: string, format: FileFormat, notes?: Set<string>): AsyncGenerator<ReturnType<typeof recordRows>> {
  const found: unknown[] = [];
  let members: Record<string, unknown> = {};
  // The records arrays of the current top-level object: an envelope may hold several ({"items": [...], "data": [...]}).
  const recordKeys: string[] = [];
  const scanner = new JsonScanner(path, {
    isRecordsKey(key) {
      if (!isEnvelopeKey(key)) return false;
      recordKeys.push(key);
      return true;
    },
    element: (value) => found.push(value),
    member(key, value) {
      // Defined, not assigned, so that a "__proto__" key stays data as it does in JSON.parse.
      Object.defineProperty(members, key, { value, enumerable: true, writable: true, configurable: true });
    },
    objectEnd() {
      // Beside an envelope's records the other members are paging and counts, not data.
      if (recordKeys.length === 0) {
        const { records, listKey, leftOut } = recordsOfObject(members, !format.jsonLines);
        for (const record of records) found.push(record);
        if (leftOut.length > 0) {
          notes?.add(`The records were read from the longest list, "${listKey}"; the other ${leftOut.length === 1 ? 'list' : 'lists'} (${quoted(leftOut)}) ${leftOut.length === 1 ? 'was' : 'were'} left out.`);
        }
      } else if (recordKeys.length > 1) {
        notes?.add(`Records were read from each of ${quoted(recordKeys)}.`);
      }
      members = {};
      recordKeys.length = 0;
    },
  });
  for await (const text of readText(path, format)) {
    scanner.feed(text);
    for (const value of found) yield recordRows(value);
    found.length = 0;
  }
  scanner.end();
}

function quoted(keys: readonly string[]): string {
  return keys.map((key) => `"${key}"`).join(', ');
}
