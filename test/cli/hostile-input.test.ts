/**
 * Issue 8: files a user's tools wrote, however odd — every row judged or refused in one line, never
 * merged in silence, never a crash; input from a pipe as from a file.
 */
import { spawnSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, botclick, cliFolder, csvFile, csvRows, oneLine, ROOT, tempDir } from './cli';

const { write, at } = cliFolder();


const HEADER = 'Email,Clicked at,Link,Campaign';
/** Twenty people reading a newsletter over an afternoon, one click each. */
const CLICKS = Array.from({ length: 20 }, (_, i) => `reader${i}@example.org,2026-03-10T${14 + (i % 6)}:${String(i * 2).padStart(2, '0')}:00Z,https://shop.example/${i % 3},Spring`);

/** Runs botclick with -o and returns the run and the written rows. */
function flag(path: string, ...options: string[]) {
  const out = `${path}.out.csv`;
  const run = botclick(['flag', path, '-o', out, ...options]);
  return { run, rows: run.status === 0 ? csvFile(out) : [], bytes: run.status === 0 ? readFileSync(out) : Buffer.alloc(0) };
}

/** The data rows' verdicts: every click judged, none merged into another row. */
function judged(rows: string[][]): string[] {
  return rows.slice(1).map((row) => row[row.length - 2]);
}

describe('line endings mixed in one file: every row is its own record', () => {
  test.each([
    ['a CRLF header over LF rows', `${HEADER}\r\n${CLICKS.join('\n')}\n`],
    ['an LF header over CRLF rows', `${HEADER}\n${CLICKS.join('\r\n')}\r\n`],
    ['lone CRs (old Mac)', `${HEADER}\r${CLICKS.join('\r')}\r`],
    ['LF rows with a CR after the last one', `${HEADER}\n${CLICKS.join('\n')}\r`],
    ['rows alternating CRLF and LF', `${HEADER}\n${CLICKS.map((line, i) => line + (i % 2 ? '\n' : '\r\n')).join('')}`],
  ])('%s', (_, text) => {
    const { run, rows } = flag(write('mixed.csv', text));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^20 clicks:/);
    expect(rows).toHaveLength(21);
    expect(rows.map((row) => row.slice(0, 4).join(','))).toEqual([HEADER, ...CLICKS]);
    expect(judged(rows).every((verdict) => ['bot', 'human'].includes(verdict))).toBe(true);
  });

  test("each record keeps its own line break in the output", () => {
    const { bytes } = flag(write('kept.csv', `${HEADER}\r\n${CLICKS[0]}\n${CLICKS[1]}\r${CLICKS[2]}\r\n`));
    expect(bytes.toString().match(/\r\n|\n|\r/g)).toEqual(['\r\n', '\n', '\r', '\r\n']);
  });
});

describe('header names that look like numbers stay a header', () => {
  test('year columns beside the usual ones', () => {
    const text = ['Email,URL,Clicked at,2025,2026', ...CLICKS.map((line) => { const [email, time, link] = line.split(','); return `${email},${link},${time},1,0`; })].join('\n');
    const { run, rows } = flag(write('years.csv', text), '--column', 'recipient=Email');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^20 clicks:/);
    expect(rows[0]).toEqual(['Email', 'URL', 'Clicked at', '2025', '2026', 'Bot click', 'Why']);
  });

  test('JSON keys are names, never a row of data, even "2026"', () => {
    const events = CLICKS.map((line) => { const [email, timestamp, url] = line.split(','); return { 2026: 'yes', email, url, timestamp }; });
    const { run, rows } = flag(write('numeric-keys.json', JSON.stringify(events)));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^20 clicks:/);
    expect(rows[0]).toEqual(['2026', 'email', 'url', 'timestamp', 'Bot click', 'Why']);
  });
});

describe('JSON with more than one list of records', () => {
  const events = (prefix: string) => CLICKS.slice(0, 10).map((line) => { const [email, timestamp, url] = line.split(','); return { email: prefix + email, url, timestamp }; });

  test('two records arrays in one envelope are both read, with a note naming them', () => {
    const run = botclick(['flag', write('two-lists.json', JSON.stringify({ items: events('a.'), data: events('b.'), paging: { next: null } }))]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^20 clicks:/);
    expect(run.stdout).toContain('Records were read from each of "items", "data".');
  });

  test('lists under other names: the longest is read and the others are named as left out', () => {
    const run = botclick(['flag', write('lists.json', JSON.stringify({ clicks: events(''), bounces: events('x.').slice(0, 3) }))]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^10 clicks:/);
    expect(run.stdout).toContain('The records were read from the longest list, "clicks"; the other list ("bounces") was left out.');
  });
});

