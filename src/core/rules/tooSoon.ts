import { WEIGHT } from '../evidence';
import { duration, plural, since } from '../words';
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
  const firstDelay = (g: number) => clicks.time[groups.starts[g]] - groups.reference[g] + half;
  // A send time estimated from the first clicks is only as good as they are: it is borne out when
  // several copies are clicked that soon, as a gateway's scans of the first deliveries are.
  const copiesSoon = new Int32Array(groups.campaigns.length);
  for (let g = 0; g + 1 < groups.starts.length; g++) if (firstDelay(g) <= soonMs) copiesSoon[groups.campaignOf[g]]++;
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const kind = groups.referenceKind[g];
    // Clicks are in time order: a copy whose first click is late has nothing early.
    if (!(firstDelay(g) < EARLY_RUN_FACTOR * soonMs)) continue;
    const early = earlyVisit(context, g, EARLY_RUN_FACTOR * soonMs);
    if (early.links >= 2) {
      // The estimate comes after the real send: with it borne out, three links that soon after
      // it, or two within the too-soon window, are as certain as after a known send.
      const borneOut = copiesSoon[groups.campaignOf[g]] >= BORNE_OUT_COPIES && (early.links >= 3 || early.lastDelay <= soonMs);
      const weight = kind !== 'estimated send' || borneOut ? WEIGHT.certain : WEIGHT.strong;
      const reason = `${plural(early.links, 'link')} within ${duration(early.lastDelay)} of ${since(kind)}`;
      for (const row of early.rows) evidence.add('tooSoon', row, weight, reason);
    }
    for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
      const delay = clicks.time[row] - groups.reference[g] + half;
      // Clicks are in time order, untimed ones last.
      if (!(delay < soonMs)) break;
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

/** Copies clicked within the too-soon window of an estimated send that bear the estimate out. */
const BORNE_OUT_COPIES = 3;
