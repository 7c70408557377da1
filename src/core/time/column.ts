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
import { requireZone } from './zone';

export interface TimeColumn {
  /** Epoch ms per cell, NaN for blank or unreadable cells. */
  times: Float64Array;
  /** 60000 whole minutes, 1000 whole seconds, 100/10/1 for sub-second; 86400000 for dates without a clock time. */
  resolutionMs: number;
  /** Decided once for the column; null when no date in it depends on the order. */
  order: 'day-first' | 'month-first' | null;
  /** Plain-words notes for the user. */
  notes: string[];
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
class Sample {
  count = 0;
  example: Cell = null;
  add(cell: Cell): void {
    if (this.count++ === 0) this.example = cell;
  }
}

export function readTimes(cells: readonly Cell[], timeZone: string): TimeColumn {
  const zone = requireZone(timeZone);
  const size = cells.length;
  const times = new Float64Array(size);
  const written = new Uint8Array(size);
  const unreadable = new Sample();
  const naive = new Sample();
  const dayFirstOnly = new Sample();
  const monthFirstOnly = new Sample();
  const eitherOrder = new Sample();
  const dayMonthCells: number[] = [];

  const kinds = new Uint8Array(size);
  // Exports repeat cells often (each copy's delivery time on all its clicks): a cell equal to one
  // read before is copied from it. Texts are remembered only while a quarter of the cells repeat.
  let firstOfText: Map<string, number> | null = new Map();
  let repeats = 0;
  for (let i = 0; i < size; i++) {
    if (i % REPEAT_SAMPLE === 0) {
      if (i > 0 && repeats * 4 < REPEAT_SAMPLE) firstOfText = null;
      repeats = 0;
    }
    const cell = cells[i];
    const earlier = i > 0 && cell === cells[i - 1] ? i - 1 : typeof cell === 'string' ? (firstOfText?.get(cell) ?? -1) : -1;
    if (earlier >= 0 && kinds[earlier] !== DAY_MONTH) {
      repeats++;
      times[i] = times[earlier];
      written[i] = written[earlier];
      kinds[i] = kinds[earlier];
      if (kinds[i] === UNREADABLE) unreadable.add(cell);
      else if (kinds[i] === WALL) naive.add(cell);
      continue;
    }
    if (firstOfText && typeof cell === 'string') firstOfText.set(cell, i);
    const kind = readCell(cell);
    kinds[i] = kind;
    if (kind === DAY_MONTH) {
      dayMonthCells.push(i);
      const orders = dayMonthOrders();
      if (orders === DAY_FIRST) dayFirstOnly.add(cell);
      else if (orders === MONTH_FIRST) monthFirstOnly.add(cell);
      else if (reading.first !== reading.second) eitherOrder.add(cell);
      continue;
    }
    times[i] = instantOf(kind, zone);
    written[i] = reading.written;
    if (kind === UNREADABLE) unreadable.add(cell);
    else if (kind === WALL) naive.add(cell);
  }

  const notes: string[] = [];
  let order: TimeColumn['order'] = null;
  if (dayMonthCells.length > 0) {
    // The majority of the dates that fit one order only decides; with none (or a tie), month-first.
    const dayFirst = dayFirstOnly.count > monthFirstOnly.count;
    const chosen = dayFirst ? DAY_FIRST : MONTH_FIRST;
    for (const i of dayMonthCells) {
      readCell(cells[i]);
      const fits = (dayMonthOrders() & chosen) !== 0;
      const kind = resolveDayMonth(chosen);
      times[i] = instantOf(kind, zone);
      written[i] = reading.written;
      if (kind === WALL) naive.add(cells[i]);
      else if (kind === UNREADABLE && fits) unreadable.add(cells[i]); // fits the order, but not its weekday
    }
    if (dayFirstOnly.count + monthFirstOnly.count + eitherOrder.count > 0) {
      order = dayFirst ? 'day-first' : 'month-first';
      notes.push(...orderNotes(order, dayFirstOnly, monthFirstOnly, eitherOrder));
    }
  }
  if (unreadable.count > 0) {
    const what = unreadable.count === 1 ? '1 value could not be read as a time:' : `${unreadable.count} values could not be read as times, such as`;
    notes.push(`${what} "${quote(unreadable.example)}".`);
  }
  if (naive.count > 0) {
    const where = timeZone === '' ? 'as UTC' : `as ${timeZone} time`;
    notes.push(`Times without a time zone, such as "${quote(naive.example)}", were read ${where}.`);
  }
  const resolutionMs = resolutionOf(times, written);
  if (resolutionMs === DAY_MS) {
    notes.push('These times are dates without a clock time, so they cannot tell how soon after sending or how close together the clicks came.');
  }
  return { times, resolutionMs, order, notes };
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
 * wrote; with only a few values, what they wrote alone decides (see FEW_VALUES).
 */
function resolutionOf(times: Float64Array, written: Uint8Array): number {
  let readable = 0;
  let finestWritten = DATE_ONLY;
  let step = MINUTE_MS;
  for (let i = 0; i < times.length; i++) {
    const time = times[i];
    if (time !== time) continue;
    readable++;
    if (written[i] > finestWritten) finestWritten = written[i];
    while (step > 1 && time % step !== 0) step = step === MINUTE_MS ? SECOND_MS : step / 10;
  }
  if (readable === 0) return SECOND_MS;
  const writtenStep = WRITTEN_STEP_MS[finestWritten];
  return readable >= FEW_VALUES ? Math.max(writtenStep, step) : writtenStep;
}
