import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotclickError, cellText, isBlankRow, planColumns, requiredRoles, requireRoles, ROLES, type Cell, type ColumnPlan, type Role, type Settings, type Summary } from '../core';
import { DIALECTS, FINAL_TABLE, ROW_COLUMN, sqlQuery } from '../core/sql';
import { TimeBatches } from '../core/time';
import type { Source } from './input/source';
import type { Flags } from './write-output';
import { MemoryBudget, parseSize } from './duckdb-memory';
import { summaryInDuckDb, type Step } from './duckdb-summary';
import { inDuckDb, StreamedVerdicts } from './duckdb-verdicts';
import { recordsIn, RecordSpans } from './record-spans';

type DuckDb = typeof import('@duckdb/node-api');

/**
 * With a memory budget, DuckDB runs on one thread, whose operators' working memory beyond its
 * limit is a little less than two threads' (at 3M clicks, 1GB budget: wave's chains 1,023 against
 * 1,117 MiB, the scores 1,151 against 1,188; no slower on this shared 2-core machine), and its
 * allocator hands freed memory back to the system soon rather than keeping up to 128 MB a thread
 * for reuse (1M clicks, DuckDB limited to 300MB: 823 -> 704 MiB; with a 1GB budget 873 -> 858 MiB,
 * in the same time).
 */
const WITHIN_BUDGET = { threads: '1', allocator_flush_threshold: '16MB', allocator_background_threads: 'true' };

/** Rows the column planner sees, as pass 1 of the default engine. */
const PLAN_ROWS = 1000;
/** Rows whose times are read and appended together: a batch, not the file, is in memory. */
const BATCH_ROWS = 65536;
const TIME_ROLES: readonly Role[] = ['time', 'sentAt'];
/**
 * Clicks per share of the stages that hold every click's findings or verdicts at once (see
 * SqlQueryOptions.slices): their working memory outside DuckDB's limit grows faster than the clicks
 * (at 3M clicks with DuckDB given 150MB, the three stages whole took the process to 599 MiB, in
 * shares of a million to 385 MiB, in less time; at 10M the scores whole went 1.1 GB beyond the limit).
 */
const SLICE_CLICKS = 1_000_000;

export interface DuckDbOptions {
  /** The whole process's memory budget, such as 2GB: DuckDB is given what botclick itself leaves of it, and spills beyond. */
  memoryLimit?: string;
}

/**
 * `flag --engine duckdb`: pass 1 streams the role columns of every row into a DuckDB database on
 * disk (times read by the core's parser, a batch at a time), the rules run there as SQL, and the
 * verdicts stream back in row order straight into `write` (pass 2, the default engine's writer):
 * no verdict of every row is kept in Node. DuckDB counts the summary too.
 */
