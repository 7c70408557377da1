import { BotclickError, type Cell } from '../../core';
import { JsonScanner } from './json-scanner';
import { isEnvelopeKey, recordRows, recordsOfObject, type FlatRow } from './json-records';
import { readText } from './read-text';
import type { FileFormat } from './sniff';
import type { InputRow } from './rows';

/**
 * A JSON document or NDJSON log as rows. A first pass collects the header, the union of every
 * row's dotted keys in first-seen order, so that each later pass can line rows up under it.
 */
export async function jsonRows(path: string, format: FileFormat, onRecord: () => void): Promise<() => AsyncGenerator<InputRow>> {
  const columns = new Map<string, number>();
  let records = 0;
  for await (const { rows } of jsonRecords(path, format)) {
    records++;
    onRecord();
    for (const row of rows) for (const key of row.fields.keys()) if (!columns.has(key)) columns.set(key, columns.size);
  }
  if (records === 0) throw new BotclickError(`"${path}" holds no records.`);
  const header = [...columns.keys()];
  return async function* rows(): AsyncGenerator<InputRow> {
    yield { cells: header };
    for await (const { record, rows } of jsonRecords(path, format)) {
      for (let i = 0; i < rows.length; i++) {
        yield { cells: lineUp(rows[i], columns), event: rows[i].event, record: i === rows.length - 1 ? record : undefined };
      }
    }
  };
}

function lineUp(row: FlatRow, columns: Map<string, number>): Cell[] {
  const cells = new Array<Cell>(columns.size).fill(null);
  for (const [key, value] of row.fields) cells[columns.get(key) as number] = value;
  return cells;
}

/** Every record of the file, in order, each with the rows made from it. */
async function* jsonRecords(path: string, format: FileFormat): AsyncGenerator<ReturnType<typeof recordRows>> {
  const found: unknown[] = [];
  let members: Record<string, unknown> = {};
  let inEnvelope = false;
  const scanner = new JsonScanner(path, {
    isRecordsKey(key) {
      if (inEnvelope || !isEnvelopeKey(key)) return false;
      inEnvelope = true;
      return true;
    },
    element: (value) => found.push(value),
    member(key, value) {
      // Defined, not assigned, so that a "__proto__" key stays data as it does in JSON.parse.
      Object.defineProperty(members, key, { value, enumerable: true, writable: true, configurable: true });
    },
    objectEnd() {
      // Beside an envelope's records the other members are paging and counts, not data.
      if (!inEnvelope) for (const record of recordsOfObject(members, !format.jsonLines)) found.push(record);
      members = {};
      inEnvelope = false;
    },
  });
  for await (const text of readText(path, format)) {
    scanner.feed(text);
    for (const value of found) yield recordRows(value);
    found.length = 0;
  }
  scanner.end();
}
