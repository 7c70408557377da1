import { isCertain, WEIGHT } from '../evidence';
import { duration, plural } from '../words';
import { distinctClicks, quickRuns, Visit } from './context';
import { defineRule } from './rule';
import { medianGap } from './signs';

const NONE: number[] = [];

/** Runs further apart than this are separate visits; a later run is a re-scan of the copy. */
const SEPARATE_VISIT_MS = 10 * 60 * 1000;

/** A scanner's pace is read from its last few fetches: a paced scan can follow a quick one. */
const PACE_FETCHES = 4;

/**
 * Once a copy is certainly scanned, the rest of that scanner visit is the scanner's too, and a later
 * quick run at the first scan's pace (or the same sweep again at a second or two a link) is the
 * gateway re-scanning the copy hours later. It needs the other rules' findings, so it runs after
 * them.
 */
export const rescan = defineRule({
  meta: {
    name: 'rescan',
    place: 8,
    needsTimes: 'timing',
    reads: ['burst', 'sweep', 'rapid', 'tooSoon', 'wave', 'scannedDomain', 'userAgent', 'ipRange', 'providerFlag', 'trap'],
    settings: {
      rescan: { kind: 'switch', default: true, label: 'Re-scan rule', help: 'Once a copy is certainly scanned, flag the rest of that visit and later quick runs at the scan\'s pace: gateways re-scan copies hours later.' },
    },
  },
  run(context, found) {
    const { clicks, groups, windows } = context;
    const time = clicks.time;
    const fastMs = windows.fastMs;
    for (let g = 0; g + 1 < groups.starts.length; g++) {
      const firstScan = firstCertainRun(g);
      if (firstScan.length === 0) continue;
      const scannedAt = time[firstScan[0]];
      // The scan's own visit: its other clicks that look machine-like at all are part of it.
      const visit = new Visit(context);
      // The scan's rows come in the copy's order: one pointer tells whether a row is one of them.
      let nextInScan = 0;
      for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
        // A paced scan may pause longer than a visit's gap between its own fetches.
        if (row === firstScan[nextInScan]) {
          nextInScan++;
          visit.add(row);
          continue;
        }
        if (time[row] <= scannedAt) continue;
        const score = found.score(row);
        const gap = time[row] - time[visit.last];
        // A link fetched again within the visit is a second gateway's fetch if it looks machine-like at
        // all, and provably close: in whole minutes, the next minute may well be the reader.
        const goesOn = visit.continuesWith(row, gap) || (score > 0 && gap <= windows.visitGapExactMs);
        // Or the scanner going on at the steady pace of its last few fetches.
        const atScanPace = (!goesOn || score === 0) && visit.rows.length >= PACE_FETCHES && gap <= windows.visitGapExactMs && gap <= 1.5 * medianGap(time, visit.rows.slice(-PACE_FETCHES)) + clicks.resolutionMs;
        if (!goesOn && !atScanPace) break;
        visit.add(row);
        if ((score > 0 || atScanPace) && !isCertain(score)) found.add(row, WEIGHT.certain, `same visit as a scan ${duration(time[row] - scannedAt)} earlier`);
      }
      // Most copies end with the scan's visit: no later run to weigh.
      const lastTime = time[groups.distinct[groups.distinctStarts[g + 1] - 1]];
      if (groups.distinctStarts[g + 1] === groups.distinctStarts[g] || !(lastTime > time[visit.last] || lastTime - scannedAt >= SEPARATE_VISIT_MS)) continue;
      // A re-scan keeps the first scan's pace (or a hand's best): tabs opened after a scan are slower.
      // Pace is measured between different links, as for the runs it is compared with.
      const distinct = distinctClicks(context, g);
      const scanLinks = distinct.filter((row) => time[row] >= scannedAt && time[row] <= time[firstScan[firstScan.length - 1]]);
      const scanPace = scanLinks.length >= 2 ? Math.max(fastMs, 2 * medianGap(time, scanLinks)) : fastMs;
      for (const run of quickRuns(distinct, time)) {
        const start = time[run[0]];
        const pace = medianGap(time, run);
        // The same sweep again at a quick pace is a re-scan too, however fast the first one was.
        const resweep = pace <= 2 * fastMs && run.every((row) => found.weight('sweep', row) >= WEIGHT.strong);
        // A quick run at the first scan's pace needs a separate visit; a whole sweep again only needs to be after the scan's visit.
        const later = resweep ? start > time[visit.last] : start - scannedAt >= SEPARATE_VISIT_MS;
        if (!later || (pace > scanPace && !resweep)) continue;
        const reason = `${plural(run.length, 'link')} in ${duration(time[run[run.length - 1]] - start)}, ${duration(start - scannedAt)} after a first scan`;
        for (const row of run) found.add(row, WEIGHT.certain, reason);
      }
    }

    /** The group's certainly-bot clicks within one visit of the first such click. */
    function firstCertainRun(g: number): number[] {
      let run: number[] | undefined;
      for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
        if (run && time[row] - time[run[0]] >= SEPARATE_VISIT_MS) break;
        if (found.isCertain(row)) (run ??= []).push(row);
      }
      return run ?? NONE;
    }
  },
});
