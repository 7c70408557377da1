/**
 * A marketer runs `botclick flag` on the export of each provider issue 2 names (the invented
 * scenario of test/fixtures/samples/README.md): every row comes back unchanged and in order with
 * "Bot click" and "Why" added, and the verdicts match the truth: frank's and grace's ten clicks at
 * 14:01 on 10 March are a scanner's, every other click is a person's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { botclick, buildCli, csvFile, csvRows, SAMPLES, tempDir } from './cli';

/** Each per-click sample and its data rows (clicks plus any deliveries or opens in the log). */
const PER_CLICK: [file: string, rows: number, clicks: number][] = [
  ['listmonk.csv', 18, 18],
  ['mautic_page_hits.csv', 18, 18],
  ['sendgrid_activity_export.csv', 18, 18],
  ['sendgrid.json', 22, 18],
  ['mailchimp.json', 24, 18],
  ['mandrill.json', 18, 18],
  ['constant_contact.json', 18, 18],
  ['campaign_monitor.json', 18, 18],
  ['mailgun.json', 21, 18],
  ['amazon_ses.json', 18, 18],
  ['postmark.json', 16, 16],
  ['brevo.json', 18, 18],
  ['klaviyo.json', 18, 18],
  ['hubspot.json', 18, 18],
  ['mailjet.json', 18, 18],
];

/** Event names of rows that are not clicks in these logs. */
const NOT_CLICKS = new Set(['open', 'delivered']);

/** The scanner clicked at 14:01 UTC on 10 March 2026, in whichever form the export writes times. */
function isScannerTime(cell: string): boolean {
  if (/^2026-03-10[T ]14:01:/.test(cell)) return true;
  const number = Number(cell);
  return (number >= 1773151260 && number < 1773151320) || (number >= 1773151260000 && number < 1773151320000);
}

let dir: string;
beforeAll(() => {
  buildCli();
  dir = tempDir();
});

describe.each(PER_CLICK)('botclick flag %s', (file, rows, clicks) => {
  let output: string[][];
  let run: ReturnType<typeof botclick>;
  let out: string;

  beforeAll(() => {
    out = join(dir, `${file}.flagged.csv`);
    run = botclick(['flag', join(SAMPLES, file), '-o', out]);
    output = run.status === 0 ? csvFile(out) : [];
  });

  test('succeeds quietly and writes every row plus the two added columns', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe(`Wrote ${rows} rows to ${out}.`);
    expect(output[0].slice(-2)).toEqual(['Bot click', 'Why']);
    expect(output).toHaveLength(rows + 1);
    const width = output[0].length;
    for (const row of output) expect(row).toHaveLength(width);
  });

  test('judges every click, and only the clicks, with a reason', () => {
    const data = output.slice(1);
    const judged = data.filter((row) => row[row.length - 2] !== '');
    expect(judged).toHaveLength(clicks);
    for (const row of data) {
      const [verdict, why] = row.slice(-2);
      const isClick = !row.some((cell) => NOT_CLICKS.has(cell));
      expect(verdict === '' ? 'not judged' : 'judged').toBe(isClick ? 'judged' : 'not judged');
      expect(why === '').toBe(verdict === '');
    }
  });

  test('flags the scanner clicks as bot and the people as human', () => {
    const verdicts = output
      .slice(1)
      .filter((row) => row[row.length - 2] !== '')
      .map((row) => ({ scanner: row.slice(0, -2).some(isScannerTime), verdict: row[row.length - 2], why: row[row.length - 1] }));
    expect(verdicts.filter((v) => v.scanner)).toHaveLength(10);
    for (const { scanner, verdict, why } of verdicts) expect({ verdict, why }).toEqual({ verdict: scanner ? 'bot' : 'human', why });
  });

  test('prints how many real people clicked', () => {
    const summary = JSON.parse(botclick(['flag', join(SAMPLES, file), '--json']).stdout);
    const people = file === 'postmark.json' ? 5 : 6; // Postmark posts only first clicks: frank's own click is lost
    expect(summary.totals).toMatchObject({ rawClicks: clicks, botClicks: 10, rawClickers: 7, humanClickers: people });
    expect(run.stdout).toContain(`${people} of 7 clickers are real people.`);
  });
});

