/**
 * Loads the built add-on (dist/Code.js) the way Apps Script runs it: one classic script evaluated in
 * a fresh global scope that holds the services, here the in-memory fakes of fakeApps.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import { DIST, FakeBook, type CellState, type CellValue, type FakeSheet } from './fakeApps';

/** The global functions the built script declares for Apps Script. */
export interface Addon {
  onOpen(event?: unknown): void;
  onInstall(event?: unknown): void;
  flagBotClicks(): void;
  buildCleanSummary(): void;
  clearFlags(): void;
  showSettings(): void;
  showHelp(): void;
  BOTCLICK(data: unknown, maxClicks?: unknown, windowSeconds?: unknown): string[][];
  BOTCLICK_WHY(data: unknown, maxClicks?: unknown, windowSeconds?: unknown): string[][];
  getSettingsForm(): SettingsFormLike;
  previewSettings(draft: unknown): { clicks: number; bots: number; unknown: number; people: number };
  saveSettings(draft: unknown): Record<string, unknown>;
}

export interface SettingsFormLike {
  fields: { name: string; kind: string; label: string; help: string; min?: number; max?: number }[];
  presets: string[];
  presetValues: Record<string, Record<string, number | boolean>>;
  values: Record<string, unknown> & { preset: string; columns: Record<string, string> };
  roles: { role: string; label: string }[];
  headers: string[];
  found: Record<string, string>;
  timeZone: string;
}

const CODE = join(DIST, 'Code.js');

const SOURCES = [join(__dirname, '..', '..', 'src', 'core'), join(__dirname, '..', '..', 'src', 'sheets')];

/** The newest modification time of any file under the folders. */
function newest(folders: string[]): number {
  let latest = 0;
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

let checkedFresh = false;

export function loadAddon(book: FakeBook): Addon {
  if (!checkedFresh) {
    // The tests compare the bundle with the core's sources: an old bundle would fail them for no real reason.
    if (!existsSync(CODE)) throw new Error('dist/Code.js is missing: run `npm run build` (or `node scripts/build-addon.mjs`) first.');
    if (statSync(CODE).mtimeMs < newest(SOURCES)) throw new Error('dist/Code.js is older than src/: run `npm run build` (or `node scripts/build-addon.mjs`) again.');
    checkedFresh = true;
  }
  const context = createContext(book.services());
  runInContext(readFileSync(CODE, 'utf8'), context, { filename: 'Code.js' });
  book.dateInRealm = runInContext('(time) => new Date(time)', context) as (time: number) => Date;
  return context as unknown as Addon;
}

export const FIXTURES = join(__dirname, '..', 'fixtures', 'sheets');
/** The shared listmonk sample: frank.miller's and grace.lee's clicks at 14:01 on 10 March are a scanner's. */
export const LISTMONK_CSV = join(FIXTURES, 'listmonk-clicks.csv');

export function readCsv(path: string): string[][] {
  return parse(readFileSync(path, 'utf8'), { bom: true }) as string[][];
}

/** Cells as a paste into Sheets makes them: numbers become numbers, the rest stays text. */
export function asPasted(rows: string[][]): CellValue[][] {
  return rows.map((row) => row.map((text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text)));
}

/** A spreadsheet whose first sheet, "Clicks", holds the rows; the script is loaded into it. */
export function bookWith(rows: CellValue[][], sheetName = 'Clicks'): { book: FakeBook; sheet: FakeSheet; addon: Addon } {
  const book = new FakeBook(sheetName);
  const sheet = book.active.load(rows);
  const addon = loadAddon(book);
  book.log.reset();
  return { book, sheet, addon };
}

/** Everything a user could see of a spreadsheet, to compare before and after. */
export function snapshot(book: FakeBook): unknown {
  return book.sheets.map((sheet) => ({
    name: sheet.name,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    grid: trimGrid(sheet.grid),
    merges: sheet.merges,
    rules: sheet.rules,
    charts: sheet.charts,
    filter: sheet.hasFilter,
  }));
}

function isEmpty(cell: CellState | undefined): boolean {
  return !cell || (cell.value === '' && cell.formula === '' && cell.format === '' && cell.background === '' && !cell.bold);
}

function trimGrid(grid: CellState[][]): unknown[] {
  const rows = grid.map((row) => {
    const cells = Array.from({ length: row?.length ?? 0 }, (_, c) => row[c]);
    while (cells.length && isEmpty(cells[cells.length - 1])) cells.pop();
    return cells.map((cell) => (isEmpty(cell) ? null : { ...cell, value: isDate(cell?.value) ? (cell?.value as Date).getTime() : cell?.value }));
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** The CLI's verdicts for the same rows: `botclick flag` on a CSV of them. */
export function cliVerdicts(rows: string[][], extraArgs: string[] = []): { verdicts: string[]; reasons: string[] } {
  const cli = join(__dirname, '..', '..', 'build', 'botclick.cjs');
  if (!existsSync(cli)) throw new Error('build/botclick.cjs is missing: run `npm run build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'botclick-sheets-'));
  const input = join(dir, 'clicks.csv');
  const output = join(dir, 'flagged.csv');
  writeFileSync(input, rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n');
  let flagged: string[][];
  try {
    execFileSync(process.execPath, [cli, 'flag', input, '-o', output, ...extraArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
    flagged = readCsv(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const bot = flagged[0].indexOf('Bot click');
  const why = flagged[0].indexOf('Why');
  return { verdicts: flagged.slice(1).map((row) => row[bot]), reasons: flagged.slice(1).map((row) => row[why]) };
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A large export like the sample: `count` clicks of one campaign with five links. Every tenth
 * recipient's copy is swept by a scanner a minute after send (all five links within two seconds);
 * the other recipients click one link each, spread over the following hours.
 */
export function syntheticClicks(count: number): string[][] {
  const links = ['spring-sale', 'new-arrivals', 'blog/tips', 'web-version', 'email-preferences'].map((path) => `https://shop.example.com/${path}`);
  const send = Date.UTC(2026, 2, 10, 14, 0, 0);
  const rows = [['campaign_name', 'email', 'url', 'created_at']];
  const click = (recipient: number, link: number, at: number) =>
    rows.push(['Spring Newsletter 2026', `reader${recipient}@company${recipient % 50}.example.com`, links[link], new Date(send + at).toISOString().replace('.000Z', 'Z')]);
  for (let recipient = 0; rows.length <= count; recipient++) {
    if (recipient % 10 === 0) for (let link = 0; link < 5 && rows.length <= count; link++) click(recipient, link, 60_000 + link * 400);
    else click(recipient, recipient % 5, 600_000 + recipient * 7_000);
  }
  return rows;
}

/** A Date of any realm: the script's Dates are not the test's. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
