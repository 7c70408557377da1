/**
 * An in-memory Google Sheets, as much of it as the add-on uses, for running the built bundle in
 * node:vm. Each fake class implements the real service's methods it has, typed against
 * @types/google-apps-script, so a signature that drifts from Apps Script fails the typecheck; a
 * method the add-on starts to use without a fake here fails the tests with "is not a function".
 *
 * Every call the add-on makes on a service object is counted (see CallLog), the way Apps Script
 * counts the round trips that make a script slow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type SS = typeof GoogleAppsScript.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export type CellValue = string | number | boolean | Date;

/** One cell's state: what the user sees and what botclick may or may not touch. */
export interface CellState {
  value: CellValue;
  formula: string;
  format: string;
  background: string;
  bold: boolean;
  /** Set only by setFontSize; Sheets' default is 10. */
  fontSize?: number;
}

const EMPTY: CellState = Object.freeze({ value: '', formula: '', format: '', background: '', bold: false }) as CellState;

/** Counts every call on a service object, by "Service.method". */
export class CallLog {
  readonly counts = new Map<string, number>();

  record(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Calls that change the spreadsheet (as opposed to reading it or showing a message). */
  get writes(): string[] {
    return [...this.counts.keys()].filter((name) =>
      /\.(set(?!Title)|insert|delete|clear|remove|addToUi)/.test(name) && !name.startsWith('Properties.get'),
    );
  }

  reset(): void {
    this.counts.clear();
  }

  sorted(): [string, number][] {
    return [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}

/**
 * Wraps a fake so that each method call is counted. A method returning its own object (a builder)
 * returns the wrapper, so chained calls are counted too.
 */
export function counted<T extends object>(target: T, service: string, log: CallLog): T {
  const proxy: T = new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        log.record(`${service}.${property}`);
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        return result === object ? proxy : result;
      };
    },
  });
  return proxy;
}

interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function a1(box: Box): string {
  const start = `${letters(box.column)}${box.row}`;
  return box.rows === 1 && box.columns === 1 ? start : `${start}:${letters(box.column + box.columns - 1)}${box.row + box.rows - 1}`;
}

