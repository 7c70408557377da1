import { isCertain, WEIGHT } from '../evidence';
import { duration, plural, since } from '../words';
import { copiesPerCampaign } from '../groups';
import { countLinks, delayOf, earlyVisit } from './context';
import { defineRule } from './rule';

/**
 * Clicks within seconds of send or delivery weigh against them, but a fast reader clicking one link
 * is not thrown away on that alone. Several different links that early are certain: a person needs
 * longer than that to read and choose (the window for that is four times as long). A click before
 * its own copy was delivered is certain. Measured from a send time estimated from the clicks, several
 * links are only strong, unless the estimate is borne out by several copies clicked that soon.
 */
export const tooSoon = defineRule({
  meta: {
    name: 'tooSoon',
    place: 4,
    needsTimes: 'timing',
    reads: ['wave'],
    settings: {
      tooSoon: { kind: 'switch', default: true, label: 'Too-soon rule', help: 'Weigh clicks within seconds of send or delivery, and flag clicks before delivery.' },
      tooSoonSeconds: { kind: 'number', default: 30, min: 1, max: 3600, label: 'Too soon: seconds after delivery', help: 'Clicks this soon after delivery (or after send when there is no delivery time) count against them; several different links count as early for four times as long.' },
    },
  },
  run(context, found) {
    const { clicks, groups, windows } = context;
    // Delays are measured from a stamp's middle; the stamps themselves are compared with the rounded window.
    const half = windows.halfStampMs;
    const tolerance = clicks.resolutionMs + 1000;
    const copies = copiesPerCampaign(groups);
    for (let g = 0; g + 1 < groups.starts.length; g++) {
      const kind = groups.referenceKind[g];
      // A send estimated from this copy's own clicks sits at its first click: "0 s after" says nothing.
      if (kind === 'estimated send' && copies[groups.campaignOf[g]] < 2) continue;
      // Clicks are in time order: a copy whose first click is late has nothing early.
      if (!(delayOf(context, groups.starts[g], groups.reference[g]) < windows.earlyRunFromMiddleMs)) continue;
      const early = waveFetchOnly(earlyVisit(context, g, windows.earlyRunFromMiddleMs));
      if (early.links >= 2) {
        // The estimate comes after the real send: with it borne out, three links that soon after
        // it, or two within the too-soon window, are as certain as after a known send.
        const borneOut = groups.campaigns[groups.campaignOf[g]].sendBorneOut && (early.links >= 3 || early.lastDelay - half <= windows.soonMs);
        const weight = kind !== 'estimated send' || borneOut ? WEIGHT.certain : WEIGHT.strong;
        const reason = `${plural(early.links, 'link')} within ${duration(early.lastDelay)} of ${since(kind)}`;
        for (const row of early.rows) found.add(row, weight, reason);
      }
      for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
        const delay = delayOf(context, row, groups.reference[g]);
        // Clicks are in time order, untimed ones last.
        if (!(delay - half < windows.soonMs)) break;
        if (delay < -tolerance) {
          if (kind !== 'estimated send') found.add(row, WEIGHT.certain, `${duration(delay)} before ${since(kind)}`);
        } else {
          const weight = kind === 'estimated send' ? WEIGHT.faint : WEIGHT.soon;
          // Most such clicks were found certain above (an early visit): add would keep that, so the
          // words are not even built.
          if (found.own(row) < weight) found.add(row, weight, `${duration(Math.max(0, delay))} after ${since(kind)}`);
        }
      }
    }

    /**
     * A gateway's wave fetched this copy and left the visit's other clicks to its recipient (a
     * one-link gateway fetches one link): they make no early run with its fetch.
     */
    function waveFetchOnly(early: { rows: number[]; links: number; lastDelay: number }) {
      if (early.rows.length === 0 || !isCertain(found.weight('wave', early.rows[0]))) return early;
      let end = 1;
      while (end < early.rows.length && isCertain(found.weight('wave', early.rows[end]))) end++;
      if (end === early.rows.length) return early;
      const rows = early.rows.slice(0, end);
      const g = groups.groupOfRow[rows[0]];
      return { rows, links: countLinks(context, rows), lastDelay: delayOf(context, rows[end - 1], groups.reference[g]) };
    }
  },
});
