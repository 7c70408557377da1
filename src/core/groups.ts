import { anotherClient, eventTime, reorderRows, ROW, type ClickTable } from './clicks';
import { campaignBasics, completeCampaigns, type CampaignFacts } from './campaigns';
import { Ids } from './ids';
import { linkKinds } from './links';
import type { Settings } from './settings';
import type { Windows } from './windows';

/** What a click's delay is measured from. */
export type ReferenceKind = 'delivery' | 'send' | 'campaign send' | 'estimated send' | 'none';

/**
 * The rows in copy order: each copy's (recipient x campaign) clicks side by side, in time order, the
 * other rows after them. Rows are numbered in that order from grouping on.
 */
export interface RowPlaces {
  /** Per row: the input row it was. */
  inputRow: Int32Array;
  /** Per row: its copy, or -1 for rows that are not judged clicks. */
  groupOfRow: Int32Array;
  /** The judged clicks are rows 0 .. clickRows - 1; the other rows follow them. */
  clickRows: number;
  /** Per row: the distinct click a repeat was folded into (they count as one click), or -1. */
  repeatOf: Int32Array;
}

/** Per copy ("group"): where its rows are, its campaign, what its delays are measured from, and its distinct clicks. */
export interface Copies {
  /** Copy g is rows starts[g] .. starts[g + 1] - 1, in time order (rows without a time last, in input order). */
  starts: Int32Array;
  campaignOf: Int32Array;
  /** The delivery or send time of this copy, or the campaign's send time. */
  reference: Float64Array;
  referenceKind: ReferenceKind[];
  /**
   * The clicks that count for pace and bursts: timed ones, with a repeat on the same link within
   * the repeat window (a double click, a scanner's second request) folded into the first. Copy g's
   * are distinct[distinctStarts[g]] .. distinct[distinctStarts[g + 1] - 1].
   */
  distinct: Int32Array;
  distinctStarts: Int32Array;
}

/** Per link id: what kind of link it is. */
export interface LinkFacts {
  /** An unsubscribe, preferences or view-online link. */
  utility: Uint8Array;
  /** Its poll family id, or -1 when it has no siblings. */
  family: Int32Array;
  /** The e-mail's link it stands for; a recipient's own token link stands for its family's first. */
  emailLink: Int32Array;
}

/**
 * The one grouping pass: clicks ordered by campaign, recipient and time, so that every rule can
 * slide windows over one recipient's clicks on one e-mail. Its data, split by what it describes.
 */
export interface Groups extends RowPlaces, Copies, LinkFacts {
  campaigns: CampaignFacts[];
}

/**
 * Groups the clicks in stages: group copies (putting the click table's rows in copy order, in
 * place: from here on a row number is a place in copy order, and `inputRow` leads back to the
 * input) -> complete each campaign's facts -> each copy's reference time -> fold repeats.
 */
export function groupClicks(clicks: ClickTable, settings: Settings, windows: Windows): Groups {
  const copies = groupCopies(clicks);
  const { campaigns: basics, emailLink } = campaignBasics(clicks, settings);
  const campaigns = completeCampaigns(clicks, settings, windows, basics, copies.starts, copies.campaignOf);
  const references = referenceTimes(clicks, copies, campaigns);
  const repeats = foldRepeats(clicks, windows.repeatMs, copies.starts);
  const { utility, family } = linkKinds(clicks.linkNames);
  return { ...copies, ...references, ...repeats, campaigns, utility, family, emailLink };
}

