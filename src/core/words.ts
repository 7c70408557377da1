/** Short plain-words pieces that reasons are made of. */

/**
 * "0.3 s", "7 s", "12 min", "3 h", "2 days". Rules word a duration for most clicks they flag, so
 * each wording is made once: by the whole number it shows, and below a second by the whole
 * milliseconds (toFixed's own rounding decides there, as it always did).
 */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const seconds = abs / 1000;
  if (seconds < 1) {
    if (!Number.isInteger(abs)) return `${Number(seconds.toFixed(1))} s`;
    return (SUB_SECOND[abs] ??= `${Number(seconds.toFixed(1))} s`);
  }
  if (seconds < 120) return worded(Math.round(seconds), 's');
  if (seconds < 7200) return worded(Math.round(seconds / 60), 'min');
  if (seconds < 172800) return worded(Math.round(seconds / 3600), 'h');
  return worded(Math.round(seconds / 86400), 'days');
}

const SUB_SECOND: string[] = [];
const WORDED = new Map<string, string[]>();

function worded(count: number, unit: string): string {
  let made = WORDED.get(unit);
  if (!made) WORDED.set(unit, (made = []));
  return (made[count] ??= `${count} ${unit}`);
}

/** A count as people read it: 1,208. Small numbers, the common case, skip the locale machinery. */
export function formatCount(count: number): string {
  return count < 1000 && count > -1000 ? String(count) : count.toLocaleString('en-US');
}

/** "1 click", "1,208 clicks". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A text cut to `max` characters for quoting back to the user. */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "within the same minute" when the times only have whole minutes, else "in 12 s". */
export function span(ms: number, resolutionMs: number): string {
  if (resolutionMs >= 60000 && ms < resolutionMs) return 'in the same minute';
  if (resolutionMs >= 1000 && ms < resolutionMs) return 'in the same second';
  return `in ${duration(ms)}`;
}

/** What a delay is measured from, in words. */
export function since(kind: 'delivery' | 'send' | 'campaign send' | 'estimated send' | 'none'): string {
  if (kind === 'estimated send') return 'send (estimated)';
  if (kind === 'campaign send') return 'send';
  return kind;
}

/** A finding and its two most telling signs: reasons stay one short line. */
export function withSigns(what: string, signs: readonly string[]): string {
  return [what, ...signs.slice(0, 2)].join(', ');
}

/** Joins reasons while they fit in one short line (100 characters). */
export function fitReasons(reasons: readonly string[]): string {
  let line = reasons[0] ?? '';
  for (const reason of reasons.slice(1)) {
    if (line.length + 2 + reason.length > 100) break;
    line += `; ${reason}`;
  }
  return line;
}
