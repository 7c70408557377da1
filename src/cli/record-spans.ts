/**
 * Where each CSV record ends in the file, how many bytes of line break end it and how many cells
 * it has, learnt in pass 1, so that pass 2 copies the records' bytes exactly instead of parsing
 * them again (13 bytes a row).
 */
export class RecordSpans {
  count = 0;
  ends = new Float64Array(1024);
  lineBreaks = new Uint8Array(1024);
  cells = new Uint32Array(1024);

  add(end: number, lineBreak: number, cells: number): void {
    if (this.count === this.ends.length) {
      this.ends = grow(this.ends, new Float64Array(this.count * 2));
      this.lineBreaks = grow(this.lineBreaks, new Uint8Array(this.count * 2));
      this.cells = grow(this.cells, new Uint32Array(this.count * 2));
    }
    this.ends[this.count] = end;
    this.lineBreaks[this.count] = lineBreak;
    this.cells[this.count] = cells;
    this.count++;
  }

  /**
   * Room for this many records in all, when they can be told ahead (an estimate may fall short:
   * then they double from there as before): a memory budget need not allow for doubling's spare half,
   * nor for the old and the new arrays held at once while it copies.
   */
  reserve(count: number): void {
    if (count <= this.ends.length) return;
    this.ends = grow(this.ends, new Float64Array(count));
    this.lineBreaks = grow(this.lineBreaks, new Uint8Array(count));
    this.cells = grow(this.cells, new Uint32Array(count));
  }

  /** The spans of the records after these, found by another thread. */
  append(other: Pick<RecordSpans, 'count' | 'ends' | 'lineBreaks' | 'cells'>): void {
    const count = this.count + other.count;
    this.reserve(count);
    this.ends.set(other.ends.subarray(0, other.count), this.count);
    this.lineBreaks.set(other.lineBreaks.subarray(0, other.count), this.count);
    this.cells.set(other.cells.subarray(0, other.count), this.count);
    this.count = count;
  }
}

/** The most records told ahead: a file whose first rows are far shorter than the rest must not reserve gigabytes. */
const MAX_RECORDS_AHEAD = 1 << 24;

/**
 * The records a file of `bytes` bytes holds, told from the first ones' length (a twentieth more,
 * for rows longer at the start than further on); arrays sized by it do not double as they fill.
 */
export function recordsIn(bytes: number, spans: Pick<RecordSpans, 'count' | 'ends'>): number {
  if (spans.count === 0) return 0;
  return Math.min(MAX_RECORDS_AHEAD, Math.ceil((bytes / spans.ends[spans.count - 1]) * spans.count * 1.05));
}

function grow<T extends Float64Array | Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

