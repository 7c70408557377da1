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

test("among copies swept link after link in no common order, a colleague's lone click on a story is theirs", () => {
  const staff = ['ops', 'it', 'hr', 'pr', 'qa', 'cfo'].map((name) => `${name}@corp.example.com`);
  // Each copy swept in its own order, so no link is most copies' first.
  const swept = staff.flatMap((email, i) => [0, 1, 2, 3].map((k) => [email, 'Spring', STORIES[(i + k) % 4], at(30 + i * 20 + k * 0.5), SENT]));
  const colleague = ['ann@corp.example.com', 'Spring', STORIES[5], at(100), SENT];
  const found = ruleFindings('wave', [HEADER, ...swept, colleague]);
  expect(found.map((f) => f?.weight ?? null)).toEqual([...Array(24).fill(1), null]);
});

describe('two gateways in front of one company, without user agents or addresses', () => {
  const staff = ['ops', 'it', 'hr', 'pr', 'qa', 'cfo', 'ceo', 'dev'].map((name) => `${name}@corp.example.com`);

  test("each copy fetched on both gateways' links, either first, up to a minute apart: both fetches are the waves'; a reader's link is not", () => {
    // Half the copies get story 1 first, half story 5: neither link is most copies' first click.
    const rows = staff.flatMap((email, i) => {
      const [early, late] = i % 2 === 0 ? [STORIES[0], STORIES[4]] : [STORIES[4], STORIES[0]];
      return [[email, 'Spring', early, at(20 + i * 5), SENT], [email, 'Spring', late, at(20 + i * 5 + 45), SENT]];
    });
    const reader = ['ops@corp.example.com', 'Spring', STORIES[2], at(3 * 3600), SENT];
    const found = ruleFindings('wave', [HEADER, ...rows, reader]);
    expect(found.map((f) => f?.weight ?? null)).toEqual([...Array(16).fill(1), null]);

    // A copy greylisted and delivered a quarter of an hour later gets both fetches within seconds;
    // a colleague reading two stories then does not.
    const late = [['dan@corp.example.com', 'Spring', STORIES[4], at(900), SENT], ['dan@corp.example.com', 'Spring', STORIES[0], at(902), SENT]];
    const colleague = [['eve@corp.example.com', 'Spring', STORIES[0], at(950), SENT], ['eve@corp.example.com', 'Spring', STORIES[2], at(960), SENT]];
    const withLate = ruleFindings('wave', [HEADER, ...rows, ...late, ...colleague]);
    expect(withLate.slice(16).map((f) => f?.weight ?? null)).toEqual([1, 1, null, null]);
  });

  test("in whole minutes, the second gateway's link stamped the minute after the first's on most copies is the waves' too; a sweep's next link is left to the sweep", () => {
    const sent = minute(0);
    const first = staff.slice(0, 6).map((email) => [email, 'Spring', STORIES[0], minute(1), sent]);
    const second = staff.slice(0, 5).map((email) => [email, 'Spring', STORIES[4], minute(2), sent]);
    const found = ruleFindings('wave', [HEADER, ...first, ...second]);
    expect(found.map((f) => f?.weight ?? null)).toEqual(Array(11).fill(1));
    // A gateway sweeping every story fetches the same next link too, but its visits hold them all.
    const swept = staff.slice(0, 6).flatMap((email) => STORIES.slice(0, 4).map((link, k) => [email, 'Spring', link, minute(1 + Math.min(k, 1)), sent]));
    const sweepFound = ruleFindings('wave', [HEADER, ...swept]);
    expect(sweepFound.filter((f, i) => f !== null && i % 4 !== 0)).toEqual([]);
  });

  test('in whole minutes, copies only the second gateway fetched, within the first wave, are a wave too; readers clicking later on several links are not', () => {
    const sent = minute(0);
    // The first gateway fetches story 1 of five copies; the second fetches story 5 of the three others.
    const first = staff.slice(0, 5).map((email, i) => [email, 'Spring', STORIES[0], minute(i < 3 ? 0 : 2), sent]);
    const second = staff.slice(5).map((email) => [email, 'Spring', STORIES[4], minute(1), sent]);
    const readers = ['ann', 'ben', 'cat'].map((name, i) => [`${name}@corp.example.com`, 'Spring', STORIES[1 + i], minute(40 + i), sent]);
    const found = ruleFindings('wave', [HEADER, ...first, ...second, ...readers]);
    expect(found.map((f) => f?.weight ?? null)).toEqual([...Array(8).fill(1), null, null, null]);
  });
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
