import { at, minute, ruleFindings, STORIES } from './oneRule';

/** Different links clicked faster than a hand moves. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];
const clicks = (email: string, times: (string | number)[]) => times.map((t, i) => [email, 'Spring', STORIES[i], typeof t === 'number' ? at(t) : t]);
/** Other readers clicking every story, a day apart: the e-mail has six links, so two are no sweep. */
const OTHERS = STORIES.map((link, i) => [`reader${i}@example.com`, 'Spring', link, at(86400 * (i + 1))]);

test('two links 0.3 s apart an hour after send are strong, three such links certain', () => {
  const found = ruleFindings('rapid', [HEADER, ...clicks('kim@corp.example.com', [3600, 3600.3]), ...clicks('lee@corp.example.com', [7200, 7200.3, 7200.6]), ...OTHERS]);
  expect(found.slice(0, 5).map((f) => f?.weight)).toEqual([0.6, 0.6, 1, 1, 1]);
  expect(found[0]?.reason).toBe('2 links in 0.3 s, faster than a hand');
});

test('two links 1.5 s apart are quick for a hand: a hint; 4 s apart nothing', () => {
  const found = ruleFindings('rapid', [HEADER, ...clicks('kim@example.com', [3600, 3601.5]), ...clicks('lee@example.com', [7200, 7204]), ...OTHERS]);
  expect(found.slice(0, 4).map((f) => f?.weight ?? null)).toEqual([0.4, 0.4, null, null]);
  expect(found[0]?.reason).toMatch(/quick for a hand$/);
});

test('in whole minutes, two links stamped in one minute are no hint on their own', () => {
  const table = [HEADER, ...clicks('kim@example.com', [minute(75), minute(75)]), ...clicks('lee@example.com', [minute(80), minute(81)]), ...OTHERS.map((row, i) => [...row.slice(0, 3), minute(1440 * (i + 1))])];
  expect(ruleFindings('rapid', table).slice(0, 4)).toEqual([null, null, null, null]);
});
