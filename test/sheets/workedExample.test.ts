/** docs/sheets.md's worked example quotes what the add-on writes for the listmonk sample, word for word. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asPasted, bookWith, LISTMONK_CSV, readCsv } from './addon';

const DOCS = readFileSync(join(__dirname, '..', '..', 'docs', 'sheets.md'), 'utf8');
const EXAMPLE = DOCS.slice(DOCS.indexOf('## The menu, with a worked example'), DOCS.indexOf('## `=BOTCLICK()` in formulas'));

/** The "quoted" texts of the bullet that starts with `start`, up to the next bullet. */
function quotesIn(start: string): string[] {
  const from = EXAMPLE.indexOf(start);
  expect(from).toBeGreaterThan(-1);
  const bullet = EXAMPLE.slice(from).split(/\n\s*- /)[0].replace(/\s*\n\s*/g, ' ');
  return [...bullet.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

describe('the worked example in docs/sheets.md', () => {
  test('quotes reasons the Why column holds, and the toast', () => {
    const { book, sheet, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.flagBotClicks();
    const why = sheet.values().map((row) => row[10]);
    const reasons = quotesIn('**Why** (K)');
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    for (const reason of reasons) expect(why).toContain(reason);
    const [toast] = quotesIn('A toast reports the result');
    expect(book.toasts[book.toasts.length - 1].message.startsWith(toast)).toBe(true);
  });

  test('quotes the summary sheet\'s answer and its campaign row', () => {
    const { book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.buildCleanSummary();
    const sheet = book.sheet('Clean summary');
    const [answer, share] = quotesIn('**The answer**');
    expect([sheet.cell(1, 1).value, sheet.cell(2, 1).value]).toEqual([answer, share]);
    const documented = EXAMPLE.split('\n').find((line) => line.trim().startsWith('| Spring Newsletter 2026 |')) ?? '';
    const cells = documented.split('|').slice(1, -1).map((cell) => cell.trim());
    const row = sheet.grid.find((line) => line[0]?.value === 'Spring Newsletter 2026') ?? [];
    const shown = row.slice(1, 8).map((cell) => (cell.format === '0.0%' ? `${((cell.value as number) * 100).toFixed(1)}%` : String(cell.value)));
    expect(cells.slice(1, 8)).toEqual(shown);
    expect(cells[9]).toBe(row[9].value);
  });
});