/** Stage 1: the copies, and the click table's rows in copy order. */
function groupCopies(clicks: ClickTable) {
  const { size, kind, recipient, campaign, time } = clicks;
  const groupIds = new Ids<number>();
  const groupOfRow = new Int32Array(size).fill(-1);
  const counts: number[] = [];
  for (let row = 0; row < size; row++) {
    if (kind[row] !== ROW.click || recipient[row] < 0) continue;
    const g = groupIds.idOf(copyKey(clicks, row));
    groupOfRow[row] = g;
    counts[g] = (counts[g] ?? 0) + 1;
  }
  const groupCount = counts.length;
  const starts = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) starts[g + 1] = starts[g] + counts[g];
  const fill = starts.slice(0, groupCount);
  const order = new Int32Array(starts[groupCount]);
  const campaignOf = new Int32Array(groupCount);
  for (let row = 0; row < size; row++) {
    const g = groupOfRow[row];
    if (g < 0) continue;
    order[fill[g]++] = row;
    campaignOf[g] = campaign[row];
  }
  const linkRank = ranks(clicks.linkNames);
  for (let g = 0; g < groupCount; g++) sortByTime(order, starts[g], starts[g + 1], time, clicks.link, linkRank);
  // Rules walk one copy at a time: with the rows in copy order they read memory in order.
  const inputRow = copyOrder(order, groupOfRow);
  reorderRows(clicks, inputRow);
  groupOfRow.fill(-1);
  for (let g = 0; g < groupCount; g++) groupOfRow.fill(g, starts[g], starts[g + 1]);
  return { inputRow, groupOfRow, starts, clickRows: order.length, campaignOf };
}

/** A copy's key: its campaign and recipient. */
function copyKey(clicks: ClickTable, row: number): number {
  return clicks.campaign[row] * clicks.recipientNames.length + clicks.recipient[row];
}

/**
 * The copy a delivery or send event dates: its message where the data names messages, so that a
 * delivery of another message to the same address (a receipt sent years before) dates nothing.
 */
function deliveryKey(clicks: ClickTable, row: number): number {
  return clicks.message ? clicks.message[row] : copyKey(clicks, row);
}

/** Stage 3: what each copy's delays are measured from: its delivery, its own send time, or its campaign's send. */
function referenceTimes(clicks: ClickTable, { starts, campaignOf }: { starts: Int32Array; campaignOf: Int32Array }, campaigns: CampaignFacts[]) {
  const groupCount = campaignOf.length;
  const copyTimes = deliveryTimes(clicks);
  const reference = new Float64Array(groupCount);
  const referenceKind: ReferenceKind[] = new Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const first = starts[g];
    const delivered = copyTimes.get(deliveryKey(clicks, first));
    const sentAt = clicks.sentAt ? clicks.sentAt[first] : NaN;
    const facts = campaigns[campaignOf[g]];
    if (delivered && Number.isFinite(delivered.time)) {
      reference[g] = delivered.time;
      referenceKind[g] = delivered.kind;
    } else if (Number.isFinite(sentAt) && facts.sentPerCopy) {
      reference[g] = sentAt;
      referenceKind[g] = clicks.sentAtKind;
    } else {
      reference[g] = facts.sendTime;
      referenceKind[g] = !Number.isFinite(facts.sendTime) ? 'none' : facts.sendTimeSource === 'estimated' ? 'estimated send' : 'campaign send';
    }
  }
  return { reference, referenceKind };
}

/** Per campaign: how many of its copies were clicked. A send estimated from one copy's clicks alone dates nothing. */
export function copiesPerCampaign(groups: Pick<Groups, 'campaigns' | 'campaignOf'>): Int32Array {
  const copies = new Int32Array(groups.campaigns.length);
  for (const campaign of groups.campaignOf) copies[campaign]++;
  return copies;
}

/** The click rows copy by copy (as `order` has them), then the other rows in input order. */
function copyOrder(order: Int32Array, groupOfRow: Int32Array): Int32Array {
  const inputRow = new Int32Array(groupOfRow.length);
  inputRow.set(order);
  let next = order.length;
  for (let row = 0; row < groupOfRow.length; row++) if (groupOfRow[row] < 0) inputRow[next++] = row;
  return inputRow;
}

/** Groups up to this size fold repeats by looking back instead of keeping a map. */
const SMALL_GROUP = 16;

