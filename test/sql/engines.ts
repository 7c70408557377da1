import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cellText, type Cell, type ColumnPlan, type Role, type Table } from '../../src/core';
import { DIALECTS, type DialectName } from '../../src/core/sql';
import { readTimes } from '../../src/core/time';

/** A database the SQL runs on in tests: DuckDB embedded, or Postgres as PGlite (WebAssembly). */
export interface Engine {
  name: DialectName;
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function duckdb(): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    name: 'duckdb',
    run: async (sql) => void (await connection.run(sql)),
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Postgres as PGlite, in a worker thread (see pglite-worker.mjs). */
export async function pglite(): Promise<Engine> {
  const worker = new Worker(join(__dirname, 'pglite-worker.mjs'));
  const waiting = new Map<number, { resolve: (rows: Record<string, unknown>[]) => void; reject: (error: Error) => void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  worker.on('message', ({ id, rows, error }: { id: number; rows?: Record<string, unknown>[]; error?: string }) => {
    const pending = waiting.get(id);
    waiting.delete(id);
    if (error !== undefined) pending?.reject(new Error(error));
    else pending?.resolve(rows ?? []);
  });
  const send = (kind: 'run' | 'rows', sql: string) =>
    new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, kind, sql });
    });
  // A table just filled has no statistics: Postgres then takes every CTE for a few rows and nests
  // loops over thousands (docs/warehouse.md says the same to users).
  await send('run', 'SET enable_nestloop = off');
  return {
    name: 'postgres',
    run: async (sql) => void (await send('run', sql)),
    rows: (sql) => send('rows', sql),
    close: async () => void (await worker.terminate()),
  };
}

const TIME_ROLES: Role[] = ['time', 'sentAt'];

/** The column loadTable numbers the rows in, for rowColumn: a table has no order of its own. */
export const LINE = '_line';

/**
 * The export as a table `name` the way a warehouse holds it: the time columns as TIMESTAMP (read by
 * the core's own time parser), every other column as text, and LINE numbering the rows from 1.
 */
export async function loadTable(engine: Engine, name: string, table: Table, plan: ColumnPlan): Promise<void> {
  const d = DIALECTS[engine.name];
  const body = plan.hasHeader ? table.slice(1) : table;
  const timeColumns = new Set(TIME_ROLES.map((role) => plan.roles[role]).filter((index) => index !== undefined));
  const times = new Map([...timeColumns].map((index) => [index, readTimes(body.map((row) => row[index as number]), '').times]));
  const columns = [...plan.header.map((header, index) => `${d.ident(header)} ${timeColumns.has(index) ? 'TIMESTAMP' : d.textType}`), `${LINE} BIGINT`];
  await engine.run(`CREATE TABLE ${d.ident(name)} (${columns.join(', ')})`);
  const literal = (cell: Cell, row: number, index: number) => {
    const time = times.get(index);
    if (time) return Number.isNaN(time[row]) ? 'NULL' : `TIMESTAMP '${new Date(time[row]).toISOString().replace('T', ' ').replace('Z', '')}'`;
    const text = cellText(cell);
    return text === '' ? 'NULL' : d.text(text);
  };
  for (let from = 0; from < body.length; from += 1000) {
    const values = body.slice(from, from + 1000).map((row, k) => `(${plan.header.map((_, index) => literal(row[index], from + k, index)).join(', ')}, ${from + k + 1})`);
    await engine.run(`INSERT INTO ${d.ident(name)} VALUES ${values.join(',\n')}`);
  }
}