describe('deeply nested JSON ends with one line naming the limit, never a crash', () => {
  const record = '{"email": "a@example.org", "url": "https://shop.example/1", "timestamp": "2026-03-10T14:00:00Z", "x": ';
  test.each([
    ['5,000 brackets', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'line 1, column 513'],
    ['a field 5,000 objects deep', `[${record}${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}}]`, 'line 1, column 3164'],
    ['a field 100,000 lists deep', `[${record}${'['.repeat(100_000)}1${']'.repeat(100_000)}}]`, 'line 1, column 614'],
  ])('%s', (_, json, where) => {
    const run = botclick(['flag', write('deep.json', json)]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(new RegExp(`nests values more than 512 levels deep at ${where}; botclick reads up to 512 .*: remove or flatten that field first`));
  });

  test('an SNS message nesting that deep stays text', () => {
    const message = `{"eventType": "Click", "x": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const run = botclick(['flag', write('sns-deep.json', JSON.stringify([{ Type: 'Notification', TopicArn: 'arn:aws:sns:x', Message: message }]))]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(/no recipient .* column found; headers seen: Type, TopicArn, Message\.$/);
  });
});

describe('input from a pipe', () => {
  const example = join(ROOT, 'examples/newsletter-clicks.csv');
  let fromFile: string;
  beforeAll(() => {
    const out = at('from-file.csv');
    expect(botclick(['flag', example, '-q', '-o', out]).status).toBe(0);
    fromFile = readFileSync(out, 'utf8');
  });
  const shell = (command: string) => spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, BIN, EXAMPLE: example, OUT: at('piped.csv') } });

  test.each([
    ['"-" with the file on stdin', 'node "$BIN" flag - -q -o "$OUT" < "$EXAMPLE"'],
    ['"-" at the end of a pipe', 'cat "$EXAMPLE" | node "$BIN" flag - -q -o "$OUT"'],
    ['/dev/stdin at the end of a pipe', 'cat "$EXAMPLE" | node "$BIN" flag /dev/stdin -q -o "$OUT"'],
    ['process substitution', 'node "$BIN" flag <(cat "$EXAMPLE") -q -o "$OUT"'],
  ])('%s gives the same rows as the file', (_, command) => {
    const run = shell(command);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^3,350 clicks:/);
    expect(readFileSync(at('piped.csv'), 'utf8')).toBe(fromFile);
  });

  test('a JSON log piped in, rows out on stdout, and no copy left behind', () => {
    // A temporary folder of the run's own, so that other runs' copies cannot be mistaken for ours.
    const own = tempDir();
    const events = CLICKS.map((line) => { const [email, timestamp, url] = line.split(','); return JSON.stringify({ email, url, timestamp }); });
    const run = spawnSync(process.execPath, [BIN, 'flag', '-', '-o', '-'], { input: events.join('\n'), encoding: 'utf8', env: { ...process.env, TMPDIR: own } });
    expect(run.status).toBe(0);
    expect(csvRows(run.stdout)).toHaveLength(21);
    expect(readdirSync(own)).toEqual([]);
  });

  test('messages name stdin, not the copy', () => {
    expect(oneLine(botclick(['flag', '-'], ROOT, ''))).toBe('botclick: "stdin" is empty.');
    expect(oneLine(botclick(['flag', '-'], ROOT, `${HEADER}\n`))).toBe('botclick: "stdin" has a header row but no data rows: nothing to flag.');
  });
});

describe('encodings decided on the whole file', () => {
  const text = `${HEADER}\n${CLICKS.join('\n')}\n`;

  test.each([
    ['UTF-16 little-endian', () => Buffer.from(text, 'utf16le')],
    ['UTF-16 big-endian', () => Buffer.from(text, 'utf16le').swap16()],
  ])('%s without a byte-order mark is read, and written as UTF-8', (_, bytes) => {
    const { run, rows } = flag(write('utf16.csv', bytes()));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('The file was read as UTF-16 text; the output is UTF-8.');
    expect(rows.map((row) => row.slice(0, 4).join(','))).toEqual([HEADER, ...CLICKS]);
  });

  test('Windows-1252 bytes after the first 64 KB: the whole file is read as Windows-1252, and the output is valid UTF-8', () => {
    const filler = Array.from({ length: 1200 }, (_, i) => `reader${i}@example.org,2026-03-10T15:00:00Z,https://shop.example/${i % 3},Spring`);
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${filler.join('\n')}\n`), Buffer.from('rene@example.org,2026-03-10T16:00:00Z,https://shop.example/caf\xe9,Spring\n', 'latin1')]);
    expect(bytes.length).toBeGreaterThan(65_536);
    const { run, rows, bytes: out } = flag(write('late-1252.csv', bytes));
    expect(run.status).toBe(0);
    expect(isUtf8(out)).toBe(true);
    expect(rows[rows.length - 1][2]).toBe('https://shop.example/café');
    expect(run.stdout).toContain('read as Windows-1252');
  });

  test('a NUL byte after the first 64 KB is refused as not text, with where it is', () => {
    const filler = 'x'.repeat(70_000);
    const run = botclick(['flag', write('late-nul.csv', `${HEADER}\n${CLICKS[0]},${filler}\n${CLICKS[1]}\0\n`)]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(/"[^"]*late-nul\.csv" has a NUL byte at byte 70,\d{3}, so it is not CSV or JSON text\.$/);
  });
});

describe('what reaches the terminal', () => {
  // eslint-disable-next-line no-control-regex -- looking for control characters is the test
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  const screen = '\u001b[2J';
  const title = '\u001b]0;pwned\u0007';

  test('campaign names, links and headers with escape sequences are shown escaped; the -o file keeps the bytes', () => {
    // A few controls in a file of text: many would make it look binary.
    const lines = [...CLICKS.slice(1), CLICKS[0].replace(',Spring', `,Spring${screen}`).replace('https://shop.example/0', `https://shop.example/0${title}`)];
    const text = `${HEADER}\n${lines.join('\n')}\n`;
    const { run, bytes } = flag(write('escapes.csv', text));
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stdout).toContain('Links in Spring\\x1b[2J');
    expect(run.stdout).toContain('https://shop.example/0\\x1b]0;pwned\\x07');
    expect(bytes.toString()).toContain(`Spring${screen}`);
    expect(bytes.toString()).toContain(`https://shop.example/0${title}`);
  });

  test('--json escapes C1 controls too, and parses back to the same names', () => {
    const csi = '\u009b31m';
    const run = botclick(['flag', write('c1.csv', `${HEADER}\n${CLICKS.map((line) => `${line}${csi}`).join('\n')}\n`), '--json']);
    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\n/g, '')).not.toMatch(CONTROL);
    expect(run.stdout).toContain('"campaign": "Spring\\u009b31m"');
    expect(JSON.parse(run.stdout).campaigns[0].campaign).toBe(`Spring${csi}`);
  });

  test('an error quoting a header with a line break and an escape is one line, escaped', () => {
    const run = botclick(['flag', write('header.csv', `"Na\nme${title}",Other\nx,y\n`)]);
    expect(run.status).toBe(1);
    const line = oneLine(run);
    expect(line).not.toMatch(CONTROL);
    expect(line).toContain('Na\\nme\\x1b]0;pwned\\x07');
  });
});

