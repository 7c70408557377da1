import { WEIGHT } from '../evidence';
import { duration, plural, withSigns } from '../words';
import { continuesVisit, distinctClicks, type Rule } from './context';
import { machineSigns, medianGap } from './signs';

/** Runs further apart than this are separate visits; a later run is a re-scan of the copy. */
const SEPARATE_VISIT_MS = 10 * 60 * 1000;
/** Clicks closer than this belong to one run. */
const QUICK_MS = 5000;

/**
 * Different links clicked faster than a hand moves: a scanner fetching a few links, too few for the
 * burst or sweep rules. It weighs strongly but is not enough alone; within twice that gap it is a
 * hint. A quick run on a copy that was already scanned earlier is certain: gateways re-scan copies
 * hours later. That needs the other rules' findings, so this rule runs after them.
 */
export const rapid: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  if (!settings.rapid || !clicks.timing) return;
  // Whole-minute stamps cannot show a hand's pace; a re-scan can still be told by its first scan's pace.
  const showsPace = clicks.resolutionMs < 60000;
  // At whole-second resolution only clicks stamped in the same second are provably that close.
  const fastMs = Math.max(settings.rapidSeconds * 1000, clicks.resolutionMs);
  const time = clicks.time;
  /** The group's certainly-bot clicks within one visit of the first such click. */
  const firstCertainRun = (rows: Int32Array): number[] => {
    const found: number[] = [];
    for (const row of rows) {
      if (found.length > 0 && time[row] - time[found[0]] >= SEPARATE_VISIT_MS) break;
      if (evidence.score(row) >= 1 - 1e-6) found.push(row);
    }
    return found;
  };
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    if (groups.starts[g + 1] - groups.starts[g] < 2) continue;
    const runs = quickRuns(distinctClicks(context, g), time);
    for (const run of runs) {
      const gaps = run.slice(1).map((row, k) => time[row] - time[run[k]]);
      const took = time[run[run.length - 1]] - time[run[0]];
      if (showsPace && gaps.every((gap) => gap < fastMs)) {
        // Three links each faster than a hand are a machine; two need one more sign.
        const signs = machineSigns(context, g, run);
        const weight = run.length >= 3 || signs.length > 0 ? WEIGHT.certain : WEIGHT.strong;
        const reason = withSigns(`${plural(run.length, 'link')} in ${duration(took)}, faster than a hand`, signs);
        for (const row of run) evidence.add('rapid', row, weight, reason);
      } else if (showsPace && gaps.every((gap) => gap < 2 * fastMs)) {
        const reason = `${plural(run.length, 'link')} in ${duration(took)}, quick for a hand`;
        for (const row of run) evidence.add('rapid', row, WEIGHT.hint, reason);
      }
    }
    // With this rule's own findings in, a later run at the first scan's pace is a re-scan.
    const firstScan = firstCertainRun(groups.order.subarray(groups.starts[g], groups.starts[g + 1]));
    if (firstScan.length === 0) continue;
    const scannedAt = time[firstScan[0]];
    // A re-scan keeps the first scan's pace (or a hand's best): tabs opened after a scan are slower.
    const scanPace = firstScan.length >= 2 ? Math.max(fastMs, 2 * medianGap(time, firstScan)) : fastMs;
    // The scan's own visit: its other clicks that look machine-like at all are part of it.
    const visit = [firstScan[0]];
    for (let k = groups.starts[g]; k < groups.starts[g + 1]; k++) {
      const row = groups.order[k];
      if (time[row] <= scannedAt || visit.includes(row)) continue;
      if (!continuesVisit(context, visit, row, time[row] - time[visit[visit.length - 1]])) break;
      visit.push(row);
      if (evidence.score(row) > 0 && evidence.score(row) < 1 - 1e-6) {
        evidence.add('rapid', row, WEIGHT.certain, `same visit as a scan ${duration(time[row] - scannedAt)} earlier`);
      }
    }
    for (const run of runs) {
      const start = time[run[0]];
      // The same sweep again at a quick pace is a re-scan too, however fast the first one was.
      const resweep = run.every((row) => evidence.weight('sweep', row) >= WEIGHT.strong) && medianGap(time, run) <= 2 * fastMs;
      if (start - scannedAt < SEPARATE_VISIT_MS || (medianGap(time, run) > scanPace && !resweep)) continue;
      const reason = `${plural(run.length, 'link')} in ${duration(time[run[run.length - 1]] - start)}, ${duration(start - scannedAt)} after a first scan`;
      for (const row of run) evidence.add('rapid', row, WEIGHT.certain, reason);
    }
  }
};



/** Runs of two or more clicks, each within QUICK_MS of the one before. */
function quickRuns(rows: number[], time: Float64Array): number[][] {
  const runs: number[][] = [];
  let from = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && time[rows[i]] - time[rows[i - 1]] < QUICK_MS) continue;
    if (i - from >= 2) runs.push(rows.slice(from, i));
    from = i;
  }
  return runs;
}
