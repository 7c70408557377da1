import { isBlank, isBlankRow, ROLES, type Cell, type ColumnPlan, type ColumnTable, type Role, type RoleColumn } from '../core';
import { finishTimes, TimeCellReader, type TimeReading } from '../core/time';
import { ByteIds, grown, type FieldBytes } from './input/byte-strings';
import { fieldText, recordCells, type CsvRecord } from './input/csv-scanner';

/** Counts mostly differ from row to row: numbering them gains nothing. */
const UNSHARED: readonly Role[] = ['count'];
/** Roles read as times when a column plays no other. */
const TIME_ROLES: readonly Role[] = ['time', 'sentAt'];

/**
 * How a kept column is kept: as ids of its distinct values, as texts, or (the click and send
 * times) read as times on the spot, on both threads, so that no string per row outlives its row.
 */
export type KeptAs = 'ids' | 'texts' | 'times';

/** The file's columns a projection keeps, each once however many roles it plays, how each is kept, and the zone times are read in. */
export interface Layout {
  indexes: number[];
  keptAs: KeptAs[];
  timeZone: string;
}

export function layoutOf(plan: ColumnPlan, timeZone: string): Layout {
  const indexes = [...new Set(ROLES.map((role) => plan.roles[role]).filter((index) => index !== undefined))];
  const unshared = new Set(UNSHARED.map((role) => plan.roles[role]));
  const rolesOf = (index: number) => ROLES.filter((role) => plan.roles[role] === index);
  const keptAs = indexes.map((index): KeptAs => {
    const roles = rolesOf(index);
    if (roles.length === 1 && TIME_ROLES.includes(roles[0])) return 'times';
    return unshared.has(index) || roles.includes('time') ? 'texts' : 'ids';
  });
  return { indexes, keptAs, timeZone };
}

/** The rows a projection kept, as a worker hands them over: its columns in the layout's order. */
export interface TablePart {
  size: number;
  blank: Uint8Array;
  columns: PartColumn[];
}

/**
 * A kept column as a worker hands it over: texts, or ids with each distinct field's bytes, which
 * the main thread numbers by their bytes, as it numbers its own fields (no strings to copy over
 * and look up in a map: that was half a second of the main thread's time for a million rows).
 */
export type PartColumn = { ids: Int32Array; fields: FieldBytes } | { cells: Cell[] } | { times: TimeReading };

/** Keeps the data rows' kept columns, and which rows are blank. */
export class Projection {
  private readonly kept: KeptColumn[];
  private blank = new Uint8Array(1024);
  private size = 0;

  constructor(private readonly layout: Layout) {
    this.kept = layout.keptAs.map((as) => (as === 'ids' ? new IdColumn() : as === 'texts' ? new TextColumn() : new TimesColumn(layout.timeZone)));
  }

  addCells(cells: readonly Cell[]): void {
    const { indexes } = this.layout;
    let blank = true;
    for (let k = 0; k < this.kept.length; k++) if (!this.kept[k].addCell(cells[indexes[k]] ?? null)) blank = false;
    this.addRow(blank && isBlankRow(cells));
  }

  /** The same from a CSV record's bytes: the rest of the record is looked at only when the kept cells are blank. */
  addRecord(record: CsvRecord): void {
    const { indexes } = this.layout;
    let blank = true;
    for (let k = 0; k < this.kept.length; k++) {
      const index = indexes[k];
      const cellBlank = index < record.count ? this.kept[k].addField(record.bytes, record.starts[index], record.ends[index]) : this.kept[k].addCell(null);
      if (!cellBlank) blank = false;
    }
    this.addRow(blank && isBlankRow(recordCells(record)));
  }

  /** Room for this many rows in all, told ahead from the file's size, so that the columns need not double as they fill. */
  reserve(rows: number): void {
    if (rows > this.blank.length) this.blank = grown(this.blank, rows);
    for (const column of this.kept) column.reserve(rows);
  }

  /** The rows kept so far, for handing over to another thread. */
  part(): TablePart {
    return { size: this.size, blank: this.blank.subarray(0, this.size), columns: this.kept.map((column) => column.part(this.size)) };
  }

  /** Adds the rows another projection of the same layout kept, after these. */
  append(part: TablePart): void {
    this.kept.forEach((column, k) => column.append(part.columns[k], part.size));
    if (this.size + part.size > this.blank.length) this.blank = grown(this.blank, this.size + part.size);
    this.blank.set(part.blank.subarray(0, part.size), this.size);
    this.size += part.size;
  }

  /** The rows as the detector takes them, each role pointing at its kept column. */
  table(plan: ColumnPlan): ColumnTable {
    const finished = this.kept.map((column) => column.finish(this.size));
    const columns: Partial<Record<Role, RoleColumn>> = {};
    for (const role of ROLES) {
      const index = plan.roles[role];
      if (index !== undefined) columns[role] = finished[this.layout.indexes.indexOf(index)];
    }
    return { size: this.size, blank: this.blank.subarray(0, this.size), columns };
  }

