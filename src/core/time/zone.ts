/**
 * IANA zones through Intl (the only zone data both Node and Apps Script have). `formatToParts` is
 * slow, so offsets are cached per hour: a zone's offset changes at most once in any hour, and an
 * hour whose two ends disagree is computed exactly for each time in it.
 */
import { BotclickError } from '../errors';
import { DAY_MS, HOUR_MS, SECOND_MS, daysFromCivil } from './calendar';

export interface Zone {
  /** null for UTC, whose offset is always 0. */
  readonly format: Intl.DateTimeFormat | null;
  /** UTC hour → offset in ms (NaN: changes within that hour). */
  readonly offsetByUtcHour: Map<number, number>;
  /** Wall-clock hour → ms to subtract to reach UTC (NaN: changes within that hour). */
  readonly shiftByWallHour: Map<number, number>;
  /** The last wall-clock hour looked up, so runs of times in one hour skip the map. */
  lastWallHour: number;
  lastShift: number;
}

/** Enough hours for decades of data; beyond it a cache starts over rather than grow without end. */
const MAX_CACHED_HOURS = 200000;

const zones = new Map<string, Zone | null>();

function makeZone(name: string): Zone | null {
  let format: Intl.DateTimeFormat | null = null;
  if (name !== '') {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return null;
    }
    const resolved = format.resolvedOptions().timeZone;
    if (resolved === 'UTC' || resolved === 'Etc/UTC') format = null;
  }
  return { format, offsetByUtcHour: new Map(), shiftByWallHour: new Map(), lastWallHour: NaN, lastShift: NaN };
}

function zoneFor(name: string): Zone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = makeZone(name);
    zones.set(name, zone);
  }
  return zone;
}

/** Whether `zone` is an IANA time zone name this runtime knows; '' (UTC) is valid. */
export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zoneFor(zone) !== null;
}

/** The zone, or a one-line BotclickError naming the bad name. */
export function requireZone(name: string): Zone {
  const zone = typeof name === 'string' ? zoneFor(name) : null;
  if (zone === null) {
    throw new BotclickError(`"${String(name)}" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York, or leave it empty for UTC.`);
  }
  return zone;
}

function exactOffset(format: Intl.DateTimeFormat, utcMs: number): number {
  const whole = Math.floor(utcMs / SECOND_MS) * SECOND_MS;
  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  for (const part of format.formatToParts(whole)) {
    const value = Number(part.value);
    switch (part.type) {
      case 'year': year = value; break;
      case 'month': month = value; break;
      case 'day': day = value; break;
      case 'hour': hour = value % 24; break; // some engines write midnight as 24
      case 'minute': minute = value; break;
      case 'second': second = value; break;
    }
  }
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * SECOND_MS - whole;
}

function remember(cache: Map<number, number>, hour: number, value: number): void {
  if (cache.size >= MAX_CACHED_HOURS) cache.clear();
  cache.set(hour, value);
}

/** The zone's offset from UTC (ms, east positive) at an instant. */
export function offsetAt(zone: Zone, utcMs: number): number {
  const format = zone.format;
  if (format === null) return 0;
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = zone.offsetByUtcHour.get(hour);
  if (offset === undefined) {
    const start = exactOffset(format, hour * HOUR_MS);
    offset = start === exactOffset(format, (hour + 1) * HOUR_MS - SECOND_MS) ? start : NaN;
    remember(zone.offsetByUtcHour, hour, offset);
  }
  return offset === offset ? offset : exactOffset(format, utcMs);
}

/**
 * The ms to subtract from a wall-clock time to reach UTC. Like Temporal's "compatible" choice:
 * a clock time that happens twice (autumn) is the earlier one, and one that never happens (the
 * spring gap) is read with the offset from before the change, so 02:30 becomes 03:30.
 */
function exactShift(zone: Zone, wallMs: number): number {
  const before = offsetAt(zone, wallMs - DAY_MS);
  const after = offsetAt(zone, wallMs + DAY_MS);
  const beforeFits = offsetAt(zone, wallMs - before) === before;
  const afterFits = offsetAt(zone, wallMs - after) === after;
  if (beforeFits && afterFits) return Math.max(before, after);
  return afterFits ? after : before;
}

/** The instant (epoch ms) at which the zone's clocks show `wallMs` (a wall clock counted as if UTC). */
export function wallToUtc(zone: Zone, wallMs: number): number {
  if (zone.format === null) return wallMs;
  const hour = Math.floor(wallMs / HOUR_MS);
  if (hour !== zone.lastWallHour) {
    let cached = zone.shiftByWallHour.get(hour);
    if (cached === undefined) {
      const start = exactShift(zone, hour * HOUR_MS);
      cached = start === exactShift(zone, (hour + 1) * HOUR_MS - SECOND_MS) ? start : NaN;
      remember(zone.shiftByWallHour, hour, cached);
    }
    zone.lastWallHour = hour;
    zone.lastShift = cached;
  }
  const shift = zone.lastShift;
  return wallMs - (shift === shift ? shift : exactShift(zone, wallMs));
}
