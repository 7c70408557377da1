import { WEIGHT } from '../evidence';
import { duration, plural } from '../words';
import { distinctClicks, type Rule } from './context';

/** Runs further apart than this are separate visits; a later run is a re-scan of the copy. */
const SEPARATE_VISIT_MS = 10 * 60 * 1000;

/**
 * Different links clicked faster than a hand moves: a scanner fetching a few links, too few for the
 * burst or sweep rules. It weighs strongly but is not enough alone. A quick run on a copy that was
 * already scanned earlier is certain: gateways re-scan copies hours later. That needs the other
 * rules' findings, so this rule runs last.
 */
export const rapid: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  if (!settings.rapid || !clicks.timing || clicks.resolutionMs >= 60000) return;
  // At whole-second resolution only clicks stamped in the same second are provably that close.
  const fastMs = Math.max(settings.rapidSeconds * 1000, clicks.resolutionMs);
  const quickMs = 2 * fastMs;
  const time = clicks.time;
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    if (groups.starts[g + 1] - groups.starts[g] < 2) continue;
    const rows = distinctClicks(context, g);
    const firstScan = rows.find((row) => evidence.score(row) >= 1 - 1e-6);
    const scannedAt = firstScan === undefined ? NaN : time[firstScan];
    let from = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && time[rows[i]] - time[rows[i - 1]] < quickMs) continue;
      const run = rows.slice(from, i);
      from = i;
      if (run.length < 2) continue;
      const start = time[run[0]];
      const took = time[run[run.length - 1]] - start;
      const again = start - scannedAt >= SEPARATE_VISIT_MS;
      const fast = run.every((row, k) => k === 0 || time[row] - time[run[k - 1]] < fastMs);
      if (!again && !fast) continue;
      const reason = again
        ? `${plural(run.length, 'link')} in ${duration(took)}, ${duration(start - scannedAt)} after a first scan`
        : `${plural(run.length, 'link')} in ${duration(took)}, faster than a hand`;
      for (const row of run) evidence.add('rapid', row, again ? WEIGHT.certain : WEIGHT.strong, reason);
    }
  }
};