describe('a very long line ends with one line naming the limit', () => {
  test.each([
    ['a line of 2 million "a," cells', () => `${HEADER}\n${'a,'.repeat(2_000_000)}\n`],
    ['a line of 4 million empty cells', () => `${HEADER}\n${','.repeat(4_000_000)}\n`],
    ['a record of 20,001 cells', () => `${HEADER}\n${CLICKS[0]}\n${'a,'.repeat(20_000)}b\n`],
  ])('%s', (_, text) => {
    const run = botclick(['flag', write('wide.csv', text())]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(/the record on line \d has more than 20,000 cells, more than a spreadsheet holds; botclick reads up to 20,000 cells a row: check the delimiter, or cut the extra columns out first/);
  });

  test('JSON records with more than 20,000 keys', () => {
    const record: Record<string, string> = { email: 'a@example.org', timestamp: '2026-03-10T14:00:00Z' };
    for (let i = 0; i < 20_001; i++) record[`k${i}`] = 'x';
    const run = botclick(['flag', write('wide.json', JSON.stringify([record]))]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(/the records have more than 20,000 different keys \(from record 1 on\)/);
  });

  test('a row of 20,000 cells is still read', () => {
    const { run, rows } = flag(write('widest.csv', `${HEADER}${',x'.repeat(19_996)}\n${CLICKS[0]}\n${CLICKS[1]}\n`));
    expect(run.status).toBe(0);
    expect(rows[0]).toHaveLength(20_002);
  });
});
