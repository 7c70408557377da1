import { BotclickError, isBlankRow, planColumns, requiredRoles, requireRoles, ROLES, type Cell, type ColumnPlan, type Role } from '../core';
import type { Source } from './input/source';
import { RecordSpans } from './record-spans';

/** Rows the column planner sees; it samples the non-blank ones among them. */
const PLAN_ROWS = 1000;
/** Distinct values remembered per column for sharing one string among equal cells. */
const INTERN_LIMIT = 100_000;
/** Columns whose values mostly differ from row to row gain nothing from sharing. */
const UNSHARED: readonly Role[] = ['recipient', 'time', 'count'];
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
 * columns of each row, so that a file of a million rows fits in memory.
 */
export async function readTable(source: Source, named: Partial<Record<Role, string>>, onRow: () => void): Promise<ReadTable> {
  const sample: (readonly Cell[])[] = [];
  const table: Cell[][] = [];
  let projection: Projection | undefined;
  let width = 0;
  let firstWidth = 0;
  let rows = 0;
  const spans = source.format.kind === 'csv' ? new RecordSpans() : undefined;
  // A JSON log's first row is its keys: names, even when they look like numbers ("2026").
  const keysRow = source.format.kind === 'json' ? true : undefined;
  for await (const { cells, end } of source.rows()) {
    rows++;
    onRow();
    if (spans && end !== undefined) spans.add(end, cells.length);
    if (cells.length > width) width = cells.length;
    if (rows === 1) firstWidth = cells.length;
    if (projection) table.push(projection.project(cells));
    else {
      sample.push(cells);
      if (sample.length === PLAN_ROWS) projection = planAndProject(sample, named, table, keysRow);
    }
  }
  projection ??= planAndProject(sample, named, table, keysRow);
  const { plan } = projection;
  const dataRows = table.slice(plan.hasHeader ? 1 : 0);
  if (plan.hasHeader && dataRows.every((row) => row[row.length - 1] === '')) {
    throw new BotclickError(`"${source.path}" has a header row but no data rows: nothing to flag.`);
  }
  return { plan, table, tablePlan: projection.tablePlan, width, firstWidth, rows, spans };
}

function planAndProject(sample: (readonly Cell[])[], named: Partial<Record<Role, string>>, table: Cell[][], hasHeader: boolean | undefined): Projection {
  const plan = planColumns(sample, named, hasHeader);
  // Checked here, on the whole plan, so that the message lists every header the file has.
  requireRoles(plan, requiredRoles(plan));
  const projection = new Projection(plan);
  for (const cells of sample) table.push(projection.project(cells));
  return projection;
}

/** Keeps a row's role columns, sharing one string among equal values (links, campaigns, agents). */
class Projection {
  readonly tablePlan: ColumnPlan;
  private readonly columns: number[];
  /** Per kept column, the strings seen so far; undefined for a column not worth sharing. */
  private readonly seen: (Map<string, string> | undefined)[];

  constructor(readonly plan: ColumnPlan) {
    this.columns = [...new Set(ROLES.map((role) => plan.roles[role]).filter((index) => index !== undefined))];
    const unshared = new Set(UNSHARED.map((role) => plan.roles[role]));
    this.seen = this.columns.map((index) => (unshared.has(index) ? undefined : new Map()));
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

  private share(column: number, cell: Cell): Cell {
    const seen = this.seen[column];
    if (seen === undefined || typeof cell !== 'string') return cell;
    const known = seen.get(cell);
    if (known !== undefined) return known;
    if (seen.size < INTERN_LIMIT) seen.set(cell, cell);
    return cell;
  }
}
