import { at, minute, ruleFindings, STORIES } from './oneRule';

/** A gateway scanning every copy delivered to one company: first clicks that chain together soon after send. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'Sent at'];
const SENT = at(0);

test('three recipients at one company each fetching one link within 30 s, a minute after send, are a wave', () => {
  const rows = ['ops', 'it', 'hr'].map((name, i) => [`${name}@corp.example.com`, 'Spring', STORIES[0], at(60 + i * 15), SENT]);
  const found = ruleFindings('wave', [HEADER, ...rows]);
  expect(found.map((f) => f?.weight)).toEqual([1, 1, 1]);
  expect(found[0]?.reason).toBe('one of 3 recipients at corp.example.com clicking within 30 s, 60 s after send');
});

test('the same clicks by strangers at a mailbox provider are no wave, nor are readers hours apart', () => {
  const strangers = ['ann', 'ben', 'cat'].map((name, i) => [`${name}@gmail.com`, 'Spring', STORIES[0], at(60 + i * 15), SENT]);
  const readers = ['ops', 'it', 'hr'].map((name, i) => [`${name}@corp.example.com`, 'Spring', STORIES[i], at(3600 * (i + 2)), SENT]);
  expect(ruleFindings('wave', [HEADER, ...strangers, ...readers])).toEqual(Array(6).fill(null));
});

test("in whole minutes a colleague's click the minute after the wave fetched their copy is not the wave's", () => {
  const STAMPED = ['Email', 'Campaign', 'URL', 'Clicked at', 'Sent at'];
  const sent = minute(0);
  const wave = ['ops', 'it', 'hr', 'pr'].map((name) => [`${name}@corp.example.com`, 'Spring', STORIES[0], minute(1), sent]);
  const found = ruleFindings('wave', [STAMPED, ...wave, ['ops@corp.example.com', 'Spring', STORIES[3], minute(2), sent], ['it@corp.example.com', 'Spring', STORIES[0], minute(2), sent]]);
  expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, 1, 1, null, 1]);
});

test("a copy whose first second holds the wave's link and another is still one of the wave's copies", () => {
  // The gateway fetched story 2 of each copy; at the HR copy it fetched story 1 in the same second.
  // Clicks stamped alike are ordered by link, so story 1 comes first there: the wave still holds it.
  const rows = [
    ['hr@corp.example.com', 'Spring', STORIES[0], at(75), SENT],
    ['ops@corp.example.com', 'Spring', STORIES[1], at(60), SENT],
    ['it@corp.example.com', 'Spring', STORIES[1], at(110), SENT],
    ['hr@corp.example.com', 'Spring', STORIES[1], at(75), SENT],
  ];
  const found = ruleFindings('wave', [HEADER, ...rows]);
  expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, 1, 1]);
  expect(found[3]?.reason).toBe('one of 3 recipients at corp.example.com clicking within 50 s, 75 s after send');
});
