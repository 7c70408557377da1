import { at, LINKS, minute, ruleFindings, STORIES } from '../core/rules/oneRule';
import type { SettingsInput } from '../../src/core/settings';
import type { Cell } from '../../src/core/types';
import { duckdb, type Engine } from './engines';
import { sqlRuleFindings } from './ruleFindings';

/**
 * The re-scan rule's SQL finds what the core finds, click for click and in its words: the rest of
 * a scan's visit, the same quick run again, a later run at the scan's pace, a second gateway.
 */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'Sent at'];
const fetches = (email: string, links: string[], start: number, step: number) => links.map((link, i) => [email, 'Spring', link, at(start + i * step), at(0)]);
/** Someone else reading the e-mail's other stories over the day: the e-mail has more links than a run holds. */
const reader = STORIES.slice(2).map((link, i) => ['ann@example.com', 'Spring', link, at((10 + i) * 3600), at(0)]);

let engine: Engine;
beforeAll(async () => {
  engine = await duckdb();
});
afterAll(() => engine.close());

async function sameAsCore(table: Cell[][], settings: SettingsInput = {}): Promise<(string | null)[]> {
  const core = ruleFindings('rescan', table, settings);
  expect(await sqlRuleFindings(engine, 'rescan', table, settings)).toEqual(core);
  return core.map((finding) => finding?.reason ?? null);
}

test('a gateway sweeping a copy at delivery and again five hours later: the second sweep is the re-scan', async () => {
  const reasons = await sameAsCore([HEADER, ...fetches('kim@corp.example.com', LINKS, 20, 0.4), ...fetches('kim@corp.example.com', [...LINKS].reverse(), 5 * 3600, 0.6)]);
  expect(reasons).toEqual([...Array(5).fill(null), ...Array(5).fill('5 links in 2 s, 5 h after a first scan')]);
});

test('a scan that goes on fetching links it already had, at its own pace, is one visit (burst rule off)', async () => {
  const scan = fetches('mo@corp.example.org', LINKS, 20, 10);
  const again = fetches('mo@corp.example.org', [LINKS[0], LINKS[1], LINKS[2]], 70, 10);
  const reasons = await sameAsCore([HEADER, ...scan, ...again], { burst: false });
  // The first link again falls in the sweep's repeat window: the sweep has it already.
  expect(reasons).toEqual([...Array(6).fill(null), 'same visit as a scan 60 s earlier', 'same visit as a scan 70 s earlier']);
});

test("two stories a second apart, and the same two a day later as fast, show each other; tabs at a hand's pace do not", async () => {
  const twice = (email: string, gap: number) => [...fetches(email, STORIES.slice(0, 2), 3 * 3600, gap), ...fetches(email, [STORIES[1], STORIES[0]], 27 * 3600, gap)];
  const reasons = await sameAsCore([HEADER, ...twice('kim@corp.example.com', 1), ...twice('lee@corp.example.com', 4), ...reader]);
  expect(reasons.slice(0, 4)).toEqual(['2 links in 1 s, the same again 24 h later', '2 links in 1 s, the same again 24 h later', '2 links in 1 s, the same 24 h after a first time', '2 links in 1 s, the same 24 h after a first time']);
  expect(reasons.slice(4)).toEqual(Array(4 + reader.length).fill(null));
});

test("a paced sweep repeated hours later is a re-scan; so is a second gateway's quick run while the e-mail is delivered", async () => {
  const paced = [...fetches('kim@corp.example.com', LINKS, 30, 8), ...fetches('kim@corp.example.com', LINKS, 8 * 3600, 8)];
  const second = [...fetches('lee@mail.example.net', LINKS, 25, 0.3), ...fetches('lee@mail.example.net', LINKS.slice(1, 3), 140, 0.5)];
  const reasons = await sameAsCore([HEADER, ...paced, ...second]);
  expect(reasons).toEqual([...Array(5).fill(null), ...Array(5).fill('5 links in 32 s, 8 h after a first scan'), ...Array(5).fill(null), ...Array(2).fill('2 links in 0.5 s, 115 s after a first scan')]);
});

test("in whole minutes a paced scan's first link, stamped a minute before its certain rest, is the scan's too; a reader's click before is not", async () => {
  const INVITE = ['https://events.example.org/rsvp', 'https://events.example.org/venue', 'https://www.example.org/unsubscribe'];
  const stamped = (email: string, stamps: [number, number][]) => stamps.map(([link, m]) => [email, 'Spring', INVITE[link], minute(m), at(0)]);
  expect(await sameAsCore([HEADER, ...stamped('kim@corp.example.com', [[1, 2], [0, 3], [2, 3]])])).toEqual(['same visit as a scan 60 s later', null, null]);
  expect(await sameAsCore([HEADER, ...stamped('lee@corp.example.com', [[1, 0], [0, 2], [1, 3], [2, 3]])])).toEqual([null, 'same visit as a scan 60 s later', null, null]);
});