  private addRow(blank: boolean): void {
    if (this.size === this.blank.length) this.blank = grown(this.blank, this.size * 2);
    this.blank[this.size++] = blank ? 1 : 0;
  }
}

/** One kept column, row by row; `addCell` and `addField` say whether the cell is blank. */
interface KeptColumn {
  addCell(cell: Cell): boolean;
  addField(bytes: Buffer, start: number, end: number): boolean;
  reserve(rows: number): void;
  part(size: number): PartColumn;
  append(part: PartColumn, size: number): void;
  finish(size: number): RoleColumn;
}

/** Links, recipients, campaigns, agents: each distinct value once, the rows as ids. */
class IdColumn implements KeptColumn {
  private ids = new Int32Array(1024);
  private size = 0;
  private readonly names: Cell[] = [];
  private readonly blankNames: boolean[] = [];
  private readonly byText = new Map<Cell, number>();
  private readonly byBytes = new ByteIds(this.names);

  addCell(cell: Cell): boolean {
    return this.push(cell === null || cell === undefined ? -1 : this.idOf(cell));
  }

  addField(bytes: Buffer, start: number, end: number): boolean {
    return this.push(this.byBytes.idOf(bytes, start, end));
  }

  reserve(rows: number): void {
    if (rows > this.ids.length) this.ids = grown(this.ids, rows);
  }

  /** A worker's rows, which it read from bytes only. */
  part(size: number): PartColumn {
    if (this.byText.size > 0) throw new Error('a part is read as bytes only');
    return { ids: this.ids.subarray(0, size), fields: this.byBytes.fields() };
  }

  /**
   * The other part's ids, renumbered into this column's by their bytes: its values seen here keep
   * their ids here, the new ones follow in the order they came, as if its rows had been read here.
   * A value met here only as text (the rows the columns were planned on) or in other bytes
   * ("a" and a) gets a second id of the same text; the detector merges equal texts.
   */
  append(part: PartColumn, size: number): void {
    if (!('ids' in part)) throw new Error('an id column takes ids');
    const { arena, starts, lengths } = part.fields;
    const bytes = Buffer.from(arena.buffer, arena.byteOffset, arena.byteLength);
    const renumbered = new Int32Array(starts.length);
    for (let id = 0; id < starts.length; id++) renumbered[id] = this.byBytes.idOf(bytes, starts[id], starts[id] + lengths[id]);
    if (this.size + size > this.ids.length) this.ids = grown(this.ids, this.size + size);
    for (let i = 0; i < size; i++) this.ids[this.size + i] = part.ids[i] < 0 ? -1 : renumbered[part.ids[i]];
    this.size += size;
  }

  finish(size: number): RoleColumn {
    return { ids: this.ids.subarray(0, size), names: this.names };
  }

  private idOf(cell: Cell): number {
    let id = this.byText.get(cell);
    if (id === undefined) {
      id = this.names.push(cell) - 1;
      this.byText.set(cell, id);
    }
    return id;
  }

  private push(id: number): boolean {
    if (this.size === this.ids.length) this.ids = grown(this.ids, this.size * 2);
    this.ids[this.size++] = id;
    if (id < 0) return true;
    for (let n = this.blankNames.length; n < this.names.length; n++) this.blankNames.push(isBlank(this.names[n]));
    return this.blankNames[id];
  }
}

/** Counts, and a time column that plays another role too: their texts as they are. */
class TextColumn implements KeptColumn {
  private cells: Cell[] = [];

  addCell(cell: Cell): boolean {
    this.cells.push(cell);
    return isBlank(cell);
  }

  addField(bytes: Buffer, start: number, end: number): boolean {
    const text = fieldText(bytes, start, end);
    this.cells.push(text);
    return text.trim() === '';
  }

  /** A list of texts grows by itself. */
  reserve(): void {}

  part(): PartColumn {
    return { cells: this.cells };
  }

  append(part: PartColumn): void {
    if (!('cells' in part)) throw new Error('a text column takes cells');
    this.cells = this.cells.concat(part.cells);
  }

  finish(): RoleColumn {
    return { cells: this.cells };
  }
}

/** Times, read as they come; the parts read by other threads are finished with them as one column. */
class TimesColumn implements KeptColumn {
  private readonly reader: TimeCellReader;
  private readonly after: TimeReading[] = [];

  constructor(private readonly timeZone: string) {
    this.reader = new TimeCellReader(timeZone);
  }

  addCell(cell: Cell): boolean {
    this.reader.add(cell);
    return isBlank(cell);
  }

  addField(bytes: Buffer, start: number, end: number): boolean {
    const text = fieldText(bytes, start, end);
    this.reader.add(text);
    return text.trim() === '';
  }

  reserve(rows: number): void {
    this.reader.reserve(rows);
  }

  part(): PartColumn {
    return { times: this.reader.reading() };
  }

  append(part: PartColumn): void {
    if (!('times' in part)) throw new Error('a times column takes times');
    this.after.push(part.times);
  }

  finish(): RoleColumn {
    return { read: finishTimes([this.reader.reading(), ...this.after], this.timeZone) };
  }
}