/** Stage 4: repeats on one link within the repeat window folded into the click they repeat. */
function foldRepeats(clicks: ClickTable, repeatMs: number, starts: Int32Array) {
  const distinct = new Int32Array(starts[starts.length - 1]);
  const distinctStarts = new Int32Array(starts.length);
  const repeatOf = new Int32Array(clicks.size).fill(-1);
  const previousByLink = new Map<number, number>();
  let kept = 0;
  for (let g = 0; g + 1 < starts.length; g++) {
    distinctStarts[g] = kept;
    const small = starts[g + 1] - starts[g] <= SMALL_GROUP;
    if (!small) previousByLink.clear();
    for (let row = starts[g]; row < starts[g + 1]; row++) {
      const t = clicks.time[row];
      if (clicks.hasTimes && Number.isNaN(t)) continue;
      const link = clicks.link[row];
      // A click without a link, where others have one, shows no pace between links.
      if (link < 0 && clicks.hasLinks) continue;
      // The copy's previous click on this link. Most copies have a handful of clicks: looking back
      // is cheaper than a map.
      let previous = -1;
      if (small) {
        for (let j = row - 1; j >= starts[g] && previous < 0; j--) if (clicks.link[j] === link) previous = j;
      } else {
        previous = previousByLink.get(link) ?? -1;
        previousByLink.set(link, row);
      }
      // The same link again from another browser and network is someone else's click: a colleague's, after the gateway's.
      if (previous >= 0 && t - clicks.time[previous] <= repeatMs && !anotherClient(clicks, previous, row)) repeatOf[row] = repeatOf[previous] >= 0 ? repeatOf[previous] : previous;
      else distinct[kept++] = row;
    }
  }
  distinctStarts[starts.length - 1] = kept;
  return { distinct, distinctStarts, repeatOf };
}

/**
 * Sorts one group's rows by time. Clicks stamped alike (whole seconds, whole minutes) are put in
 * link order, then input order, so that the reasons do not change when the rows are shuffled.
 * Insertion sort for small groups: exports are mostly in time order already.
 */
function sortByTime(order: Int32Array, from: number, to: number, time: Float64Array, link: Int32Array, linkRank: Int32Array): void {
  const at = (row: number) => (Number.isNaN(time[row]) ? Infinity : time[row]);
  const rank = (row: number) => (link[row] < 0 ? -1 : linkRank[link[row]]);
  const compare = (a: number, b: number) => at(a) - at(b) || rank(a) - rank(b) || a - b;
  if (to - from > 64) {
    order.set(Array.from(order.subarray(from, to)).sort(compare), from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const row = order[i];
    let j = i - 1;
    while (j >= from && compare(order[j], row) > 0) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = row;
  }
}

/** Per id, the place of its name in sorted order: a key that does not depend on which row came first. */
function ranks(names: readonly string[]): Int32Array {
  const rank = new Int32Array(names.length);
  Array.from(names.keys())
    .sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0))
    .forEach((id, place) => (rank[id] = place));
  return rank;
}

/** The earliest delivery (or else send) event per copy, from a mixed event log. */
function deliveryTimes(clicks: ClickTable) {
  const times = new Map<number, { time: number; kind: 'delivery' | 'send' }>();
  for (let row = 0; row < clicks.size; row++) {
    const rowKind = clicks.kind[row];
    if ((rowKind !== ROW.delivery && rowKind !== ROW.send) || clicks.recipient[row] < 0) continue;
    const t = eventTime(clicks, row);
    if (!Number.isFinite(t)) continue;
    const kind = rowKind === ROW.delivery ? 'delivery' : 'send';
    const key = deliveryKey(clicks, row);
    const known = times.get(key);
    const better = !known || (kind === 'delivery' && known.kind === 'send') || (kind === known.kind && t < known.time);
    if (better) times.set(key, { time: t, kind });
  }
  return times;
}
