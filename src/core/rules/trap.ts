import { WEIGHT } from '../evidence';
import { duration } from '../words';
import { defineRule } from './rule';

/**
 * Trap links are hidden links only machines follow. A recipient who hits one has the clicks around
 * it flagged too: the same visit fetched them.
 */
export const trap = defineRule({
  meta: {
    name: 'trap',
    place: 2,
    needsTimes: 'no',
    reads: [],
    settings: {
      trap: { kind: 'switch', default: true, label: 'Trap links', help: 'Flag clicks around a hit on a trap link.' },
      trapWindowSeconds: { kind: 'number', default: 300, min: 0, max: 86400, label: 'Trap: window (s)', help: 'Clicks by the same recipient this close to a trap hit are flagged too.' },
    },
  },
  run({ clicks, groups, settings, windows }, found) {
    if (settings.trapLinks.length === 0) return;
    const traps = settings.trapLinks.map(comparable);
    const isTrap = clicks.linkNames.map((name) => {
      const link = comparable(name);
      return traps.some((t) => link === t || link.startsWith(t));
    });
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
          found.add(row, WEIGHT.certain, 'clicked a trap link');
          continue;
        }
        if (!clicks.timing) {
          found.add(row, WEIGHT.certain, 'same copy as a trap-link click');
          continue;
        }
        while (next < hits.length && time[hits[next]] < time[row]) next++;
        const before = next > 0 ? time[row] - time[hits[next - 1]] : Infinity;
        const after = next < hits.length ? time[hits[next]] - time[row] : Infinity;
        const nearest = Math.min(before, after);
        if (nearest <= windows.trapMs) found.add(row, WEIGHT.certain, `${duration(nearest)} from a trap-link click`);
      }
    }
  },
});

function comparable(link: string): string {
  return link.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}
