/** The summary a marketer reads in the terminal: real people per campaign, links, scanning domains. */
import { formatSummary } from '../../src/cli/summary-table';
import type { Counts, Summary } from '../../src/core';

const counts = (raw: number, bot: number, clickers: number, humans: number): Counts => ({
  rawClicks: raw,
  botClicks: bot,
  humanClicks: raw - bot,
  unknownClicks: 0,
  rawClickers: clickers,
  humanClickers: humans,
  removedShare: raw === 0 ? 0 : bot / raw,
});

const links = Array.from({ length: 17 }, (_, i) => ({
  link: `https://shop.example.com/${i === 0 ? `a-long-path/${'x'.repeat(80)}/end` : i === 1 ? 'poll/2026-03?utm_source=newsletter&answer=yes&utm_medium=email&utm_campaign=2026-03' : `item-${i}`}`,
  ...counts(20 - i, 1, 20 - i, 19 - i),
}));

const summary: Summary = {
  totals: counts(2400, 1800, 900, 310),
  campaigns: [
    { campaign: 'Spring', sendTime: Date.UTC(2026, 2, 10, 14), sendTimeSource: 'column', links, ...counts(2000, 1500, 700, 250) },
    { campaign: 'Summer', sendTime: null, sendTimeSource: 'none', links: [], ...counts(400, 300, 200, 60) },
  ],
  domains: [
    { domain: 'quiet.example', botClicks: 0, humanClicks: 4, scannedCopies: 0, recipients: 4 },
    { domain: 'corp.example.com', botClicks: 1800, humanClicks: 20, scannedCopies: 600, recipients: 640 },
  ],
  timeline: [],
};

const text = formatSummary(summary, ['Times were read as UTC.'], 'Europe/Berlin');
const lines = text.split('\n');

test('opens with the answer: how many clickers are real people', () => {
  expect(lines[0]).toBe('2,400 clicks: 1,800 bot, 600 human, 0 unknown (75.0% removed).');
  expect(lines[1]).toBe('310 of 900 clickers are real people.');
});

test('one click and one person are singular', () => {
  const one = formatSummary({ ...summary, totals: counts(1, 0, 1, 1), campaigns: [], domains: [] }, [], 'UTC').split('\n');
  expect(one.slice(0, 2)).toEqual(['1 click: 0 bot, 1 human, 0 unknown (0.0% removed).', '1 of 1 clicker is a real person.']);
});

test('one table row per campaign, a total, and the send time in the chosen zone with its source', () => {
  const table = lines.slice(lines.indexOf('Campaigns') + 1, lines.indexOf('Campaigns') + 5);
  expect(table[0]).toMatch(/^ {2}Campaign\s+Clicks\s+Bot\s+Human\s+Unknown\s+Removed\s+Clickers\s+Real people\s+Sent$/);
  expect(table[1]).toMatch(/^ {2}Spring\s+2,000\s+1,500\s+500\s+0\s+75\.0%\s+700\s+250\s+2026-03-10 15:00:00 Europe\/Berlin \(from the data\)$/);
  expect(table[2]).toMatch(/^ {2}Summer\s+400\s+300\s+100\s+0\s+75\.0%\s+200\s+60\s+unknown$/);
  expect(table[3]).toMatch(/^ {2}All campaigns\s+2,400\s+1,800/);
});

test('long links lose their tracking parameters, then their end; long lists are cut, pointing to --json', () => {
  const spring = lines.slice(lines.indexOf('Links in Spring'));
  expect(spring[2]).toMatch(/^ {2}https:\/\/shop\.example\.com\/a-long-path\/x+… +20 /);
  expect(spring[2].indexOf('…')).toBe(2 + 59);
  expect(spring[3]).toMatch(/^ {2}https:\/\/shop\.example\.com\/poll\/2026-03\?answer=yes&… +19 /);
  expect(spring[17]).toBe('  … and 2 more links (--json lists them all)');
});

test('only the domains with bot clicks, worst first, then the notes', () => {
  const domains = lines.slice(lines.indexOf('Recipient domains with bot clicks') + 1);
  expect(domains[0]).toMatch(/Domain\s+Bot clicks\s+Human clicks\s+Scanned copies\s+Recipients/);
  expect(domains[1]).toMatch(/^ {2}corp\.example\.com\s+1,800\s+20\s+600\s+640$/);
  expect(text).not.toContain('quiet.example');
  expect(text.endsWith('Notes\n  - Times were read as UTC.\n')).toBe(true);
});
