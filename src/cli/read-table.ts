import { BotclickError, isBlankRow, planColumns, requiredRoles, requireRoles, ROLES, type Cell, type ColumnPlan, type Role } from '../core';
import { ByteStrings } from './input/byte-strings';
import { fieldText, recordCells, type CsvRecord } from './input/csv-scanner';
import type { Source } from './input/source';
import { RecordSpans } from './record-spans';

/** Rows the column planner sees; it samples the non-blank ones among them. */
const PLAN_ROWS = 1000;
/** Distinct values remembered per column for sharing one string among equal cells. */
const INTERN_LIMIT = 100_000;
/** Columns whose values mostly differ from row to row gain nothing from sharing. */
const UNSHARED: readonly Role[] = ['time', 'count'];
/** The marker column tells the detector that a row has content outside the columns we kept. */
const CONTENT_MARK = 'x';

/** What the first pass learns: the plan over the whole rows, and the small table the detector needs. */
export interface ReadTable {
  /** The plan over the file's own columns. */
  plan: ColumnPlan;
  /** Only the role columns of every row (plus a content marker), header row first when there is one. */
  table: Cell[][];
  /** The plan pointing into `table`. */
  tablePlan: ColumnPlan;
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
 * as byte ranges, and only the kept cells become strings.
 */
export async function readTable(source: Source, named: Partial<Record<Role, string>>, onRow: () => void): Promise<ReadTable> {
  // A JSON log's first row is its keys: names, even when they look like numbers ("2026").
  const reader = new TableReader(named, source.format.kind === 'json' ? true : undefined);
  if (source.records) {
    const spans = new RecordSpans();
    await source.records((record) => {
      spans.add(record.end, record.lineBreak, record.count);
      reader.addRecord(record);
      onRow();
    });
    return { ...reader.finish(source.path), spans };
  }
  for await (const { cells } of source.rows()) {
    reader.addCells(cells);
    onRow();
  }
  return reader.finish(source.path);
}

/** Collects the table: the first rows whole until the columns are planned, then only the kept cells. */
class TableReader {
  private readonly sample: (readonly Cell[])[] = [];
  private readonly table: Cell[][] = [];
  private projection: Projection | undefined;
  private width = 0;
  private firstWidth = 0;
  private rows = 0;

  constructor(
    private readonly named: Partial<Record<Role, string>>,
    private readonly hasHeader: boolean | undefined,
  ) {}

  addRecord(record: CsvRecord): void {
    if (this.projection) {
      this.count(record.count);
      this.table.push(this.projection.projectRecord(record));
    } else this.addCells(recordCells(record));
  }

  addCells(cells: readonly Cell[]): void {
    this.count(cells.length);
    if (this.projection) this.table.push(this.projection.project(cells));
    else {
      this.sample.push(cells);
      if (this.sample.length === PLAN_ROWS) this.projection = this.plan();
    }
  }

  finish(path: string): Omit<ReadTable, 'spans'> {
    const { plan, tablePlan } = (this.projection ??= this.plan());
    const { table } = this;
    const marker = tablePlan.header.length - 1;
    let content = false;
    for (let i = plan.hasHeader ? 1 : 0; i < table.length && !content; i++) content = table[i][marker] !== '';
    if (plan.hasHeader && !content) throw new BotclickError(`"${path}" has a header row but no data rows: nothing to flag.`);
    return { plan, table, tablePlan, width: this.width, firstWidth: this.firstWidth, rows: this.rows };
  }

  private count(cells: number): void {
    this.rows++;
    if (cells > this.width) this.width = cells;
    if (this.rows === 1) this.firstWidth = cells;
  }

  private plan(): Projection {
    const plan = planColumns(this.sample, this.named, this.hasHeader);
    // Checked here, on the whole plan, so that the message lists every header the file has.
    requireRoles(plan, requiredRoles(plan));
    const projection = new Projection(plan);
    for (const cells of this.sample) this.table.push(projection.project(cells));
    this.sample.length = 0;
    return projection;
  }
}

/** Keeps a row's role columns, sharing one string among equal values (links, campaigns, agents). */
class Projection {
  readonly tablePlan: ColumnPlan;
  private readonly columns: number[];
  /** Per kept column, the strings seen so far; undefined for a column not worth sharing. */
  private readonly seen: (Map<string, string> | undefined)[];
  /** The same for CSV records, found by their bytes. */
  private readonly seenBytes: (ByteStrings | undefined)[];

  constructor(readonly plan: ColumnPlan) {
    this.columns = [...new Set(ROLES.map((role) => plan.roles[role]).filter((index) => index !== undefined))];
    const unshared = new Set(UNSHARED.map((role) => plan.roles[role]));
    this.seen = this.columns.map((index) => (unshared.has(index) ? undefined : new Map()));
    this.seenBytes = this.columns.map((index) => (unshared.has(index) ? undefined : new ByteStrings(INTERN_LIMIT)));
    const roles: ColumnPlan['roles'] = {};
    for (const role of ROLES) {
      const index = plan.roles[role];
      if (index !== undefined) roles[role] = this.columns.indexOf(index);
    }
    const header = [...this.columns.map((index) => plan.header[index]), ''];
    this.tablePlan = { hasHeader: plan.hasHeader, header, roles, how: plan.how };
  }

  project(cells: readonly Cell[]): Cell[] {
    const row = new Array<Cell>(this.columns.length + 1);
    for (let i = 0; i < this.columns.length; i++) row[i] = this.share(i, cells[this.columns[i]] ?? null);
    row[this.columns.length] = isBlankRow(cells) ? '' : CONTENT_MARK;
    return row;
  }

  /** The same from a CSV record's bytes: strings only for the kept cells, the rest looked at only when those are blank. */
  projectRecord(record: CsvRecord): Cell[] {
    const kept = this.columns.length;
    const row = new Array<Cell>(kept + 1);
    let blank = true;
    for (let i = 0; i < kept; i++) {
      const column = this.columns[i];
      if (column >= record.count) {
        row[i] = null;
        continue;
      }
      const seen = this.seenBytes[i];
      const [start, end] = [record.starts[column], record.ends[column]];
      const text = seen ? seen.text(record.bytes, start, end) : fieldText(record.bytes, start, end);
      if (blank && text.trim() !== '') blank = false;
      row[i] = text;
    }
    row[kept] = blank && isBlankRow(recordCells(record)) ? '' : CONTENT_MARK;
    return row;
  }

  private share(column: number, cell: Cell): Cell {
    const seen = this.seen[column];
    if (seen === undefined || typeof cell !== 'string') return cell;
    const known = seen.get(cell);
    if (known !== undefined) return known;
    if (seen.size < INTERN_LIMIT) seen.set(cell, cell);
    return cell;
  }
}
