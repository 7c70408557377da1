import { at, LINKS, minute, ruleFindings, STORIES } from '../core/rules/oneRule';
import type { Cell } from '../../src/core/types';
import { duckdb, type Engine } from './engines';
import { sqlRuleFindings } from './ruleFindings';

/**
 * The sweep rule's SQL finds the core's runs, click for click, with the core's weight and words:
 * the shortest runs that reach the needed links, one after another in a copy.
 */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];
const visit = (email: string, links: string[], start: number, step: number, stamp = at) => links.map((link, i) => [email, 'Spring', link, stamp(start + i * step)]);

let engine: Engine;
beforeAll(async () => {
  engine = await duckdb();
});
afterAll(() => engine.close());

/** The SQL's sweep findings are the core's; the core's reasons are returned for the story's own checks. */
async function sameAsCore(table: Cell[][]): Promise<(string | null)[]> {
  const core = ruleFindings('sweep', table);
  expect(await sqlRuleFindings(engine, 'sweep', table)).toEqual(core);
  return core.map((finding) => finding?.reason ?? null);
}

test('a gateway fetching the five links in 2 s is swept; a reader clicking two of them is not', async () => {
  const reasons = await sameAsCore([HEADER, ...visit('kim@corp.example.com', LINKS, 3600, 0.5), ...visit('lee@example.com', [LINKS[0], LINKS[2]], 600, 300)]);
  expect(reasons).toEqual([...Array(5).fill('all 5 links in 2 s, incl. unsubscribe, machine pace'), null, null]);
});

test("the scan's run stops where the reader's own clicks begin, seconds later in the same visit", async () => {
  const scan = visit('kim@corp.example.com', LINKS.slice(0, 4), 20, 1);
  const reader = visit('kim@corp.example.com', [LINKS[1], LINKS[4]], 40, 20);
  const reasons = await sameAsCore([HEADER, ...scan, ...reader]);
  expect(reasons.slice(0, 4)).toEqual(Array(4).fill(reasons[0]));
  expect(reasons[0]).toMatch(/^4 of 5 links in 3 s/);
  expect(reasons.slice(4)).toEqual([null, null]);
});

test('a copy swept at delivery and again six hours later holds two runs, each with its own span', async () => {
  const reasons = await sameAsCore([HEADER, ...visit('kim@corp.example.com', LINKS, 30, 0.5), ...visit('kim@corp.example.com', [...LINKS].reverse(), 6 * 3600, 3)]);
  expect(reasons[0]).toMatch(/^all 5 links in 2 s/);
  expect(reasons[5]).toMatch(/^all 5 links in 12 s/);
});

test('a checker cycling through the links every 25 s makes run after run, each cut where a link comes again', async () => {
  const cycling = Array.from({ length: 40 }, (_, i) => ['kim@corp.example.com', 'Spring', LINKS[i % 5], at(3600 + 25 * i)]);
  const reasons = await sameAsCore([HEADER, ...cycling]);
  // Eight runs of five links, 100 s each: every click is in one (a walk that stopped after the first
  // run would leave 35 unflagged).
  expect(reasons).toEqual(Array(40).fill('all 5 links in 100 s, incl. unsubscribe'));
});

test('a scanner pacing itself at 20 s a link goes on past the needed links to the ones it lacks', async () => {
  const links = [...STORIES, ...LINKS.slice(0, 4)];
  const reader = visit('lee@example.com', links, 7200, 600);
  const reasons = await sameAsCore([HEADER, ...visit('kim@corp.example.com', links, 120, 20), ...reader]);
  expect(reasons.slice(0, 10)).toEqual(Array(10).fill(reasons[0]));
  expect(reasons[0]).toMatch(/^all 10 links in 3 min/);
  expect(reasons.slice(10)).toEqual(Array(10).fill(null));
});

test('in whole minutes, as Constant Contact writes them, a sweep is timed to the minute', async () => {
  const reasons = await sameAsCore([HEADER, ...visit('kim@corp.example.com', LINKS, 3, 0, minute), ...visit('lee@example.com', LINKS.slice(0, 4), 30, 1, minute)]);
  expect(reasons[0]).toMatch(/^all 5 links in the same minute/);
  expect(reasons[5]).toMatch(/^4 of 5 links in 3 min/);
});
