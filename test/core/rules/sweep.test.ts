import { sweepLinksNeeded } from '../../../src/core/windows';
import { resolveSettings } from '../../../src/core/settings';
import { at, LINKS, ruleFindings } from './oneRule';

/** One recipient visiting all or most of the e-mail's links within the sweep span. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];
const everyLink = (email: string, start: number, step: number) => LINKS.map((link, i) => [email, 'Spring', link, at(start + i * step)]);

test("a copy whose five links are fetched within 2 s is swept, with every link and the pace in the reason", () => {
  const found = ruleFindings('sweep', [HEADER, ...everyLink('kim@corp.example.com', 3600, 0.5)]);
  expect(found.map((f) => f?.weight)).toEqual([1, 1, 1, 1, 1]);
  expect(found[0]?.reason).toMatch(/^all 5 links in 2 s/);
});

test('a reader clicking two of the five links, and a scan slower than the sweep span, are no sweep', () => {
  const reader = [['lee@example.com', 'Spring', LINKS[0], at(600)], ['lee@example.com', 'Spring', LINKS[2], at(900)]];
  const slow = everyLink('mia@example.com', 100, 400);
  const found = ruleFindings('sweep', [HEADER, ...everyLink('kim@corp.example.com', 20, 0.5), ...reader, ...slow]);
  expect(found.slice(5)).toEqual(Array(7).fill(null));
});

test('an aggregate export without click times is swept by its links alone, and says so', () => {
  const table = [['Email', 'Campaign', 'URL', 'Clicks'], ...LINKS.map((link) => ['kim@corp.example.com', 'Spring', link, 1]), ['lee@example.com', 'Spring', LINKS[0], 2]];
  const found = ruleFindings('sweep', table);
  expect(found[0]?.reason).toMatch(/^all 5 links \(no click times in this export\)/);
  expect(found[5]).toBeNull();
});

test('the links a sweep needs: a share of the e-mail\'s links, at least the fewest (14 % of 50 links is 7, not 8)', () => {
  expect(sweepLinksNeeded(resolveSettings({ sweepMinShare: 0.14 }), 50)).toBe(7);
  expect(sweepLinksNeeded(resolveSettings({}), 5)).toBe(4);
  expect(sweepLinksNeeded(resolveSettings({ sweepMinLinks: 3 }), 2)).toBe(3);
});

test("an e-mail's two links a minute apart are no sweep (a gateway's fetch, then the reader); a second apart they are", () => {
  const invite = ['https://events.example.com/register', 'https://events.example.com/agenda'];
  const rows = [
    ['kim@corp.example.com', 'Invite', invite[0], at(10)],
    ['kim@corp.example.com', 'Invite', invite[1], at(70)],
    ['lee@corp.example.com', 'Invite', invite[0], at(12)],
    ['lee@corp.example.com', 'Invite', invite[1], at(13)],
  ];
  expect(ruleFindings('sweep', [HEADER, ...rows]).map((f) => f?.reason ?? null)).toEqual([null, null, 'all 2 links in 1 s, 1-2 s a link', 'all 2 links in 1 s, 1-2 s a link']);
});
