import { at, ruleFindings, STORIES } from './oneRule';

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
