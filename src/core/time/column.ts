/** A whole column of times: one day/month order, one resolution, and notes on what was decided. */
import type { Cell } from '../types';
import { DAY_MS, MINUTE_MS, SECOND_MS } from './calendar';
import {
  DATE_ONLY, DAY_FIRST, DAY_MONTH, MONTH_FIRST, UNREADABLE, WALL, WRITTEN_STEP_MS,
  dayMonthOrders, readCell, reading, resolveDayMonth,
} from './parse';
import { instantOf } from './value';
import { MONTH_NAMES } from './words';
import { plural, shorten } from '../words';
import { requireZone, type Zone } from './zone';

export interface TimeColumn {
  /** Epoch ms per cell, NaN for blank or unreadable cells. */
  times: Float64Array;
  /** 60000 whole minutes, 1000 whole seconds, 100/10/1 for sub-second; 86400000 for dates without a clock time. */
  resolutionMs: number;
  /** Decided once for the column; null when no date in it depends on the order. */
  order: 'day-first' | 'month-first' | null;
  /** Plain-words notes for the user. */
  notes: string[];
  /** Each cell without a time (blank or unreadable), by row, to quote it back. */
  untimed: Map<number, Cell>;
}

/**
 * From this many values on, the values themselves can show a coarser resolution than the text
 * wrote (Constant Contact's `11:08:00.000Z`): three second-resolution times all landing on :00 by
 * chance is a 1-in-216,000 event.
 */
const FEW_VALUES = 3;

/** Every this many cells, a column that repeated too little stops remembering its texts. */
const REPEAT_SAMPLE = 1000;

/** A cell as the user wrote it, short enough to quote in a note. */
function quote(cell: Cell): string {
  return shorten(String(cell).trim());
}

/** What the cells of one kind have in common: how many, and the first as an example. */
interface Sample {
  count: number;
  example: Cell;
}

const SAMPLES = ['unreadable', 'naive', 'dayFirstOnly', 'monthFirstOnly', 'eitherOrder'] as const;
type Samples = Record<(typeof SAMPLES)[number], Sample>;

function noSamples(): Samples {
  return Object.fromEntries(SAMPLES.map((name) => [name, { count: 0, example: null }])) as Samples;
}

function addTo(sample: Sample, cell: Cell): void {
  if (sample.count++ === 0) sample.example = cell;
}

/**
 * What reading the cells of a part of a column found, before the decisions made once for the
 * whole column (day/month order, resolution, notes). Plain data, so that a worker thread that read
 * part of a file can post it.
 */
export interface TimeReading {
  size: number;
  /** Epoch ms per cell, NaN for blank or unreadable cells and for dates waiting for the order. */
  times: Float64Array;
  /** How finely each cell's text was written (parse.ts's SECONDS and the like). */
  written: Uint8Array;
  samples: Samples;
  /** The cells that read either way round (3/4/2026), by row, read once the order is decided. */
  dayMonthRows: number[];
  dayMonthCells: Cell[];
  /** Every other cell without a time, by row. */
  untimed: Map<number, Cell>;
}

/**
 * Reads a column's cells one by one, in order. A column read in parts (a file's halves, by two
 * threads) is finished as one column by `finishTimes`, with the same result as reading it whole.
 */
export class TimeCellReader {
  private size = 0;
  private times = new Float64Array(1024);
  private written = new Uint8Array(1024);
  private kinds = new Uint8Array(1024);
  private readonly samples = noSamples();
  private readonly dayMonthRows: number[] = [];
  private readonly dayMonthCells: Cell[] = [];
  private readonly untimed = new Map<number, Cell>();
  private readonly zone: Zone;
  // Exports repeat cells often (each copy's delivery time on all its clicks): a cell equal to one
  // read before is copied from it. Texts are remembered only while a quarter of the cells repeat.
  private firstOfText: Map<string, number> | null = new Map();
  private repeats = 0;
  private last: Cell = undefined;

  constructor(timeZone: string) {
    this.zone = requireZone(timeZone);
  }

