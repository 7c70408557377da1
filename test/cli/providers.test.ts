/**
 * A marketer runs `botclick flag` on the export of each provider issue 9 names, each laid out as
 * that provider's own published example (test/fixtures/samples/README.md names the source), holding
 * the invented "Spring Newsletter 2026" scenario: the truth table below is each row's right verdict,
 * in file order — `b` bot, `h` human, `-` not a click (a delivery, a send, an open).
 */
import { join } from 'node:path';
import { botclick, buildCli, csvFile, SAMPLES, tempDir } from './cli';

const TRUTH: [file: string, verdicts: string][] = [
  ['sparkpost.json', '-------bbbbbbbbbbhhhhhhhh'],
  ['amazon_ses_delivery.ndjson', '-------bbbbbbbbbbhhhhhhhh'],
  ['mailgun_deliveries.json', '-------bbbbbbbbbbhhhhhhhh'],
  // grace clicks the other automation e-mail at 14:01:30, 17 s after the scanner swept her copy of this one
  ['mailchimp_automation_recipient_activity.csv', '-bbbbbbbbbbhhhhhhhhh'],
  ['mailchimp_campaign_recipient_activity.csv', '----bbbbbbbbbbhhhhhhhh'],
  ['braze_currents_email_click.ndjson', 'bbbbbbbbbbhhhhhhhh'],
  ['mautic_page_hit_webhook.json', 'bbbbbbbbbbhhhhhhhh'],
  ['hubspot_email_event.csv', '-------bbbbbbbbbbhhhhhhhh'],
  ['klaviyo_event.csv', '-------bbbbbbbbbbhhhhhhhh'],
  // every person's click is logged twice, the second time without its link
  ['marketo_activity_click_email.csv', 'bbbbbbbbbbhhhhhhhhhhhhhhhh'],
  ['customer_io.json', '-------bbbbbbbbbbhhhhhhhh'],
  ['iterable.json', '-------bbbbbbbbbbhhhhhhhh'],
  ['resend.json', 'bbbbbbbbbbhhhhhhhh'],
];

const LETTER: Record<string, string> = { bot: 'b', human: 'h', unknown: 'u', '': '-' };

let dir: string;
beforeAll(() => {
  buildCli();
  dir = tempDir();
});

/** The flagged file's rows as header → cell, and its verdicts as one letter per row. */
function flag(file: string) {
  const out = join(dir, `${file}.flagged.csv`);
  const run = botclick(['flag', join(SAMPLES, file), '-o', out]);
  if (run.status !== 0) return { run, verdicts: '', rows: [] as Record<string, string>[] };
  const [header, ...rows] = csvFile(out);
  const records = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  return { run, verdicts: records.map((row) => LETTER[row['Bot click']] ?? '?').join(''), rows: records };
}

describe.each(TRUTH)('%s', (file, truth) => {
  let result: ReturnType<typeof flag>;
  beforeAll(() => {
    result = flag(file);
  });

  test('every row gets its right verdict, with a reason for each click', () => {
    expect(result.run.stderr).toBe('');
    expect(result.verdicts).toBe(truth);
    for (const row of result.rows) expect(row.Why === '').toBe(row['Bot click'] === '');
  });

  test('the summary counts the real people', () => {
    const summary = JSON.parse(botclick(['flag', join(SAMPLES, file), '--json']).stdout);
    const people = file.startsWith('mailchimp_automation') ? 7 : 6;
    expect(summary.totals).toMatchObject({ botClicks: 10, humanClickers: people });
  });
});

/** The columns `--json` says were used, as role → column name. */
function columnsUsed(file: string): Record<string, string> {
  const { columns } = JSON.parse(botclick(['flag', join(SAMPLES, file), '--json']).stdout);
  return Object.fromEntries(Object.entries(columns as Record<string, { column: string; found: string }>).map(([role, { column }]) => [role, column]));
}

