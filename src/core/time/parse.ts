/**
 * Reads one cell as a time, on its own: what it says, not yet where (zone) or in which day/month
 * order (the column decides). Hand-written over char codes because a column can hold a million
 * cells: numeric dates and ISO times are read without building a Date, a RegExp match, a string
 * or an object per cell; only words (month names, zone names) are sliced out to look them up.
 */
import type { Cell } from '../types';
import { DAY_MS, FIRST_YEAR, LAST_YEAR, MINUTE_MS, daysFromCivil, isValidDate, weekdayOf } from './calendar';
import { CLOCK_JOINERS, MONTHS, WEEKDAYS, ZONE_WORDS } from './words';

/** What reading a cell gave. */
export const BLANK = 0;
export const UNREADABLE = 1;
/** An instant: `reading.ms` is epoch ms. */
export const INSTANT = 2;
/** A clock time with no zone: `reading.ms` is that wall clock counted as if it were UTC. */
export const WALL = 3;
/** A numeric date such as 03/04/2026 whose day/month order the column decides; see `dayMonthOrders`. */
export const DAY_MONTH = 4;

/**
 * How finely a cell wrote its time, as an index into WRITTEN_STEP_MS: the column's resolution is
 * never finer than what its cells wrote. Fractions add a level per digit, down to milliseconds.
 */
export const DATE_ONLY = 0;
export const MINUTES = 1;
export const SECONDS = 2;
export const MILLISECONDS = 5;
export const WRITTEN_STEP_MS = [DAY_MS, MINUTE_MS, 1000, 100, 10, 1];

/** Bits of `dayMonthOrders`. */
export const DAY_FIRST = 1;
export const MONTH_FIRST = 2;

export interface Reading {
  ms: number;
  /** DATE_ONLY … MILLISECONDS. */
  written: number;
  /** Whether the cell was a Sheets serial day number (which looks like many other numbers). */
  serial: boolean;
  /** DAY_MONTH only: the two leading numbers, the year, and the rest of the time. */
  first: number;
  second: number;
  year: number;
  clockMs: number;
  /** Offset the text names, in ms; NaN when it names none. */
  offsetMs: number;
  /** 0 (Sunday)..6 when the text names a weekday, else -1. */
  weekday: number;
}

/** Filled by `readCell`; one shared object so that reading a column allocates nothing per cell. */
export const reading: Reading = { ms: NaN, written: DATE_ONLY, serial: false, first: 0, second: 0, year: 0, clockMs: 0, offsetMs: NaN, weekday: -1 };

/** Longer text is not a time (the longest we read, a JavaScript Date string, is about 70 characters). */
const MAX_TEXT = 120;

/**
 * Numbers are told apart by magnitude: Sheets serial days (1954–2173) sit far below epoch seconds
 * from 1973 on, and each epoch unit (s, ms, µs, ns) starts three decimal orders above the last.
 * What falls between, or beyond the years we read, is some other number.
 */
const SERIAL_START = 20000;
const SERIAL_END = 100000;
const SERIAL_DAY_OF_EPOCH = 25569; // 1970-01-01 counted from 1899-12-30
const EPOCH_SECONDS_START = 1e8;
const EPOCH_MS_START = 1e11;
const EPOCH_US_START = 1e14;
const EPOCH_NS_START = 1e17;
const EPOCH_END = 1e20;

const TAB = 9, SPACE = 32, PLUS = 43, COMMA = 44, DASH = 45, DOT = 46, SLASH = 47, COLON = 58;
const OPEN_PAREN = 40, CLOSE_PAREN = 41, NBSP = 160, NARROW_NBSP = 0x202f;

/** Instants outside the years we read are not click times (a Sheets time-of-day cell is a Date in 1899). */
const FIRST_MS = daysFromCivil(FIRST_YEAR, 1, 1) * DAY_MS;
const END_MS = daysFromCivil(LAST_YEAR + 1, 1, 1) * DAY_MS;

