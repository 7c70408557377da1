import { at, minute, ruleFindings, STORIES } from './oneRule';

/** Clicks within seconds of their copy's delivery or, as here, of the campaign's send; and clicks before it. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'Sent at'];
const DELIVERED = at(60);

test('one click 10 s after send weighs against it, but not enough alone', () => {
  const found = ruleFindings('tooSoon', [HEADER, ['kim@example.com', 'Spring', STORIES[0], at(70), DELIVERED]]);
  expect(found).toEqual([{ weight: 0.5, reason: '10 s after send' }]);
});

test('two different links within 20 s of send are certain; a click 5 min later is nothing', () => {
  const found = ruleFindings('tooSoon', [HEADER, ['kim@example.com', 'Spring', STORIES[0], at(70), DELIVERED], ['kim@example.com', 'Spring', STORIES[1], at(80), DELIVERED], ['kim@example.com', 'Spring', STORIES[2], at(360), DELIVERED]]);
  expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, null]);
  expect(found[0]?.reason).toBe('2 links within 21 s of send');
});

test('a click a minute before the send is certain', () => {
  const found = ruleFindings('tooSoon', [HEADER, ['kim@example.com', 'Spring', STORIES[0], at(0), DELIVERED]]);
  expect(found).toEqual([{ weight: 1, reason: '60 s before send' }]);
});

test("a person's click from their own browser and network half a minute after the gateway's fetch of their copy is not one visit with it", () => {
  const WITH_CLIENT = ['Email', 'Campaign', 'URL', 'Clicked at', 'User agent', 'IP', 'Sent at'];
  const gateway = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', '203.0.113.40'];
  const person = ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', '198.51.100.7'];
  const rows = [
    ['kim@example.com', 'Spring', STORIES[0], at(70), ...gateway, DELIVERED],
    ['kim@example.com', 'Spring', STORIES[1], at(100), ...person, DELIVERED],
  ];
  const found = ruleFindings('tooSoon', [WITH_CLIENT, ...rows]);
  expect(found.map((f) => f?.weight ?? null)).toEqual([0.5, null]);
  // The same two clicks from one browser and network are one visit: two links within 40 s.
  const oneClient = ruleFindings('tooSoon', [WITH_CLIENT, rows[0], [...rows[1].slice(0, 4), ...gateway, DELIVERED]]);
  expect(oneClient.map((f) => f?.weight ?? null)).toEqual([1, 1]);
});

test("a one-link wave's fetch and its reader's other link the minute after are no early run: the wave fetched that copy once", () => {
  const staff = ['ops', 'it', 'hr', 'pr', 'cfo', 'legal'].map((name) => `${name}@corp.example.com`);
  const rows = [...staff.map((email) => [email, 'Spring', STORIES[0], minute(1)]), ['it@corp.example.com', 'Spring', STORIES[2], minute(2)]];
  const alone = [['kim@example.org', 'Spring', STORIES[0], minute(1)], ['kim@example.org', 'Spring', STORIES[2], minute(2)]];
  const found = ruleFindings('tooSoon', [['Email', 'Campaign', 'URL', 'Clicked at'], ...rows, ...alone]);
  expect(found[6]?.reason ?? '').not.toMatch(/links within/);
  // Without a wave the same two links are an early run.
  expect(found[8]?.reason).toMatch(/^2 links within/);
});
