import { WEIGHT } from '../evidence';
import { duration } from '../words';
import type { Rule } from './context';

/**
 * Trap links are hidden links only machines follow. A recipient who hits one has the clicks around
 * it flagged too: the same visit fetched them.
 */
export const trap: Rule = ({ clicks, groups, settings }, evidence) => {
  if (!settings.trap || settings.trapLinks.length === 0) return;
  const traps = settings.trapLinks.map(comparable);
  const isTrap = clicks.linkNames.map((name) => {
    const link = comparable(name);
    return traps.some((t) => link === t || link.startsWith(t));
  });
  const windowMs = settings.trapWindowSeconds * 1000;
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const rows = Array.from(groups.order.subarray(groups.starts[g], groups.starts[g + 1]));
    const hits = rows.filter((row) => clicks.link[row] >= 0 && isTrap[clicks.link[row]]);
    if (hits.length === 0) continue;
    for (const row of rows) {
      if (hits.includes(row)) {
        evidence.add('trap', row, WEIGHT.certain, 'clicked a trap link');
        continue;
      }
      const nearest = Math.min(...hits.map((hit) => Math.abs(clicks.time[hit] - clicks.time[row])));
      const untimed = !clicks.timing;
      if (untimed || nearest <= windowMs) {
        evidence.add('trap', row, WEIGHT.certain, untimed ? 'same copy as a trap-link click' : `${duration(nearest)} from a trap-link click`);
      }
    }
  }
};

function comparable(link: string): string {
  return link.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}
