import { at, LINKS, ruleFindings, STORIES } from './oneRule';

/** The marketer's own rule: more than three clicks by one recipient on one e-mail within a minute. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];

test('four clicks within a minute, starting seconds after send, are a certain burst', () => {
  const rows = [0, 1, 2, 4].map((i, k) => ['kim@corp.example.com', 'Spring', LINKS[i], at(20 + k * 5)]);
  const found = ruleFindings('burst', [HEADER, ...rows]);
  expect(found.map((f) => f?.weight)).toEqual([1, 1, 1, 1]);
  expect(found[0]?.reason).toMatch(/^4 clicks in 15 s/);
});

test('a reader opening four stories in tabs an hour later is only a hint, and three clicks are no burst', () => {
  const tabs = [0, 1, 2, 3].map((i, k) => ['lee@example.com', 'Spring', STORIES[i], at(3600 + k * 8)]);
  const three = [0, 1, 2].map((i, k) => ['mia@example.com', 'Spring', LINKS[i], at(30 + k * 2)]);
  const found = ruleFindings('burst', [HEADER, ...tabs, ...three]);
  expect(found.slice(0, 4).map((f) => f?.weight)).toEqual([0.4, 0.4, 0.4, 0.4]);
  expect(found[0]?.reason).toMatch(/like a reader opening tabs$/);
  expect(found.slice(4)).toEqual([null, null, null]);
});

test('the burst settings: more clicks allowed, or the rule switched off, find nothing', () => {
  const rows = [0, 1, 2, 4].map((i, k) => ['kim@corp.example.com', 'Spring', LINKS[i], at(20 + k * 5)]);
  expect(ruleFindings('burst', [HEADER, ...rows], { burstMaxClicks: 4 })).toEqual([null, null, null, null]);
  expect(ruleFindings('burst', [HEADER, ...rows], { burst: false })).toEqual([null, null, null, null]);
});
