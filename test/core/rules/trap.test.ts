import { at, minute, ruleFindings, STORIES } from './oneRule';

/** Hidden links only machines follow, and the same recipient's clicks around a hit. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];
const TRAP = 'https://www.example.com/hidden-trap';

test("a hit on a trap link is certain, and so is the same recipient's click within 5 min of it; later ones and other people's are not", () => {
  const table = [HEADER, ['kim@example.com', 'Spring', TRAP, at(100)], ['kim@example.com', 'Spring', STORIES[0], at(220)], ['kim@example.com', 'Spring', STORIES[1], at(1000)], ['lee@example.com', 'Spring', STORIES[0], at(110)]];
  const found = ruleFindings('trap', table, { trapLinks: [TRAP] });
  expect(found).toEqual([{ weight: 1, reason: 'clicked a trap link' }, { weight: 1, reason: '2 min from a trap-link click' }, null, null]);
});

test('without trap links the rule finds nothing', () => {
  expect(ruleFindings('trap', [HEADER, ['kim@example.com', 'Spring', TRAP, at(100)]])).toEqual([null]);
});

test('in whole minutes a 90 s trap window is rounded up to 2 minutes, like every other window', () => {
  const table = [HEADER, ['kim@example.com', 'Spring', TRAP, minute(10)], ['kim@example.com', 'Spring', STORIES[0], minute(12)], ['kim@example.com', 'Spring', STORIES[1], minute(13)]];
  const found = ruleFindings('trap', table, { trapLinks: [TRAP], trapWindowSeconds: 90 });
  expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, null]);
});
