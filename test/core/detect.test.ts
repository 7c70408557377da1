import { BotclickError, detect, OVERRIDE_HEADER, plainText, resolveSettings, type Cell } from '../../src/core';

/**
 * Small exports a marketer could paste, each telling one part of the story: what gets a verdict,
 * what gets `unknown` and why, what the user can overrule, and what the summary counts.
 */

const SEND = Date.UTC(2026, 2, 10, 14, 0, 0);
const at = (seconds: number) => new Date(SEND + seconds * 1000).toISOString();
const LINKS = ['https://shop.example.com/sale', 'https://shop.example.com/new', 'https://blog.example.org/tips', 'https://www.example.com/web-version', 'https://www.example.com/unsubscribe'];

/** A scanner fetching every link of one copy, `stepSeconds` after the other. */
function sweep(email: string, startSeconds: number, stepSeconds = 0.4): Cell[][] {
  return LINKS.map((link, i) => [email, 'Spring', link, at(startSeconds + i * stepSeconds)]);
}

/** Gateways sweeping copies as they arrive, over four minutes: a delivery that long. */
function sweepsWhileDelivering(stepSeconds?: number): Cell[][] {
  return [20, 70, 130, 190, 250].flatMap((start, i) => sweep(`gw${i}@corp${i}.example.com`, start, stepSeconds));
}

/** Gateways' first fetches of a short e-mail, seconds after send, which date it. */
function firstFetches(campaign: string, links: readonly string[]): Cell[][] {
  return [
    ['zed@scan.example', campaign, links[0], at(12)],
    ['zed@scan.example', campaign, links[1], at(13)],
    ['amy@scan.example', campaign, links[0], at(14)],
  ];
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
  const detection = detect(table);

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
    const detection = detect(table);
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
    const detection = detect(table);
    expect(detection.verdicts).toEqual(['bot', 'bot', 'bot', 'human']);
    expect(detection.reasons[0]).toBe('flagged by the e-mail platform (generic)');
    expect(detection.reasons[1]).toBe('scanner user agent (python-requests)');
  });

  test("a click from a gateway's published IPv6 range while the e-mail is being delivered is a scan, however the address is written", () => {
    const table: Cell[][] = [
      ['event', 'email', 'url', 'timestamp', 'ip'],
      ['delivered', 'kai@corp.example.com', '', at(60), ''],
      ['click', 'kai@corp.example.com', LINKS[1], at(64), '2a01:0111:f403:c000:0:0:0:1f'],
      ['delivered', 'liv@example.org', '', at(61), ''],
      ['click', 'liv@example.org', LINKS[1], at(3600), '2001:db8:1::5'],
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual([null, 'bot', null, 'human']);
    expect(detection.reasons[1]).toBe('Microsoft Exchange Online gateway address, during delivery');
  });

  test('a trap link flags the recipient who hits it and their clicks around it', () => {
    const table: Cell[][] = [
      HEADER,
      ['ivan@corp.example.com', 'Spring', LINKS[0], at(600)],
      ['ivan@corp.example.com', 'Spring', 'https://www.example.com/hidden-trap?x=1', at(601)],
      ['ivan@corp.example.com', 'Spring', LINKS[0], at(7200)],
    ];
    const detection = detect(table, resolveSettings({ trapLinks: ['https://www.example.com/hidden-trap'] }));
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
    const detection = detect(table);
    expect(detection.verdicts).toEqual([null, 'bot', 'bot', null]);
    expect(detection.reasons[1]).toBe("2 links within 4 s of delivery");
  });
});

