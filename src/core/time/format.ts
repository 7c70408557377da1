import { SECOND_MS } from './calendar';
import { offsetAt, requireZone } from './zone';

/** The largest time a Date can hold, less a day of room for the zone offset. */
const LARGEST_MS = 8.64e15 - 86400000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** 'YYYY-MM-DD HH:MM:SS' in the zone ('' = UTC), for reasons and summaries; '' for a time that is not one. */
export function formatTime(ms: number, timeZone: string): string {
  const zone = requireZone(timeZone);
  if (!(Math.abs(ms) <= LARGEST_MS)) return '';
  const whole = Math.floor(ms / SECOND_MS) * SECOND_MS;
  const wall = new Date(whole + offsetAt(zone, whole));
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)} ` +
    `${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)}`
  );
}
