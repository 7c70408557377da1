import { isCertain, WEIGHT } from '../evidence';
import { duration, plural } from '../words';
import { distinctClicks, paceShown, QUICK_MS, quickRuns, Visit } from './context';
import { defineRule } from './rule';
import { medianGap } from './signs';

const NONE: number[] = [];

/** Runs further apart than this are separate visits; a later run is a re-scan of the copy. */
export const SEPARATE_VISIT_MS = 10 * 60 * 1000;

/** The share of the e-mail's links, or of the first scan's, that a later quick run must hold to be that scan again. */
export const REPEAT_SHARE = 0.8;

/** A scanner's pace is read from its last few fetches: a paced scan can follow a quick one. */
export const PACE_FETCHES = 4;

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
      scanAndRescan(g);
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
        // A wave knows what its gateway fetched: a repeat it left is the recipient's, and so (where
        // whole minutes hide the pace) is any click after a scan that is only the wave's fetch.
        if (leftByWave(row) || (!paceShown(context) && onlyWaveFetches(visit.rows) && found.weight('wave', row) === 0)) break;
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
      for (const row of machineLikeBefore(g, firstScan)) if (!found.isCertain(row)) found.add(row, WEIGHT.certain, `same visit as a scan ${duration(scannedAt - time[row])} later`);
      // Most copies end with the scan's visit: no later run to weigh.
      const lastTime = time[groups.distinct[groups.distinctStarts[g + 1] - 1]];
      if (groups.distinctStarts[g + 1] === groups.distinctStarts[g] || !(lastTime > time[visit.last] || lastTime - scannedAt >= SEPARATE_VISIT_MS)) continue;
      // A re-scan keeps the first scan's pace (or a hand's best): tabs opened after a scan are slower.
      // Pace is measured between different links, as for the runs it is compared with.
      const distinct = distinctClicks(context, g);
      const scanLinks = distinct.filter((row) => time[row] >= scannedAt && time[row] <= time[firstScan[firstScan.length - 1]]);
      const scanPace = scanLinks.length >= 2 ? Math.max(fastMs, 2 * medianGap(time, scanLinks)) : fastMs;
      const scanned = new Set(visit.rows.map((row) => clicks.link[row]));
      const linkCount = groups.campaigns[groups.campaignOf[g]].linkCount;
      for (const run of [...quickRuns(distinct, time), ...pacedSweeps(distinct)]) {
        const start = time[run[0]];
        const pace = medianGap(time, run);
        // The same sweep again at a quick pace is a re-scan too, however fast the first one was.
        const resweep = pace <= 2 * fastMs && run.every((row) => found.weight('sweep', row) >= WEIGHT.strong);
        // A quick run at the first scan's pace needs a separate visit; a whole sweep again only needs to be after the scan's visit.
        const later = resweep ? start > time[visit.last] : start - scannedAt >= SEPARATE_VISIT_MS;
        // A footer link opened in a quick run is no tab a reader opens: the scan again, at any quick pace.
        const footer = run.some((row) => groups.utility[clicks.link[row]] === 1);
        // While gateways still scan what was delivered, a quick run after the copy's scan is a second gateway's.
        const secondGateway = paceShown(context) && start > time[visit.last] && start - groups.campaigns[groups.campaignOf[g]].sendTime <= windows.firstWaveMs && pace <= fastMs;
        if (secondGateway) {
          const reason = `${plural(run.length, 'link')} in ${duration(time[run[run.length - 1]] - start)}, ${duration(start - scannedAt)} after a first scan`;
          for (const row of run) found.add(row, WEIGHT.certain, reason);
          continue;
        }
        if (!later || (pace > scanPace && !resweep && !footer)) continue;
        // Stamps that cut a run at a minute's edge cut the scan in two: the neighbouring stamps count with it.
        const around = resolved(distinct, start - clicks.resolutionMs, time[run[run.length - 1]] + clicks.resolutionMs);
        if (!resweep && !repeatsScan(around, scanned, linkCount)) continue;
        const whole = paceShown(context) ? run : [...machineLikeBefore(g, run), ...run, ...machineLikeAfter(g, run)];
        const reason = `${plural(whole.length, 'link')} in ${duration(time[whole[whole.length - 1]] - time[whole[0]])}, ${duration(time[whole[0]] - scannedAt)} after a first scan`;
        for (const row of whole) found.add(row, WEIGHT.certain, reason);
      }
    }

    /**
     * A re-scan repeats its scan: the e-mail's links again, or most of the scan's links and no
     * others, and often a footer link nobody opens in a tab. A person opening stories in tabs picks
     * a few, whatever the scan fetched.
     */
    function repeatsScan(run: number[], scanned: Set<number>, linkCount: number): boolean {
      if (run.some((row) => groups.utility[clicks.link[row]] === 1)) return true;
      const links = new Set(run.map((row) => clicks.link[row]));
      if (links.size >= REPEAT_SHARE * linkCount) return true;
      let again = 0;
      for (const link of links) if (scanned.has(link)) again++;
      return again === links.size && again >= REPEAT_SHARE * scanned.size;
    }

    /**
     * Sweeps too slow for a quick run (a scanner pacing itself at 15-25 s a link): the rows the sweep
     * rule found, split where a visit's gap parts them. The same scan again at its own pace.
     */
    function pacedSweeps(rows: number[]): number[][] {
      const runs: number[][] = [];
      // Whole-minute stamps show no pace to repeat: a reader's two links a minute apart would pass.
      if (!paceShown(context)) return runs;
      let run: number[] = [];
      for (const row of rows) {
        const swept = found.weight('sweep', row) >= WEIGHT.strong;
        if (run.length > 0 && (!swept || time[row] - time[run[run.length - 1]] > windows.visitGapMs)) {
          if (run.length >= 2 && medianGap(time, run) >= QUICK_MS) runs.push(run);
          run = [];
        }
        if (swept) run.push(row);
      }
      if (run.length >= 2 && medianGap(time, run) >= QUICK_MS) runs.push(run);
      return runs;
    }

    /**
     * Two quick runs on the very same links, hours apart, each faster than a reader opens tabs: a
     * gateway's scan and its re-scan show each other, even when neither is certain alone or the
     * certain one is the later. A reader who opens the same stories twice does so at a hand's pace,
     * and rarely the same set. Each run is paired with the first and the last run on its links, so
     * that a copy with many runs costs no more than one pass.
     */
    function scanAndRescan(g: number): void {
      // Two runs of two links at least, a separate visit apart; whole-minute stamps show no pace.
      const [from, to] = [groups.distinctStarts[g], groups.distinctStarts[g + 1]];
      if (to - from < 4 || !(time[groups.distinct[to - 1]] - time[groups.distinct[from]] >= SEPARATE_VISIT_MS) || !paceShown(context)) return;
      const bySameLinks = new Map<string, number[][]>();
      for (const run of quickRuns(distinctClicks(context, g), time)) {
        const links = run.map((row) => clicks.link[row]).sort((a, b) => a - b);
        if (medianGap(time, run) > 2 * fastMs || links.some((link, i) => link === links[i - 1])) continue;
        const key = links.join(' ');
        const runs = bySameLinks.get(key);
        if (runs) runs.push(run);
        else bySameLinks.set(key, [run]);
      }
      for (const runs of bySameLinks.values()) {
        const [first, last] = [runs[0], runs[runs.length - 1]];
        const links = plural(first.length, 'link');
        const took = (run: number[]) => duration(time[run[run.length - 1]] - time[run[0]]);
        for (const run of runs) {
          // Runs found certain already keep their own reason.
          const rows = run.filter((row) => !found.isCertain(row));
          const before = time[run[0]] - time[first[first.length - 1]];
          const after = time[last[0]] - time[run[run.length - 1]];
          const reason = before >= SEPARATE_VISIT_MS ? `${links} in ${took(run)}, the same ${duration(before)} after a first time` : after >= SEPARATE_VISIT_MS ? `${links} in ${took(run)}, the same again ${duration(after)} later` : undefined;
          if (reason) for (const row of rows) found.add(row, WEIGHT.certain, reason);
        }
      }
    }

    /**
     * A scan's visit can start with clicks that look machine-like but not certainly so, such as a
     * paced scan's first link stamped a minute before the rest: going back from the run, the
     * visit's clicks before it, latest first.
     */
    function machineLikeBefore(g: number, run: number[]): number[] {
      const visit = new Visit(context);
      for (let k = run.length - 1; k >= 0; k--) visit.add(run[k]);
      const before: number[] = [];
      for (let row = run[0] - 1; row >= groups.starts[g]; row--) {
        if (found.score(row) === 0 || !visit.continuesWith(row, time[visit.last] - time[row])) break;
        visit.add(row);
        before.unshift(row);
      }
      return before;
    }

    /** The same after the run: its visit's machine-like clicks, such as a paced re-scan's last link stamped a minute later. */
    function machineLikeAfter(g: number, run: number[]): number[] {
      const visit = new Visit(context);
      for (const row of run) visit.add(row);
      const after: number[] = [];
      for (let row = run[run.length - 1] + 1; row < groups.starts[g + 1]; row++) {
        if (found.score(row) === 0 || !visit.continuesWith(row, time[row] - time[visit.last])) break;
        visit.add(row);
        after.push(row);
      }
      return after;
    }

    /** Rows the wave found and no other rule is certain of. */
    function onlyWaveFetches(rows: number[]): boolean {
      return rows.every((row) => isCertain(found.weight('wave', row)) && !isCertain(found.score(row) - found.weight('wave', row)));
    }

    function leftByWave(row: number): boolean {
      const repeated = groups.repeatOf[row];
      return repeated >= 0 && isCertain(found.weight('wave', repeated)) && found.weight('wave', row) === 0;
    }

    /** The rows timed within [from, to]. */
    function resolved(rows: number[], from: number, to: number): number[] {
      return rows.filter((row) => time[row] >= from && time[row] <= to);
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
