import { WEIGHT } from '../evidence';
import { duration, plural, span, withSigns } from '../words';
import { distinctClicks, paceShown, quickRuns } from './context';
import { defineRule } from './rule';
import { machineSigns } from './signs';

/**
 * Different links clicked faster than a hand moves: a scanner fetching a few links, too few for the
 * burst or sweep rules. It weighs strongly but is not enough alone; within twice that gap it is a
 * hint. Whole-minute stamps cannot show a hand's pace: links stamped in the same minute are at most
 * quick for a hand.
 */
export const rapid = defineRule({
  meta: {
    name: 'rapid',
    place: 7,
    needsTimes: 'timing',
    reads: ['burst', 'sweep', 'tooSoon', 'wave', 'userAgent', 'ipRange', 'providerFlag', 'trap'],
    settings: {
      rapid: { kind: 'switch', default: true, label: 'Rapid-fire rule', help: 'Weigh different links clicked faster than a hand can.' },
      rapidSeconds: { kind: 'number', default: 1, min: 0.1, max: 10, label: 'Rapid fire: gap under (s)', help: 'Clicks on different links closer together than this are rapid fire.' },
    },
  },
  run(context, found) {
    const { clicks, groups, windows } = context;
    const paceVisible = paceShown(context);
    const fastMs = windows.fastMs;
    const time = clicks.time;
    for (let g = 0; g + 1 < groups.starts.length; g++) {
      if (groups.distinctStarts[g + 1] - groups.distinctStarts[g] < 2) continue;
      const runs = quickRuns(distinctClicks(context, g), time);
      for (const run of runs) {
        let slowest = 0;
        for (let k = 1; k < run.length; k++) slowest = Math.max(slowest, time[run[k]] - time[run[k - 1]]);
        const took = time[run[run.length - 1]] - time[run[0]];
        // Three links or more: their whole span, stamps' rounding included, against a hand's pace per link.
        const fastOnAverage = run.length >= 3 && took + clicks.resolutionMs <= (run.length - 1) * fastMs;
        if (paceVisible && (fastOnAverage || slowest < fastMs)) {
          // Three links each faster than a hand are a machine; two need one more sign.
          const signs = machineSigns(context, g, run);
          const weight = run.length >= 3 || signs.length > 0 ? WEIGHT.certain : WEIGHT.strong;
          const reason = withSigns(`${plural(run.length, 'link')} in ${duration(took)}, faster than a hand`, signs);
          for (const row of run) found.add(row, weight, reason);
        } else if ((!paceVisible || slowest <= 2 * fastMs) && !run.every((row) => found.isCertain(row))) {
          // Quick for a hand: a hint. With another machine sign, such as coming during delivery, it is
          // strong, and certain for three links or more, or with two signs: opening stories in tabs
          // is neither.
          const signs = machineSigns(context, g, run);
          // Links in one minute are no hint on their own: readers click that fast.
          if (signs.length === 0 && !paceVisible) continue;
          const reason = withSigns(`${plural(run.length, 'link')} ${span(took, clicks.resolutionMs)}${paceVisible ? ', quick for a hand' : ''}`, signs);
          const weight = signs.length === 0 ? WEIGHT.hint : run.length >= 3 || signs.length >= 2 ? WEIGHT.certain : WEIGHT.strong;
          for (const row of run) found.add(row, weight, reason);
        }
      }
    }
  },
});
