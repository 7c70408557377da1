import { cellText, isBlankRow } from './table';
import { readTimes, type TimeColumn } from './time';
import type { Cell, ColumnPlan, ColumnTable, Role, Table } from './types';

/** A role's cells as ids of their texts, in order of first appearance; -1 for a blank cell. */
export interface Interned {
  ids: Int32Array;
  names: string[];
}

/**
 * The data rows of a table as readClicks reads them, role by role: from rows of cells (Sheets) or
 * from the columns the command line read already as ids (ColumnTable).
 */
export interface RoleCells {
  size: number;
  isBlank(row: number): boolean;
  /** The role's cells, or null when the table has no such column. */
  cells(role: Role): Cell[] | null;
  /** The role's cells as ids of `normalise(cellText(cell))`; all -1 without the column. */
  interned(role: Role, normalise: (text: string) => string): Interned;
  /** The role's cells read as times, or null when the table has no such column. */
  times(role: Role, timeZone: string): TimeColumn | null;
}

export function roleCells(table: Table | ColumnTable, plan: ColumnPlan): RoleCells {
  return isColumnTable(table) ? fromColumns(table) : fromRows(table, plan);
}

export function isColumnTable(table: Table | ColumnTable): table is ColumnTable {
  return !Array.isArray(table);
}

function fromRows(table: Table, plan: ColumnPlan): RoleCells {
  const offset = plan.hasHeader ? 1 : 0;
  const size = Math.max(0, table.length - offset);
  return {
    size,
    isBlank: (row) => isBlankRow(table[row + offset]),
    cells(role) {
      const index = plan.roles[role];
      if (index === undefined) return null;
      const cells = new Array<Cell>(size);
      for (let i = 0; i < size; i++) cells[i] = table[i + offset]?.[index];
      return cells;
    },
    interned(role, normalise) {
      const index = plan.roles[role];
      // Read straight from the rows: no copy of the column.
      return index === undefined ? blankIds(size) : intern(size, (row) => table[row + offset]?.[index], normalise);
    },
    times(role, timeZone) {
      const cells = this.cells(role);
      return cells && readTimes(cells, timeZone);
    },
  };
}

function fromColumns(table: ColumnTable): RoleCells {
  const { size, blank, columns } = table;
  return {
    size,
    isBlank: (row) => blank[row] === 1,
    cells(role) {
      const column = columns[role];
      if (column === undefined) return null;
      if ('cells' in column) return column.cells as Cell[];
      if ('read' in column) throw new Error(`the ${role} column was read as times`);
      const cells = new Array<Cell>(size);
      for (let i = 0; i < size; i++) cells[i] = column.ids[i] < 0 ? null : column.names[column.ids[i]];
      return cells;
    },
    interned(role, normalise) {
      const column = columns[role];
      if (column === undefined) return blankIds(size);
      if ('cells' in column) return intern(size, (row) => column.cells[row], normalise);
      if ('read' in column) throw new Error(`the ${role} column was read as times`);
      // Each distinct text is normalised once; taken in the order of the ids (first appearance), the
      // normalised texts are numbered as interning the cells one by one would number them.
      const byName = intern(column.names.length, (id) => column.names[id], normalise);
      const ids = new Int32Array(size);
      for (let i = 0; i < size; i++) ids[i] = column.ids[i] < 0 ? -1 : byName.ids[column.ids[i]];
      return { ids, names: byName.names };
    },
    times(role, timeZone) {
      const column = columns[role];
      if (column !== undefined && 'read' in column) return column.read;
      const cells = this.cells(role);
      return cells && readTimes(cells, timeZone);
    },
  };
}

function blankIds(size: number): Interned {
  return { ids: new Int32Array(size).fill(-1), names: [] };
}

/**
 * Cells as ids of their normalised texts. Exports repeat the same texts: a cell seen before skips
 * trimming and normalising. One map holds both the cells seen and the normalised texts
 * (normalising twice changes nothing), so a cell that is already its own normal form costs one lookup.
 */
function intern(size: number, cellAt: (row: number) => Cell, normalise: (text: string) => string): Interned {
  const ids = new Int32Array(size);
  const names: string[] = [];
  const idOf = new Map<string, number>();
  let last: Cell = undefined;
  let lastId = -1;
  for (let i = 0; i < size; i++) {
    const cell = cellAt(i);
    // Neighbouring rows often repeat a cell (one recipient's clicks, one campaign's rows).
    if (cell === last && i > 0) {
      ids[i] = lastId;
      continue;
    }
    const known = typeof cell === 'string' ? idOf.get(cell) : undefined;
    let id: number | undefined = known;
    if (id === undefined) {
      const text = normalise(cellText(cell));
      id = text === '' ? -1 : text === cell ? undefined : idOf.get(text);
      if (id === undefined) {
        id = names.push(text) - 1;
        idOf.set(text, id);
      }
      if (typeof cell === 'string' && cell !== text) idOf.set(cell, id);
    }
    ids[i] = id;
    last = cell;
    lastId = id;
  }
  return { ids, names };
}
