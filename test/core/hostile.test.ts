/**
 * Issue 8 in the detector itself: the reasons do not depend on the order of the rows, and the
 * summary's room grows with the campaigns and links there are, not with their product.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { detect, type Cell } from '../../src/core';

const EXAMPLE: string[][] = parse(readFileSync(join(__dirname, '../../examples/newsletter-clicks.csv'), 'utf8'));

/** A seeded shuffle, so that a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

describe('the same clicks in another order get the same verdicts and the same reasons', () => {
  const [header, ...rows] = EXAMPLE;
  const first = detect([header, ...rows]);

  test.each([1, 2, 3])('the example shuffled (seed %i)', (seed) => {
    const order = shuffled(Array.from(rows.keys()), seed);
    const again = detect([header, ...order.map((i) => rows[i])]);
    // Clicks stamped in the same second used to be taken in input order: 150-190 of the 3,350 reasons changed.
    order.forEach((i, at) => {
      expect(again.verdicts[at]).toBe(first.verdicts[i]);
      expect(again.reasons[at]).toBe(first.reasons[i]);
    });
  });

  test('the example upside down', () => {
    const again = detect([header, ...[...rows].reverse()]);
    expect([...again.reasons].reverse()).toEqual(first.reasons);
  });
});

describe('many campaigns', () => {
  test('70,000 campaigns of one link each are summed per campaign and link without a campaigns × links table', () => {
    // 70,000 × 70,000 link slots would be 4.9 billion tallies: "Invalid typed array length" (at
    // 40,000 the table fit in virtual memory and took minutes to walk).
    const table: Cell[][] = [['Email', 'Campaign', 'URL', 'Clicked at']];
    for (let c = 0; c < 70_000; c++) {
      table.push([`reader${c % 7}@example.org`, `Issue ${c}`, `https://example.com/issue-${c}`, new Date(Date.UTC(2026, 0, 1) + c * 3_600_000).toISOString()]);
    }
    const { summary } = detect(table);
    expect(summary.totals.rawClicks).toBe(70_000);
    expect(summary.campaigns).toHaveLength(70_000);
    expect(summary.campaigns[12_345]).toMatchObject({ campaign: 'Issue 12345', rawClicks: 1, links: [expect.objectContaining({ link: 'https://example.com/issue-12345', rawClicks: 1 })] });
  });

  test('links shared by campaigns are counted per campaign, most clicked first, then as the file first has them', () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 2, 10, 14) + minutes * 60_000).toISOString();
    const table: Cell[][] = [
      ['Email', 'Campaign', 'URL', 'Clicked at'],
      ['ann@example.org', 'May', 'https://example.com/b', at(300)],
      ['bob@example.org', 'June', 'https://example.com/a', at(900)],
      ['ann@example.org', 'June', 'https://example.com/b', at(1000)],
      ['cy@example.org', 'May', 'https://example.com/a', at(400)],
      ['bob@example.org', 'May', 'https://example.com/a', at(500)],
      ['dee@example.org', 'May', '', at(600)],
    ];
    const { summary } = detect(table);
    const links = (name: string) => summary.campaigns.find((c) => c.campaign === name)?.links.map((l) => [l.link, l.rawClicks, l.rawClickers]);
    expect(links('May')).toEqual([['https://example.com/a', 2, 2], ['(no link)', 1, 1], ['https://example.com/b', 1, 1]]);
    expect(links('June')).toEqual([['https://example.com/b', 1, 1], ['https://example.com/a', 1, 1]]);
  });
});
