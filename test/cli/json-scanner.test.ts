/**
 * The streaming JSON reader sees a large log in chunks of 1 MB; a record, a string or a number
 * can be cut anywhere. Fed one character (or a few) at a time it must hand over the same values
 * JSON.parse gives, and keep numbers JavaScript cannot hold exactly.
 */
import { JsonScanner, type JsonPieces } from '../../src/cli/input/json-scanner';
import { exactText, stringifyKeepingNumbers } from '../../src/cli/input/json-values';

function scan(text: string, chunk: number, recordsKeys: string[] = []) {
  const got: { elements: unknown[]; members: [string, unknown][]; objects: number } = { elements: [], members: [], objects: 0 };
  const pieces: JsonPieces = {
    isRecordsKey: (key) => recordsKeys.includes(key),
    element: (value) => got.elements.push(value),
    member: (key, value) => got.members.push([key, value]),
    objectEnd: () => got.objects++,
  };
  const scanner = new JsonScanner('log.json', pieces);
  for (let i = 0; i < text.length; i += chunk) scanner.feed(text.slice(i, i + chunk));
  scanner.end();
  return got;
}

const TRICKY = [
  { email: 'a@x.example', note: 'brackets ] } [ { and "quotes" and \\ backslashes', nested: { list: [1, [2, 3], { deep: null }] } },
  { email: 'b@x.example', ts: 1773151267.412, ok: true, text: 'line\nbreak\ttab \u00e9 \ud83d\ude00' },
  'a plain string',
  -12.5e3,
  null,
  [],
  {},
];

describe.each([1, 2, 3, 7, 1000])('in chunks of %i characters', (chunk) => {
  test('the elements of a top-level array', () => {
    const text = JSON.stringify(TRICKY, null, 2);
    expect(scan(text, chunk).elements).toEqual(TRICKY);
  });

  test("an envelope's records streamed, its other members handed over whole", () => {
    const text = JSON.stringify({ paging: { next: 'p2' }, items: TRICKY, total: 7 });
    const got = scan(text, chunk, ['items']);
    expect(got.elements).toEqual(TRICKY);
    expect(got.members).toEqual([
      ['paging', { next: 'p2' }],
      ['total', 7],
    ]);
    expect(got.objects).toBe(1);
  });

  test('NDJSON: one object per line, each handed over as members', () => {
    const text = `${JSON.stringify({ a: 1 })}\n${JSON.stringify({ b: [2] })}\n\n${JSON.stringify({ c: 'x' })}\n`;
    const got = scan(text, chunk);
    expect(got.members).toEqual([
      ['a', 1],
      ['b', [2]],
      ['c', 'x'],
    ]);
    expect(got.objects).toBe(3);
  });
});

test('numbers JavaScript would round or reformat keep their text', () => {
  const text = '[{"MessageID": 288230400011483212, "price": 1.50, "tiny": 1e-7, "plain": 42, "id": "288230400011483212"}]';
  const [record] = scan(text, 5).elements as Record<string, unknown>[];
  expect(exactText(record.MessageID as string)).toBe('288230400011483212');
  expect(exactText(record.price as string)).toBe('1.50');
  expect(record.plain).toBe(42);
  expect(stringifyKeepingNumbers(record)).toBe('{"MessageID":288230400011483212,"price":1.50,"tiny":1e-7,"plain":42,"id":"288230400011483212"}');
});

test.each([
  ['[1, 2,]', 'unexpected ] where a value should be at line 1, column 7'],
  ['{"a": 1 "b": 2}', 'expected , or } after a property value at line 1, column 9'],
  ['{"a" 1}', 'expected : after a property name at line 1, column 6'],
  ['[{"a": [1, 2}]', 'at line 1, column 13'],
  ['\n\n  [{"a": "x\ny"}]', 'bad control character in string literal at line 3, column 12'],
  ['42', 'expected a JSON object or array at line 1, column 1'],
])('%j is rejected with where it breaks', (text, message) => {
  expect(() => scan(text, 3)).toThrow(message);
});
