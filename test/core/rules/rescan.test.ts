import { at, LINKS, ruleFindings } from './oneRule';

/** Once a copy is certainly scanned, the gateway's later visits at the scan's pace are scans too. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];
const sweep = (email: string, start: number) => LINKS.map((link, i) => [email, 'Spring', link, at(start + i * 0.4)]);

test("a gateway sweeping a copy again three hours after its first scan is re-scanning it", () => {
  const found = ruleFindings('rescan', [HEADER, ...sweep('kim@corp.example.com', 20), ...sweep('kim@corp.example.com', 3 * 3600)]);
  expect(found.slice(0, 5)).toEqual(Array(5).fill(null));
  expect(found.slice(5).map((f) => f?.weight)).toEqual([1, 1, 1, 1, 1]);
  expect(found[5]?.reason).toMatch(/^5 links in 2 s, 3 h after a first scan$/);
});

test("the reader's own click an hour after the scan is not part of it, and a copy never scanned has no re-scan", () => {
  const found = ruleFindings('rescan', [HEADER, ...sweep('kim@corp.example.com', 20), ['kim@corp.example.com', 'Spring', LINKS[1], at(3600)], ['lee@example.com', 'Spring', LINKS[0], at(900)], ['lee@example.com', 'Spring', LINKS[1], at(960)]]);
  expect(found.slice(5)).toEqual([null, null, null]);
});

test("stories a reader opens in tabs hours after a slow scan are not a re-scan; the scan's links again are", () => {
  const HEADER_SENT = [...HEADER, 'Sent at'];
  // A scan at 2 s a link, seconds after send: certain, and slow enough that tabs 3 s apart keep its pace.
  const scan = LINKS.map((link, i) => ['kim@corp.example.com', 'Spring', link, at(5 + i * 2), at(0)]);
  const tabs = [1, 2, 0].map((link, i) => ['kim@corp.example.com', 'Spring', LINKS[link], at(5 * 3600 + i * 3), at(0)]);
  const again = LINKS.map((link, i) => ['lee@corp.example.com', 'Spring', link, at(7 + i * 2), at(0)]).concat(LINKS.map((link, i) => ['lee@corp.example.com', 'Spring', link, at(6 * 3600 + i * 3), at(0)]));
  const found = ruleFindings('rescan', [HEADER_SENT, ...scan, ...tabs, ...again]);
  expect(found.slice(5, 8)).toEqual([null, null, null]);
  expect(found.slice(13).map((f) => f?.reason)).toEqual(Array(5).fill('5 links in 12 s, 6 h after a first scan'));
});

test('two stories fetched a second apart, and the same two again a day later as fast, are a scan and its re-scan; tabs at a hand\'s pace are not', () => {
  const STORY = ['https://blog.example.org/story-1', 'https://blog.example.org/story-2'];
  const twice = (email: string, gapSeconds: number) => [
    [email, 'Spring', STORY[0], at(3 * 3600), at(0)],
    [email, 'Spring', STORY[1], at(3 * 3600 + gapSeconds), at(0)],
    [email, 'Spring', STORY[1], at(27 * 3600), at(0)],
    [email, 'Spring', STORY[0], at(27 * 3600 + gapSeconds), at(0)],
  ];
  // The e-mail has more links than these two, read by someone else over the day.
  const reader = [3, 4, 5].map((n, i) => ['ann@example.com', 'Spring', `https://blog.example.org/story-${n}`, at((10 + i) * 3600), at(0)]);
  const found = ruleFindings('rescan', [[...HEADER, 'Sent at'], ...twice('kim@corp.example.com', 1), ...twice('lee@corp.example.com', 4), ...reader]);
  expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, 1, 1, null, null, null, null, null, null, null]);
  expect(found[0]?.reason).toBe('2 links in 1 s, the same again 24 h later');
  expect(found[2]?.reason).toBe('2 links in 1 s, the same 24 h after a first time');
});

test('after a certain scan, a quick run with the unsubscribe link is a re-scan even a little slower than the scan', () => {
  const HEADER_SENT = [...HEADER, 'Sent at'];
  const rows = [
    ['kim@corp.example.com', 'Spring', LINKS[1], at(10), at(0)],
    ['kim@corp.example.com', 'Spring', LINKS[4], at(10), at(0)],
    ['kim@corp.example.com', 'Spring', LINKS[4], at(19 * 3600), at(0)],
    ['kim@corp.example.com', 'Spring', LINKS[1], at(19 * 3600 + 2), at(0)],
  ];
  // The e-mail has more links than these two, read by someone else over the day.
  const reader = [0, 2, 3].map((link, i) => ['ann@example.com', 'Spring', LINKS[link], at((10 + i) * 3600), at(0)]);
  const found = ruleFindings('rescan', [HEADER_SENT, ...rows, ...reader]);
  expect(found.slice(2, 4).map((f) => f?.weight ?? null)).toEqual([1, 1]);
});

test('the first of two quick runs on the same links is the scan too when only the later one is certain', () => {
  const STORY = ['https://blog.example.org/story-1', 'https://blog.example.org/story-2'];
  const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  const rows = [
    ['kim@corp.example.com', 'Spring', STORY[0], at(3 * 3600), CHROME, at(0)],
    ['kim@corp.example.com', 'Spring', STORY[1], at(3 * 3600 + 1), CHROME, at(0)],
    // The gateway comes back a day later, this time showing what it is.
    ['kim@corp.example.com', 'Spring', STORY[1], at(27 * 3600), 'python-requests/2.32.3', at(0)],
    ['kim@corp.example.com', 'Spring', STORY[0], at(27 * 3600 + 1), 'python-requests/2.32.3', at(0)],
  ];
  const reader = [3, 4, 5].map((n, i) => ['ann@example.com', 'Spring', `https://blog.example.org/story-${n}`, at((10 + i) * 3600), CHROME, at(0)]);
  const found = ruleFindings('rescan', [[...HEADER, 'User agent', 'Sent at'], ...rows, ...reader]);
  expect(found.slice(0, 2)).toEqual([{ weight: 1, reason: '2 links in 1 s, the same again 24 h later' }, { weight: 1, reason: '2 links in 1 s, the same again 24 h later' }]);
});

test("a second gateway's quick run two minutes after the copy was scanned, while the e-mail is delivered, is a scan too; tabs an hour later are not", () => {
  const HEADER_SENT = [...HEADER, 'Sent at'];
  const scan = LINKS.map((link, i) => ['kim@corp.example.com', 'Spring', link, at(20 + i * 0.3), at(0)]);
  const secondGateway = [1, 2].map((link, i) => ['kim@corp.example.com', 'Spring', LINKS[link], at(140 + i * 0.5), at(0)]);
  const tabs = [1, 2].map((link, i) => ['lee@other.example.org', 'Spring', LINKS[link], at(3600 + i * 0.5), at(0)]);
  const leeScan = LINKS.map((link, i) => ['lee@other.example.org', 'Spring', link, at(25 + i * 0.3), at(0)]);
  const found = ruleFindings('rescan', [HEADER_SENT, ...scan, ...secondGateway, ...leeScan, ...tabs]);
  expect(found.slice(5, 7)).toEqual([{ weight: 1, reason: '2 links in 0.5 s, 2 min after a first scan' }, { weight: 1, reason: '2 links in 0.5 s, 2 min after a first scan' }]);
  expect(found.slice(12)).toEqual([null, null]);
});

test("in whole minutes a paced scan's first link, stamped a minute before its certain rest, is the scan's too; a reader's click two minutes before is not", () => {
  const minuteStamp = (m: number) => at(m * 60).replace('T', ' ').slice(0, 16);
  const SHORT = ['https://events.example.com/register', 'https://events.example.com/agenda', 'https://www.example.com/unsubscribe'];
  const copy = (email: string, stamps: [number, number][]) => stamps.map(([link, m]) => [email, 'Spring', SHORT[link], minuteStamp(m), at(0)]);
  const paced = ruleFindings('rescan', [[...HEADER, 'Sent at'], ...copy('kim@corp.example.com', [[0, 2], [1, 3], [2, 3]])]);
  expect(paced[0]).toEqual({ weight: 1, reason: 'same visit as a scan 60 s later' });
  const readFirst = ruleFindings('rescan', [[...HEADER, 'Sent at'], ...copy('lee@corp.example.com', [[1, 0], [0, 2], [1, 3], [2, 3]])]);
  expect(readFirst.slice(0, 2)).toEqual([null, { weight: 1, reason: 'same visit as a scan 60 s later' }]);
});

test("in whole minutes a re-scan cut by a minute's edge is one re-scan: its link stamped the minute before counts with it", () => {
  const minuteStamp = (m: number) => at(m * 60).replace('T', ' ').slice(0, 16);
  const SHORT = ['https://events.example.com/register', 'https://events.example.com/agenda', 'https://www.example.com/unsubscribe'];
  const copy = (stamps: [number, number][]) => stamps.map(([link, m]) => ['kim@corp.example.com', 'Spring', SHORT[link], minuteStamp(m), at(0)]);
  const found = ruleFindings('rescan', [[...HEADER, 'Sent at'], ...copy([[0, 0], [1, 0], [2, 0], [0, 300], [1, 301], [2, 301]])]);
  expect(found.slice(3)).toEqual(Array(3).fill({ weight: 1, reason: '3 links in 60 s, 5 h after a first scan' }));
});
