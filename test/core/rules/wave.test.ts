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
  // The gateway fetched each copy once, so the same link again the next minute is IT's own click.
  expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, 1, 1, null, null]);
});

test('in whole minutes a gateway that fetches each link twice keeps its second fetch in the next minute', () => {
  const sent = minute(0);
  const copies = ['ops', 'it', 'hr', 'pr'].map((name) => `${name}@corp.example.com`);
  const first = copies.map((email) => [email, 'Spring', STORIES[0], minute(1), sent]);
  const again = copies.map((email) => [email, 'Spring', STORIES[0], minute(2), sent]);
  const found = ruleFindings('wave', [HEADER, ...first, ...again]);
  expect(found.map((f) => f?.weight ?? null)).toEqual(Array(8).fill(1));
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

describe('with user agents and addresses', () => {
  const WITH_CLIENT = ['Email', 'Campaign', 'URL', 'Clicked at', 'User agent', 'IP', 'Sent at'];
  const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  const EDGE = `${CHROME} Edg/120.0.2210.91`;
  const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
  const staff = ['ops', 'it', 'hr', 'pr', 'qa'];

  test('two gateways in front of one company, each fetching its own link of every copy, are two waves', () => {
    const first = staff.map((name, i) => [`${name}@corp.example.com`, 'Spring', STORIES[0], at(40 + i * 12), CHROME, '203.0.113.40', SENT]);
    const second = staff.map((name, i) => [`${name}@corp.example.com`, 'Spring', STORIES[4], at(44 + i * 12 + (i % 2) * 9), EDGE, '192.0.2.77', SENT]);
    const found = ruleFindings('wave', [WITH_CLIENT, ...first, ...second]);
    expect(found.map((f) => f?.weight ?? null)).toEqual(Array(10).fill(1));
  });

  test("a colleague's own click on the wave's link, from their phone a minute after the wave fetched it, stays theirs", () => {
    const sent = minute(0);
    const wave = staff.map((name) => [`${name}@corp.example.com`, 'Spring', STORIES[0], minute(1), CHROME, '203.0.113.40', sent]);
    const own = ['ops@corp.example.com', 'Spring', STORIES[0], minute(2), PHONE, '198.51.100.7', sent];
    const found = ruleFindings('wave', [WITH_CLIENT, ...wave, own]);
    expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, 1, 1, 1, null]);
  });

  test("a copy fetched alike from another of the gateway's nodes is the wave's; a colleague's click from the office is not", () => {
    const wave = staff.slice(0, 4).map((name, i) => [`${name}@corp.example.com`, 'Spring', STORIES[0], at(40 + i * 12), CHROME, '203.0.113.40', SENT]);
    const otherNode = ['qa@corp.example.com', 'Spring', STORIES[0], at(70), CHROME, '198.18.4.9', SENT];
    // At the office network, where colleagues click later in the day too.
    const office = ['ceo@corp.example.com', 'Spring', STORIES[0], at(75), CHROME, '198.51.100.7', SENT];
    const later = ['cfo@corp.example.com', 'Spring', STORIES[2], at(7200), PHONE, '198.51.100.8', SENT];
    const found = ruleFindings('wave', [WITH_CLIENT, ...wave, otherNode, office, later]);
    expect(found.map((f) => f?.weight ?? null)).toEqual([1, 1, 1, 1, 1, null, null]);
  });
});