  add(cell: Cell): void {
    const i = this.size++;
    if (i === this.times.length) this.grow();
    if (i % REPEAT_SAMPLE === 0) {
      if (i > 0 && this.repeats * 4 < REPEAT_SAMPLE) this.firstOfText = null;
      this.repeats = 0;
    }
    const { times, written, kinds, samples } = this;
    const earlier = i > 0 && cell === this.last ? i - 1 : typeof cell === 'string' ? (this.firstOfText?.get(cell) ?? -1) : -1;
    this.last = cell;
    if (earlier >= 0 && kinds[earlier] !== DAY_MONTH) {
      this.repeats++;
      times[i] = times[earlier];
      written[i] = written[earlier];
      kinds[i] = kinds[earlier];
      if (kinds[i] === UNREADABLE) addTo(samples.unreadable, cell);
      else if (kinds[i] === WALL) addTo(samples.naive, cell);
      if (times[i] !== times[i]) this.untimed.set(i, cell);
      return;
    }
    if (this.firstOfText && typeof cell === 'string') this.firstOfText.set(cell, i);
    const kind = readCell(cell);
    kinds[i] = kind;
    if (kind === DAY_MONTH) {
      times[i] = NaN;
      this.dayMonthRows.push(i);
      this.dayMonthCells.push(cell);
      const orders = dayMonthOrders();
      if (orders === DAY_FIRST) addTo(samples.dayFirstOnly, cell);
      else if (orders === MONTH_FIRST) addTo(samples.monthFirstOnly, cell);
      else if (reading.first !== reading.second) addTo(samples.eitherOrder, cell);
      return;
    }
    times[i] = instantOf(kind, this.zone);
    written[i] = reading.written;
    if (kind === UNREADABLE) addTo(samples.unreadable, cell);
    else if (kind === WALL) addTo(samples.naive, cell);
    if (times[i] !== times[i]) this.untimed.set(i, cell);
  }

  /** What was read so far. */
  reading(): TimeReading {
    const { size, samples, dayMonthRows, dayMonthCells, untimed } = this;
    return { size, times: this.times.subarray(0, size), written: this.written.subarray(0, size), samples, dayMonthRows, dayMonthCells, untimed };
  }

  /** Room for this many cells in all, when they can be told ahead, so that the arrays need not double. */
  reserve(count: number): void {
    if (count > this.times.length) this.grow(count);
  }

  private grow(size = this.times.length * 2): void {
    const grown = <T extends Float64Array | Uint8Array>(from: T, to: T) => (to.set(from), to);
    this.times = grown(this.times, new Float64Array(size));
    this.written = grown(this.written, new Uint8Array(size));
    this.kinds = grown(this.kinds, new Uint8Array(size));
  }
}

export function readTimes(cells: readonly Cell[], timeZone: string): TimeColumn {
  const reader = new TimeCellReader(timeZone);
  for (const cell of cells) reader.add(cell);
  return finishTimes([reader.reading()], timeZone);
}

/** The column of the readings of its parts, in order: one day/month order, one resolution, the notes. */
export function finishTimes(parts: readonly TimeReading[], timeZone: string): TimeColumn {
  const zone = requireZone(timeZone);
  const size = parts.reduce((total, part) => total + part.size, 0);
  const times = new Float64Array(size);
  const written = new Uint8Array(size);
  const untimed = new Map<number, Cell>();
  const samples = noSamples();
  const dayMonthRows: number[] = [];
  const dayMonthCells: Cell[] = [];
  let offset = 0;
  for (const part of parts) {
    times.set(part.times, offset);
    written.set(part.written, offset);
    for (const [row, text] of part.untimed) untimed.set(offset + row, text);
    mergeSamples(samples, part.samples);
    // One by one: a spread of a large export's dates (all of a US export's) would overflow the stack.
    part.dayMonthRows.forEach((row, k) => {
      dayMonthRows.push(offset + row);
      dayMonthCells.push(part.dayMonthCells[k]);
    });
    offset += part.size;
  }
  const chosen = chosenOrder(samples);
  dayMonthRows.forEach((i, k) => {
    times[i] = placeDayMonth(dayMonthCells[k], chosen, zone, samples);
    written[i] = reading.written;
    if (times[i] !== times[i]) untimed.set(i, dayMonthCells[k]);
  });
  const resolution = new ResolutionTally();
  resolution.add(times, written);
  return { times, ...decisions(samples, dayMonthRows.length > 0 ? chosen : null, resolution.resolutionMs(), timeZone), untimed };
}

