/**
 * Issue 2, section 5: bad input gets a clear one-line message and a non-zero exit, or a per-row
 * `unknown` with a reason; never a stack trace, never a lost row, never a changed value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { botclick, cliFolder, csvFile, csvRows, oneLine, SAMPLES } from './cli';

const { write, at, folder } = cliFolder();


/** A small export: a scanner sweeping five links in two seconds, and two people. */
const HEADER = 'Email,Clicked at,Link,Campaign';
const CLICKS = [
  'scan@corp.example.com,2026-03-10T14:01:07Z,https://x.example/1,Spring',
  'scan@corp.example.com,2026-03-10T14:01:07Z,https://x.example/2,Spring',
  'scan@corp.example.com,2026-03-10T14:01:08Z,https://x.example/3,Spring',
  'scan@corp.example.com,2026-03-10T14:01:08Z,https://x.example/4,Spring',
  'scan@corp.example.com,2026-03-10T14:01:09Z,https://x.example/5,Spring',
  'ann@example.org,2026-03-10T16:20:00Z,https://x.example/1,Spring',
  'bo@example.net,2026-03-11T08:00:00Z,https://x.example/2,Spring',
];

/** Runs botclick with -o and returns the run and the written rows. */
function flag(path: string, ...options: string[]) {
  const out = `${path}.out.csv`;
  const run = botclick(['flag', path, '-o', out, ...options]);
  return { run, rows: run.status === 0 ? csvFile(out) : [], text: run.status === 0 ? readFileSync(out, 'utf8') : '' };
}

describe('files that cannot be read get one clear line and exit 1', () => {
  test.each([
    ['a missing file', () => at('nowhere.csv'), /"[^"]*nowhere\.csv" does not exist\.$/],
    ['a folder', () => folder(), /is a folder, not a file\.$/],
    ['an empty file', () => write('empty.csv', ''), /"[^"]*empty\.csv" is empty\.$/],
    ['a file of blank lines', () => write('blank.csv', '\n \n\t\n'), /is empty \(only blank space\)\.$/],
    ['a binary file', () => write('binary.csv', Buffer.from([0x42, 0x00, 0x01, 0x02, 0xff, 0x00, 0x10])), /looks like a binary file, not CSV or JSON text\.$/],
    ['an Excel workbook', () => write('book.csv', Buffer.from('PK\x03\x04 workbook', 'latin1')), /Excel workbook; save the sheet as CSV first\.$/],
    ['a header row only', () => write('header.csv', `${HEADER}\r\n`), /has a header row but no data rows: nothing to flag\.$/],
    ['a quote never closed', () => write('quote.csv', `${HEADER}\n${CLICKS[0]}\n"broken,2026-03-10,x,y\n${CLICKS[1]}\n`), /the quoted field that starts on line 3 is never closed\.$/],
    ['an empty JSON list', () => write('none.json', '{"items": []}'), /holds no records\.$/],
  ])('%s', (_, file, message) => {
    const run = botclick(['flag', file()]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toMatch(message);
  });

  test.each([
    ['a trailing comma', '[{"email": "a@x.example", "ts": 1},\n {"email": "b@x.example",}]', 'line 2, column 26'],
    ['a missing comma', '{"items": [\n  {"email": "a@x.example"}\n  {"email": "b@x.example"}\n]}', 'line 3, column 3'],
    ['a broken NDJSON line', '{"email": "a@x.example"}\n{"email": "b@x.example"\n{"email": "c@x.example"}\n', 'line 3, column 1'],
    ['a cut-off file', '[{"email": "a@x.example", "ts": 17731', 'line 1, column 38'],
    ['a bad literal', '[{"email": "a@x.example", "bot": tru}]', 'line 1, column 34'],
  ])('malformed JSON (%s) is reported with its line and column', (_, json, where) => {
    const run = botclick(['flag', write('bad.json', json)]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(new RegExp(`"[^"]*bad\\.json" is not valid JSON: .* at ${where}\\.$`));
  });
});

describe('a bad command line gets one line too', () => {
  test.each([
    [['flag', join(SAMPLES, 'listmonk.csv'), '--burst-max-clicks', 'many'], 1, /^botclick: --burst-max-clicks must be a number from 1 to 100, not "many"\.$/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--sweep-min-share', '2'], 1, /^botclick: --sweep-min-share must be a number from 0\.1 to 1, not "2"\.$/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--preset', 'paranoid'], 1, /^botclick: --preset must be one of cautious, balanced, strict, not "paranoid"\.$/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--preset', 'strcit'], 1, /^botclick: --preset must be one of cautious, balanced, strict, not "strcit"\. Did you mean strict\?$/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--time-zone', 'Mars/Olympus'], 1, /^botclick: --time-zone: "Mars\/Olympus" is not a time zone/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--column', 'when=Date'], 1, /^botclick: --column: "when" is not a column role; the roles are recipient, time, .*\.$/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--column', 'tmie=Date'], 1, /^botclick: --column: "tmie" is not a column role; .* Did you mean time\?$/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '-o', join(SAMPLES, 'listmonk.csv')], 1, /would overwrite the export itself/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '-o', '/no/such/folder/out.csv'], 1, /the folder "\/no\/such\/folder" does not exist/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '-o', 'out.json'], 1, /asks for JSON, but .* is CSV/],
    [['flag', join(SAMPLES, 'listmonk.csv'), '--bursts'], 2, /unknown option '--bursts'/],
    [['flag'], 2, /missing required argument 'file'/],
  ])('botclick %j', (args, status, message) => {
    const run = botclick(args);
    expect(run.status).toBe(status);
    expect(oneLine(run)).toMatch(message);
  });
});

