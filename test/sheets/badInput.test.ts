import { asPasted, bookWith, LISTMONK_CSV, readCsv, snapshot } from './addon';
import type { CellState, FakeBook } from './fakeApps';

const rows = asPasted(readCsv(LISTMONK_CSV));

/**
 * Runs a menu command and returns its one alert, having checked that nothing in the file changed:
 * no call that writes was made, and (unless the sheet is too big to compare quickly) every cell,
 * rule and chart is as it was.
 */
function refused(book: FakeBook, run: () => void, compareCells = true): string {
  const before = compareCells ? snapshot(book) : null;
  book.log.reset();
  run();
  if (compareCells) expect(snapshot(book)).toEqual(before);
  expect(book.log.writes).toEqual([]);
  expect(book.alerts).toHaveLength(1);
  return book.alerts[0].prompt;
}

describe('bad input in the sheet: a clear alert, and nothing changes', () => {
  test('an empty sheet', () => {
    const { book, addon } = bookWith([]);
    expect(refused(book, () => addon.flagBotClicks())).toBe('This sheet is empty: paste or import a click export into it first.');
  });

  test('a sheet with only the header row', () => {
    const { book, addon } = bookWith([rows[0]]);
    expect(refused(book, () => addon.flagBotClicks())).toMatch(/^This sheet has only a header row and no clicks below it/);
  });

  test('one cell selected outside the data', () => {
    const { book, sheet, addon } = bookWith(rows);
    sheet.select('M40');
    expect(refused(book, () => addon.flagBotClicks())).toMatch(/^Only one cell outside the click data is selected: click any cell inside the data/);
  });

  test('one cell selected inside the data means all of it, as in any spreadsheet\'s sort or filter', () => {
    const { book, sheet, addon } = bookWith(rows);
    sheet.select('C7');
    addon.flagBotClicks();
    expect(book.alerts).toEqual([]);
    expect(sheet.cell(2, rows[0].length + 1).value).toBe('bot');
    expect(sheet.cell(rows.length, rows[0].length + 1).value).toBe('human');
  });

  test('only the header row selected, or rows below the data', () => {
    const { book, sheet, addon } = bookWith(rows);
    sheet.select('A1:I1');
    expect(refused(book, () => addon.flagBotClicks())).toMatch(/^Only the header row is selected/);
    book.alerts.length = 0;
    sheet.select('A30:C40');
    expect(refused(book, () => addon.flagBotClicks())).toMatch(/^The selected rows hold no click data/);
  });

  test('merged header cells', () => {
    const { book, sheet, addon } = bookWith(rows);
    sheet.merges.push({ row: 1, column: 2, rows: 1, columns: 2 });
    expect(refused(book, () => addon.flagBotClicks())).toBe(
      'The header row has merged cells (B1:C1): unmerge them (Format → Merge cells → Unmerge) so that every column has its own name, then try again.',
    );
  });

  test('more rows than one run can finish in 6 minutes: says so and how to split the work, without reading them', () => {
    const { book, sheet, addon } = bookWith(rows);
    // 250,000 copies of one row: enough to be refused, light enough to hold in memory.
    const copy: CellState[] = sheet.grid[1];
    for (let i = 0; i < 250_000; i++) sheet.grid.push(copy);
    sheet.maxRows = sheet.grid.length;
    const message = refused(book, () => addon.flagBotClicks(), false);
    expect(sheet.grid.length).toBe(250_019);
    expect(message).toContain('These 250,018 rows × 9 columns are more than one run can read, judge and write within Apps Script\'s 6-minute limit');
    expect(message).toContain('Select up to 222,221 rows at a time, keeping each campaign\'s rows together, and flag each part in turn');
    expect(message).toContain('run the botclick command line');
    expect(book.log.counts.get('Range.getValues')).toBeUndefined();
  });

  test('data with no header row', () => {
    const { book, addon } = bookWith(rows.slice(1));
    expect(refused(book, () => addon.flagBotClicks())).toMatch(/^Row 1 does not look like a header row: insert a row above the data/);
  });

  test('an export the detector cannot read: its one sentence, no stack trace', () => {
    const noTime = rows.map((row) => row.slice(0, 8));
    const { book, addon } = bookWith(noTime);
    expect(refused(book, () => addon.flagBotClicks())).toMatch(/^no click-time column found.*headers seen: /);
    expect(book.errors).toEqual([]);
  });

  test('flagging the summary sheet itself', () => {
    const { book, addon } = bookWith(rows);
    addon.buildCleanSummary();
    book.alerts.length = 0;
    expect(refused(book, () => addon.flagBotClicks())).toBe('"Clean summary" is botclick\'s own summary; go to the sheet with your click export first.');
  });

  test('the summary refuses what flagging refuses', () => {
    const { book, addon } = bookWith([rows[0]]);
    expect(refused(book, () => addon.buildCleanSummary())).toMatch(/^This sheet has only a header row/);
    expect(book.alerts[0].title).toBe('Build clean summary');
  });

  test('Clear flags on a sheet that was never flagged changes nothing and says so', () => {
    const { book, addon } = bookWith(rows);
    const before = snapshot(book);
    addon.clearFlags();
    expect(snapshot(book)).toEqual(before);
    expect(book.toasts[book.toasts.length - 1].message).toBe('Nothing to clear: this sheet has no botclick flags.');
  });
});
