import { recordsIn, RecordSpans } from '../../src/cli/record-spans';

/** The spans of `count` records of `length` bytes each. */
function spansOf(count: number, length: number): RecordSpans {
  const spans = new RecordSpans();
  for (let i = 1; i <= count; i++) spans.add(i * length, 1, 7);
  return spans;
}

describe('telling the records of a file ahead from its first ones', () => {
  it('tells a file of even rows with a twentieth to spare, so that its columns need not double', () => {
    // 1,000 rows of 300 bytes read, of a 300 MB file: about a million rows.
    expect(recordsIn(300_000_000, spansOf(1000, 300))).toBe(1_050_000);
  });

  it('reserves no more than 16M rows for a file whose first rows are far shorter than the rest', () => {
    expect(recordsIn(3_000_000_000, spansOf(1000, 10))).toBe(1 << 24);
  });

  it('keeps what it holds when it makes room, and room never shrinks it', () => {
    const spans = spansOf(3, 100);
    spans.reserve(5000);
    spans.reserve(10);
    spans.add(400, 2, 9);
    expect(spans.ends.length).toBe(5000);
    expect([...spans.ends.subarray(0, spans.count)]).toEqual([100, 200, 300, 400]);
    expect([...spans.lineBreaks.subarray(0, spans.count)]).toEqual([1, 1, 1, 2]);
  });
});
