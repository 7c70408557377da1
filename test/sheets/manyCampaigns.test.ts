import { bookWith } from './addon';

/**
 * Issue 8 in the add-on: a sheet of many campaigns, each with links of its own. The summary used
 * to make a table of every campaign times every link (70,000 × 70,000 here: "Invalid typed array
 * length"); now its room follows the clicks.
 */
test('70,000 campaigns of one click each are flagged, row by row', () => {
  const rows: string[][] = [['Email', 'Campaign', 'URL', 'Clicked at']];
  for (let c = 0; c < 70_000; c++) {
    rows.push([`reader${c % 7}@example.org`, `Issue ${c}`, `https://example.com/issue-${c}`, new Date(Date.UTC(2026, 0, 1) + c * 3_600_000).toISOString()]);
  }
  const { book, sheet, addon } = bookWith(rows);
  addon.flagBotClicks();
  expect(book.alerts).toEqual([]);
  expect(sheet.cell(1, 5).value).toBe('Bot click');
  for (const row of [2, 35_001, 70_001]) expect(['bot', 'human', 'unknown']).toContain(sheet.cell(row, 5).value);
});