function letters(column: number): string {
  let text = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

function parseA1(text: string): Box {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(text);
  if (!match) throw new Error(`Range not found: ${text}`);
  const column = (l: string) => [...l].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const row = Number(match[2]);
  const col = column(match[1]);
  const endRow = match[4] ? Number(match[4]) : row;
  const endCol = match[3] ? column(match[3]) : col;
  return { row, column: col, rows: endRow - row + 1, columns: endCol - col + 1 };
}

/** What Sheets does with a value written by setValues (as typed by a user: USER_ENTERED). */
function enter(cell: CellState, value: unknown): CellState {
  const next = { ...cell, value: '' as CellValue, formula: '' };
  if (value === null || value === undefined || value === '') return next;
  if (typeof value !== 'string') {
    next.value = value as CellValue;
    return next;
  }
  if (value.startsWith("'")) {
    next.value = value.slice(1);
  } else if (cell.format === '@') {
    next.value = value;
  } else if (value.startsWith('=')) {
    next.formula = value;
    next.value = '#FORMULA';
  } else if (/^-?\d+(\.\d+)?$/.test(value.trim())) {
    next.value = Number(value);
  } else {
    next.value = value;
  }
  return next;
}

export interface StoredRule {
  formula: string;
  background: string;
  ranges: Box[];
}

export interface StoredChart {
  kind: string;
  options: Record<string, unknown>;
  ranges: Box[];
  position: number[];
}

export class FakeRange
  implements
    Pick<
      Range,
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getA1Notation'
      | 'getValues'
      | 'getFormulas'
      | 'setValues'
      | 'setNumberFormat'
      | 'setFontWeight'
      | 'setFontSize'
      | 'getMergedRanges'
    >
{
  constructor(
    private readonly sheet: FakeSheet,
    readonly box: Box,
  ) {
    if (box.rows < 1 || box.columns < 1) throw new Error('The number of rows and columns in the range must be at least 1.');
    if (box.row < 1 || box.column < 1 || box.row + box.rows - 1 > sheet.maxRows || box.column + box.columns - 1 > sheet.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  getRow(): number {
    return this.box.row;
  }
  getColumn(): number {
    return this.box.column;
  }
  getNumRows(): number {
    return this.box.rows;
  }
  getNumColumns(): number {
    return this.box.columns;
  }
  getA1Notation(): string {
    return a1(this.box);
  }

  private map<T>(read: (cell: CellState) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.box.rows; r++) {
      const row = this.sheet.rowAt(this.box.row + r - 1);
      const line: T[] = new Array(this.box.columns);
      for (let c = 0; c < this.box.columns; c++) line[c] = read(row?.[this.box.column + c - 1] ?? EMPTY);
      out.push(line);
    }
    return out;
  }

  getValues(): CellValue[][] {
    return this.map((cell) => this.sheet.book.inRealm(cell.value));
  }

  getFormulas(): string[][] {
    return this.map((cell) => cell.formula);
  }

  setValues(values: unknown[][]): Range {
    if (values.length !== this.box.rows) {
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.box.rows}.`);
    }
    values.forEach((line, r) => {
      if (line.length !== this.box.columns) {
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.box.columns}.`);
      }
      line.forEach((value, c) => this.sheet.update(this.box.row + r, this.box.column + c, (cell) => enter(cell, value)));
    });
    return this as unknown as Range;
  }

  setNumberFormat(format: string): Range {
    this.sheet.updateBox(this.box, (cell) => ({ ...cell, format }));
    return this as unknown as Range;
  }

  setFontWeight(weight: string | null): Range {
    this.sheet.updateBox(this.box, (cell) => ({ ...cell, bold: weight === 'bold' }));
    return this as unknown as Range;
  }

  setFontSize(size: number): Range {
    this.sheet.updateBox(this.box, (cell) => ({ ...cell, fontSize: size }));
    return this as unknown as Range;
  }

  getMergedRanges(): Range[] {
    return this.sheet.merges.filter((m) => overlaps(m, this.box)).map((m) => this.sheet.book.wrapRange(this.sheet, m));
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

class FakeRangeList implements Pick<GoogleAppsScript.Spreadsheet.RangeList, 'setNumberFormat' | 'setFontWeight'> {
  constructor(private readonly ranges: FakeRange[]) {}

  setNumberFormat(format: string): GoogleAppsScript.Spreadsheet.RangeList {
    for (const range of this.ranges) range.setNumberFormat(format);
    return this as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }

  setFontWeight(weight: string | null): GoogleAppsScript.Spreadsheet.RangeList {
    for (const range of this.ranges) range.setFontWeight(weight);
    return this as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
}

class FakeRule implements Pick<ConditionalFormatRule, 'getBooleanCondition' | 'getRanges'> {
  constructor(
    private readonly book: FakeBook,
    private readonly sheet: FakeSheet | null,
    readonly stored: StoredRule,
  ) {}

  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition {
    const { formula, background } = this.stored;
    const condition: Pick<GoogleAppsScript.Spreadsheet.BooleanCondition, 'getCriteriaType' | 'getCriteriaValues' | 'getBackground'> = {
      getCriteriaType: () => BOOLEAN_CRITERIA.CUSTOM_FORMULA,
      getCriteriaValues: () => [formula],
      getBackground: () => background,
    };
    return counted(condition, 'BooleanCondition', this.book.log) as GoogleAppsScript.Spreadsheet.BooleanCondition;
  }

  getRanges(): Range[] {
    if (!this.sheet) return [];
    return this.stored.ranges.map((box) => this.book.wrapRange(this.sheet as FakeSheet, box));
  }
}

class FakeRuleBuilder implements Pick<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, 'whenFormulaSatisfied' | 'setBackground' | 'setRanges' | 'build'> {
  private readonly stored: StoredRule = { formula: '', background: '', ranges: [] };
  private sheet: FakeSheet | null = null;

  constructor(private readonly book: FakeBook) {}

  whenFormulaSatisfied(formula: string): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.stored.formula = formula;
    return this as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
  setBackground(color: string | null): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.stored.background = color ?? '';
    return this as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
  setRanges(ranges: Range[]): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.stored.ranges = ranges.map((range) => ({ ...(this.book.unwrap(range).box) }));
    this.sheet = ranges.length ? this.book.sheetOf(range0(this.book, ranges)) : null;
    return this as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
  build(): ConditionalFormatRule {
    return counted(new FakeRule(this.book, this.sheet, { ...this.stored, ranges: this.stored.ranges.map((b) => ({ ...b })) }), 'ConditionalFormatRule', this.book.log) as unknown as ConditionalFormatRule;
  }
}

function range0(book: FakeBook, ranges: Range[]): FakeRange {
  return book.unwrap(ranges[0]);
}

class FakeChartBuilder {
  readonly chart: StoredChart = { kind: 'default', options: {}, ranges: [], position: [] };

  constructor(private readonly book: FakeBook) {}

  asColumnChart(): this {
    this.chart.kind = 'column';
    return this;
  }
  asBarChart(): this {
    this.chart.kind = 'bar';
    return this;
  }
  asLineChart(): this {
    this.chart.kind = 'line';
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.chart.options[option] = value;
    return this;
  }
  setStacked(): this {
    this.chart.options.stacked = true;
    return this;
  }
  setColors(colors: string[]): this {
    this.chart.options.colors = colors;
    return this;
  }
  setTitle(title: string): this {
    this.chart.options.title = title;
    return this;
  }
  setXAxisTitle(title: string): this {
    this.chart.options.xAxisTitle = title;
    return this;
  }
  setYAxisTitle(title: string): this {
    this.chart.options.yAxisTitle = title;
    return this;
  }
  addRange(range: Range): this {
    this.chart.ranges.push({ ...this.book.unwrap(range).box });
    return this;
  }
  setNumHeaders(headers: number): this {
    this.chart.options.numHeaders = headers;
    return this;
  }
  setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number): this {
    this.chart.position = [anchorRow, anchorColumn, offsetX, offsetY];
    return this;
  }
  build(): EmbeddedChart {
    return { stored: structuredClone(this.chart) } as unknown as EmbeddedChart;
  }
}
// The chart builder follows EmbeddedColumnChartBuilder method for method; typed here so that a
// misspelt or retyped method fails the typecheck.
const _chartBuilderShape: (b: FakeChartBuilder) => Pick<
  GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder,
  'setStacked' | 'setColors' | 'setTitle' | 'setXAxisTitle' | 'setYAxisTitle' | 'setNumHeaders' | 'setPosition' | 'setOption' | 'asBarChart' | 'asLineChart'
> = (b) => b as never;
void _chartBuilderShape;

const BOOLEAN_CRITERIA = { CUSTOM_FORMULA: 'CUSTOM_FORMULA' } as unknown as SS['BooleanCriteria'];

export class FakeSheet
  implements
    Pick<
      Sheet,
      | 'getName'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'getRange'
      | 'getRangeList'
      | 'getActiveRange'
      | 'getFilter'
      | 'insertColumnsAfter'
      | 'deleteColumns'
      | 'insertRowsAfter'
      | 'getConditionalFormatRules'
      | 'setConditionalFormatRules'
      | 'clear'
      | 'getCharts'
      | 'removeChart'
      | 'newChart'
      | 'insertChart'
      | 'setColumnWidths'
      | 'setColumnWidth'
    >
{
  /** Rows of cells; a missing row or cell is empty. */
  grid: CellState[][] = [];
  merges: Box[] = [];
  rules: StoredRule[] = [];
  charts: StoredChart[] = [];
  hasFilter = false;
  selection: Box | null = { row: 1, column: 1, rows: 1, columns: 1 };
  columnWidths = new Map<number, number>();

  constructor(
    readonly book: FakeBook,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  // ----- test-side helpers (not counted: tests use the raw object) -----

  /** Fills the sheet from row 1 with plain values, as a paste of an export would. */
  load(rows: CellValue[][]): this {
    this.grid = rows.map((row) => row.map((value) => ({ ...EMPTY, value })));
    this.maxRows = Math.max(this.maxRows, rows.length);
    // Not Math.max(...widths): 200,000 rows would be more arguments than the stack holds.
    this.maxColumns = rows.reduce((widest, row) => Math.max(widest, row.length), this.maxColumns);
    return this;
  }

  /** The values as a user sees them, trailing empty cells cut. */
  values(): CellValue[][] {
    return this.grid.map((row) => row.map((cell) => (cell ?? EMPTY).value));
  }

  cell(row: number, column: number): CellState {
    return this.grid[row - 1]?.[column - 1] ?? EMPTY;
  }

  select(a1Text: string | null): void {
    this.selection = a1Text === null ? null : parseA1(a1Text);
  }

  rowAt(index: number): CellState[] | undefined {
    return this.grid[index];
  }

  update(row: number, column: number, change: (cell: CellState) => CellState): void {
    while (this.grid.length < row) this.grid.push([]);
    const line = this.grid[row - 1];
    while (line.length < column - 1) line.push({ ...EMPTY });
    line[column - 1] = change(line[column - 1] ?? EMPTY);
  }

  updateBox(box: Box, change: (cell: CellState) => CellState): void {
    for (let r = box.row; r < box.row + box.rows; r++) for (let c = box.column; c < box.column + box.columns; c++) this.update(r, c, change);
  }

  // ----- Sheet -----

  getName(): string {
    return this.name;
  }

  getLastRow(): number {
    for (let r = this.grid.length - 1; r >= 0; r--) if (this.grid[r]?.some((cell) => cell && (cell.value !== '' || cell.formula !== ''))) return r + 1;
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const row of this.grid) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) {
        const cell = row[c];
        if (cell && (cell.value !== '' || cell.formula !== '')) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  getMaxColumns(): number {
    return this.maxColumns;
  }

  getRange(rowOrA1: number | string, column = 1, numRows = 1, numColumns = 1): Range {
    const box = typeof rowOrA1 === 'string' ? parseA1(rowOrA1) : { row: rowOrA1, column, rows: numRows, columns: numColumns };
    return this.book.wrapRange(this, box);
  }

  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    const list = new FakeRangeList(a1Notations.map((text) => new FakeRange(this, parseA1(text))));
    return counted(list, 'RangeList', this.book.log) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }

  getActiveRange(): Range | null {
    return this.selection ? this.book.wrapRange(this, this.selection) : null;
  }

  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.hasFilter ? ({} as GoogleAppsScript.Spreadsheet.Filter) : null;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    // New columns take the formatting of the column they follow, as in Sheets.
    for (const row of this.grid) {
      if (!row) continue;
      const left = row[afterPosition - 1] ?? EMPTY;
      const fresh = Array.from({ length: howMany }, () => ({ ...EMPTY, format: left.format, background: left.background, bold: left.bold }));
      while (row.length < afterPosition) row.push({ ...EMPTY });
      row.splice(afterPosition, 0, ...fresh);
    }
    this.maxColumns += howMany;
    this.shiftBoxes((box) => shiftColumns(box, afterPosition, howMany));
    return this as unknown as Sheet;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    for (const row of this.grid) row?.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
    this.shiftBoxes((box) => dropColumns(box, columnPosition, howMany));
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.grid.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as CellState[]));
    this.maxRows += howMany;
    return this as unknown as Sheet;
  }

  private shiftBoxes(move: (box: Box) => Box | null): void {
    for (const rule of this.rules) rule.ranges = rule.ranges.map(move).filter((b): b is Box => b !== null);
    this.rules = this.rules.filter((rule) => rule.ranges.length > 0);
    this.merges = this.merges.map(move).filter((b): b is Box => b !== null);
  }

  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this.rules.map((stored) => counted(new FakeRule(this.book, this, stored), 'ConditionalFormatRule', this.book.log) as unknown as ConditionalFormatRule);
  }

  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.rules = rules.map((rule) => {
      const { stored } = this.book.unwrapRule(rule);
      return { ...stored, ranges: stored.ranges.map((b) => ({ ...b })) };
    });
  }

  clear(): Sheet {
    this.grid = [];
    this.rules = [];
    return this as unknown as Sheet;
  }

  getCharts(): EmbeddedChart[] {
    return this.charts.map((stored) => ({ stored }) as unknown as EmbeddedChart);
  }

  removeChart(chart: EmbeddedChart): void {
    const { stored } = chart as unknown as { stored: StoredChart };
    this.charts = this.charts.filter((c) => c !== stored);
  }

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return counted(new FakeChartBuilder(this.book), 'EmbeddedChartBuilder', this.book.log) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }

  insertChart(chart: EmbeddedChart): void {
    this.charts.push((chart as unknown as { stored: StoredChart }).stored);
  }

  setColumnWidth(column: number, width: number): Sheet {
    return this.setColumnWidths(column, 1, width);
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this as unknown as Sheet;
  }
}

