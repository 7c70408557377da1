import { anotherClient } from '../clicks';
import type { RuleContext } from './rule';

/** Whether the stamps can show a hand's pace: whole-minute stamps cannot. */
export function paceShown({ clicks }: RuleContext): boolean {
  return clicks.resolutionMs < 60000;
}

/** The group's clicks that count for pace and bursts (repeats folded, untimed left out), in time order. */
export function distinctClicks({ groups }: RuleContext, group: number): number[] {
  // A plain copy: Array.from on a typed array goes through its iterator, click by click.
  const rows: number[] = [];
  for (let k = groups.distinctStarts[group]; k < groups.distinctStarts[group + 1]; k++) rows.push(groups.distinct[k]);
  return rows;
}

/** The rows of a group whose times lie within [from, to], repeats included. Binary search: groups can be huge. */
export function rowsBetween(context: RuleContext, group: number, from: number, to: number): number[] {
  const { clicks, groups } = context;
  const time = clicks.time;
  let lo = groups.starts[group];
  let hi = groups.starts[group + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // Untimed clicks sort last, as if at +Infinity.
    if (time[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  const rows: number[] = [];
  for (let row = lo; row < groups.starts[group + 1] && time[row] <= to; row++) rows.push(row);
  return rows;
}

/** How long after `reference` a click came, measured from its stamp's middle: stamps are truncated to the resolution. */
export function delayOf({ clicks, windows }: RuleContext, row: number, reference: number): number {
  return clicks.time[row] - reference + windows.halfStampMs;
}

/**
 * The first visit of the group that starts within `withinMs` of its reference time (a run of clicks
 * each within the visit gap of the one before, each on a link it has not fetched yet, repeats
 * aside), and how many distinct links it holds. A person's own click after a scanner's visit is
 * not part of it.
 */
export function earlyVisit(context: RuleContext, group: number, withinMs: number): { rows: number[]; links: number; lastDelay: number } {
  const { groups } = context;
  const reference = groups.reference[group];
  const visit = new Visit(context);
  let lastDelay = 0;
  for (let row = groups.starts[group]; row < groups.starts[group + 1]; row++) {
    const delay = delayOf(context, row, reference);
    if (visit.rows.length === 0) {
      // Clicks are in time order, untimed ones last.
      if (!(delay < withinMs)) break;
      if (delay < 0) continue;
    } else if (!visit.continuesWith(row, delay - lastDelay)) {
      break;
    }
    visit.add(row);
    lastDelay = delay;
  }
  return { rows: visit.rows, links: visit.linkCount, lastDelay };
}

/**
 * Within seconds of this copy's delivery or, without a delivery time per copy, while the campaign
 * was being delivered (up to its estimated delivery end, plus the time a scan may take to start).
 */
export function duringDelivery(context: RuleContext, group: number, row: number): boolean {
  const { groups, windows } = context;
  const kind = groups.referenceKind[group];
  if (kind === 'delivery' || kind === 'send') return delayOf(context, row, groups.reference[group]) < windows.soonFromMiddleMs;
  const facts = groups.campaigns[groups.campaignOf[group]];
  return delayOf(context, row, facts.sendTime) >= 0 && delayOf(context, row, Math.max(facts.deliveryEnd, facts.sendTime)) <= windows.earlyRunFromMiddleMs;
}

/**
 * One scanner visit of a copy as it grows: each click within the visit gap of the one before and on
 * a link the visit has not had (a repeat aside).
 */
export class Visit {
  readonly rows: number[] = [];
  private readonly links = new Set<number>();

  constructor(private readonly context: RuleContext) {}

  get last(): number {
    return this.rows[this.rows.length - 1];
  }

  /** How many different links the visit has had. */
  get linkCount(): number {
    return this.links.size;
  }

  /** Whether `row`, `gap` ms after the visit's last click, goes on with it. */
  continuesWith(row: number, gap: number): boolean {
    const { clicks, windows } = this.context;
    if (gap > windows.visitGapMs || anotherClient(clicks, this.last, row)) return false;
    const link = clicks.link[row];
    if (link < 0 && clicks.hasLinks) return true;
    return !this.links.has(link) || (clicks.link[this.last] === link && gap <= windows.repeatMs);
  }

  add(row: number): void {
    const { link, hasLinks } = this.context.clicks;
    this.rows.push(row);
    // A click without a link adds no link to the visit.
    if (link[row] >= 0 || !hasLinks) this.links.add(link[row]);
  }
}

/** How many different links the rows hold. Runs are mostly short: looking back beats a set. */
export function countLinks({ clicks }: RuleContext, rows: readonly number[]): number {
  // A click without a link, where others have one, is on no link.
  const linked = clicks.hasLinks ? rows.filter((row) => clicks.link[row] >= 0) : rows;
  if (linked.length > SHORT_RUN) return new Set(linked.map((row) => clicks.link[row])).size;
  let count = 0;
  for (let i = 0; i < linked.length; i++) {
    let j = 0;
    while (j < i && clicks.link[linked[j]] !== clicks.link[linked[i]]) j++;
    if (j === i) count++;
  }
  return count;
}

const SHORT_RUN = 32;

/** Clicks closer than this belong to one run. */
export const QUICK_MS = 5000;

/** Runs of two or more clicks, each within QUICK_MS of the one before: where pace can be judged. */
export function quickRuns(rows: number[], time: Float64Array): number[][] {
  const runs: number[][] = [];
  let from = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && time[rows[i]] - time[rows[i - 1]] < QUICK_MS) continue;
    if (i - from >= 2) runs.push(rows.slice(from, i));
    from = i;
  }
  return runs;
}
