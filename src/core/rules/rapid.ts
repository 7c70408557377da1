import { WEIGHT } from '../evidence';
import { duration, plural } from '../words';
import { distinctClicks, type Rule } from './context';
import { machineSigns, medianGap } from './signs';

/** Runs further apart than this are separate visits; a later run is a re-scan of the copy. */
const SEPARATE_VISIT_MS = 10 * 60 * 1000;
/** Clicks closer than this belong to one run. */
const QUICK_MS = 5000;

/**
 * Different links clicked faster than a hand moves: a scanner fetching a few links, too few for the
 * burst or sweep rules. It weighs strongly but is not enough alone; within twice that gap it is a hint. A quick run on a copy that was
 * already scanned earlier is certain: gateways re-scan copies hours later. That needs the other
 * rules' findings, so this rule runs last.
 */
export const rapid: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  if (!settings.rapid || !clicks.timing) return;
  // Whole-minute stamps cannot show a hand's pace; a re-scan can still be told by its first scan's pace.
  const showsPace = clicks.resolutionMs < 60000;
  // At whole-second resolution only clicks stamped in the same second are provably that close.
  const fastMs = Math.max(settings.rapidSeconds * 1000, clicks.resolutionMs);
  const time = clicks.time;
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    if (groups.starts[g + 1] - groups.starts[g] < 2) continue;
    const rows = distinctClicks(context, g);
    const scan = rows.filter((row) => evidence.score(row) >= 1 - 1e-6);
    const scannedAt = scan.length > 0 ? time[scan[0]] : NaN;
    const firstScan = scan.filter((row) => time[row] - scannedAt < SEPARATE_VISIT_MS);
    // A re-scan keeps the first scan's pace (or a hand's best): tabs opened after a scan are slower.
    const scanPace = firstScan.length >= 2 ? Math.max(fastMs, 2 * medianGap(time, firstScan)) : fastMs;
    let from = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && time[rows[i]] - time[rows[i - 1]] < QUICK_MS) continue;
      const run = rows.slice(from, i);
      from = i;
      if (run.length < 2) continue;
      const start = time[run[0]];
      const took = time[run[run.length - 1]] - start;
      const gaps = run.slice(1).map((row, k) => time[row] - time[run[k]]);
      const fast = showsPace && gaps.every((gap) => gap < fastMs);
      const quick = showsPace && gaps.every((gap) => gap < 2 * fastMs);
      const again = start - scannedAt >= SEPARATE_VISIT_MS && medianGap(time, run) <= scanPace;
      if (again) {
        const reason = `${plural(run.length, 'link')} in ${duration(took)}, ${duration(start - scannedAt)} after a first scan`;
        for (const row of run) evidence.add('rapid', row, WEIGHT.certain, reason);
      } else if (fast) {
        // Three links each faster than a hand are a machine; two need one more sign.
        const signs = machineSigns(context, g, run);
        const weight = run.length >= 3 || signs.length > 0 ? WEIGHT.certain : WEIGHT.strong;
        const reason = [`${plural(run.length, 'link')} in ${duration(took)}, faster than a hand`, ...signs].join(', ');
        for (const row of run) evidence.add('rapid', row, weight, reason);
      } else if (quick) {
        const reason = `${plural(run.length, 'link')} in ${duration(took)}, quick for a hand`;
        for (const row of run) evidence.add('rapid', row, WEIGHT.hint, reason);
      }
    }
  }
};


