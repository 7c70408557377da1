import { detect, planColumns, type Cell } from '../../src/core';

/**
 * Which field is which when a payload nests the envelope, the message, the profile and the event
 * side by side: each case is laid out as the provider's own example, flattened as the CLI reads it.
 */

const SEND = Date.UTC(2026, 2, 10, 14, 0, 0);
const at = (seconds: number) => new Date(SEND + seconds * 1000).toISOString();
const L1 = 'https://shop.example.com/spring-sale?utm_source=newsletter';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

/** The plan as header names per role. */
function columns(table: Cell[][]): Record<string, string> {
  const plan = planColumns(table);
  return Object.fromEntries(Object.entries(plan.roles).map(([role, index]) => [role, plan.header[index as number]]));
}

describe("profile fields are not the click's", () => {
  // Drip's webhook: the subscriber's stored agent, IP and sign-up date beside the click's own properties.
  const header = ['event', 'occurred_at', 'data.subscriber.email', 'data.subscriber.created_at', 'data.subscriber.user_agent', 'data.subscriber.ip_address', 'data.properties.url', 'data.properties.email_id'];
  const table: Cell[][] = [header, ['subscriber.clicked_email', at(3600), 'alice@example.com', '2019-05-01T10:00:00Z', 'python-requests/2.31.0', '192.0.2.45', L1, '88888']];

  test("the subscriber's agent and sign-up date are neither the click's agent nor its time", () => {
    expect(columns(table)).toEqual({ eventType: 'event', time: 'occurred_at', recipient: 'data.subscriber.email', link: 'data.properties.url', campaign: 'data.properties.email_id' });
  });

  test("a scanner's agent stored on the profile does not make a person's click a bot", () => {
    expect(detect(table).verdicts).toEqual(['human']);
  });
});

describe('the click time is the event\'s own', () => {
  test("Resend: data.click.timestamp, not the envelope's created_at nor the message's", () => {
    const table: Cell[][] = [
      ['type', 'created_at', 'data.created_at', 'data.email_id', 'data.to', 'data.click.link', 'data.click.timestamp', 'data.click.userAgent'],
      ['email.clicked', at(3602), at(0), '56761188-7520-42d8-8898-ff6fc54ce618', 'alice@example.com', L1, at(3600), CHROME],
    ];
    expect(columns(table)).toMatchObject({ time: 'data.click.timestamp', link: 'data.click.link', messageId: 'data.email_id', recipient: 'data.to' });
  });
});

describe('the link is the clicked URL', () => {
  test("Klaviyo's JSON:API self-link, unique per event, is not the link", () => {
    const table: Cell[][] = [
      ['type', 'id', 'attributes.datetime', 'attributes.event_properties.URL', 'relationships.profile.data.id', 'links.self'],
      ['event', '4vRpBT', at(3600), L1, '01GDDKASAP8TKDDA2GRZDSVP4H', 'https://a.klaviyo.com/api/events/4vRpBT/'],
    ];
    expect(columns(table)).toMatchObject({ link: 'attributes.event_properties.URL' });
  });

  test("Customer.io's link_id (the link's index) gives way to the clicked href", () => {
    const table: Cell[][] = [
      ['metric', 'timestamp', 'data.recipient', 'data.link_id', 'data.href'],
      ['clicked', 1773154800, 'alice@example.com', 1, L1],
    ];
    expect(columns(table)).toMatchObject({ link: 'data.href' });
  });
});

describe('deliveries date the clicks of their own message only', () => {
  // A Mailgun log with a receipt (another message to the same address) delivered after the newsletter.
  const header = ['event', 'timestamp', 'recipient', 'url', 'message.headers.message-id'];
  const table: Cell[][] = [
    header,
    ['delivered', at(3), 'alice@example.com', '', 'news-1@mg.example.com'],
    ['clicked', at(3600), 'alice@example.com', L1, 'news-1@mg.example.com'],
    ['delivered', at(3700), 'alice@example.com', '', 'receipt-7@mg.example.com'],
    ['clicked', at(4000), 'bob@example.org', L1, 'news-2@mg.example.com'],
    ['delivered', at(90 * 86400), 'bob@example.org', '', 'receipt-8@mg.example.com'],
  ];

  test("a delivery of another message never dates a click (no \"before delivery\")", () => {
    const { verdicts, reasons } = detect(table);
    expect(verdicts).toEqual([null, 'human', null, 'human', null]);
    expect(reasons[1]).toBe('60 min after delivery, nothing machine-like');
    expect(reasons[3]).not.toMatch(/delivery/);
  });
});

describe('other channels are not e-mail clicks', () => {
  test.each([['Clicked SMS'], ['smsClick'], ['pushClick'], ['inAppClick']])('"%s" is left unjudged', (event) => {
    const table: Cell[][] = [
      ['event', 'email', 'timestamp', 'url'],
      [event, 'alice@example.com', at(5), L1],
      ['click', 'bob@example.org', at(3600), L1],
    ];
    const result = detect(table);
    expect(result.verdicts).toEqual([null, 'human']);
    expect(result.notes).toContain('1 click in another channel than e-mail (SMS, push, in-app) was left unjudged: scanners open e-mail, not texts or app notifications.');
  });

  // Customer.io's reporting webhook: one `clicked` metric for every channel, told apart by `object_type`.
  test('a Customer.io push or SMS click is left unjudged and counted apart in the notes', () => {
    const header = ['metric', 'object_type', 'timestamp', 'data.recipient', 'data.href', 'data.broadcast_id', 'data.delivery_id'];
    const table: Cell[][] = [
      header,
      ['clicked', 'push', at(2), 'cust-alice', L1, '9', 'd-push'],
      ['clicked', 'sms', at(2), '+15555550100', L1, '9', 'd-sms'],
      ['clicked', 'email', at(3600), 'bob@example.org', L1, '9', 'd-email'],
    ];
    const result = detect(table);
    expect(columns(table)).toMatchObject({ eventType: 'metric', channel: 'object_type' });
    expect(result.verdicts).toEqual([null, null, 'human']);
    expect(result.notes).toContain('2 clicks in other channels than e-mail (SMS, push, in-app) were left unjudged: scanners open e-mail, not texts or app notifications.');
  });

  // Mautic's page-hit webhook: `hit.source` says where the tracked link was, "email" or "sms".
  test('a Mautic hit from an SMS link is left unjudged, one from an e-mail is judged', () => {
    const header = ['hit.dateHit', 'hit.lead.id', 'hit.url', 'hit.source', 'hit.sourceId', 'hit.userAgent'];
    const table: Cell[][] = [
      header,
      [at(1), '505', L1, 'sms', '3', 'python-requests/2.31.0'],
      [at(3600), '506', L1, 'email', '7', CHROME],
    ];
    const result = detect(table);
    expect(columns(table)).toMatchObject({ channel: 'hit.source' });
    expect(result.verdicts).toEqual([null, 'human']);
    expect(result.notes).toContain('1 click in another channel than e-mail (SMS, push, in-app) was left unjudged: scanners open e-mail, not texts or app notifications.');
  });

  test('a column of e-mail only, or of values that name no channel, changes nothing', () => {
    const table: Cell[][] = [
      ['email', 'timestamp', 'url', 'source'],
      ['alice@example.com', at(3600), L1, 'newsletter'],
      ['bob@example.org', at(3700), L1, 'email'],
    ];
    expect(detect(table).verdicts).toEqual(['human', 'human']);
  });
});
