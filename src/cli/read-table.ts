import { statSync } from 'node:fs';
import { BotclickError, planColumns, requiredRoles, requireRoles, type Cell, type ColumnPlan, type ColumnTable, type Settings } from '../core';
import { recordCells, type CsvRecord } from './input/csv-scanner';
import type { Source } from './input/source';
import { layoutOf, Projection, type Layout } from './projection';
import { ReadAhead, splitPoint, type ReadAheadPart } from './read-ahead';
import { recordsIn, RecordSpans } from './record-spans';

/** Rows the column planner sees; it samples the non-blank ones among them. */
const PLAN_ROWS = 1000;

/** What the first pass learns: the plan over the whole rows, and the small table the detector needs. */
export interface ReadTable {
  /** The plan over the file's own columns. */
  plan: ColumnPlan;
  /** Only the role columns of the data rows, and which rows are blank. */
  table: ColumnTable;
  /** The widest row, in cells: the added columns go after it so that they line up. */
  width: number;
  /** The first row's cells: fewer than `width` means some rows are longer than the header. */
  firstWidth: number;
  /** Rows read, header row included. */
  rows: number;
  /** CSV: where each record ends, for copying it in pass 2. */
  spans?: RecordSpans;
}

/**
 * Pass 1: streams the rows once, plans the columns on the first ones, and keeps only the role
 * columns of each row, so that a file of a million rows fits in memory. A CSV file's records come
 * as byte ranges: repeated cells become ids found by their bytes, and only new ones become strings.
 * A large UTF-8 CSV file's second half is read by a worker meanwhile (see read-ahead.ts).
 */
export async function readTable(source: Source, settings: Pick<Settings, 'columns' | 'timeZone'>, onRow: () => void): Promise<ReadTable> {
  // A JSON log's first row is its keys: names, even when they look like numbers ("2026").
  const hasHeader = source.format.kind === 'json' ? true : undefined;
  if (!source.records) {
    const reader = new TableReader(settings, hasHeader);
    for await (const { cells } of source.rows()) {
      reader.addCells(cells);
      onRow();
    }
    return reader.finish(source.path);
  }
  const spans = new RecordSpans();
  const at = splitPoint(source);
  const ahead = at === undefined ? undefined : new ReadAhead(source.path, source.format, at);
  const bytes = statSync(source.path).size;
  // Once the columns are planned on the first rows, their length tells the rows to come: the
  // columns are made that long at once (the worker's for its part), not doubled as they fill.
  const reader = new TableReader(settings, hasHeader, (layout) => {
    const rows = recordsIn(bytes, spans);
    spans.reserve(rows);
    reader.reserve(rows);
    ahead?.start(layout, at === undefined ? 0 : Math.ceil((rows * (bytes - at)) / bytes));
  });
  const takeRest = async () => {
    const read = await ahead?.part();
    if (!read) return false;
    reader.append(read);
    spans.append(read.spans);
    return true;
  };
  try {
    await source.records(
      (record) => {
        spans.add(record.end, record.lineBreak, record.count);
        reader.addRecord(record);
        onRow();
      },
      at === undefined ? undefined : { at, takeRest },
    );
  } finally {
    await ahead?.stop();
  }
  return { ...reader.finish(source.path), spans };
}

/** Collects the table: the first rows whole until the columns are planned, then only the kept cells. */
class TableReader {
  private readonly sample: (readonly Cell[])[] = [];
  private projection: Projection | undefined;
  private plan: ColumnPlan | undefined;
  private width = 0;
  private firstWidth = 0;
  private rows = 0;

  /** @param onPlanned told which columns are kept, once the columns are planned. */
  constructor(
    private readonly settings: Pick<Settings, 'columns' | 'timeZone'>,
    private readonly hasHeader: boolean | undefined,
    private readonly onPlanned: (layout: Layout) => void = () => undefined,
  ) {}

  addRecord(record: CsvRecord): void {
    if (this.projection) {
      this.count(record.count);
      this.projection.addRecord(record);
    } else this.addCells(recordCells(record));
  }

  addCells(cells: readonly Cell[]): void {
    this.count(cells.length);
    if (this.projection) this.projection.addCells(cells);
    else {
      this.sample.push(cells);
      if (this.sample.length === PLAN_ROWS) this.planColumns();
    }
  }

  /** Room for this many rows in all (see Projection.reserve); once the columns are planned. */
  reserve(rows: number): void {
    this.projection?.reserve(rows);
  }

  /** The rows after these, read by a worker. */
  append(read: ReadAheadPart): void {
    this.projection!.append(read.part);
    this.rows += read.part.size;
    if (read.width > this.width) this.width = read.width;
  }

  finish(path: string): Omit<ReadTable, 'spans'> {
    if (!this.projection) this.planColumns();
    const plan = this.plan!;
    const table = this.projection!.table(plan);
    if (plan.hasHeader && table.blank.every((blank) => blank === 1)) {
      throw new BotclickError(`"${path}" has a header row but no data rows: nothing to flag.`);
    }
    return { plan, table, width: this.width, firstWidth: this.firstWidth, rows: this.rows };
  }

  private count(cells: number): void {
    this.rows++;
    if (cells > this.width) this.width = cells;
    if (this.rows === 1) this.firstWidth = cells;
  }

  private planColumns(): void {
    const plan = planColumns(this.sample, this.settings.columns, this.hasHeader);
    // Checked here, on the whole plan, so that the message lists every header the file has.
    requireRoles(plan, requiredRoles(plan));
    const layout = layoutOf(plan, this.settings.timeZone);
    const projection = new Projection(layout);
    for (const cells of this.sample.slice(plan.hasHeader ? 1 : 0)) projection.addCells(cells);
    this.sample.length = 0;
    this.plan = plan;
    this.projection = projection;
    this.onPlanned(layout);
  }
}
