import { duration, since } from '../words';
import { countLinks, delayOf, paceShown, rowsBetween } from './context';
import type { RuleContext } from './rule';

/**
 * What makes a run of clicks machine-like rather than a reader's: a start within seconds of delivery
 * (or while the campaign was being delivered), the unsubscribe or view-online link among them, every
 * option of a poll, or a pace no hand keeps. Each sign is a few plain words for the reason.
 */
export function machineSigns(context: RuleContext, group: number, rows: readonly number[]): string[] {
  const { clicks, groups } = context;
  // Timing first: it is what a marketer checks against the send.
  const signs: string[] = [];
  const delay = clicks.timing ? startDelay(context, group, rows) : '';
  if (delay !== '') signs.push(delay);
  // Reading two articles and then unsubscribing is human; fetching three links and the unsubscribe
  // one at a scanner's pace, seconds apart, is not, nor is one link and the unsubscribe one within
  // a few seconds. The utility link first: it is rare, and counting the links takes a set.
  const withUtility = rows.some((row) => groups.utility[clicks.link[row]] === 1);
  if (withUtility) {
    const links = countLinks(context, rows);
    const pace = clicks.timing ? medianGap(clicks.time, rows) : 0;
    if ((links >= 3 && pace <= UTILITY_PACE_MS) || (links === 2 && pace <= UTILITY_PAIR_MS)) signs.push('incl. unsubscribe');
  }
  const pollOptions = largestFamily(context, rows);
  if (pollOptions >= 3) signs.push(`${pollOptions} poll options`);
  if (clicks.timing && machinePace(context, rows)) signs.push('machine pace');
  // Needed only when nothing else shows the machine.
  if (signs.length === 0 && clicks.timing && rows.some((row) => clicks.link[row] !== clicks.link[rows[0]]) && everyLinkTwice(context, group, rows)) signs.push('each link fetched twice');
  return signs;
}

/**
 * Every link requested twice within the repeat window: a scanner's quick check, then its fetch. A
 * double-clicker doubles a link now and then, not every link of a run.
 */
function everyLinkTwice(context: RuleContext, group: number, rows: readonly number[]): boolean {
  const { clicks, windows } = context;
  return rows.every((row) => rowsBetween(context, group, clicks.time[row], clicks.time[row] + windows.repeatMs).some((other) => other !== row && clicks.link[other] === clicks.link[row]));
}

function largestFamily(context: RuleContext, rows: readonly number[]): number {
  const { clicks, groups } = context;
  if (!rows.some((row) => groups.family[clicks.link[row]] >= 0)) return 0;
  const members = new Map<number, Set<number>>();
  for (const row of rows) {
    const family = groups.family[clicks.link[row]];
    if (family < 0) continue;
    let links = members.get(family);
    if (!links) members.set(family, (links = new Set()));
    links.add(clicks.link[row]);
  }
  let largest = 0;
  for (const links of members.values()) largest = Math.max(largest, links.size);
  return largest;
}

/** "40 s after delivery" when the run starts that soon; '' otherwise. */
function startDelay(context: RuleContext, group: number, rows: readonly number[]): string {
  const { groups, windows } = context;
  const reference = groups.reference[group];
  const kind = groups.referenceKind[group];
  if (!Number.isFinite(reference)) return '';
  const delay = delayOf(context, rows[0], reference);
  // Without this copy's own delivery time, early means before the campaign's delivery ends; a send
  // time estimated from a lone reader's own clicks makes nobody early.
  const copyLevel = kind === 'delivery' || kind === 'send';
  const facts = groups.campaigns[groups.campaignOf[group]];
  if (kind === 'estimated send' && !facts.sendBorneOut) return '';
  const deliveredBy = copyLevel ? reference : Math.max(reference, facts.deliveryEnd);
  const soonMs = deliveredBy - reference + windows.earlyRunFromMiddleMs;
  if (delay < 0 || delay >= soonMs) return '';
  return `${duration(delay)} after ${since(kind)}`;
}

/** Distinct links faster than a hand clicks them: mostly under a second apart. */
function machinePace(context: RuleContext, rows: readonly number[]): boolean {
  const { clicks } = context;
  if (rows.length < 3 || !paceShown(context)) return false;
  const fastMs = context.windows.handMs;
  let fast = 0;
  for (let i = 1; i < rows.length; i++) if (clicks.time[rows[i]] - clicks.time[rows[i - 1]] < fastMs) fast++;
  return fast * 2 > rows.length - 1;
}

/** The slowest pace at which fetching the unsubscribe link along with others looks like a scanner's. */
const UTILITY_PACE_MS = 30000;
/** The slowest pace at which one link and the unsubscribe link together look like a scanner's. */
const UTILITY_PAIR_MS = 3000;

export function medianGap(time: Float64Array, rows: ArrayLike<number>): number {
  const count = rows.length - 1;
  if (count < 1) return Infinity;
  if (count === 1) return time[rows[1]] - time[rows[0]];
  // The upper middle: with two gaps, the slower one. "Fast" is claimed only when most steps are fast.
  const middle = count >> 1;
  if (count > GAP_BUFFER.length) {
    const gaps = new Float64Array(count);
    for (let k = 0; k < count; k++) gaps[k] = time[rows[k + 1]] - time[rows[k]];
    return gaps.sort()[middle];
  }
  // Ordinary runs are short: an insertion sort into a reused buffer allocates nothing and skips
  // sort()'s call into the runtime. NaN sorts last, as sort() puts it.
  let sorted = 0;
  for (let k = 0; k < count; k++) {
    const gap = time[rows[k + 1]] - time[rows[k]];
    if (Number.isNaN(gap)) continue;
    let j = sorted++;
    for (; j > 0 && GAP_BUFFER[j - 1] > gap; j--) GAP_BUFFER[j] = GAP_BUFFER[j - 1];
    GAP_BUFFER[j] = gap;
  }
  return middle < sorted ? GAP_BUFFER[middle] : NaN;
}

/** Reused for the gaps of ordinary runs, so that a million clicks allocate nothing here. */
const GAP_BUFFER = new Float64Array(256);