function shiftColumns(box: Box, after: number, count: number): Box {
  if (box.column > after) return { ...box, column: box.column + count };
  if (box.column + box.columns - 1 > after) return { ...box, columns: box.columns + count };
  return box;
}

function dropColumns(box: Box, first: number, count: number): Box | null {
  const last = first + count - 1;
  const end = box.column + box.columns - 1;
  if (end < first) return box;
  if (box.column > last) return { ...box, column: box.column - count };
  const kept = box.columns - (Math.min(end, last) - Math.max(box.column, first) + 1);
  return kept > 0 ? { ...box, column: Math.min(box.column, first), columns: kept } : null;
}

export interface Alert {
  title: string;
  prompt: string;
}

export interface Toast {
  message: string;
  title: string;
  timeout: number | null;
}

/** The spreadsheet and the Apps Script services around it. */
export class FakeBook implements Pick<Spreadsheet, 'getActiveSheet' | 'setActiveSheet' | 'getSheetByName' | 'insertSheet' | 'toast' | 'getSpreadsheetTimeZone'> {
  readonly log = new CallLog();
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet;
  timeZone = 'Etc/UTC';
  readonly toasts: Toast[] = [];
  readonly alerts: Alert[] = [];
  readonly menus: { items: [string, string][] }[] = [];
  readonly sidebars: { title: string; content: string }[] = [];
  readonly properties = new Map<string, string>();
  readonly errors: unknown[] = [];
  lockBusy = false;
  lockHeld = false;
  /** Set by loadAddon: makes a Date of the script's own realm, as getValues hands over. */
  dateInRealm: (time: number) => Date = (time) => new Date(time);