describe('which field is which in nested payloads, as --json lists them', () => {
  test.each([
    ['sparkpost.json', { recipient: 'rcpt_to', link: 'target_link_url', sentAt: 'injection_time', time: 'timestamp', eventType: 'type', messageId: 'message_id' }],
    ['resend.json', { recipient: 'data.to', time: 'data.click.timestamp', link: 'data.click.link', campaign: 'data.broadcast_id', messageId: 'data.email_id' }],
    ['mautic_page_hit_webhook.json', { recipient: 'hit.lead.id', time: 'hit.dateHit', link: 'hit.redirect.url' }],
    ['customer_io.json', { link: 'data.href', campaign: 'data.broadcast_id', messageId: 'data.delivery_id', eventType: 'metric', time: 'timestamp' }],
    ['iterable.json', { eventType: 'eventName', messageId: 'dataFields.messageId', time: 'dataFields.createdAt' }],
    ['mailchimp_automation_recipient_activity.csv', { campaign: 'automation_email_id', recipient: 'member_id' }],
    ['hubspot_email_event.csv', { sentAt: 'sent_by_created', botFlag: 'filtered_event' }],
    ['braze_currents_email_click.ndjson', { botFlag: 'is_suspected_bot_click' }],
    ['klaviyo_event.csv', { recipient: 'PERSON_ID', link: 'PROPERTY_URL' }],
  ])('%s', (file, expected) => {
    expect(columnsUsed(file)).toMatchObject(expected);
  });

  test('each column says how it was found', () => {
    const { columns } = JSON.parse(botclick(['flag', join(SAMPLES, 'listmonk.csv'), '--json']).stdout);
    expect(columns.recipient).toEqual({ column: 'email', found: 'header' });
  });
});

describe('what each provider says about its own fields', () => {
  test("SparkPost: the recipient is rcpt_to, not friendly_from (the sender)", () => {
    const { rows } = flag('sparkpost.json');
    const clicks = rows.filter((row) => row.type === 'click');
    expect(clicks).toHaveLength(18);
    const summary = JSON.parse(botclick(['flag', join(SAMPLES, 'sparkpost.json'), '--json']).stdout);
    expect(summary.totals.rawClickers).toBe(7);
  });

  test('Amazon SES: each Delivery record dates its own copy', () => {
    const { rows } = flag('amazon_ses_delivery.ndjson');
    const dave = rows.find((row) => row.eventType === 'Click' && row['mail.destination'] === 'dave.brown@example.org');
    // dave's copy was delivered at 14:20:41, his click came at 12:30:55 the next day: 22 h after delivery
    expect(dave?.Why).toBe('22 h after delivery, nothing machine-like');
  });

  test('Mailgun: deliveries date the clicks of their message, though clicks carry no subject', () => {
    const summary = JSON.parse(botclick(['flag', join(SAMPLES, 'mailgun_deliveries.json'), '--json']).stdout);
    expect(summary.campaigns.map((c: { campaign: string; sendTimeSource: string }) => [c.campaign, c.sendTimeSource])).toEqual([
      ['Spring is here: 20% off new arrivals', 'deliveries'],
    ]);
    const { rows } = flag('mailgun_deliveries.json');
    for (const row of rows.filter((r) => r['Bot click'] === 'human')) expect(row.Why).toMatch(/after delivery, nothing machine-like$/);
  });

  test('Braze: its suspected-bot flag speaks; a bare "Mozilla/5.0" alone does not make a bot', () => {
    const { rows } = flag('braze_currents_email_click.ndjson');
    const erin = rows.find((row) => row.email_address === 'erin.green@example.com');
    expect(erin?.['Bot click']).toBe('human');
    expect(rows.filter((row) => row.is_suspected_bot_click === 'true').every((row) => row.Why.includes('flagged by the e-mail platform'))).toBe(true);
  });

  test('Marketo: a click logged without its link says so and adds no link', () => {
    const { rows } = flag('marketo_activity_click_email.csv');
    const linkless = rows.filter((row) => row.link === '');
    expect(linkless).toHaveLength(8);
    for (const row of linkless) expect(row.Why).toMatch(/no link in this row$/);
  });
});