describe('awkward tables are flagged row by row, nothing lost or changed', () => {
  test('no header row: the output starts with one', () => {
    const { run, rows } = flag(write('no-header.csv', `${CLICKS.join('\n')}\n`));
    expect(run.status).toBe(0);
    expect(rows[0]).toEqual(['Column A', 'Column B', 'Column C', 'Column D', 'Bot click', 'Why']);
    expect(rows.slice(1).map((row) => row.slice(0, 4).join(','))).toEqual(CLICKS);
    expect(rows.slice(1).map((row) => row[4])).toEqual(['bot', 'bot', 'bot', 'bot', 'bot', 'human', 'human']);
  });

  test('duplicate and blank headers are kept as they are', () => {
    const header = 'Email,Clicked at,Link,Campaign,Note,Note,';
    const { run, rows } = flag(write('dupes.csv', `${header}\n${CLICKS.map((line) => `${line},a,b,`).join('\n')}\n`));
    expect(run.status).toBe(0);
    expect(rows[0]).toEqual([...header.split(','), 'Bot click', 'Why']);
    expect(rows.slice(1).map((row) => row[7])).toEqual(['bot', 'bot', 'bot', 'bot', 'bot', 'human', 'human']);
  });

  test('blank rows stay, unjudged; ragged rows keep their cells and the added columns line up', () => {
    const [header, ...clicks] = [HEADER, ...CLICKS].map((line) => line.split(',').slice(0, 3).join(','));
    const lines = [header, clicks[0], '', clicks[1], `${clicks[2]},extra,cells,here`, 'scan@corp.example.com,2026-03-10T14:01:08Z', ',,', ...clicks.slice(3)];
    const { run, rows, text } = flag(write('ragged.csv', `${lines.join('\n')}\n`));
    expect(run.status).toBe(0);
    expect(rows).toHaveLength(lines.length);
    // The widest row has 6 cells, so "Bot click" and "Why" are the 7th and 8th everywhere.
    expect(rows[0]).toEqual([...header.split(','), '', '', '', 'Bot click', 'Why']);
    for (const row of rows) expect(row).toHaveLength(8);
    text.split('\n').slice(0, lines.length).forEach((line, i) => expect(line.startsWith(lines[i])).toBe(true));
    expect(rows[2].slice(6)).toEqual(['', '']);
    expect(rows[4].slice(3, 6)).toEqual(['extra', 'cells', 'here']);
    expect(rows[4][6]).toBe('bot');
    expect(rows[5][6]).not.toBe('');
    expect(rows[6].slice(6)).toEqual(['', '']);
    expect(run.stdout).toContain('Some rows have more cells than the header');
  });

  test('a click whose campaign cell is blank is still judged', () => {
    const input = `${HEADER}\n${CLICKS.join('\n')}\nann@example.org,2026-03-12T10:00:00Z,https://x.example/3,\n`;
    const { run, rows } = flag(write('blank-campaign.csv', input));
    expect(run.stderr).toBe('');
    expect(rows[8][4]).toMatch(/^(human|unknown)$/);
  });

  test('a 100,000-character cell comes back whole', () => {
    const long = 'x'.repeat(100_000);
    const input = `${HEADER},Notes\n${CLICKS.map((line, i) => `${line},${i === 2 ? `"${long}\n${long}"` : 'short'}`).join('\n')}\n`;
    const { run, rows } = flag(write('long.csv', input));
    expect(run.status).toBe(0);
    expect(rows).toHaveLength(CLICKS.length + 1);
    expect(rows[3][4]).toBe(`${long}\n${long}`);
    expect(rows.slice(1).map((row) => row[5])).toEqual(['bot', 'bot', 'bot', 'bot', 'bot', 'human', 'human']);
  });

  test('unreadable and mixed time formats: readable ones are judged, the others are unknown with the reason', () => {
    const input = [
      HEADER,
      'ann@example.org,2026-03-10T16:20:00Z,https://x.example/1,Spring',
      'bo@example.net,1773158400,https://x.example/2,Spring',
      'cy@example.net,"Mar 10, 2026 6:00 PM",https://x.example/3,Spring',
      'di@example.net,sometime next week,https://x.example/1,Spring',
      'ed@example.net,,https://x.example/2,Spring',
    ].join('\n');
    const { run, rows } = flag(write('times.csv', input));
    expect(run.status).toBe(0);
    expect(rows.slice(1, 4).map((row) => row[4])).toEqual(['human', 'human', 'human']);
    expect(rows[4].slice(4)).toEqual(['unknown', expect.stringContaining('"sometime next week"')]);
    expect(rows[5][4]).toBe('unknown');
    expect(rows[5][5]).toMatch(/time/);
  });

  test('values that look like formulas: the user\'s own cells unchanged, the added cells never a formula', () => {
    const input = [
      `${HEADER},Comment`,
      ...CLICKS.map((line) => `${line},=HYPERLINK("http://evil.example")`),
      '@ann@example.org,=NOW(),+1 555 0100,-Campaign,@mention',
      '+bo@example.net,-5,https://x.example/2,=1+1,+',
    ].join('\n');
    const { run, rows, text } = flag(write('formulas.csv', `${input}\n`));
    expect(run.status).toBe(0);
    input.split('\n').forEach((line, i) => expect(text.split('\n')[i].startsWith(line)).toBe(true));
    expect(rows[8].slice(0, 5)).toEqual(['@ann@example.org', '=NOW()', '+1 555 0100', '-Campaign', '@mention']);
    for (const row of rows.slice(1)) for (const cell of row.slice(5)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(rows[8][5]).toBe('unknown');
    expect(rows[8][6]).toContain('=NOW()');
  });

  test('CSV output of a JSON log with formula-like values keeps them as text', () => {
    const events = [{ email: '=cmd@example.com', ts: 1773151267, url: '@https://x.example/1', event: 'click' }];
    const out = at('formula-json.csv');
    const run = botclick(['flag', write('formula.json', JSON.stringify(events)), '-o', out]);
    expect(run.status).toBe(0);
    const [, row] = csvRows(readFileSync(out, 'utf8'));
    expect(row.slice(0, 4)).toEqual(['=cmd@example.com', '1773151267', '@https://x.example/1', 'click']);
  });
});
