import { span, withSigns } from '../words';
import { WEIGHT, type Findings } from '../evidence';
import { countLinks, distinctClicks, paceShown, rowsBetween } from './context';
import { sweepLinksNeeded } from '../windows';
import { defineRule, type RuleContext } from './rule';
import { machineSigns, medianGap } from './signs';

/**
 * One recipient visiting all or most of the e-mail's distinct links within a span. It catches
 * scanners that pace themselves under the burst rule. A sweep is made of the shortest runs that
 * reach the needed links, so a person's own clicks minutes after the scan stay out of it. Without
 * click times (aggregate exports) the whole copy is one run, and the reason says so.
 */
export const sweep = defineRule({
  meta: {
    name: 'sweep',
    place: 5,
    needsTimes: 'click',
    reads: [],
    settings: {
      sweep: { kind: 'switch', default: true, label: 'Link-sweep rule', help: 'Flag one recipient visiting all or most of the e-mail\'s links in a short span.' },
      sweepMinShare: { kind: 'number', default: 0.8, min: 0.1, max: 1, label: 'Sweep: share of links', help: 'The share of the e-mail\'s distinct links that makes a sweep.' },
      sweepMinLinks: { kind: 'number', default: 2, min: 2, max: 1000, label: 'Sweep: fewest links', help: 'A sweep needs at least this many distinct links.' },
      sweepSpanSeconds: { kind: 'number', default: 900, min: 1, max: 86400, label: 'Sweep: span (s)', help: 'The links must be visited within this span, in seconds.' },
    },
  },
  run(context, found) {
    const { clicks, groups, settings, windows } = context;
    const counts = new Int32Array(clicks.linkNames.length);
    for (let g = 0; g + 1 < groups.starts.length; g++) {
      const linkCount = groups.campaigns[groups.campaignOf[g]].linkCount;
      const needed = sweepLinksNeeded(settings, linkCount);
      if (groups.starts[g + 1] - groups.starts[g] < needed) continue;
      const rows = distinctClicks(context, g).filter((row) => clicks.link[row] >= 0);
      if (!clicks.timing) {
        const links = countLinks(context, rows);
        if (links >= needed) report(context, found, rows, rows, links, linkCount, '(no click times in this export)');
      } else {
        for (const run of shortestRuns(context, rows, needed, counts)) {
          const first = clicks.time[run[0]];
          const last = clicks.time[run[run.length - 1]];
          const all = rowsBetween(context, g, first, last + windows.repeatMs);
          const links = countLinks(context, run);
          report(context, found, all, run, links, linkCount, span(last - first, clicks.resolutionMs));
        }
      }
    }
  },
});

/**
 * Runs that reach `needed` distinct links within sweepSpanSeconds, each cut to its shortest form
 * and not overlapping: a person's clicks before or after a scan stay out of it. `counts` is a
 * zeroed scratch array by link id, left zeroed.
 */
function shortestRuns({ clicks, windows }: RuleContext, rows: number[], needed: number, counts: Int32Array): number[][] {
  const spanMs = windows.sweepSpanMs;
  const time = clicks.time;
  const link = (k: number) => clicks.link[rows[k]];
  let links = 0;
  const add = (k: number) => {
    if (counts[link(k)]++ === 0) links++;
  };
  const drop = (k: number) => {
    if (--counts[link(k)] === 0) links--;
  };
  const clear = (from: number, to: number) => {
    for (let k = from; k <= to; k++) counts[link(k)] = 0;
    links = 0;
  };
  // A scanner goes on to the links it has not fetched yet at its own pace; a person's later clicks
  // return to links already fetched, or come much later.
  const extend = (end: number): number => {
    let slowest = 0;
    for (let k = left + 1; k <= end; k++) slowest = Math.max(slowest, time[rows[k]] - time[rows[k - 1]]);
    const tolerance = 1.5 * slowest + clicks.resolutionMs;
    while (end + 1 < rows.length && counts[link(end + 1)] === 0 && time[rows[end + 1]] - time[rows[end]] <= tolerance) add(++end);
    return end;
  };
  const runs: number[][] = [];
  let left = 0;
  for (let j = 0; j < rows.length; j++) {
    // A scanner goes from link to link without pausing longer than a visit's gap, even at its
    // slowest pace; a person's click a minute after a gateway's fetch of one link starts anew.
    if (j > left && time[rows[j]] - time[rows[j - 1]] > windows.visitGapMs) {
      clear(left, j - 1);
      left = j;
    }
    add(j);
    while (time[rows[j]] - time[rows[left]] > spanMs) drop(left++);
    if (links < needed) continue;
    while (counts[link(left)] > 1) drop(left++);
    j = extend(j);
    runs.push(rows.slice(left, j + 1));
    clear(left, j);
    left = j + 1;
  }
  clear(left, rows.length - 1);
  return runs;
}

function report(context: RuleContext, found: Findings<never>, rows: number[], run: number[], links: number, linkCount: number, when: string): void {
  const signs = machineSigns(context, context.groups.groupOfRow[run[0]], run);
  if (quickPace(context, run)) signs.push('1-2 s a link');
  const everyLink = links === linkCount && links >= 4;
  const weight = signs.length > 0 || everyLink ? WEIGHT.certain : WEIGHT.strong;
  const reason = withSigns(`${links === linkCount ? `all ${links}` : `${links} of ${linkCount}`} links ${when}`, signs);
  for (const row of rows) found.add(row, weight, reason);
}

/** Most of the e-mail's links at a second or two each: nobody reads that fast, though tabs are opened that fast. */
function quickPace(context: RuleContext, run: number[]): boolean {
  return context.clicks.timing && paceShown(context) && medianGap(context.clicks.time, run) < QUICK_GAP_MS;
}

export const QUICK_GAP_MS = 2000;
