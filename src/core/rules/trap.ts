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
  const time = clicks.time;
  const hitsTrap = (row: number) => clicks.link[row] >= 0 && isTrap[clicks.link[row]];
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    // Rows are in time order, so are the hits: the nearest hit is found by walking along them.
    const hits: number[] = [];
    for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) if (hitsTrap(row)) hits.push(row);
    if (hits.length === 0) continue;
    let next = 0;
    for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
      if (hitsTrap(row)) {
        evidence.add('trap', row, WEIGHT.certain, 'clicked a trap link');
        continue;
      }
      if (!clicks.timing) {
        evidence.add('trap', row, WEIGHT.certain, 'same copy as a trap-link click');
        continue;
      }
      while (next < hits.length && time[hits[next]] < time[row]) next++;
      const before = next > 0 ? time[row] - time[hits[next - 1]] : Infinity;
      const after = next < hits.length ? time[hits[next]] - time[row] : Infinity;
      const nearest = Math.min(before, after);
      if (nearest <= windowMs) evidence.add('trap', row, WEIGHT.certain, `${duration(nearest)} from a trap-link click`);
    }
  }
};

function comparable(link: string): string {
  return link.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}