function inYears(ms: number): boolean {
  return ms >= FIRST_MS && ms < END_MS;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_FRACTION_DIGITS = 15;

const toText = Object.prototype.toString;
const getTime = Date.prototype.getTime;

export function readCell(cell: Cell): number {
  reading.serial = false;
  if (typeof cell === 'string') return readText(cell);
  if (typeof cell === 'number') return readNumber(cell);
  if (cell === null || cell === undefined) return BLANK;
  // Not `instanceof`: a Date from another realm (a test's vm, Apps Script) must count too.
  if (toText.call(cell) === '[object Date]') {
    const ms = getTime.call(cell as Date);
    if (!inYears(ms)) return UNREADABLE;
    reading.ms = ms;
    reading.written = MILLISECONDS;
    return INSTANT;
  }
  return UNREADABLE;
}

function readNumber(value: number): number {
  if (!(value >= SERIAL_START)) return UNREADABLE; // also NaN: small counts, ids, negatives
  if (value < SERIAL_END) {
    reading.ms = Math.round((value - SERIAL_DAY_OF_EPOCH) * DAY_MS);
    reading.written = value % 1 === 0 ? DATE_ONLY : MILLISECONDS;
    reading.serial = true;
    return WALL;
  }
  if (value < EPOCH_SECONDS_START) return UNREADABLE;
  reading.written = MILLISECONDS;
  if (value < EPOCH_MS_START) {
    reading.ms = Math.round(value * 1e6) / 1e3; // float seconds, kept to the µs
    if (value % 1 === 0) reading.written = SECONDS;
  } else if (value < EPOCH_US_START) reading.ms = value;
  else if (value < EPOCH_NS_START) reading.ms = value / 1e3;
  else if (value < EPOCH_END) reading.ms = value / 1e6;
  else return UNREADABLE;
  return inYears(reading.ms) ? INSTANT : UNREADABLE;
}

// What the text parser has found so far in the current cell.
let year = 0;
let month = 0;
let day = 0;
let dayMonth = false;
let weekday = -1;
let clockMs = 0;
let fractionMs = 0;
let written = DATE_ONLY;
let offsetMs = NaN;
let afternoon = false;
/** How many digits the last `readInt` read. */
let intLength = 0;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7);
}

/** Spaces, including the no-break ones spreadsheets and Intl put before AM/PM. */
function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === NBSP || code === NARROW_NBSP || (code >= 10 && code <= 13);
}

function skipSpaces(s: string, i: number, end: number): number {
  while (i < end && isBlank(s.charCodeAt(i))) i++;
  return i;
}

/** The value of up to maxLength digits at i, or -1 when there is none; sets intLength. */
function readInt(s: string, i: number, end: number, maxLength: number): number {
  let value = 0;
  let j = i;
  const stop = Math.min(end, i + maxLength);
  while (j < stop) {
    const digit = s.charCodeAt(j) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    j++;
  }
  intLength = j - i;
  return intLength === 0 ? -1 : value;
}

function wordEnd(s: string, i: number, end: number): number {
  while (i < end && isLetter(s.charCodeAt(i))) i++;
  return i;
}

function readText(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && isBlank(s.charCodeAt(start))) start++;
  while (end > start && isBlank(s.charCodeAt(end - 1))) end--;
  if (start === end) return BLANK;
  if (end - start > MAX_TEXT) return UNREADABLE;
  const utc = readIsoUtc(s, start, end);
  if (utc !== NOT_THIS_SHAPE) return utc;
  if (isNumberText(s, start, end)) return readNumber(Number(s.slice(start, end)));

  dayMonth = false;
  weekday = -1;
  clockMs = 0;
  written = DATE_ONLY;
  offsetMs = NaN;
  let i = readDate(s, start, end);
  if (i >= 0) i = readClockAndZone(s, i, end);
  if (i !== end) return UNREADABLE;
  reading.written = written;
  if (dayMonth) {
    reading.clockMs = clockMs;
    reading.offsetMs = offsetMs;
    reading.weekday = weekday;
    return DAY_MONTH;
  }
  return placeDate(year, month, day, clockMs, offsetMs, weekday);
}

const NOT_THIS_SHAPE = -1;

/**
 * `2026-03-02T12:22:05Z` or `2026-03-02T12:22:05.052Z`, what most exports and APIs write, read at
 * fixed places: a million such cells skip the general parser's search. Reads as the general parser
 * does (INSTANT); any other shape, or a value out of range, is left to it (NOT_THIS_SHAPE).
 */
