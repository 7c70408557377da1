/** One value on its own: a setting such as the send time, or a cell looked at to find a time column. */
import type { Cell } from '../types';
import { DAY_FIRST, DAY_MONTH, INSTANT, MONTH_FIRST, WALL, dayMonthOrders, readCell, reading, resolveDayMonth } from './parse';
import { requireZone, wallToUtc, type Zone } from './zone';

/** The instant (epoch ms) a read cell names, given the zone for clock times without one; NaN when unread. */
export function instantOf(kind: number, zone: Zone): number {
  if (kind === INSTANT) return reading.ms;
  if (kind === WALL) return wallToUtc(zone, reading.ms);
  return NaN;
}

/**
 * One value in epoch ms, or NaN when it is not a time. A numeric date that fits either order
 * (03/04/2026) is read month-first, as a column is when nothing in it decides.
 */
export function parseTime(cell: Cell, timeZone: string): number {
  const zone = requireZone(timeZone);
  let kind = readCell(cell);
  if (kind === DAY_MONTH) kind = resolveDayMonth(dayMonthOrders() === DAY_FIRST ? DAY_FIRST : MONTH_FIRST);
  return instantOf(kind, zone);
}

/** Clicks happen in this century: years outside it mark a column as something else (birthdays, ids). */
const CENTURY_START_MS = Date.UTC(2000, 0, 1);
const CENTURY_END_MS = Date.UTC(2100, 0, 1);

/**
 * Whether a cell reads as a click-era time, for finding the time column by its content. Bare
 * serial day numbers do not count: a column of them is as likely postcodes or prices.
 */
export function looksLikeTime(cell: Cell): boolean {
  const kind = readCell(cell);
  if (kind === DAY_MONTH) return reading.year >= 2000 && reading.year < 2100;
  if (kind !== INSTANT && kind !== WALL) return false;
  return !reading.serial && reading.ms >= CENTURY_START_MS && reading.ms < CENTURY_END_MS;
}
