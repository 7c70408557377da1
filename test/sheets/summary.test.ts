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
  test('opens with the answer in large type, then the campaigns, scanning domains and links in the CLI\'s words', () => {
    const pasted = asPasted(rows);
    const { book, addon } = bookWith(pasted);
    addon.buildCleanSummary();
    expect(book.alerts).toEqual([]);
    const summary = book.sheet('Clean summary');
    expect(book.active).toBe(summary);
    const table = readSheet(summary);
    const core = detect(pasted, resolveSettings({ timeZone: book.timeZone })).summary;

    // The sample's truth: of 7 clickers, 6 are real people; all 10 bot clicks are the scanner's.
    expect(table.slice(0, 3)).toEqual([['6 real people clicked (not 7).'], ['10 of 18 clicks were scanners.'], ['Clean summary of "Clicks", rows 2 to 19']]);
    expect(summary.cell(1, 1)).toMatchObject({ bold: true, fontSize: 20 });
    expect(summary.cell(2, 1).fontSize).toBeGreaterThan(10);

    const header = ['Clicks', 'Bot', 'Human', 'Unknown', 'Removed', 'Clickers', 'Real people'];
    expect(rowStartingWith(table, 'Campaign')).toEqual(['Campaign', ...header, 'Sent', 'Send time from']);
    const counts = (c: typeof core.totals) => [c.rawClicks, c.botClicks, c.humanClicks, c.unknownClicks, c.removedShare, c.rawClickers, c.humanClickers];
    const [campaign] = core.campaigns;
    const campaignRow = rowStartingWith(table, 'Spring Newsletter 2026');
    expect(campaignRow.slice(1, 8)).toEqual(counts(campaign));
    expect(campaignRow.slice(1, 8)).toEqual([18, 10, 8, 0, 10 / 18, 7, 6]);
    expect(campaignRow[8]).toBe(new Date(campaign.sendTime as number).toISOString());

    expect(rowStartingWith(table, 'Recipient domains with bot clicks')).toBeDefined();
    expect(rowStartingWith(table, 'Domain')).toEqual(['Domain', 'Bot clicks', 'Human clicks', 'Scanned copies', 'Recipients']);
    const corp = core.domains.find((domain) => domain.domain === 'corp.example.com');
    expect(rowStartingWith(table, 'corp.example.com')).toEqual(['corp.example.com', corp?.botClicks, corp?.humanClicks, corp?.scannedCopies, corp?.recipients]);

    expect(rowStartingWith(table, 'Links in Spring Newsletter 2026')).toBeDefined();
    for (const link of campaign.links) expect(rowStartingWith(table, link.link).slice(1, 8)).toEqual(counts(link));
  });

  test('counts show thousands separators, shares a percentage', () => {
    const { book, addon } = bookWith(asPasted(rows));
    addon.buildCleanSummary();
    const summary = book.sheet('Clean summary');
    const table = readSheet(summary);
    const row = table.findIndex((cells) => cells[0] === 'Spring Newsletter 2026') + 1;
    expect([2, 3, 4, 5, 7, 8].map((column) => summary.cell(row, column).format)).toEqual(Array(6).fill('#,##0'));
    expect(summary.cell(row, 6).format).toBe('0.0%');
    const domainRow = table.findIndex((cells) => cells[0] === 'corp.example.com') + 1;
    expect(summary.cell(domainRow, 2).format).toBe('#,##0');
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

  test('puts two charts on the first screen: the most-clicked links with their human clicks, and all clicks over time with people on their own axis', () => {
    const pasted = asPasted(rows);
    const { book, addon } = bookWith(pasted);
    addon.buildCleanSummary();
    const summary = book.sheet('Clean summary');
    const table = readSheet(summary);
    const core = detect(pasted, resolveSettings({})).summary;
    expect(summary.charts).toHaveLength(2);
    const [links, timeline] = summary.charts;

    // On the first screen: anchored under the answer, side by side, within about 1,150 px and 25 rows.
    const left = (column: number) => [...Array(column - 1).keys()].reduce((x, c) => x + (summary.columnWidths.get(c + 1) ?? 100), 0);
    for (const chart of summary.charts) {
      const [row, column, offsetX] = chart.position;
      expect(row).toBeLessThanOrEqual(5);
      expect(row + Math.ceil((chart.options.height as number) / 21)).toBeLessThanOrEqual(25);
      expect(left(column) + offsetX + (chart.options.width as number)).toBeLessThanOrEqual(1150);
    }
    expect(left(timeline.position[1])).toBeGreaterThanOrEqual(left(links.position[1]) + (links.options.width as number));
    // The rows under the charts are kept free.
    const firstTable = table.findIndex((cells) => cells[0] === 'Campaigns') + 1;
    expect(table.slice(3, 20).every((cells) => cells.length === 0)).toBe(true);
    expect(firstTable).toBeGreaterThan(20);

    // Links: all clicks beside human clicks, most-clicked first.
    expect(links.kind).toBe('bar');
    const [linkRange] = links.ranges;
    const linkRows = table.slice(linkRange.row - 1, linkRange.row - 1 + linkRange.rows);
    expect(linkRows[0]).toEqual(['Link', 'All clicks', 'Human clicks']);
    const byClicks = [...core.campaigns[0].links].sort((a, b) => b.rawClicks - a.rawClicks);
    expect(linkRows.slice(1).map((cells) => cells[1])).toEqual(byClicks.map((link) => link.rawClicks));
    expect(linkRows.slice(1).map((cells) => cells[2])).toEqual(byClicks.map((link) => link.humanClicks));

    // Time: every click is in the chart (the sample's last human click is 3 days after send), and people have their own axis.
    expect(timeline.kind).toBe('line');
    expect(timeline.options).toMatchObject({ numHeaders: 1, series: { 1: { targetAxisIndex: 1 } } });
    const [timeRange] = timeline.ranges;
    const timeRows = table.slice(timeRange.row - 1, timeRange.row - 1 + timeRange.rows);
    expect(timeRows[0]).toEqual(['Hours since send', 'Bot clicks', 'Human clicks']);
    const sum = (column: number) => timeRows.slice(1).reduce((total, cells) => total + (cells[column] as number), 0);
    expect([sum(1), sum(2)]).toEqual([core.totals.botClicks, core.totals.humanClicks]);
    expect(timeRows.length - 1).toBeLessThanOrEqual(60);
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
