import { detect, resolveSettings } from '../../src/core';
import { asPasted, bookWith, LISTMONK_CSV, readCsv, snapshot } from './addon';
import type { CellValue, FakeSheet } from './fakeApps';

const rows = readCsv(LISTMONK_CSV);
const header = rows[0];
const EMAIL = header.indexOf('email');
const TIME = header.indexOf('created_at');
const DATA_WIDTH = header.length; // 9 columns, A to I
const BOT = DATA_WIDTH + 1; // the first added column, J

/** The core's own answer for the same table, to hold the sheet's flags against. */
function expected(table: CellValue[][], timeZone = 'Etc/UTC') {
  return detect(table, resolveSettings({ timeZone }));
}

/** A column's cells under the header, '' for empty ones, as far down as the data goes. */
function flagColumn(sheet: FakeSheet, column: number): CellValue[] {
  return Array.from({ length: sheet.getLastRow() - 1 }, (_, i) => sheet.cell(i + 2, column).value);
}

describe('Flag bot clicks on a pasted listmonk export', () => {
  test('adds Bot click, Why and an empty Override column beside the data, with the core\'s verdicts', () => {
    const pasted = asPasted(rows);
    const { book, sheet, addon } = bookWith(pasted);
    addon.flagBotClicks();

    expect(book.alerts).toEqual([]);
    const values = sheet.values();
    expect(values[0].slice(DATA_WIDTH)).toEqual(['Bot click', 'Why', 'Override']);
    const core = expected(pasted);
    expect(flagColumn(sheet, BOT)).toEqual(core.verdicts.map((v) => v ?? ''));
    expect(flagColumn(sheet, BOT + 1)).toEqual(core.reasons);
    expect(flagColumn(sheet, BOT + 2).every((cell) => cell === '')).toBe(true);
  });

  test('the scanner clicks of the sample are flagged and every other click is human (the sample\'s truth)', () => {
    const { sheet, addon } = bookWith(asPasted(rows));
    addon.flagBotClicks();
    const values = sheet.values();
    values.slice(1).forEach((row) => {
      const scanner = /^(frank\.miller|grace\.lee)@/.test(String(row[EMAIL])) && String(row[TIME]).startsWith('2026-03-10T14:01');
      expect([row[EMAIL], row[TIME], row[BOT - 1]]).toEqual([row[EMAIL], row[TIME], scanner ? 'bot' : 'human']);
    });
  });

  test('never changes a value, formula or format the user owns', () => {
    const pasted = asPasted(rows);
    const { sheet, addon } = bookWith(pasted);
    sheet.update(1, 1, (cell) => ({ ...cell, bold: true, background: '#cfe2f3' }));
    sheet.update(3, TIME + 1, (cell) => ({ ...cell, format: 'yyyy-mm-dd' }));
    const before = sheet.grid.map((row) => row.slice(0, DATA_WIDTH).map((cell) => ({ ...cell })));
    addon.flagBotClicks();
    expect(sheet.grid.map((row) => row.slice(0, DATA_WIDTH))).toEqual(before);
  });

  test('colours rows through two conditional-format rules keyed on the Bot click column, after the user\'s own', () => {
    const { sheet, addon } = bookWith(asPasted(rows));
    const own = { formula: '=$A2>100', background: '#ffff00', ranges: [{ row: 2, column: 1, rows: 18, columns: 1 }] };
    sheet.rules.push(own);
    addon.flagBotClicks();
    expect(sheet.rules).toEqual([
      own,
      { formula: '=$J2="bot"', background: '#f4cccc', ranges: [{ row: 2, column: 1, rows: rows.length - 1, columns: DATA_WIDTH + 3 }] },
      { formula: '=$J2="unknown"', background: '#e0e0e0', ranges: [{ row: 2, column: 1, rows: rows.length - 1, columns: DATA_WIDTH + 3 }] },
    ]);
  });

  test('says in a toast how many clicks look like bots and how many real people clicked', () => {
    const pasted = asPasted(rows);
    const { book, addon } = bookWith(pasted);
    addon.flagBotClicks();
    const { totals } = expected(pasted).summary;
    const last = book.toasts[book.toasts.length - 1];
    expect(last.title).toBe('botclick');
    expect(last.message).toContain(`${totals.botClicks} of ${totals.rawClicks} clicks look like bots; ${totals.humanClickers} real people clicked.`);
    // Progress toasts come first and stay until replaced.
    expect(book.toasts.slice(0, -1).map((toast) => toast.timeout)).toEqual([-1, -1]);
    expect(book.toasts[0].message).toBe(`Judging ${rows.length - 1} rows…`);
  });

  test('one click reads in the singular: "1 of 1 click looks like a bot"', () => {
    const { book, addon } = bookWith([
      ['email', 'url', 'created_at', 'user_agent'],
      ['ann@corp.example.com', 'https://shop.example.com/sale', '2026-03-10T14:01:07Z', 'python-requests/2.31.0'],
    ]);
    addon.flagBotClicks();
    expect(book.toasts[book.toasts.length - 1].message).toMatch(/^1 of 1 click looks like a bot; 0 real people clicked\./);
  });

  test('a re-run reuses the columns and rules and changes nothing', () => {
    const { book, addon } = bookWith(asPasted(rows));
    addon.flagBotClicks();
    const once = snapshot(book);
    addon.flagBotClicks();
    expect(snapshot(book)).toEqual(once);
  });

  test('Clear flags restores the sheet exactly, the user\'s formatting and rules included', () => {
    const { book, sheet, addon } = bookWith(asPasted(rows));
    sheet.update(1, 2, (cell) => ({ ...cell, bold: true }));
    sheet.update(4, DATA_WIDTH, (cell) => ({ ...cell, background: '#d9ead3' }));
    sheet.rules.push({ formula: '=$A2>100', background: '#ffff00', ranges: [{ row: 2, column: 1, rows: 18, columns: 2 }] });
    const before = snapshot(book);
    addon.flagBotClicks();
    expect(snapshot(book)).not.toEqual(before);
    addon.clearFlags();
    expect(snapshot(book)).toEqual(before);
    expect(book.toasts[book.toasts.length - 1].message).toBe('Removed the Bot click, Why and Override columns and the row colours.');
  });

  test('Clear flags keeps an Override column the user filled in', () => {
    const { book, sheet, addon } = bookWith(asPasted(rows));
    addon.flagBotClicks();
    sheet.update(5, BOT + 2, (cell) => ({ ...cell, value: 'human' }));
    addon.clearFlags();
    expect(sheet.values()[0].slice(DATA_WIDTH)).toEqual(['Override']);
    expect(sheet.cell(5, DATA_WIDTH + 1).value).toBe('human');
    expect(sheet.rules).toEqual([]);
    expect(book.toasts[book.toasts.length - 1].message).toContain('Override column was kept');
  });

  test('an override written by the user wins on the next run', () => {
    const { sheet, addon } = bookWith(asPasted(rows));
    addon.flagBotClicks();
    // Row 2 is frank.miller's first scanner click; the user knows better.
    expect(sheet.cell(2, BOT).value).toBe('bot');
    sheet.update(2, BOT + 2, (cell) => ({ ...cell, value: 'human' }));
    addon.flagBotClicks();
    expect(sheet.cell(2, BOT).value).toBe('human');
    expect(sheet.values()[0].filter((name) => name === 'Bot click')).toHaveLength(1);
  });

  test('flags only the selected rows, judged under the header row', () => {
    const pasted = asPasted(rows);
    const { sheet, addon } = bookWith(pasted);
    sheet.select('A5:C9');
    addon.flagBotClicks();
    const core = expected([pasted[0], ...pasted.slice(4, 9)]);
    expect(flagColumn(sheet, BOT)).toEqual(['', '', '', ...core.verdicts, ...Array(rows.length - 9).fill('')]);
  });

  test('reads times without a zone in the spreadsheet\'s time zone', () => {
    // The same clicks, exported by a tool that writes New York wall-clock times without a zone.
    const newYork = asPasted(rows).map((row, i) => (i === 0 ? row : row.map((cell, c) => (c === TIME ? wallClock(String(cell), -4) : cell))));
    const { book, sheet, addon } = bookWith(newYork);
    book.timeZone = 'America/New_York';
    addon.flagBotClicks();
    expect(flagColumn(sheet, BOT)).toEqual(expected(newYork, 'America/New_York').verdicts);
    expect(flagColumn(sheet, BOT)).toEqual(expected(asPasted(rows)).verdicts);
  });

  test('dates the sheet holds as date-times are judged like the text times of the CSV', () => {
    const { book, sheet, addon } = bookWith([]);
    sheet.load(asPasted(rows).map((row, i) => (i === 0 ? row : row.map((cell, c) => (c === TIME ? book.dateInRealm(Date.parse(String(cell))) : cell)))));
    addon.flagBotClicks();
    expect(flagColumn(sheet, BOT)).toEqual(expected(asPasted(rows)).verdicts);
  });

  test('judges hidden and filtered rows, reads formulas by value, leaves other tools\' columns alone, and says so', () => {
    const pasted = asPasted(rows).map((row, i) => [...row, i === 0 ? 'Lead score' : i * 10]);
    const { book, sheet, addon } = bookWith(pasted);
    sheet.hasFilter = true;
    sheet.update(3, 1, (cell) => ({ ...cell, formula: '=11+1' }));
    addon.flagBotClicks();
    const message = book.toasts[book.toasts.length - 1].message;
    expect(message).toContain('Rows hidden by the filter were judged too.');
    expect(message).toContain('1 cell with formulas was read by its value.');
    expect(message).toContain('Columns it does not read were left alone: Lead score.');
    expect(sheet.values()[0].slice(DATA_WIDTH)).toEqual(['Lead score', 'Bot click', 'Why', 'Override']);
    expect(flagColumn(sheet, DATA_WIDTH + 1)).toEqual(pasted.slice(1).map((row) => row[DATA_WIDTH]));
  });

  test('waits for another run instead of writing over it', () => {
    const { book, sheet, addon } = bookWith(asPasted(rows));
    book.lockBusy = true;
    const before = snapshot(book);
    addon.flagBotClicks();
    expect(book.alerts).toEqual([{ title: 'Flag bot clicks', prompt: 'Another botclick run is still working on this spreadsheet; try again when it has finished.' }]);
    expect(snapshot(book)).toEqual(before);
    expect(sheet.values()[0]).toEqual(rows[0]);
  });
});

/** "2026-03-10T14:01:07Z" as a wall clock `hours` from UTC, written without a zone. */
function wallClock(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString().replace('T', ' ').replace(/\.000Z$/, '');
}