export async function judgeWithDuckDb(
  source: Source,
  settings: Settings,
  options: DuckDbOptions,
  onRow: () => void,
  write: ((flags: Flags) => Promise<void>) | undefined,
): Promise<{ read: Omit<Flags, 'verdicts'>; summary: Summary; notes: string[] }> {
  const duckdb = await loadDuckDb();
  const total = options.memoryLimit === undefined ? undefined : parseSize(options.memoryLimit);
  // Not "botclick-…": the stdin copies go by that name, and tests count them.
  const folder = await mkdtemp(join(tmpdir(), 'duckdb-botclick-'));
  const config: Record<string, string> = { temp_directory: join(folder, 'spill'), preserve_insertion_order: 'false', ...(total !== undefined && WITHIN_BUDGET) };
  const instance = await duckdb.DuckDBInstance.create(join(folder, 'clicks.duckdb'), config);
  const connection = await instance.connect();
  const budget = total === undefined ? undefined : new MemoryBudget(total, options.memoryLimit ?? '');
  try {
    // DuckDB's share, set again whenever botclick's own memory may have grown.
    const fit = async () => {
      if (budget) await connection.run(`SET memory_limit = '${budget.duckDbLimit()}'`);
    };
    await fit();
    const { loaded, summary } = await inDuckDb(source.path, async () => {
      const loaded = await load(duckdb, connection, source, settings, onRow, fit);
      const slices = Math.ceil(loaded.rows / SLICE_CLICKS);
      const columns = Object.fromEntries(ROLES.filter((role) => loaded.plan.roles[role] !== undefined).map((role) => [role, role]));
      const { staged } = sqlQuery({
        dialect: DIALECTS.duckdb, table: 'clicks', columns, settings, resolutionMs: loaded.resolutionMs, rowColumn: 'line', output: 'verdicts',
        slices,
        sentAtHeader: loaded.plan.roles.sentAt === undefined ? undefined : loaded.plan.header[loaded.plan.roles.sentAt],
      });
      // Stage by stage: each stage a table in the database on disk, which DuckDB compresses and spills;
      // the final rows too, for the summary to be counted there.
      const step: Step = async (work) => {
        await fit();
        return withinBudget(connection, budget, source.path, work);
      };
      for (const statement of staged) await step(() => connection.run(statement));
      const summary = await summaryInDuckDb(connection, FINAL_TABLE, slices, step);
      await fit();
      return { loaded, summary };
    });
    const read = { plan: loaded.plan, width: loaded.width, rows: loaded.rows, spans: loaded.spans };
    if (write) {
      // A million rows sorted at a time: the final rows, made a share at a time, lie in no order.
      const ranges = async function* () {
        for (let from = 0; from < loaded.rows; from += SLICE_CLICKS) {
          yield await connection.stream(
            `SELECT ${ROW_COLUMN}, bot_click, why FROM ${FINAL_TABLE} WHERE ${ROW_COLUMN} > ${from} AND ${ROW_COLUMN} <= ${from + SLICE_CLICKS} ORDER BY ${ROW_COLUMN}`,
          );
        }
      };
      // The writer's own errors (a full disk, a closed pipe) pass through: they are not DuckDB's.
      await write({ ...read, verdicts: new StreamedVerdicts(ranges(), source.path) });
    }
    return { read, summary, notes: loaded.notes };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * One stage, or the summary. With a budget, work that cannot run in DuckDB's share (some stages
 * hold all of a copy's clicks, or a whole window, at once) runs again with everything botclick
 * leaves: past the share, within the budget, rather than the run failing.
 */
export async function withinBudget<T>(connection: import('@duckdb/node-api').DuckDBConnection, budget: MemoryBudget | undefined, path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = String(error instanceof Error ? error.message : error).split('\n')[0];
    if (!budget || !message.startsWith('Out of Memory Error')) throw error;
    await connection.run(`SET memory_limit = '${budget.duckDbLimit(true)}'`);
    try {
      return await work();
    } catch (again) {
      const detail = String(again instanceof Error ? again.message : again).split('\n')[0];
      throw detail.startsWith('Out of Memory Error') ? budget.exhausted(path, detail) : again;
    }
  }
}

async function loadDuckDb(): Promise<DuckDb> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    throw new BotclickError('--engine duckdb needs DuckDB, which is not installed: run npm i @duckdb/node-api, or leave out --engine.');
  }
}

interface Loaded {
  plan: ColumnPlan;
  width: number;
  rows: number;
  spans?: RecordSpans;
  resolutionMs: number;
  notes: string[];
}