  private readonly wrapped = new WeakMap<object, FakeRange>();

  constructor(sheetName = 'Clicks') {
    this.active = new FakeSheet(this, sheetName);
    this.sheets.push(this.active);
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  }

  inRealm(value: CellValue): CellValue {
    return value instanceof Date ? this.dateInRealm(value.getTime()) : value;
  }

  wrapRange(sheet: FakeSheet, box: Box): Range {
    const raw = new FakeRange(sheet, box);
    const proxy = counted(raw, 'Range', this.log);
    this.wrapped.set(proxy, raw);
    return proxy as unknown as Range;
  }

  unwrap(range: Range): FakeRange {
    const raw = this.wrapped.get(range as unknown as object);
    if (!raw) throw new Error('not a range of this spreadsheet');
    return raw;
  }

  unwrapRule(rule: ConditionalFormatRule): FakeRule {
    const raw = rule as unknown as FakeRule;
    if (!raw.stored) throw new Error('not a conditional format rule');
    return raw;
  }

  sheetOf(range: FakeRange): FakeSheet {
    return (range as unknown as { sheet: FakeSheet }).sheet;
  }

  private wrapSheet(sheet: FakeSheet): Sheet {
    return counted(sheet, 'Sheet', this.log) as unknown as Sheet;
  }

