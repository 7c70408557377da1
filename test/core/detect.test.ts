import { BotclickError, detect, OVERRIDE_HEADER, plainText, type Cell } from '../../src/core';

/**
 * Small exports a marketer could paste, each telling one part of the story: what gets a verdict,
 * what gets `unknown` and why, what the user can overrule, and what the summary counts.
 */

const SEND = Date.UTC(2026, 2, 10, 14, 0, 0);
const at = (seconds: number) => new Date(SEND + seconds * 1000).toISOString();
const LINKS = ['https://shop.example.com/sale', 'https://shop.example.com/new', 'https://blog.example.org/tips', 'https://www.example.com/web-version', 'https://www.example.com/unsubscribe'];

/** A scanner fetching every link a second after the other, a minute after send, for one copy. */
function sweep(email: string, startSeconds: number): Cell[][] {
  return LINKS.map((link, i) => [email, 'Spring', link, at(startSeconds + i * 0.4)]);
}

const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];

describe('verdicts for each click', () => {
  const table: Cell[][] = [
    HEADER,
    ...sweep('frank@corp.example.com', 67),
    ['frank@corp.example.com', 'Spring', LINKS[0], at(2.5 * 3600)],
    ['alice@example.com', 'Spring', LINKS[0], at(3600)],
    [null, null, null, null],
    ['bob@example.org', 'Spring', LINKS[2], 'next tuesday'],
    ['carol@example.com', 'Spring', LINKS[1], ''],
    ['', 'Spring', LINKS[1], at(4000)],
  ];
  const detection = detect(table, {});

  test('the scanner sweep is bot, with a reason that says how fast and how soon', () => {
    expect(detection.verdicts.slice(0, 5)).toEqual(['bot', 'bot', 'bot', 'bot', 'bot']);
    expect(detection.reasons[0]).toMatch(/^all 5 links in 2 s/);
  });

  test("the same recipient's own click hours later stays human", () => {
    expect(detection.verdicts[5]).toBe('human');
    expect(detection.verdicts[6]).toBe('human');
  });

  test('every row keeps its place: a blank row gets no verdict', () => {
    expect(detection.verdicts).toHaveLength(table.length - 1);
    expect(detection.verdicts[7]).toBeNull();
    expect(detection.reasons[7]).toBe('');
  });

  test('a time that cannot be read, a missing time and a missing recipient give unknown with the reason', () => {
    expect([detection.verdicts[8], detection.reasons[8]]).toEqual(['unknown', 'could not read the click time "next tuesday"']);
    expect([detection.verdicts[9], detection.reasons[9]]).toEqual(['unknown', 'no click time in this row']);
    expect([detection.verdicts[10], detection.reasons[10]]).toEqual(['unknown', 'no recipient in this row']);
  });

  test('the summary counts real people per campaign and per link', () => {
    const [spring] = detection.summary.campaigns;
    expect(spring).toMatchObject({ campaign: 'Spring', rawClicks: 10, botClicks: 5, humanClicks: 2, unknownClicks: 3, rawClickers: 4, humanClickers: 2 });
    expect(spring.links.find((link) => link.link === LINKS[0])).toMatchObject({ rawClicks: 3, botClicks: 1, humanClicks: 2, humanClickers: 2 });
    expect(detection.summary.totals.removedShare).toBeCloseTo(0.5);
    expect(detection.summary.domains.find((d) => d.domain === 'corp.example.com')).toMatchObject({ botClicks: 5, scannedCopies: 1 });
  });
});

