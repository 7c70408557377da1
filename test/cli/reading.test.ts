/**
 * The exports people actually have: Excel's semicolons, tabs and Windows-1252, UTF-16 "Unicode
 * text", NDJSON from a Firehose, SES events inside SNS notifications. Each is read, judged like the
 * plain sample, and written back unchanged; JSON logs can also come back as JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_SPEC } from '../../src/core';
import { botclick, cliFolder, csvFile, csvRows, SAMPLES } from './cli';

const { write, at } = cliFolder();
/** The listmonk sample: 18 clicks, the first 10 a scanner's (frank and grace at 14:01), the rest people's. */
let sample: string[][];
const TRUTH = [...Array(10).fill('bot'), ...Array(8).fill('human')];

beforeAll(() => {
  sample = csvFile(join(SAMPLES, 'listmonk.csv'));
});


function delimited(rows: string[][], delimiter: string, lineBreak = '\n'): string {
  const field = (cell: string) => (/["\n\r]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(field).join(delimiter)).join(lineBreak) + lineBreak;
}

function verdicts(rows: string[][]): string[] {
  const at = rows[0].indexOf('Bot click');
  return rows.slice(1).map((row) => row[at]);
}

describe('CSV dialects', () => {
  test('Excel-style: semicolons, a byte-order mark, CRLF and a quoted note spanning lines', () => {
    const rows = sample.map((row, i) => [...row, i === 0 ? 'note' : i === 3 ? 'first line\r\nsecond; with "quotes"' : '']);
    const input = `\ufeff${delimited(rows, ';', '\r\n')}`;
    const out = at('semicolon.out.csv');
    const run = botclick(['flag', write('semicolon.csv', input), '-o', out]);
    expect(run.status).toBe(0);

    const flagged = readFileSync(out, 'utf8');
    expect(flagged.startsWith('\ufeff')).toBe(true);
    // Records start with a campaign id (or the header); the note's own line break does not.
    const records = input.slice(1).trimEnd().split(/\r\n(?=\d|campaign)/);
    const flaggedRecords = flagged.slice(1).trimEnd().split(/\r\n(?=\d|campaign)/);
    expect(flaggedRecords).toHaveLength(records.length);
    records.forEach((record, i) => expect(flaggedRecords[i].startsWith(`${record};`)).toBe(true));
    const output = csvRows(flagged, ';');
    expect(output[0].slice(-2)).toEqual(['Bot click', 'Why']);
    expect(output[3][rows[0].length - 1]).toBe('first line\r\nsecond; with "quotes"');
    expect(verdicts(output)).toEqual(TRUTH);
  });

  test.each([
    ['tab', '\t', 'clicks.tsv'],
    ['pipe', '|', 'clicks.txt'],
  ])('%s-separated', (_, delimiter, name) => {
    const out = at(`${name}.out`);
    expect(botclick(['flag', write(name, delimited(sample, delimiter)), '-o', out]).status).toBe(0);
    const output = csvRows(readFileSync(out, 'utf8'), delimiter);
    expect(output.map((row) => row.slice(0, -2))).toEqual(sample);
    expect(verdicts(output)).toEqual(TRUTH);
  });

  test('Windows-1252 text is read as such and written back as UTF-8 with the same characters', () => {
    const rows = sample.map((row) => row.map((cell) => (cell === 'Dave Brown' ? 'Dävé Brøwn' : cell)));
    const text = delimited(rows, ',');
    const bytes = Buffer.from(text, 'latin1');
    const out = at('cp1252.out.csv');
    const run = botclick(['flag', write('cp1252.csv', bytes), '-o', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Windows-1252');
    const output = csvFile(out);
    expect(output.map((row) => row.slice(0, -2))).toEqual(rows);
    expect(output.flat()).toContain('Dävé Brøwn');
  });

  test('UTF-16 "Unicode text" from Excel (tab-separated, with a byte-order mark)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(delimited(sample, '\t', '\r\n'), 'utf16le')]);
    const out = at('unicode.out.txt');
    expect(botclick(['flag', write('unicode.txt', bytes), '-o', out]).status).toBe(0);
    const output = csvRows(readFileSync(out, 'utf8'), '\t');
    expect(output.map((row) => row.slice(0, -2))).toEqual(sample);
    expect(verdicts(output)).toEqual(TRUTH);
  });
});

describe('JSON logs in their envelopes', () => {
  const ses = () => JSON.parse(readFileSync(join(SAMPLES, 'amazon_ses.json'), 'utf8')) as object[];
  const sesBots = (path: string) => {
    const out = `${path}.out.csv`;
    expect(botclick(['flag', path, '-o', out]).status).toBe(0);
    return verdicts(csvFile(out)).filter((verdict) => verdict === 'bot').length;
  };

  test('NDJSON, one event per line as Firehose delivers them', () => {
    const path = write('ses.ndjson', ses().map((event) => JSON.stringify(event)).join('\n'));
    expect(sesBots(path)).toBe(10);
  });

  test('SNS notifications whose Message is the event as a JSON string', () => {
    const notifications = ses().map((event, i) => ({
      Type: 'Notification',
      MessageId: `m-${i}`,
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events',
      Message: JSON.stringify(event),
    }));
    expect(sesBots(write('sns.json', JSON.stringify(notifications)))).toBe(10);
  });

  test('paged responses concatenated, one envelope per line', () => {
    const { items } = JSON.parse(readFileSync(join(SAMPLES, 'mailgun.json'), 'utf8'));
    const pages = [items.slice(0, 10), items.slice(10)].map((page) => JSON.stringify({ items: page, paging: {} })).join('\n');
    const out = at('pages.out.csv');
    expect(botclick(['flag', write('pages.ndjson', pages), '-o', out]).status).toBe(0);
    expect(csvFile(out)).toHaveLength(items.length + 1);
  });

  test('a .json output gives the records back with "Bot click" and "Why" on each event', () => {
    const out = at('mailchimp.out.json');
    expect(botclick(['flag', join(SAMPLES, 'mailchimp.json'), '-o', out]).status).toBe(0);
    const records = JSON.parse(readFileSync(out, 'utf8'));
    const input = JSON.parse(readFileSync(join(SAMPLES, 'mailchimp.json'), 'utf8')).emails;
    expect(records).toHaveLength(input.length);
    records.forEach((record: { activity: Record<string, string>[] }, i: number) => {
      record.activity.forEach((activity, j) => {
        const { 'Bot click': verdict, Why: why, ...original } = activity;
        expect(original).toEqual(input[i].activity[j]);
        expect(verdict === '').toBe(activity.action === 'open');
        expect(why === '').toBe(verdict === '');
      });
    });
  });

  test('an .ndjson output keeps numbers exactly as written', () => {
    const out = at('mailjet.out.ndjson');
    expect(botclick(['flag', join(SAMPLES, 'mailjet.json'), '-o', out]).status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(18);
    expect(lines[0]).toContain('"MessageID":288230400011483212,');
    expect(lines.map((line) => JSON.parse(line)['Bot click'])).toEqual(expect.arrayContaining(['bot', 'human']));
  });
});

describe('where the output goes', () => {
  const listmonk = join(SAMPLES, 'listmonk.csv');

  test('without -o only the summary is printed', () => {
    const run = botclick(['flag', listmonk]);
    expect(run.stdout).toContain('Campaigns');
    expect(run.stdout).toContain('Spring Newsletter 2026');
    expect(run.stdout).not.toContain('frank.miller@corp.example.com,');
  });

  test('-o - writes the rows to stdout and the summary to stderr', () => {
    const run = botclick(['flag', listmonk, '-o', '-']);
    expect(run.status).toBe(0);
    expect(verdicts(csvRows(run.stdout))).toEqual(TRUTH);
    expect(run.stderr).toContain('6 of 7 clickers are real people.');
  });

  test('--json prints the Summary with its notes', () => {
    const summary = JSON.parse(botclick(['flag', listmonk, '--json']).stdout);
    expect(summary.campaigns[0]).toMatchObject({ campaign: 'Spring Newsletter 2026', rawClicks: 18, botClicks: 10, humanClickers: 6 });
    expect(summary.campaigns[0].links).toHaveLength(5);
    expect(summary.domains).toContainEqual(expect.objectContaining({ domain: 'corp.example.com', botClicks: 10, scannedCopies: 2 }));
    expect(summary.notes).toContainEqual(expect.stringContaining('Columns used: recipient = email'));
  });

  test('flagging a flagged file again replaces the columns botclick added', () => {
    const once = at('once.csv');
    const twice = at('twice.csv');
    botclick(['flag', listmonk, '-o', once]);
    expect(botclick(['flag', once, '-o', twice]).status).toBe(0);
    expect(csvFile(twice)).toEqual(csvFile(once));
  });
});

describe('options', () => {
  test('--help documents an option for every rule setting, with its default', () => {
    const help = botclick(['flag', '--help']).stdout;
    for (const [name, spec] of Object.entries(SETTINGS_SPEC)) {
      const flag = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      expect(help).toContain(spec.kind === 'number' ? `--${flag} <` : `--no-${flag}`);
      if (spec.kind === 'number') expect(help.replace(/\s+/g, ' ')).toContain(`default ${spec.default}`);
    }
    for (const option of ['--preset', '--time-zone', '--send-time', '--trap-link', '--column', '--json', '--output']) expect(help).toContain(option);
  });

  test('the options reach the detector: with every rule switched off nothing is a bot', () => {
    const off = Object.entries(SETTINGS_SPEC).filter(([, spec]) => spec.kind === 'switch');
    const args = off.map(([name]) => `--no-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
    const run = botclick(['flag', join(SAMPLES, 'listmonk.csv'), '-o', '-', ...args]);
    expect(run.status).toBe(0);
    expect(verdicts(csvRows(run.stdout))).not.toContain('bot');
  });

  test('a missing column is named, with every header of the file listed', () => {
    const rows = sample.map((row) => row.filter((_, i) => sample[0][i] !== 'created_at'));
    const run = botclick(['flag', write('no-times.csv', delimited(rows, ','))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^botclick: no click-time column found; headers seen: campaign_id, campaign_uuid, .*subscriber_uuid.*url\.\n$/);
  });

  test('--column picks the column for a role', () => {
    const rows = sample.map((row, i) => [...row, i === 0 ? 'Exported at' : '2026-03-20T08:00:00Z']);
    const path = write('two-times.csv', delimited(rows, ','));
    const found = botclick(['flag', path, '-o', '-']);
    expect(found.stderr).toContain('time = created_at,');
    expect(verdicts(csvRows(found.stdout))).toEqual(TRUTH);
    // Every click at the export time instead: the timing the verdicts rest on is gone.
    const named = botclick(['flag', path, '--column', 'time=Exported at', '-o', '-']);
    expect(named.status).toBe(0);
    expect(named.stderr).toContain('time = Exported at (named by you)');
    expect(verdicts(csvRows(named.stdout))).not.toEqual(TRUTH);
  });

  test('--send-time and --time-zone are used', () => {
    const run = botclick(['flag', join(SAMPLES, 'listmonk.csv'), '--send-time', '2026-03-10 15:00', '--time-zone', 'Europe/Berlin', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).campaigns[0]).toMatchObject({ sendTime: '2026-03-10T14:00:00Z', sendTimeEpochMs: Date.UTC(2026, 2, 10, 14), sendTimeSource: 'setting' });
  });
});