function readIsoUtc(s: string, start: number, end: number): number {
  if (end - start < 20 || (s.charCodeAt(end - 1) | 32) !== 122) return NOT_THIS_SHAPE; // ends in 'Z'
  const isShape = s.charCodeAt(start + 4) === DASH && s.charCodeAt(start + 7) === DASH && (s.charCodeAt(start + 10) | 32) === 116 &&
    s.charCodeAt(start + 13) === COLON && s.charCodeAt(start + 16) === COLON;
  if (!isShape) return NOT_THIS_SHAPE;
  const y = fixedInt(s, start, 4);
  const m = fixedInt(s, start + 5, 2);
  const d = fixedInt(s, start + 8, 2);
  const hour = fixedInt(s, start + 11, 2);
  const minute = fixedInt(s, start + 14, 2);
  const second = fixedInt(s, start + 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || !isValidDate(y, m, d)) return NOT_THIS_SHAPE;
  let i = start + 19;
  fractionMs = 0;
  written = SECONDS;
  if (isFractionMark(s, i)) i = readFraction(s, i + 1, end);
  if (i !== end - 1) return NOT_THIS_SHAPE;
  reading.written = written;
  return placeDate(y, m, d, ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs, 0, -1);
}

/** The value of exactly `length` digits at i, or -1. */
function fixedInt(s: string, i: number, length: number): number {
  let value = 0;
  for (let j = i; j < i + length; j++) {
    const digit = s.charCodeAt(j) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Digits with at most one decimal point: an epoch or serial number written as text. */
function isNumberText(s: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  if (i === end) return true;
  if (s.charCodeAt(i) !== DOT || i + 1 === end) return false;
  i++;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  return i === end;
}

/** Sets `reading.ms` for a known date; the kind, or UNREADABLE when a named weekday contradicts it. */
function placeDate(y: number, m: number, d: number, clock: number, offset: number, namedWeekday: number): number {
  const days = daysFromCivil(y, m, d);
  if (namedWeekday >= 0 && weekdayOf(days) !== namedWeekday) return UNREADABLE;
  const wall = days * DAY_MS + clock;
  if (offset === offset) {
    reading.ms = wall - offset;
    return INSTANT;
  }
  reading.ms = wall;
  return WALL;
}

function setDate(y: number, m: number, d: number): boolean {
  if (!isValidDate(y, m, d)) return false;
  year = y;
  month = m;
  day = d;
  return true;
}

/** Two-digit years: 00–68 are 20xx, 69–99 are 19xx (as POSIX strptime reads %y). */
function fullYear(value: number, digits: number): number {
  if (digits === 4) return value;
  if (digits === 2) return value < 69 ? 2000 + value : 1900 + value;
  return -1;
}

/** Reads the date part; returns the index after it, or -1. */
function readDate(s: string, i: number, end: number): number {
  i = skipWeekday(s, i, end);
  if (i < 0 || i >= end) return -1;
  return isDigit(s.charCodeAt(i)) ? readNumericDate(s, i, end) : readMonthFirst(s, i, end);
}

/** "Thu, 26 Nov 2026", "Tue Mar 10 2026": a leading weekday is checked against the date later. */
function skipWeekday(s: string, i: number, end: number): number {
  if (!isLetter(s.charCodeAt(i))) return i;
  const after = wordEnd(s, i, end);
  const named = WEEKDAYS.get(s.slice(i, after).toLowerCase());
  if (named === undefined) return i;
  weekday = named;
  let j = after;
  if (s.charCodeAt(j) === DOT) j++;
  if (s.charCodeAt(j) === COMMA) j++;
  const next = skipSpaces(s, j, end);
  return next > after ? next : -1;
}

function readNumericDate(s: string, i: number, end: number): number {
  const a = readInt(s, i, end, 4);
  const aDigits = intLength;
  i += aDigits;
  const separator = s.charCodeAt(i);
  if (separator !== SLASH && separator !== DASH && separator !== DOT) {
    return aDigits <= 2 && isBlank(separator) ? readMonthThenYear(s, skipSpaces(s, i, end), end, a) : -1;
  }
  if (!isDigit(s.charCodeAt(i + 1))) {
    // 26-Nov-2026, 26. Nov 2026
    return aDigits <= 2 ? readMonthThenYear(s, skipSpaces(s, i + 1, end), end, a) : -1;
  }
  const b = readInt(s, i + 1, end, 2);
  i += 1 + intLength;
  if (s.charCodeAt(i) !== separator) return -1;
  const c = readInt(s, i + 1, end, 4);
  const cDigits = intLength;
  i += 1 + cDigits;
  if (c < 0 || isDigit(s.charCodeAt(i))) return -1;
  if (aDigits === 4) return cDigits <= 2 && setDate(a, b, c) ? i : -1; // 2026-11-26, 2026/11/26
  if (aDigits > 2) return -1;
  const y = fullYear(c, cDigits);
  if (separator === DOT) return setDate(y, b, a) ? i : -1; // dotted dates are day-first everywhere
  dayMonth = true;
  reading.first = a;
  reading.second = b;
  reading.year = y;
  return dayMonthOrders() === 0 ? -1 : i;
}

/** "26 Nov 2026", "26. November 2026", "26-Nov-26": the day is read, the month word is at i. */
function readMonthThenYear(s: string, i: number, end: number, d: number): number {
  const after = wordEnd(s, i, end);
  const m = MONTHS.get(s.slice(i, after).toLowerCase());
  if (m === undefined) return -1;
  return readYear(s, skipDateJoin(s, after, end), end, m, d);
}

/** "Nov 26, 2026", "November 26th 2026", "Mar 10 2026 14:01:07 GMT+0100 (…)". */
function readMonthFirst(s: string, i: number, end: number): number {
  const after = wordEnd(s, i, end);
  const m = MONTHS.get(s.slice(i, after).toLowerCase());
  if (m === undefined) return -1;
  i = skipDateJoin(s, after, end);
  const d = readInt(s, i, end, 2);
  if (d < 0 || i === after) return -1;
  return readYear(s, skipDateJoin(s, skipOrdinal(s, i + intLength, end), end), end, m, d);
}

function readYear(s: string, i: number, end: number, m: number, d: number): number {
  const value = readInt(s, i, end, 4);
  const j = i + intLength;
  if (value < 0 || isDigit(s.charCodeAt(j))) return -1;
  return setDate(fullYear(value, intLength), m, d) ? j : -1;
}

/** The punctuation and spaces between the words of a written date. */
function skipDateJoin(s: string, i: number, end: number): number {
  while (i < end) {
    const code = s.charCodeAt(i);
    if (!isBlank(code) && code !== COMMA && code !== DOT && code !== DASH && code !== SLASH) break;
    i++;
  }
  return i;
}

function skipOrdinal(s: string, i: number, end: number): number {
  const suffix = s.slice(i, i + 2).toLowerCase();
  const isSuffix = suffix === 'st' || suffix === 'nd' || suffix === 'rd' || suffix === 'th';
  return isSuffix && !isLetter(s.charCodeAt(i + 2)) ? Math.min(i + 2, end) : i;
}

/** Reads the optional clock time and zone after the date; returns the index after them, or -1. */
function readClockAndZone(s: string, i: number, end: number): number {
  if (i === end) return i;
  let j = i;
  const code = s.charCodeAt(j);
  if (code === 84 || code === 116) {
    j++; // 'T' or 't'
  } else {
    while (j < end && (isBlank(s.charCodeAt(j)) || s.charCodeAt(j) === COMMA)) j++;
    const after = wordEnd(s, j, end);
    if (after > j && CLOCK_JOINERS.has(s.slice(j, after).toLowerCase())) j = skipSpaces(s, after, end);
    if (j === i) return -1;
  }
  const k = readClock(s, j, end);
  return k < 0 ? -1 : readZone(s, k, end);
}

/** H:MM, HH:MM:SS, HH:MM:SS.fffffff, with an optional AM/PM. */
function readClock(s: string, i: number, end: number): number {
  let hour = readInt(s, i, end, 2);
  if (hour < 0 || s.charCodeAt(i + intLength) !== COLON) return -1;
  i += intLength + 1;
  const minute = readInt(s, i, end, 2);
  if (intLength !== 2) return -1;
  i += 2;
  let second = 0;
  fractionMs = 0;
  written = MINUTES;
  if (s.charCodeAt(i) === COLON) {
    second = readInt(s, i + 1, end, 2);
    if (intLength !== 2) return -1;
    i += 3;
    written = SECONDS;
    if (isFractionMark(s, i)) i = readFraction(s, i + 1, end);
  }
  const meridiemEnd = readMeridiem(s, skipSpaces(s, i, end), end);
  if (meridiemEnd >= 0) {
    if (hour < 1 || hour > 12) return -1;
    hour = (hour % 12) + (afternoon ? 12 : 0);
    i = meridiemEnd;
  }
  if (hour > 23 || minute > 59 || second > 59) return -1;
  clockMs = ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs;
  return i;
}

/** A decimal point or comma with a digit after it: a fraction of a second follows. */
function isFractionMark(s: string, i: number): boolean {
  const mark = s.charCodeAt(i);
  return (mark === DOT || mark === COMMA) && isDigit(s.charCodeAt(i + 1));
}

/** The digits of a fraction of a second from i: sets `fractionMs` and `written`; the index after them. */
function readFraction(s: string, i: number, end: number): number {
  let value = 0;
  let digits = 0;
  for (; i < end && isDigit(s.charCodeAt(i)); i++) {
    if (digits < MAX_FRACTION_DIGITS) {
      value = value * 10 + s.charCodeAt(i) - 48;
      digits++;
    }
  }
  fractionMs = (value * 1000) / POW10[digits];
  written = Math.min(SECONDS + digits, MILLISECONDS);
  return i;
}

/** AM, pm, a.m., P.M.; sets `afternoon`; the index after it, or -1. */
function readMeridiem(s: string, i: number, end: number): number {
  const first = s.charCodeAt(i) | 32;
  if (first !== 97 && first !== 112) return -1; // a, p
  let j = i + 1;
  if (s.charCodeAt(j) === DOT) j++;
  if ((s.charCodeAt(j) | 32) !== 109) return -1; // m
  j++;
  if (s.charCodeAt(j) === DOT) j++;
  if (j < end && isLetter(s.charCodeAt(j))) return -1;
  afternoon = first === 112;
  return j;
}

/** Z, +01:00, +0100, -04, UTC, GMT+0100, EST…, optionally followed by "(zone name)". */
function readZone(s: string, i: number, end: number): number {
  const j = skipSpaces(s, i, end);
  if (j === end) return j;
  const code = s.charCodeAt(j);
  let k: number;
  if (code === PLUS || code === DASH) {
    k = readOffset(s, j, end, 2);
  } else if ((code | 32) === 122 && !isLetter(s.charCodeAt(j + 1))) {
    k = j + 1; // 'Z', the common case, without building a word
    offsetMs = 0;
  } else if (isLetter(code)) {
    k = wordEnd(s, j, end);
    const word = s.slice(j, k).toLowerCase();
    const minutes = ZONE_WORDS.get(word);
    if (minutes === undefined) return -1;
    offsetMs = minutes * MINUTE_MS;
    const sign = s.charCodeAt(k);
    if ((word === 'utc' || word === 'gmt' || word === 'ut') && (sign === PLUS || sign === DASH)) k = readOffset(s, k, end, 1);
  } else {
    return -1;
  }
  if (k < 0) return -1;
  const comment = skipSpaces(s, k, end);
  return s.charCodeAt(comment) === OPEN_PAREN && s.charCodeAt(end - 1) === CLOSE_PAREN ? end : k;
}

/** ±HH:MM, ±HHMM or ±HH (±H after UTC/GMT); sets `offsetMs`. */
function readOffset(s: string, i: number, end: number, fewestHourDigits: number): number {
  const sign = s.charCodeAt(i) === DASH ? -1 : 1;
  const value = readInt(s, i + 1, end, 4);
  let j = i + 1 + intLength;
  let hours = value;
  let minutes = 0;
  if (intLength === 4) {
    hours = Math.floor(value / 100);
    minutes = value % 100;
  } else if (intLength >= fewestHourDigits && intLength <= 2) {
    if (s.charCodeAt(j) === COLON) {
      minutes = readInt(s, j + 1, end, 2);
      if (intLength !== 2) return -1;
      j += 3;
    }
  } else {
    return -1;
  }
  if (hours > 14 || minutes > 59) return -1;
  offsetMs = sign * (hours * 60 + minutes) * MINUTE_MS;
  return j;
}

/** For the DAY_MONTH cell just read: which orders give a real date (DAY_FIRST | MONTH_FIRST bits). */
export function dayMonthOrders(): number {
  const { first, second, year: y } = reading;
  return (isValidDate(y, second, first) ? DAY_FIRST : 0) | (isValidDate(y, first, second) ? MONTH_FIRST : 0);
}

/** Reads the DAY_MONTH cell just read in the given order: INSTANT or WALL with `reading.ms`, or UNREADABLE. */
export function resolveDayMonth(order: number): number {
  if ((dayMonthOrders() & order) === 0) return UNREADABLE;
  const { first, second, year: y } = reading;
  return order === DAY_FIRST
    ? placeDate(y, second, first, reading.clockMs, reading.offsetMs, reading.weekday)
    : placeDate(y, first, second, reading.clockMs, reading.offsetMs, reading.weekday);
}