describe('what the user and the platform know', () => {
  test('an Override column overrules the detector, and the summary follows it', () => {
    const table: Cell[][] = [[...HEADER, OVERRIDE_HEADER], ...sweep('frank@corp.example.com', 67).map((row, i) => [...row, i === 0 ? 'Human' : ''])];
    const detection = detect(table, {});
    expect(detection.verdicts[0]).toBe('human');
    expect(detection.reasons[0]).toMatch(/^set by you; detector said bot: /);
    expect(detection.summary.totals.humanClicks).toBe(1);
  });

  test("the platform's own bot flag and a scanner's user agent are enough on their own", () => {
    const table: Cell[][] = [
      ['recipient', 'url', 'timestamp', 'client-info.bot', 'client-info.user-agent'],
      ['dave@example.org', LINKS[1], SEND / 1000 + 9000, 'generic', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/122.0'],
      ['erin@example.com', LINKS[1], SEND / 1000 + 9100, '', 'python-requests/2.31.0'],
      ['gina@example.com', LINKS[1], 'garbled', '', 'python-requests/2.31.0'],
      ['hank@example.com', LINKS[1], SEND / 1000 + 9200, '', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) Safari/604.1'],
    ];
    const detection = detect(table, {});
    expect(detection.verdicts).toEqual(['bot', 'bot', 'bot', 'human']);
    expect(detection.reasons[0]).toBe('flagged by the e-mail platform (generic)');
    expect(detection.reasons[1]).toBe('scanner user agent (python-requests)');
  });

  test('a trap link flags the recipient who hits it and their clicks around it', () => {
    const table: Cell[][] = [
      HEADER,
      ['ivan@corp.example.com', 'Spring', LINKS[0], at(600)],
      ['ivan@corp.example.com', 'Spring', 'https://www.example.com/hidden-trap?x=1', at(601)],
      ['ivan@corp.example.com', 'Spring', LINKS[0], at(7200)],
    ];
    const detection = detect(table, { trapLinks: ['https://www.example.com/hidden-trap'] });
    expect(detection.verdicts).toEqual(['bot', 'bot', 'human']);
    expect(detection.reasons[1]).toBe('clicked a trap link');
    expect(detection.reasons[0]).toBe('1 s from a trap-link click');
  });

  test('in an event log only clicks are judged, and deliveries give each copy its delivery time', () => {
    const table: Cell[][] = [
      ['event', 'email', 'url', 'timestamp'],
      ['delivered', 'jane@corp.example.com', '', at(60)],
      ['click', 'jane@corp.example.com', LINKS[0], at(63)],
      ['click', 'jane@corp.example.com', LINKS[1], at(63.5)],
      ['open', 'jane@corp.example.com', '', at(70)],
    ];
    const detection = detect(table, {});
    expect(detection.verdicts).toEqual([null, 'bot', 'bot', null]);
    expect(detection.reasons[1]).toBe("2 links within 4 s of delivery");
  });
});

describe('time resolution and exports without times', () => {
  test('whole-minute times: more than 3 clicks in the same minute is still a burst', () => {
    const minute = (m: number) => `2026-03-10 14:${String(m).padStart(2, '0')}:00`;
    const table: Cell[][] = [
      HEADER,
      ...LINKS.slice(0, 4).map((link) => ['kim@corp.example.com', 'Spring', link, minute(1)]),
      ['lee@example.com', 'Spring', LINKS[0], minute(30)],
      ['lee@example.com', 'Spring', LINKS[1], minute(31)],
    ];
    const detection = detect(table, {});
    expect(detection.verdicts).toEqual(['bot', 'bot', 'bot', 'bot', 'human', 'human']);
    expect(detection.reasons[0]).toMatch(/in the same minute/);
  });

  test('an aggregate export (clicks per recipient and link, no times) still finds every-link clickers', () => {
    const table: Cell[][] = [
      ['email_address', 'campaign_id', 'url', 'clicks'],
      ...LINKS.map((link) => ['scan@corp.example.com', 'b2f81c9e4d', link, 1]),
      ['alice@example.com', 'b2f81c9e4d', LINKS[0], 2],
    ];
    const detection = detect(table, {});
    expect(detection.verdicts).toEqual(['bot', 'bot', 'bot', 'bot', 'bot', 'human']);
    expect(detection.reasons[0]).toMatch(/^all 5 links \(no click times in this export\)/);
    expect(detection.summary.totals.rawClicks).toBe(7);
    expect(detection.notes).toContain('This export has no click times, so only the rules that need none were applied.');
  });

  test('a table without a click-time or recipient column is refused in one sentence naming what it saw', () => {
    expect(() => detect([['Email', 'Link'], ['a@example.com', LINKS[0]]], {})).toThrow(BotclickError);
    expect(() => detect([['Email', 'Link'], ['a@example.com', LINKS[0]]], {})).toThrow(/^no click-time column found; headers seen: Email, Link\.$/);
  });
});

test('text botclick adds never starts like a formula', () => {
  expect(plainText('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
  expect(plainText('-5 clicks')).toBe("'-5 clicks");
  expect(plainText('5 clicks')).toBe('5 clicks');
});
