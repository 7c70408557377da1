import { WEIGHT } from '../evidence';
import { duration } from '../words';
import { distinctClicks, rowsBetween, type Rule } from './context';
import { machineSigns } from './signs';

/**
 * One recipient visiting all or most of the e-mail's distinct links within a span. It catches
 * scanners that pace themselves under the burst rule. Without click times (aggregate exports) the
 * whole copy is one span, and the reason says so.
 */
export const sweep: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  if (!settings.sweep) return;
  const spanMs = settings.sweepSpanSeconds * 1000;
  const time = clicks.time;
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const linkCount = groups.campaigns[groups.campaignOf[g]].linkCount;
    const needed = Math.max(settings.sweepMinLinks, Math.ceil(settings.sweepMinShare * linkCount - 1e-9));
    if (groups.starts[g + 1] - groups.starts[g] < needed) continue;
    const rows = distinctClicks(context, g).filter((row) => clicks.link[row] >= 0);
    if (!clicks.timing) {
      const links = new Set(rows.map((row) => clicks.link[row])).size;
      if (links >= needed) report(rows, links, linkCount, '(no click times in this export)');
      continue;
    }
    // Slide a window of spanMs; track how many distinct links it holds.
    const inWindow = new Map<number, number>();
    let clusterFrom = -1;
    let clusterTo = -1;
    let clusterLinks = 0;
    let j = 0;
    for (let i = 0; i < rows.length; i++) {
      while (j < rows.length && time[rows[j]] - time[rows[i]] <= spanMs) {
        const link = clicks.link[rows[j]];
        inWindow.set(link, (inWindow.get(link) ?? 0) + 1);
        j++;
      }
      if (inWindow.size >= needed) {
        if (clusterFrom >= 0 && i > clusterTo) {
          flush();
        }
        if (clusterFrom < 0) clusterFrom = i;
        clusterTo = Math.max(clusterTo, j - 1);
        clusterLinks = Math.max(clusterLinks, inWindow.size);
      }
      const leaving = clicks.link[rows[i]];
      const left = inWindow.get(leaving)! - 1;
      if (left === 0) inWindow.delete(leaving);
      else inWindow.set(leaving, left);
    }
    flush();

    function flush(): void {
      if (clusterFrom < 0) return;
      const members = rows.slice(clusterFrom, clusterTo + 1);
      const first = time[members[0]];
      const last = time[members[members.length - 1]];
      const all = rowsBetween(context, g, first, last + settings.repeatSeconds * 1000);
      report(all, clusterLinks, linkCount, `in ${duration(last - first)}`, members);
      clusterFrom = -1;
      clusterLinks = 0;
    }
  }

  function report(rows: number[], links: number, linkCount: number, when: string, members = rows): void {
    const g = groups.groupOfRow[rows[0]];
    const signs = machineSigns(context, g, members);
    const everyLink = links === linkCount && links >= 4;
    const weight = signs.length > 0 || everyLink ? WEIGHT.certain : WEIGHT.strong;
    const reason = [`${links} of ${linkCount} links ${when}`, ...signs].join(', ');
    for (const row of rows) evidence.add('sweep', row, weight, reason);
  }
};