  private unwrapSheet(sheet: Sheet): FakeSheet {
    const raw = this.sheets.find((s) => s.getName() === sheet.getName());
    if (!raw) throw new Error('not a sheet of this spreadsheet');
    return raw;
  }

  // ----- Spreadsheet -----

  getActiveSheet(): Sheet {
    return this.wrapSheet(this.active);
  }

  setActiveSheet(sheet: Sheet): Sheet {
    this.active = this.unwrapSheet(sheet);
    return sheet;
  }

  getSheetByName(name: string): Sheet | null {
    const found = this.sheets.find((s) => s.name === name);
    return found ? this.wrapSheet(found) : null;
  }

  insertSheet(name?: unknown): Sheet {
    const sheetName = typeof name === 'string' ? name : `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.name === sheetName)) throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    const sheet = new FakeSheet(this, sheetName);
    this.sheets.push(sheet);
    this.active = sheet;
    return this.wrapSheet(sheet);
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.toasts.push({ message: msg, title: title ?? '', timeout: timeoutSeconds ?? null });
  }

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }

  // ----- the services, as globals of the script's context -----

  services(): Record<string, unknown> {
    return appsScriptServices(this);
  }
}

/** SpreadsheetApp, PropertiesService, LockService, HtmlService and console around one book. */
function appsScriptServices(book: FakeBook): Record<string, unknown> {
  const ui: Pick<GoogleAppsScript.Base.Ui, 'createAddonMenu' | 'alert' | 'showSidebar'> & { ButtonSet: unknown; Button: unknown } = {
    ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' },
    Button: { OK: 'OK' },
    createAddonMenu(): GoogleAppsScript.Base.Menu {
      const items: [string, string][] = [];
      const menu: Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addToUi'> = {
        addItem(caption: string, functionName: string) {
          items.push([caption, functionName]);
          return menu as GoogleAppsScript.Base.Menu;
        },
        addSeparator() {
          items.push(['---', '']);
          return menu as GoogleAppsScript.Base.Menu;
        },
        addToUi() {
          book.menus.push({ items });
        },
      };
      return counted(menu, 'Menu', book.log) as GoogleAppsScript.Base.Menu;
    },
    alert(title: string, prompt?: unknown): GoogleAppsScript.Base.Button {
      book.alerts.push({ title, prompt: typeof prompt === 'string' ? prompt : '' });
      return 'OK' as unknown as GoogleAppsScript.Base.Button;
    },
    showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
      const page = userInterface as unknown as { title: string; content: string };
      book.sidebars.push({ title: page.title, content: page.content });
    },
  };
  const spreadsheetApp: Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getActiveSpreadsheet' | 'getUi' | 'newConditionalFormatRule' | 'BooleanCriteria'> = {
    BooleanCriteria: BOOLEAN_CRITERIA,
    getActiveSpreadsheet: () => counted(book, 'Spreadsheet', book.log) as unknown as Spreadsheet,
    getUi: () => counted(ui, 'Ui', book.log) as unknown as GoogleAppsScript.Base.Ui,
    newConditionalFormatRule: () =>
      counted(new FakeRuleBuilder(book), 'ConditionalFormatRuleBuilder', book.log) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
  };
  const documentProperties: Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'> = {
    getProperty: (key: string) => book.properties.get(key) ?? null,
    setProperty(key: string, value: string) {
      book.properties.set(key, value);
      return documentProperties as GoogleAppsScript.Properties.Properties;
    },
  };
  const propertiesService: Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties'> = {
    getDocumentProperties: () => counted(documentProperties, 'Properties', book.log) as GoogleAppsScript.Properties.Properties,
  };
  const lock: Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock' | 'hasLock'> = {
    tryLock: () => {
      if (book.lockBusy) return false;
      book.lockHeld = true;
      return true;
    },
    releaseLock: () => {
      book.lockHeld = false;
    },
    hasLock: () => book.lockHeld,
  };
  const lockService: Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'> = {
    getDocumentLock: () => counted(lock, 'Lock', book.log) as GoogleAppsScript.Lock.Lock,
  };
  const htmlService: Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile'> = {
    createHtmlOutputFromFile(filename: string): GoogleAppsScript.HTML.HtmlOutput {
      let content: string;
      try {
        content = readFileSync(join(DIST, `${filename}.html`), 'utf8');
      } catch {
        throw new Error(`No HTML file named ${filename} was found.`);
      }
      const page = {
        title: '',
        content,
        setTitle(title: string) {
          page.title = title;
          return page;
        },
      };
      return counted(page, 'HtmlOutput', book.log) as unknown as GoogleAppsScript.HTML.HtmlOutput;
    },
  };
  return {
    SpreadsheetApp: counted(spreadsheetApp, 'SpreadsheetApp', book.log),
    PropertiesService: counted(propertiesService, 'PropertiesService', book.log),
    LockService: counted(lockService, 'LockService', book.log),
    HtmlService: counted(htmlService, 'HtmlService', book.log),
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => book.errors.push(args) },
  };
}

export const DIST = join(__dirname, '..', '..', 'dist');
