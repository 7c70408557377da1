import { detect, type Cell } from '../../src/core';

/**
 * Which rows are clicks, and what a click without a link or a time can tell: a marketer's export
 * of opens is not a click report, a Marketo click with an empty link is no second link, and a
 * table of click counts cannot show who is a person.
 */

const SEND = Date.UTC(2026, 2, 10, 14, 0, 0);
const at = (seconds: number) => new Date(SEND + seconds * 1000).toISOString();

describe('the event column is always read', () => {
  // SendGrid's own "event from a Single Send" example is an open.
  const opens: Cell[][] = [
    ['email', 'timestamp', 'event', 'singlesend_id', 'singlesend_name'],
    ['example@example.com', 1513299569, 'open', 'b7a3f9c2-1111-2222-3333-444455556666', 'Spring Newsletter'],
    ['other@example.com', 1513299620, 'open', 'b7a3f9c2-1111-2222-3333-444455556666', 'Spring Newsletter'],
  ];

  test.each([['open'], ['delivered'], ['bounce'], ['unsubscribe'], ['spamreport']])('a log of only "%s" events judges no row', (event) => {
    const table = opens.map((row, i) => (i === 0 ? row : [row[0], row[1], event, row[3], row[4]]));
    const { verdicts, reasons, summary } = detect(table);
    expect(verdicts).toEqual([null, null]);
    expect(reasons).toEqual(['', '']);
    expect(summary.totals.rawClicks).toBe(0);
  });

  test('opens beside clicks are not judged, whatever the file holds', () => {
    const table = [...opens, ['example@example.com', 1513299700, 'click', 'b7a3f9c2-1111-2222-3333-444455556666', 'Spring Newsletter']];
    expect(detect(table).verdicts).toEqual([null, null, 'human']);
  });

  test("Klaviyo's top-level `type` of \"event\" is still no event type", () => {
    const table: Cell[][] = [
      ['type', 'email', 'datetime', 'url'],
      ['event', 'a@example.com', at(3600), 'https://shop.example.com/sale'],
    ];
    expect(detect(table).verdicts).toEqual(['human']);
  });
});

describe('a row without a link adds no link', () => {
  // Fivetran's Marketo `activity_click_email` layout, where about half the rows have no link.
  const HEADER = ['activity_date', 'activity_type_id', 'campaign_id', 'id', 'lead_id', 'link', 'primary_attribute_value', 'user_agent'];
  const LINK = 'https://get.example.com/webinar.html?utm_source=newsletter';
  const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.117 Safari/537.36';
  const stamp = (seconds: number) => at(seconds).replace('T', ' ').replace('Z', '');
  const people = Array.from({ length: 7 }, (_, i) => 1124755 + i);
  const linked = people.map((lead, i) => [stamp(1800 + i * 900), 11, 2522, 58851192 + i, lead, LINK, 'Webinar invite 3', MAC]);
  const linkless = people.map((lead, i) => [stamp(1800 + i * 900), 11, 2522, 58852192 + i, lead, '', 'Webinar invite 3', MAC]);

  test('linkless rows at the same second as a linked one do not make "2 links", and change no verdict', () => {
    const alone = detect([HEADER, ...linked]);
    const mixed = detect([HEADER, ...linked, ...linkless]);
    expect(alone.verdicts).toEqual(people.map(() => 'human'));
    expect(mixed.verdicts).toEqual([...alone.verdicts, ...people.map(() => 'human')]);
    expect(mixed.reasons.slice(0, 7)).toEqual(alone.reasons);
    expect(mixed.summary.totals).toMatchObject({ botClicks: 0, humanClickers: 7 });
  });

  test('a click without a link is judged on what it has, and its reason says the link is missing', () => {
    const { reasons } = detect([HEADER, ...linked, ...linkless]);
    for (const reason of reasons.slice(7)) expect(reason).toMatch(/no link in this row$/);
  });

  test('linkless clicks are counted apart from the links', () => {
    const { summary } = detect([HEADER, ...linked, ...linkless]);
    const links = summary.campaigns[0].links.map(({ link, rawClicks }) => [link, rawClicks]);
    expect(links).toEqual(expect.arrayContaining([[LINK, 7], ['(no link)', 7]]));
    expect(links).toHaveLength(2);
  });
});

describe('count-only exports', () => {
  // MailerLite's per-subscriber activity, flattened: a click count, no links, no times.
  const table: Cell[][] = [
    ['id', 'opens_count', 'clicks_count', 'subscriber.email'],
    ['1100000004100350018', 1, 2, 'alice.jones@example.com'],
    ['1100000000724323717', 1, 1, 'bob.smith@example.org'],
    ['1100000000724323718', 0, 5, 'grace.lee@corp.example.com'],
  ];

  test('with no rule able to speak, each row is unknown with what is missing', () => {
    const { verdicts, reasons, summary } = detect(table);
    expect(verdicts).toEqual(['unknown', 'unknown', 'unknown']);
    expect(reasons[0]).toBe('no click time and no link to judge by');
    expect(summary.totals.humanClickers).toBe(0);
  });

  test('a fingerprint still speaks without times: a scanner agent is a bot', () => {
    const withAgent = table.map((row, i) => [...row, i === 0 ? 'user_agent' : i === 3 ? 'python-requests/2.31.0' : '']);
    expect(detect(withAgent).verdicts).toEqual(['unknown', 'unknown', 'bot']);
  });
});
