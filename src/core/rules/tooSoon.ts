import { WEIGHT } from '../evidence';
import { duration, plural, since } from '../words';
import { EARLY_RUN_FACTOR, earlyVisit, type Rule } from './context';

/**
 * Clicks within seconds of send or delivery weigh against them, but a fast reader clicking one link
 * is not thrown away on that alone. Several different links that early are certain: a person needs
 * longer than that to read and choose (the window for that is four times as long). A click before
 * its own copy was delivered is certain.
 */
export const tooSoon: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  if (!settings.tooSoon || !clicks.timing) return;
  const soonMs = settings.tooSoonSeconds * 1000;
  // Stamps are truncated to the resolution: compare the middle of the stamp's range.
  const half = clicks.resolutionMs / 2;
  const tolerance = clicks.resolutionMs + 1000;
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const reference = groups.reference[g];
    const kind = groups.referenceKind[g];
    // Clicks are in time order: a copy whose first click is late has nothing early.
    const firstDelay = clicks.time[groups.order[groups.starts[g]]] - reference + half;
    if (!(firstDelay < EARLY_RUN_FACTOR * soonMs)) continue;
    const early = earlyVisit(context, g, EARLY_RUN_FACTOR * soonMs);
    if (early.links >= 2) {
      // An estimated send time is only as good as the first clicks it came from.
      const weight = kind === 'estimated send' ? WEIGHT.strong : WEIGHT.certain;
      const reason = `${plural(early.links, 'link')} within ${duration(early.lastDelay)} of ${since(kind)}`;
      for (const row of early.rows) evidence.add('tooSoon', row, weight, reason);
    }
    for (let k = groups.starts[g]; k < groups.starts[g + 1]; k++) {
      const row = groups.order[k];
      const delay = clicks.time[row] - reference + half;
      // Clicks are in time order, untimed ones last.
      if (!(delay < soonMs)) break;
      if (delay < -tolerance) {
        if (kind !== 'estimated send') evidence.add('tooSoon', row, WEIGHT.certain, `${duration(delay)} before ${since(kind)}`);
      } else {
        const weight = kind === 'estimated send' ? WEIGHT.faint : WEIGHT.soon;
        evidence.add('tooSoon', row, weight, `${duration(Math.max(0, delay))} after ${since(kind)}`);
      }
    }
  }
};