/** One batch of a column read batch by batch (see TimeBatches). */
export interface TimeBatch {
  /** Epoch ms per cell, NaN for blank or unreadable cells; a date that reads either way round (3/4/2026) read month-first. */
  times: Float64Array;
  /** The batch's dates whose reading waits for the column's day/month order, by index: their day-first reading (NaN where that does not fit). */
  dayFirst: Map<number, number>;
}

/**
 * A column read a batch at a time by a caller that hands each batch on before the column ends (the
 * DuckDB engine appends it to a table on disk): each batch's times, the dates that depend on the
 * day/month order in both orders; once every batch is in, the order, resolution and notes of the
 * whole column, as `finishTimes` decides them for the column read whole.
 */
export class TimeBatches {
  private readonly zone: Zone;
  private readonly samples = noSamples();
  /** What the day/month dates add to the samples (a wall time, a weekday that does not fit) in each order. */
  private readonly byOrder: Record<number, Samples> = { [DAY_FIRST]: noSamples(), [MONTH_FIRST]: noSamples() };
  /** The resolution in each order: a date that fits one order only has a time in that one. */
  private readonly resolution: Record<number, ResolutionTally> = { [DAY_FIRST]: new ResolutionTally(), [MONTH_FIRST]: new ResolutionTally() };
  private dayMonthDates = 0;

  constructor(private readonly timeZone: string) {
    this.zone = requireZone(timeZone);
  }

  add(cells: readonly Cell[]): TimeBatch {
    const reader = new TimeCellReader(this.timeZone);
    for (const cell of cells) reader.add(cell);
    const { times, written, samples, dayMonthRows, dayMonthCells } = reader.reading();
    mergeSamples(this.samples, samples);
    const dayFirst = new Map<number, number>();
    dayMonthRows.forEach((row, k) => {
      dayFirst.set(row, placeDayMonth(dayMonthCells[k], DAY_FIRST, this.zone, this.byOrder[DAY_FIRST]));
      times[row] = placeDayMonth(dayMonthCells[k], MONTH_FIRST, this.zone, this.byOrder[MONTH_FIRST]);
      written[row] = reading.written;
    });
    this.dayMonthDates += dayMonthRows.length;
    this.resolution[MONTH_FIRST].add(times, written);
    const dayFirstTimes = times.slice();
    for (const [row, time] of dayFirst) dayFirstTimes[row] = time;
    this.resolution[DAY_FIRST].add(dayFirstTimes, written);
    return { times, dayFirst };
  }

  /** The order the batches' day/month dates are read in (null when there were none), the resolution and the notes. */
  finish(): Pick<TimeColumn, 'order' | 'resolutionMs' | 'notes'> {
    const chosen = chosenOrder(this.samples);
    mergeSamples(this.samples, this.byOrder[chosen]);
    return decisions(this.samples, this.dayMonthDates > 0 ? chosen : null, this.resolution[chosen].resolutionMs(), this.timeZone);
  }
}

function mergeSamples(into: Samples, from: Samples): void {
  for (const name of SAMPLES) {
    const [sample, more] = [into[name], from[name]];
    if (sample.count === 0) sample.example = more.example;
    sample.count += more.count;
  }
}

/** The majority of the dates that fit one order only decides; with none (or a tie), month-first. */
function chosenOrder(samples: Samples): number {
  return samples.dayFirstOnly.count > samples.monthFirstOnly.count ? DAY_FIRST : MONTH_FIRST;
}

/** A date that reads either way round, in `order` (NaN where it does not fit); what it shows goes into `samples`. `reading.written` tells how finely it was written. */
function placeDayMonth(cell: Cell, order: number, zone: Zone, samples: Samples): number {
  readCell(cell);
  const fits = (dayMonthOrders() & order) !== 0;
  const kind = resolveDayMonth(order);
  if (kind === WALL) addTo(samples.naive, cell);
  else if (kind === UNREADABLE && fits) addTo(samples.unreadable, cell); // fits the order, but not its weekday
  return instantOf(kind, zone);
}

