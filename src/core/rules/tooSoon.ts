import { WEIGHT } from '../evidence';
import { duration, plural, since } from '../words';
import { windowMs } from '../time';
import { copiesPerCampaign } from '../groups';
import { EARLY_RUN_FACTOR, earlyVisit, type Rule } from './context';

/**
 * Clicks within seconds of send or delivery weigh against them, but a fast reader clicking one link
 * is not thrown away on that alone. Several different links that early are certain: a person needs
 * longer than that to read and choose (the window for that is four times as long). A click before
 * its own copy was delivered is certain. Measured from a send time estimated from the clicks, several
 * links are only strong, unless the estimate is borne out by several copies clicked that soon.
 */
export const tooSoon: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  if (!settings.tooSoon || !clicks.timing) return;
  const soonMs = settings.tooSoonSeconds * 1000;
  // Stamps are truncated to the resolution: compare the middle of the stamp's range.
  const half = clicks.resolutionMs / 2;
  const tolerance = clicks.resolutionMs + 1000;
  // "Within the window" of a send stamped at the same resolution: in whole minutes, the same or the next minute.
  const soonStampMs = windowMs(settings.tooSoonSeconds, clicks.resolutionMs);
  const firstDelay = (g: number) => clicks.time[groups.starts[g]] - groups.reference[g] + half;
  const copies = copiesPerCampaign(groups);
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const kind = groups.referenceKind[g];
    // A send estimated from this copy's own clicks sits at its first click: "0 s after" says nothing.
    if (kind === 'estimated send' && copies[groups.campaignOf[g]] < 2) continue;
    // Clicks are in time order: a copy whose first click is late has nothing early.
    if (!(firstDelay(g) < EARLY_RUN_FACTOR * soonMs)) continue;
    const early = earlyVisit(context, g, EARLY_RUN_FACTOR * soonMs);
    if (early.links >= 2) {
      // The estimate comes after the real send: with it borne out, three links that soon after
      // it, or two within the too-soon window, are as certain as after a known send.
      const borneOut = groups.campaigns[groups.campaignOf[g]].sendBorneOut && (early.links >= 3 || early.lastDelay - half <= soonStampMs);
      const weight = kind !== 'estimated send' || borneOut ? WEIGHT.certain : WEIGHT.strong;
      const reason = `${plural(early.links, 'link')} within ${duration(early.lastDelay)} of ${since(kind)}`;
      for (const row of early.rows) evidence.add('tooSoon', row, weight, reason);
    }
    for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
      const delay = clicks.time[row] - groups.reference[g] + half;
      // Clicks are in time order, untimed ones last.
      if (!(delay - half < soonStampMs)) break;
      if (delay < -tolerance) {
        if (kind !== 'estimated send') evidence.add('tooSoon', row, WEIGHT.certain, `${duration(delay)} before ${since(kind)}`);
      } else {
        const weight = kind === 'estimated send' ? WEIGHT.faint : WEIGHT.soon;
        // Most such clicks were found certain above (an early visit): add would keep that, so the
        // words are not even built.
        if (evidence.weight('tooSoon', row) < weight) evidence.add('tooSoon', row, weight, `${duration(Math.max(0, delay))} after ${since(kind)}`);
      }
    }
  }
};
