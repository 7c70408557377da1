/**
 * The CSV scanner reads what csv-parse (ragged rows, relaxed quotes), which read every export
 * before it, reads: the same cells and the same record ends, however the file is cut into chunks,
 * and it splits records at CRLF, LF and a lone CR alike.
 */
import { parse } from 'csv-parse/sync';
import { CsvScanner, recordCells, TooManyFields, UnclosedQuote } from '../../src/cli/input/csv-scanner';

interface Scanned {
  cells: string[];
  end: number;
  lineBreak: number;
}

function scan(text: string, delimiter = ',', chunkBytes = Infinity): Scanned[] {
  const records: Scanned[] = [];
  const scanner = new CsvScanner(delimiter.charCodeAt(0), (record) => records.push({ cells: recordCells(record), end: record.end, lineBreak: record.lineBreak }));
  const bytes = Buffer.from(text, 'utf8');
  const step = Math.min(chunkBytes, bytes.length) || 1;
  // One buffer refilled for each chunk, as the file reader hands them over, and scribbled over after it.
  const chunk = Buffer.alloc(step);
  for (let at = 0; at < bytes.length; at += step) {
    scanner.push(chunk.subarray(0, bytes.copy(chunk, 0, at, at + step)));
    chunk.fill('~');
  }
  scanner.finish();
  return records;
}

/** What csv-parse made of the same text, as the CLI called it before. */
function csvParse(text: string, delimiter = ','): Omit<Scanned, 'lineBreak'>[] {
  const options = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true };
  const records = parse(Buffer.from(text, 'utf8'), options) as unknown as { record: string[]; info: { bytes: number } }[];
  return records.map(({ record, info }) => ({ cells: record, end: info.bytes }));
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const withoutBreaks = (records: Scanned[]) => records.map(({ cells, end }) => ({ cells, end }));

/** Either reader's records, or 'unclosed' when it ends inside a quoted field. */
function orUnclosed<T>(read: () => T): T | 'unclosed' {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnclosedQuote || (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') return 'unclosed';
    throw error;
  }
}

/** A small seeded generator, so that a failure names the case that shows it. */
function randomCsv(seed: number, lineBreak: string): string {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pieces = ['a', 'b', 'é', ' ', ',', '"', '""', lineBreak, 'x"y', '€'];
  let text = '';
  const length = 1 + next(60);
  for (let i = 0; i < length; i++) text += pieces[next(pieces.length)];
  return text;
}

describe('the CSV scanner reads what csv-parse reads', () => {
  test.each([
    ['a plain table', 'Email,URL\nann@x.com,https://x.com/a\nbob@y.com,https://x.com/b\n'],
    ['no line break at the end', 'a,b\nc,d'],
    ['an empty line, read as a record of one empty cell', 'a,b\n\nc,d\n'],
    ['empty cells', 'a,,b\n,\n'],
    ['quoted cells with delimiters, doubled quotes and line breaks', '"Doe, Jane","say ""hi""","line 1\nline 2"\n'],
    ['a quote inside an unquoted cell (5" screen)', 'a,5" screen,b\n'],
    ['text after a closing quote keeps the quotes', '"a"b,"c""d"e,"f\ng"h\n'],
    ['a space before an opening quote', 'a, "b",c\n'],
    ['an empty quoted cell', '"",a,""\n'],
    ['a quoted last cell at the very end', 'a,"b"'],
    ['CRLF line breaks', 'a,b\r\nc,"d\r\ne"\r\n'],
    ['lone CR line breaks', 'a,b\rc,d\r'],
    ['multi-byte characters', 'café,"naïve, ü",€\n日本,語\n'],
  ])('%s', (_name, text) => {
    expect(withoutBreaks(scan(text))).toEqual(csvParse(text));
  });

  test.each([';', '\t', '|'])('the delimiter %j', (delimiter) => {
    const text = `a${delimiter}"b${delimiter}c"${delimiter}d\n1${delimiter}2\n`;
    expect(withoutBreaks(scan(text, delimiter))).toEqual(csvParse(text, delimiter));
  });

  test.each(['\n', '\r\n', '\r'])('300 random files with %j line breaks, in chunks of 1, 2, 3, 7 bytes and whole', (lineBreak) => {
    let complete = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomCsv(seed, lineBreak);
      const expected = orUnclosed(() => csvParse(text));
      if (expected !== 'unclosed') complete++;
      for (const chunk of [1, 2, 3, 7, Infinity]) {
        const records = orUnclosed(() => withoutBreaks(scan(text, ',', chunk)));
        expect({ seed, chunk, records }).toEqual({ seed, chunk, records: expected });
      }
    }
    // Most files end with their quotes closed, so that records are compared, not only errors.
    expect(complete).toBeGreaterThan(150);
  });
});

test('records cut by chunks of file size are read whole: short ones, and quoted fields longer than a chunk', () => {
  // Real chunks are 1 MB: the record cut at a chunk's end is finished from the start of the next.
  const long = (i: number) => `r${i},"${'long line\n'.repeat(1500 + i)}",x`;
  const short = (i: number) => `r${i},https://example.com/${'p'.repeat(i % 97)},"a, ""b"""`;
  const text = Array.from({ length: 3000 }, (_, i) => (i % 500 === 250 ? long(i) : short(i))).join('\r\n') + '\r\n';
  const whole = scan(text);
  expect(whole).toHaveLength(3000);
  for (const chunk of [4095, 4097, 10_000, 65_536]) expect(scan(text, ',', chunk)).toEqual(whole);
});

describe('where csv-parse merged records, the scanner splits them', () => {
  test('a CRLF header over LF rows, a lone CR and a CR at the very end are all line breaks', () => {
    const records = scan('Email,URL\r\nann@x.com,a\nbob@y.com,b\rcy@z.com,c\r');
    expect(records.map((record) => record.cells)).toEqual([
      ['Email', 'URL'],
      ['ann@x.com', 'a'],
      ['bob@y.com', 'b'],
      ['cy@z.com', 'c'],
    ]);
    expect(records.map((record) => record.lineBreak)).toEqual([2, 1, 1, 1]);
  });
});

test('a CRLF cut between two chunks is one line break', () => {
  const records = scan('a\r\nb\r\n', ',', 2);
  expect(records).toEqual([
    { cells: ['a'], end: 3, lineBreak: 2 },
    { cells: ['b'], end: 6, lineBreak: 2 },
  ]);
});

test('a quoted field never closed is reported with where its record starts', () => {
  expect(() => scan('a,b\nc,"d\ne,f\n')).toThrow(UnclosedQuote);
  expect((thrown(() => scan('a,b\nc,"d\ne,f\n', ',', 3)) as UnclosedQuote).at).toBe(4);
});

test('a record with more fields than the scanner takes is refused with where it starts, a full one is read', () => {
  const fields = (n: number) => Array(n).fill('a').join(',');
  const records: number[] = [];
  const scanner = new CsvScanner(44, (record) => records.push(record.count), 100);
  scanner.push(Buffer.from(`${fields(100)}\n`));
  expect(records).toEqual([100]);
  expect(() => scanner.push(Buffer.from(`${fields(101)}\n`))).toThrow(TooManyFields);
  expect((thrown(() => new CsvScanner(44, () => undefined, 100).push(Buffer.from(`x\n${fields(101)}`))) as TooManyFields).at).toBe(2);
});