/** The column's day/month order (`chosen`, null without a date that depends on it), its resolution, and the notes on them all. */
function decisions(samples: Samples, chosen: number | null, resolutionMs: number, timeZone: string): Pick<TimeColumn, 'order' | 'resolutionMs' | 'notes'> {
  const { unreadable, naive, dayFirstOnly, monthFirstOnly, eitherOrder } = samples;
  const notes: string[] = [];
  let order: TimeColumn['order'] = null;
  if (chosen !== null && dayFirstOnly.count + monthFirstOnly.count + eitherOrder.count > 0) {
    order = chosen === DAY_FIRST ? 'day-first' : 'month-first';
    notes.push(...orderNotes(order, dayFirstOnly, monthFirstOnly, eitherOrder));
  }
  if (unreadable.count > 0) {
    const what = unreadable.count === 1 ? '1 value could not be read as a time:' : `${unreadable.count} values could not be read as times, such as`;
    notes.push(`${what} "${quote(unreadable.example)}".`);
  }
  if (naive.count > 0) {
    const where = timeZone === '' ? 'as UTC' : `as ${timeZone} time`;
    notes.push(`Times without a time zone, such as "${quote(naive.example)}", were read ${where}.`);
  }
  if (resolutionMs === DAY_MS) {
    notes.push('These times are dates without a clock time, so they cannot tell how soon after sending or how close together the clicks came.');
  }
  return { order, resolutionMs, notes };
}

/** How the example of `either` reads in the chosen order, spelled out: "3 April 2026" or "April 3, 2026". */
function spelledOut(either: Sample, order: 'day-first' | 'month-first'): string {
  readCell(either.example);
  const { first, second, year } = reading;
  return order === 'day-first' ? `${first} ${MONTH_NAMES[second - 1]} ${year}` : `${MONTH_NAMES[first - 1]} ${second}, ${year}`;
}

function orderNotes(order: 'day-first' | 'month-first', dayFirstOnly: Sample, monthFirstOnly: Sample, either: Sample): string[] {
  const [proof, other] = order === 'day-first' ? [dayFirstOnly, monthFirstOnly] : [monthFirstOnly, dayFirstOnly];
  const otherOrder = order === 'day-first' ? 'month-first' : 'day-first';
  const notes: string[] = [];
  if (other.count > 0) {
    notes.push(
      `The dates contradict each other: ${plural(proof.count, 'date', 'dates')} can only be ${order} (such as "${quote(proof.example)}") ` +
        `but ${other.count} only ${otherOrder} (such as "${quote(other.example)}"). ` +
        `The column was read ${order}, so ${plural(other.count, 'date was', 'dates were')} left unread.`,
    );
  }
  if (either.count > 0) {
    const readAs = `were read ${order} (${spelledOut(either, order)})`;
    notes.push(
      proof.count > 0
        ? `Dates such as "${quote(either.example)}" ${readAs}, because dates such as "${quote(proof.example)}" can only be ${order}.`
        : `Dates such as "${quote(either.example)}" could be day-first or month-first and nothing in the column decides; they ${readAs}.`,
    );
  }
  return notes;
}

/**
 * The coarsest step every readable time is a multiple of, but no finer than the finest the cells
 * wrote; with only a few values, what they wrote alone decides (see FEW_VALUES). Tallied part by part.
 */
class ResolutionTally {
  private readable = 0;
  private finestWritten = DATE_ONLY;
  private step = MINUTE_MS;

  add(times: Float64Array, written: Uint8Array): void {
    let { readable, finestWritten, step } = this;
    for (let i = 0; i < times.length; i++) {
      const time = times[i];
      if (time !== time) continue;
      readable++;
      if (written[i] > finestWritten) finestWritten = written[i];
      while (step > 1 && time % step !== 0) step = step === MINUTE_MS ? SECOND_MS : step / 10;
    }
    Object.assign(this, { readable, finestWritten, step });
  }

  resolutionMs(): number {
    if (this.readable === 0) return SECOND_MS;
    const writtenStep = WRITTEN_STEP_MS[this.finestWritten];
    return this.readable >= FEW_VALUES ? Math.max(writtenStep, this.step) : writtenStep;
  }
}