/** Pass 1 into the table `clicks`: one column per role found (times as epoch ms), and `line`, the data row's number from 1. */
async function load(duckdb: DuckDb, connection: import('@duckdb/node-api').DuckDBConnection, source: Source, settings: Settings, onRow: () => void, afterBatch: () => Promise<void>): Promise<Loaded> {
  const sample: (readonly Cell[])[] = [];
  let plan: ColumnPlan | undefined;
  let roles: Role[] = [];
  let appender: import('@duckdb/node-api').DuckDBAppender | undefined;
  let batch: Cell[][] = [];
  let width = 0;
  let rows = 0;
  let dataRows = 0;
  // Each time column read batch by batch, its day/month order decided once every batch is in.
  let timeColumns: [Role, TimeBatches][] = [];
  // Where each CSV record ends, so that pass 2 copies every row's bytes exactly, as the default engine does.
  const spans = source.format.kind === 'csv' ? new RecordSpans() : undefined;

  const start = async (cells: readonly (readonly Cell[])[]) => {
    plan = planColumns(cells, settings.columns);
    requireRoles(plan, requiredRoles(plan));
    const found = plan;
    roles = ROLES.filter((role) => found.roles[role] !== undefined);
    timeColumns = roles.filter((role) => TIME_ROLES.includes(role)).map((role) => [role, new TimeBatches(settings.timeZone)]);
    const types = roles.map((role) => `${DIALECTS.duckdb.ident(role)} ${TIME_ROLES.includes(role) ? 'TIMESTAMP' : 'VARCHAR'}`);
    const dayFirstTypes = timeColumns.map(([role]) => `${dayFirstColumn(role)} DOUBLE`);
    await connection.run(`CREATE TABLE clicks (line BIGINT, ${[...types, ...dayFirstTypes].join(', ')})`);
    appender = await connection.createAppender('clicks');
    for (const row of cells.slice(plan.hasHeader ? 1 : 0)) batch.push(project(row));
  };
  const project = (row: readonly Cell[]) => roles.map((role) => (isBlankRow(row) ? null : (row[plan?.roles[role] as number] ?? null)));
  const flush = () => {
    if (!appender) return;
    const times = new Map(timeColumns.map(([role, column]) => [role, column.add(batch.map((row) => row[roles.indexOf(role)]))]));
    for (let k = 0; k < batch.length; k++) {
      appender.appendBigInt(BigInt(++dataRows));
      roles.forEach((role, r) => {
        const time = times.get(role)?.times[k];
        if (time === undefined) {
          const text = cellText(batch[k][r]);
          if (text === '') appender?.appendNull();
          else appender?.appendVarchar(text);
        } else if (Number.isNaN(time)) appender?.appendNull();
        else appender?.appendTimestamp(new duckdb.DuckDBTimestampValue(BigInt(Math.round(time)) * 1000n));
      });
      // A date that reads either way round (3/4/2026) went in month-first; its day-first reading (NaN where that does not fit) waits beside it.
      for (const [role] of timeColumns) {
        const dayFirst = times.get(role)?.dayFirst.get(k);
        if (dayFirst === undefined) appender.appendNull();
        else appender.appendDouble(dayFirst);
      }
      appender.endRow();
    }
    batch = [];
  };

  for await (const { cells, end, lineBreak } of source.rows()) {
    rows++;
    if (spans && end !== undefined) spans.add(end, lineBreak ?? 0, cells.length);
    onRow();
    if (cells.length > width) width = cells.length;
    if (plan) batch.push(project(cells));
    else {
      sample.push(cells);
      if (sample.length === PLAN_ROWS) {
        await start(sample);
        if (spans) spans.reserve(recordsIn((await stat(source.path)).size, spans));
      }
    }
    if (batch.length >= BATCH_ROWS) {
      flush();
      await afterBatch();
    }
  }
  if (!plan) await start(sample);
  flush();
  appender?.closeSync();
  if (!plan || dataRows === 0) throw new BotclickError(`"${source.path}" has a header row but no data rows: nothing to flag.`);
  let read = { resolutionMs: 1000, notes: [] as string[] };
  for (const [role, column] of timeColumns) {
    const decided = column.finish();
    const ident = DIALECTS.duckdb.ident(role);
    if (decided.order === 'day-first') {
      await connection.run(`UPDATE clicks SET ${ident} = CASE WHEN isnan(${dayFirstColumn(role)}) THEN NULL ELSE make_timestamp(CAST(round(${dayFirstColumn(role)}) AS BIGINT) * 1000) END WHERE ${dayFirstColumn(role)} IS NOT NULL`);
    }
    await connection.run(`ALTER TABLE clicks DROP COLUMN ${dayFirstColumn(role)}`);
    if (role === 'time') read = decided;
  }
  return { plan, width, rows, spans, ...read };
}

/** The column that holds a time role's day-first readings while its order is undecided. */
function dayFirstColumn(role: Role): string {
  return DIALECTS.duckdb.ident(`${role} day-first`);
}