describe('CSV exports come back byte for byte', () => {
  test.each(['listmonk.csv', 'mautic_page_hits.csv', 'sendgrid_activity_export.csv'])('%s', (file) => {
    const out = join(dir, `${file}.bytes.csv`);
    expect(botclick(['flag', join(SAMPLES, file), '-o', out]).status).toBe(0);
    const input = readFileSync(join(SAMPLES, file), 'utf8');
    const flagged = readFileSync(out, 'utf8');
    // The same line breaks (these samples use CRLF), each line the input line plus the added cells.
    expect(flagged.match(/\r\n|\n/g)).toEqual(input.match(/\r\n|\n/g));
    const lines = input.split(/\r?\n/);
    const flaggedLines = flagged.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line !== '') expect(flaggedLines[i].startsWith(`${line},`)).toBe(true);
    });
    const cells = csvRows(readFileSync(join(SAMPLES, file), 'utf8'));
    csvFile(out).forEach((row, i) => expect(row.slice(0, -2)).toEqual(cells[i]));
  });
});

describe('JSON logs become rows of their flattened fields', () => {
  test('Mailchimp: one row per activity, carrying the recipient of the record it is nested in', () => {
    const out = join(dir, 'mailchimp.csv');
    botclick(['flag', join(SAMPLES, 'mailchimp.json'), '-o', out]);
    const [header, ...rows] = csvFile(out);
    expect(header).toEqual(expect.arrayContaining(['email_address', 'activity.action', 'activity.timestamp', 'activity.url']));
    const email = header.indexOf('email_address');
    const action = header.indexOf('activity.action');
    const alice = rows.filter((row) => row[email] === 'alice.jones@example.com');
    expect(alice.map((row) => row[action])).toEqual(['open', 'click', 'click']);
  });

  test('Amazon SES: nested objects as dotted names, lists of values as text', () => {
    const out = join(dir, 'ses.csv');
    botclick(['flag', join(SAMPLES, 'amazon_ses.json'), '-o', out]);
    const [header, first] = csvFile(out);
    const cell = (name: string) => first[header.indexOf(name)];
    expect(cell('click.timestamp')).toBe('2026-03-10T14:01:07.412Z');
    expect(cell('mail.commonHeaders.subject')).toBe('Spring is here: 20% off new arrivals');
    expect(cell('mail.destination')).toBe('frank.miller@corp.example.com');
  });

  test("Mandrill: an event's own list of earlier clicks stays JSON text instead of becoming rows", () => {
    const out = join(dir, 'mandrill.csv');
    botclick(['flag', join(SAMPLES, 'mandrill.json'), '-o', out]);
    const [header, ...rows] = csvFile(out);
    expect(rows).toHaveLength(18);
    const clicks = JSON.parse(rows[1][header.indexOf('msg.clicks')]);
    expect(clicks[0]).toEqual({ ts: 1773151267, url: 'https://shop.example.com/spring-sale?utm_source=newsletter' });
  });

  test('Mailjet: a MessageID too large for a JavaScript number is written exactly as given', () => {
    const out = join(dir, 'mailjet.csv');
    botclick(['flag', join(SAMPLES, 'mailjet.json'), '-o', out]);
    const [header, first] = csvFile(out);
    expect(first[header.indexOf('MessageID')]).toBe('288230400011483212');
  });

  test('MailerLite: the records inside "data", with the nested subscriber flattened', () => {
    const out = join(dir, 'mailerlite.csv');
    expect(botclick(['flag', join(SAMPLES, 'mailerlite.json'), '-o', out]).status).toBe(0);
    const [header, ...rows] = csvFile(out);
    expect(rows).toHaveLength(7);
    expect(rows.map((row) => row[header.indexOf('subscriber.email')])).toContain('grace.lee@corp.example.com');
  });
});

describe('aggregate exports without times', () => {
  test('MailerLite: click counts with neither times nor links are unknown, and the summary claims no real people', () => {
    const out = join(dir, 'mailerlite-flagged.csv');
    const run = botclick(['flag', join(SAMPLES, 'mailerlite.json'), '-o', out]);
    expect(run.status).toBe(0);
    const [header, ...rows] = csvFile(out);
    expect(rows.map((row) => row[header.indexOf('Bot click')])).toEqual(Array(7).fill('unknown'));
    expect(rows[0][header.indexOf('Why')]).toBe('no click time and no link to judge by');
    expect(run.stdout).toContain("No click could be judged a real person's: 18 clicks are unknown (see Notes).");
    expect(run.stdout).not.toContain('clickers are real people');
    expect(run.stdout).toContain('neither click times nor links');
  });

  test('Mailchimp click details: a recipient with every link clicked is a scanner, single links are people', () => {
    const out = join(dir, 'members.csv');
    const run = botclick(['flag', join(SAMPLES, 'mailchimp_click_details_members.json'), '-o', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no click times');
    const [header, ...rows] = csvFile(out);
    const email = header.indexOf('email_address');
    const verdict = header.indexOf('Bot click');
    for (const row of rows) {
      if (row[email].startsWith('grace.lee@')) expect(row[verdict]).toBe('bot');
      else if (!row[email].startsWith('frank.miller@')) expect(row[verdict]).toBe('human');
    }
  });
});