describe('time resolution and exports without times', () => {
  /** A whole-minute stamp, as Constant Contact and Campaign Monitor export it, m minutes after 14:00. */
  const minute = (m: number) => at(m * 60).replace('T', ' ').slice(0, 19);
  /** A newsletter with eight stories. */
  const stories = Array.from({ length: 8 }, (_, i) => `https://news.example.com/story-${i + 1}`);

  test('whole-minute times: more than 3 clicks in the same minute is still a burst', () => {
    const table: Cell[][] = [
      HEADER,
      ...LINKS.slice(0, 4).map((link) => ['kim@corp.example.com', 'Spring', link, minute(1)]),
      ['lee@example.com', 'Spring', LINKS[0], minute(30)],
      ['lee@example.com', 'Spring', LINKS[1], minute(31)],
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual(['bot', 'bot', 'bot', 'bot', 'human', 'human']);
    expect(detection.reasons[0]).toMatch(/in the same minute/);
  });

  test('whole-minute times: two links in the first minute on many copies are scans, while a lone early reader is not judged on a send time guessed from their own clicks', () => {
    const scanned = ['ops@north.example', 'it@south.example', 'hr@east.example', 'cfo@west.example'];
    const scans: Cell[][] = scanned.flatMap((email, i) => [[email, 'Spring', LINKS[i], minute(0)], [email, 'Spring', LINKS[i + 1], minute(0)]]);
    const withScans = detect([HEADER, ...scans, ['lee@example.com', 'Spring', LINKS[0], minute(35)]]);
    expect(withScans.verdicts).toEqual([...Array(8).fill('bot'), 'human']);
    expect(withScans.reasons[0]).toBe('2 links within 30 s of send (estimated)');

    const readerFirst = detect([HEADER, ['lee@example.com', 'Spring', LINKS[0], minute(3)], ['lee@example.com', 'Spring', LINKS[2], minute(3)], ['mia@example.org', 'Spring', LINKS[1], minute(40)]]);
    expect(readerFirst.verdicts).toEqual(['human', 'human', 'human']);
  });

  test('whole-minute times: a scan that runs over into the next minute is one visit, while a reader clicking a scanned link two minutes after the scan is not', () => {
    const copies = ['ops@north.example', 'it@south.example', 'hr@east.example'];
    const table: Cell[][] = [
      HEADER,
      ...copies.flatMap((email, i) => [...stories.slice(i, i + 3).map((link) => [email, 'Spring', link, minute(0)]), [email, 'Spring', stories[i + 3], minute(1)]]),
      ['lee@corp.example.com', 'Spring', stories[0], minute(0)],
      ['lee@corp.example.com', 'Spring', stories[1], minute(0)],
      ['lee@corp.example.com', 'Spring', stories[0], minute(2)],
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual([...Array(14).fill('bot'), 'human']);
    expect(detection.reasons[3]).toBe('4 links within 90 s of send (estimated)');

    const sweep = (email: string) => stories.map((link) => [email, 'Spring', link, minute(20)]);
    const sweptThenRead = detect([HEADER, ...sweep('kim@corp.example.com'), ...sweep('mia@corp.example.com'), ['mia@corp.example.com', 'Spring', stories[1], minute(22)]]);
    expect(sweptThenRead.verdicts).toEqual([...Array(16).fill('bot'), 'human']);
  });

  test("whole-minute times: a scanner's second request of a link, stamped in the next minute, is one click with the first; so is a person's", () => {
    const copies = ['ops@north.example', 'it@south.example', 'hr@east.example'];
    // Each link fetched twice; the last second request lands in the next minute.
    const twice = (email: string, links: string[]): Cell[][] => [
      ...links.flatMap((link) => [[email, 'Spring', link, minute(0)], [email, 'Spring', link, minute(0)]]).slice(0, -1),
      [email, 'Spring', links[links.length - 1], minute(1)],
    ];
    const table: Cell[][] = [
      HEADER,
      ...copies.flatMap((email, i) => twice(email, stories.slice(i, i + 3))),
      ['lee@example.com', 'Spring', stories[0], minute(30)],
      ['lee@example.com', 'Spring', stories[0], minute(31)],
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual([...Array(18).fill('bot'), 'human', 'human']);
    expect(detection.reasons[5]).toBe('3 links within 90 s of send (estimated)');
  });

  test.each([
    ['the same story again', 0],
    ['another story', 2],
  ])("whole-minute times: a gateway fetched one link of each copy once; a reader who clicks %s the minute after is a person, not the scan's repeat or second link", (_, story) => {
    const staff = ['ops', 'it', 'hr', 'pr', 'cfo', 'legal'].map((name) => `${name}@corp.example.com`);
    const table: Cell[][] = [
      HEADER,
      ...staff.map((email) => [email, 'Spring', stories[0], minute(1)]),
      ['it@corp.example.com', 'Spring', stories[story], minute(2)],
      ...['nora@example.com', 'omar@example.org'].map((email, i) => [email, 'Spring', stories[i + 1], minute(90 + i * 10)]),
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual([...Array(6).fill('bot'), 'human', 'human', 'human']);
    expect(detection.summary.campaigns[0].humanClickers).toBe(3);
  });

  test('whole-minute times: several links stamped in one minute while the e-mail is still being delivered are a scan; the same a while later, or one link, is a reader', () => {
    // Gateways sweeping copies as they arrive show a delivery of five minutes.
    const deliveries = [0, 1, 2, 3, 4, 4].flatMap((m, i) => stories.map((link) => [`gw${i}@corp${i}.example.com`, 'Spring', link, minute(m)]));
    const table: Cell[][] = [
      HEADER,
      ...deliveries,
      ...[1, 3, 6].map((k) => ['kai@small.example', 'Spring', stories[k], minute(3)]),
      ...[1, 3, 6].map((k) => ['lee@example.com', 'Spring', stories[k], minute(40)]),
      ['mia@example.org', 'Spring', stories[2], minute(3)],
    ];
    const detection = detect(table);
    const verdicts = detection.verdicts.slice(deliveries.length);
    expect(verdicts).toEqual(['bot', 'bot', 'bot', 'human', 'human', 'human', 'human']);
    expect(detection.reasons[deliveries.length]).toBe('3 links in the same minute, 4 min after send (estimated)');
  });

  test('whole-minute times: at a small company, two copies fetched on the same link in the first minute and the next are a gateway; two colleagues hours apart are people', () => {
    const table: Cell[][] = [
      HEADER,
      ...LINKS.map((link) => ['frank@corp.example.com', 'Spring', link, minute(0)]),
      ['ann@tiny-firm.example', 'Spring', LINKS[1], minute(0)],
      ['ben@tiny-firm.example', 'Spring', LINKS[1], minute(1)],
      ['cat@small-shop.example', 'Spring', LINKS[1], minute(60)],
      ['dan@small-shop.example', 'Spring', LINKS[1], minute(180)],
      ...['nora@example.com', 'omar@example.org', 'pia@example.net'].map((email, i) => [email, 'Spring', LINKS[i + 1], minute(120 + i * 10)]),
    ];
    const detection = detect(table);
    expect(detection.verdicts.slice(5, 9)).toEqual(['bot', 'bot', 'human', 'human']);
    expect(detection.reasons[5]).toMatch(/^one of 2 recipients at tiny-firm\.example clicking within 60 s/);
  });

  test("whole-minute times: a click from a gateway's address stamped in the minute its copy was delivered is a scan; from the same address minutes later it is a person behind the gateway", () => {
    const table: Cell[][] = [
      ['event', 'email', 'url', 'timestamp', 'ip'],
      ['delivered', 'kai@corp.example.com', '', minute(1), ''],
      ['click', 'kai@corp.example.com', LINKS[1], minute(1), '40.107.22.9'],
      ['delivered', 'liv@corp.example.com', '', minute(1), ''],
      ['click', 'liv@corp.example.com', LINKS[1], minute(6), '40.107.22.9'],
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual([null, 'bot', null, 'human']);
    expect(detection.reasons[1]).toBe('30 s after delivery; Microsoft Exchange Online gateway address');
  });

  test("whole-minute times: at a company whose gateway scanned nearly every copy clicked in the first wave, another copy's first links stamped in one minute in that wave are its scan; later, or at a company it scans half of, they are a reader's", () => {
    const swept = (email: string, m: number) => stories.map((link) => [email, 'Spring', link, minute(m)]);
    const table: Cell[][] = [
      HEADER,
      ...[0, 1, 2, 3].flatMap((m, i) => swept(`user${i}@big.example`, m)),
      ['zoe@big.example', 'Spring', stories[1], minute(6)],
      ['zoe@big.example', 'Spring', stories[2], minute(6)],
      ['max@big.example', 'Spring', stories[1], minute(40)],
      ['max@big.example', 'Spring', stories[2], minute(40)],
      ...swept('ann@half.example', 1),
      ...swept('bea@half.example', 2),
      ['cy@half.example', 'Spring', stories[0], minute(5)],
      ['noa@half.example', 'Spring', stories[1], minute(6)],
      ['noa@half.example', 'Spring', stories[2], minute(6)],
    ];
    const detection = detect(table);
    const verdictsOf = (email: string) => detection.verdicts.filter((_, i) => table[i + 1][0] === email);
    expect(verdictsOf('zoe@big.example')).toEqual(['bot', 'bot']);
    expect(detection.reasons[32]).toBe("2 links in the same minute; big.example's gateway scanned nearly every other copy");
    expect(verdictsOf('max@big.example')).toEqual(['human', 'human']);
    expect(verdictsOf('noa@half.example')).toEqual(['human', 'human']);
  });

  test('whole-minute times: two links stamped in the minute after the first fetches, on several copies, are the gateway scanning them as they arrive', () => {
    const copies = ['ops@north.example', 'it@south.example', 'hr@east.example', 'cfo@west.example'];
    const table: Cell[][] = [
      HEADER,
      ['gw@first.example', 'Spring', LINKS[0], minute(0)],
      ...copies.flatMap((email, i) => [[email, 'Spring', LINKS[i], minute(1)], [email, 'Spring', LINKS[i + 1], minute(1)]]),
      ['lee@example.com', 'Spring', LINKS[0], minute(3)],
      ['lee@example.com', 'Spring', LINKS[2], minute(3)],
    ];
    const detection = detect(table);
    expect(detection.verdicts.slice(1, 9)).toEqual(Array(8).fill('bot'));
    expect(detection.reasons[1]).toBe('2 links within 90 s of send (estimated)');
    expect(detection.verdicts.slice(9)).toEqual(['human', 'human']);
  });

  test('an aggregate export (clicks per recipient and link, no times) still finds every-link clickers', () => {
    const table: Cell[][] = [
      ['email_address', 'campaign_id', 'url', 'clicks'],
      ...LINKS.map((link) => ['scan@corp.example.com', 'b2f81c9e4d', link, 1]),
      ['alice@example.com', 'b2f81c9e4d', LINKS[0], 2],
    ];
    const detection = detect(table);
    expect(detection.verdicts).toEqual(['bot', 'bot', 'bot', 'bot', 'bot', 'human']);
    expect(detection.reasons[0]).toMatch(/^all 5 links \(no click times in this export\)/);
    expect(detection.summary.totals.rawClicks).toBe(7);
    expect(detection.notes).toContain('This export has no click times, so only the rules that need none were applied.');
  });

  test('a table without a click-time or recipient column is refused in one sentence naming what it saw', () => {
    expect(() => detect([['Email', 'Link'], ['a@example.com', LINKS[0]]])).toThrow(BotclickError);
    expect(() => detect([['Email', 'Link'], ['a@example.com', LINKS[0]]])).toThrow(/^no click-time column found; headers seen: Email, Link\.$/);
  });
});

describe('gateways that fetch one link per copy, in an export of only recipient, campaign, link and time', () => {
  const CTA = LINKS[0];
  /** Readers at other companies, hours after send, so that the mailing looks like one. */
  const readers: Cell[][] = ['nora@example.com', 'omar@example.org', 'pia@example.net'].map((email, i) => [email, 'Spring', LINKS[i + 1], at(2 * 3600 + i * 600)]);
  /** The gateway of acme.example fetching the call to action of each of ten copies as they arrive. */
  const acmeWave: Cell[][] = Array.from({ length: 10 }, (_, i) => [`staff${i}@acme.example`, 'Spring', CTA, at(20 + i * 9)]);

  test('a copy deferred by greylisting is fetched on the same link later: bot too, while a colleague on another link stays human', () => {
    const table: Cell[][] = [
      HEADER,
      ...sweep('frank@corp.example.com', 15),
      ...acmeWave,
      ['dora@acme.example', 'Spring', CTA, at(22 * 60)],
      ['erin@acme.example', 'Spring', LINKS[2], at(25 * 60)],
      ['fay@acme.example', 'Spring', CTA, at(3 * 3600)],
      ...readers,
    ];
    const detection = detect(table);
    const verdictOf = (email: string) => detection.verdicts[table.findIndex((row) => row[0] === email) - 1];
    expect(detection.verdicts.slice(5, 15)).toEqual(Array(10).fill('bot'));
    expect(verdictOf('dora@acme.example')).toBe('bot');
    expect(detection.reasons[15]).toMatch(/^one of 11 recipients at acme\.example clicking within/);
    // the late copy's reason names its own click, 22 min after the send the first clicks date
    expect(detection.reasons[15]).toMatch(/, 22 min after send \(estimated\)$/);
    // Another link, or the same link hours later, is a person reading.
    expect(verdictOf('erin@acme.example')).toBe('human');
    expect(verdictOf('fay@acme.example')).toBe('human');
  });

  test('at a small company, two copies fetched on the same link seconds apart right after send are a gateway; two colleagues hours apart are people', () => {
    const table: Cell[][] = [
      HEADER,
      ...sweep('frank@corp.example.com', 15),
      ['ann@tiny-firm.example', 'Spring', LINKS[1], at(31)],
      ['ben@tiny-firm.example', 'Spring', LINKS[1], at(40)],
      ['cat@small-shop.example', 'Spring', LINKS[1], at(3600)],
      ['dan@small-shop.example', 'Spring', LINKS[1], at(3 * 3600)],
      ...readers,
    ];
    const detection = detect(table);
    expect(detection.verdicts.slice(5, 9)).toEqual(['bot', 'bot', 'human', 'human']);
    expect(detection.reasons[5]).toBe('one of 2 recipients at tiny-firm.example clicking within 9 s, 16 s after send (estimated)');
    // each member's own click, not the wave's start
    expect(detection.reasons[6]).toBe('one of 2 recipients at tiny-firm.example clicking within 9 s, 25 s after send (estimated)');
  });

  test("recipients' own token links (view online) are one link of the e-mail: a late copy fetched on its own token link is the same gateway", () => {
    const view = (i: number) => `https://news.example.com/view/spring?u=${(4096 + i * 37).toString(16)}`;
    const table: Cell[][] = [
      HEADER,
      ...sweep('frank@corp.example.com', 15),
      ...Array.from({ length: 6 }, (_, i) => [`staff${i}@acme.example`, 'Spring', view(i), at(25 + i * 11)]),
      ['dora@acme.example', 'Spring', view(6), at(20 * 60)],
      ...readers,
    ];
    const detection = detect(table);
    expect(detection.verdicts.slice(5, 12)).toEqual(Array(7).fill('bot'));
    expect(detection.reasons[11]).toMatch(/^one of 7 recipients at acme\.example/);
  });
});

test('whole-second times: the two links of a short e-mail, one of them the unsubscribe link, stamped two seconds apart are a scanner; reading and unsubscribing a minute later is a person', () => {
  const REGISTER = 'https://events.example.com/register';
  const UNSUBSCRIBE = 'https://events.example.com/unsubscribe';
  const table: Cell[][] = [
    HEADER,
    ...firstFetches('Invite', [REGISTER, UNSUBSCRIBE]),
    ['una@corp.example.com', 'Invite', REGISTER, at(1800)],
    ['una@corp.example.com', 'Invite', UNSUBSCRIBE, at(1802)],
    ['vic@example.com', 'Invite', REGISTER, at(2400)],
    ['vic@example.com', 'Invite', UNSUBSCRIBE, at(2470)],
  ];
  const detection = detect(table);
  expect(detection.verdicts.slice(3)).toEqual(['bot', 'bot', 'human', 'human']);
  expect(detection.reasons[3]).toBe('all 2 links in 2 s, incl. unsubscribe');
});

test('while the e-mail is still being delivered, three links one or two seconds apart, the unsubscribe link among them, are a scanner; the same pace on three stories an hour later is a reader opening tabs', () => {
  const sweeps = sweepsWhileDelivering();
  const table: Cell[][] = [
    HEADER,
    ...sweeps,
    ['wes@firm.example', 'Spring', LINKS[1], at(230)],
    ['wes@firm.example', 'Spring', LINKS[2], at(231.3)],
    ['wes@firm.example', 'Spring', LINKS[4], at(232.8)],
    ['val@example.com', 'Spring', LINKS[0], at(3600)],
    ['val@example.com', 'Spring', LINKS[1], at(3601.3)],
    ['val@example.com', 'Spring', LINKS[2], at(3602.8)],
  ];
  const detection = detect(table);
  expect(detection.verdicts.slice(sweeps.length)).toEqual(['bot', 'bot', 'bot', 'human', 'human', 'human']);
  expect(detection.reasons[sweeps.length]).toMatch(/^3 links in 3 s, quick for a hand, \d+ min after send \(estimated\), incl\. unsubscribe$/);
});

test('whole-second times: a link and the unsubscribe link stamped two seconds apart while copies are still arriving are a scanner; the same an hour later is a person', () => {
  // A link a second, so that all the times are whole seconds.
  const sweeps = sweepsWhileDelivering(1);
  const table: Cell[][] = [
    HEADER,
    ...sweeps,
    ['xia@firm.example', 'Spring', LINKS[1], at(200)],
    ['xia@firm.example', 'Spring', LINKS[4], at(202)],
    ['yan@example.com', 'Spring', LINKS[1], at(3600)],
    ['yan@example.com', 'Spring', LINKS[4], at(3602)],
  ];
  const detection = detect(table);
  expect(detection.verdicts.slice(sweeps.length)).toEqual(['bot', 'bot', 'human', 'human']);
  expect(detection.reasons[sweeps.length]).toMatch(/^2 links in 2 s, quick for a hand, \d+ min after send \(estimated\), incl\. unsubscribe$/);
});

test("with an IP column, a copy fetched like a company's wave from the wave's network within the hour is greylisted and scanned; the same link and browser from that network hours later is a person", () => {
  const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
  const row = (email: string, seconds: number, ip: string): Cell[] => [email, 'Spring', LINKS[0], at(seconds), CHROME, ip];
  const table: Cell[][] = [
    ['Email', 'Campaign', 'URL', 'Clicked at', 'User agent', 'IP'],
    ...sweep('frank@corp.example.com', 15).map((cells) => [...cells, 'python-requests/2.31', '52.1.2.3']),
    ...[25, 33, 41, 52].map((seconds, i) => row(`staff${i}@firm.example`, seconds, `185.58.87.${10 + i}`)),
    row('ada@firm.example', 25 * 60, '185.58.87.12'),
    row('zoe@firm.example', 4 * 3600, '185.58.87.11'),
  ];
  const detection = detect(table);
  expect(detection.verdicts.slice(5)).toEqual(['bot', 'bot', 'bot', 'bot', 'bot', 'human']);
});

describe('requests a scanner repeats', () => {
  test("a scanner's quick check with a script and its fetch with a browser's agent a moment later count as one click: both bot", () => {
    const table: Cell[][] = [
      ['Email', 'Campaign', 'URL', 'Clicked at', 'User agent'],
      ...sweep('frank@corp.example.com', 15).map((row) => [...row, 'HeadlessChrome/124.0']),
      ['gus@corp.example.com', 'Spring', LINKS[1], at(3000), 'python-requests/2.31.0'],
      ['gus@corp.example.com', 'Spring', LINKS[1], at(3000.6), 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36'],
      ['hal@example.com', 'Spring', LINKS[1], at(3400), 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36'],
      ['hal@example.com', 'Spring', LINKS[1], at(3400.4), 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36'],
    ];
    const detection = detect(table);
    expect(detection.verdicts.slice(5)).toEqual(['bot', 'bot', 'human', 'human']);
    expect(detection.reasons[6]).toBe('repeat of a bot click: scanner user agent (python-requests)');
  });

  test('both links of a short e-mail each fetched twice within a second is a scanner; one double click is a person', () => {
    const SHORT = ['https://events.example.com/register', 'https://events.example.com/agenda'];
    const table: Cell[][] = [
      HEADER,
      ...firstFetches('Invite', SHORT),
      ['ivy@corp.example.com', 'Invite', SHORT[0], at(1200)],
      ['ivy@corp.example.com', 'Invite', SHORT[0], at(1200.5)],
      ['ivy@corp.example.com', 'Invite', SHORT[1], at(1203)],
      ['ivy@corp.example.com', 'Invite', SHORT[1], at(1203.4)],
      ['jon@example.com', 'Invite', SHORT[0], at(1500)],
      ['jon@example.com', 'Invite', SHORT[0], at(1500.3)],
      ['jon@example.com', 'Invite', SHORT[1], at(1600)],
      ['kay@example.org', 'Invite', SHORT[0], at(5000)],
    ];
    const detection = detect(table);
    expect(detection.verdicts.slice(3)).toEqual(['bot', 'bot', 'bot', 'bot', 'human', 'human', 'human', 'human']);
    expect(detection.reasons[3]).toBe('all 2 links in 3 s, each link fetched twice');
  });
});

test('text botclick adds never starts like a formula', () => {
  expect(plainText('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
  expect(plainText('-5 clicks')).toBe("'-5 clicks");
  expect(plainText('5 clicks')).toBe('5 clicks');
});

describe('reasons that fit the row', () => {
  test('a lone click is not dated by itself: no "0 s after send (estimated)"', () => {
    const { verdicts, reasons } = detect([HEADER, ['alice@example.com', 'Welcome', LINKS[0], at(3600)]]);
    expect(verdicts).toEqual(['human']);
    expect(reasons).toEqual(['nothing machine-like']);
  });

  test("one reader's own clicks date no send either, while other copies do", () => {
    const alone = detect([HEADER, ['alice@example.com', 'Welcome', LINKS[0], at(3600)], ['alice@example.com', 'Welcome', LINKS[0], at(3900)]]);
    expect(alone.reasons).toEqual(['nothing machine-like', 'nothing machine-like']);
    const table = [HEADER, ...firstFetches('Spring', LINKS), ['bob@example.org', 'Spring', LINKS[2], at(3 * 3600)]];
    expect(detect(table).reasons[3]).toBe('3 h after send (estimated), nothing machine-like');
  });
});
