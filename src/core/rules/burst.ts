import { WEIGHT } from '../evidence';
import { plural, span, withSigns } from '../words';
import { distinctClicks, rowsBetween } from './context';
import { defineRule } from './rule';
import { machineSigns } from './signs';

/**
 * The marketer's own rule: more than N clicks by one recipient on one e-mail within a sliding
 * window (60 s by default) is a bot. A burst that reads like a person opening stories in tabs
 * (late, content links only, at a hand's pace) is only a hint unless the reader guard is off.
 */
export const burst = defineRule({
  meta: {
    name: 'burst',
    place: 6,
    needsTimes: 'timing',
    reads: [],
    settings: {
      burst: { kind: 'switch', default: true, label: 'Burst rule', help: 'Flag more than N clicks by one recipient on one e-mail within a short window.' },
      burstMaxClicks: { kind: 'number', default: 3, min: 1, max: 100, label: 'Burst: most clicks allowed', help: 'More clicks than this within the window make a burst.' },
      burstWindowSeconds: { kind: 'number', default: 60, min: 1, max: 3600, label: 'Burst: window (s)', help: 'The sliding window of the burst rule, in seconds.' },
      readerGuard: { kind: 'switch', default: true, label: 'Keep reader look-alikes', help: 'A burst that reads like a person opening stories in tabs, far from delivery and with no unsubscribe or view-online link, is not enough on its own.' },
    },
  },
  run(context, found) {
    const { clicks, groups, settings, windows } = context;
    const window = windows.burstMs;
    const time = clicks.time;
    for (let g = 0; g + 1 < groups.starts.length; g++) {
      if (groups.starts[g + 1] - groups.starts[g] <= settings.burstMaxClicks) continue;
      const rows = distinctClicks(context, g);
      let clusterStart = -1;
      let clusterEnd = -1;
      const flush = () => {
        if (clusterStart < 0) return;
        const members = rows.slice(clusterStart, clusterEnd + 1);
        const first = time[members[0]];
        const last = time[members[members.length - 1]];
        const signs = machineSigns(context, g, members);
        const machineLike = signs.length > 0 || !settings.readerGuard;
        const what = `${plural(members.length, 'click')} ${span(last - first, clicks.resolutionMs)}`;
        const reason = machineLike ? withSigns(what, signs) : `${what}, like a reader opening tabs`;
        const weight = machineLike ? WEIGHT.certain : WEIGHT.hint;
        for (const row of rowsBetween(context, g, first, last + windows.repeatMs)) {
          found.add(row, weight, reason);
        }
        clusterStart = -1;
      };
      let j = 0;
      for (let i = 0; i < rows.length; i++) {
        if (j < i) j = i;
        while (j + 1 < rows.length && time[rows[j + 1]] - time[rows[i]] < window) j++;
        if (j - i + 1 > settings.burstMaxClicks) {
          if (clusterStart >= 0 && i > clusterEnd) flush();
          if (clusterStart < 0) clusterStart = i;
          clusterEnd = Math.max(clusterEnd, j);
        }
      }
      flush();
    }
  },
});
