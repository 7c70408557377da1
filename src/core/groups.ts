import { ROW, type ClickTable } from './clicks';
import { isUtilityLink, linkFamily } from './links';
import type { Settings } from './settings';
import { parseTime } from './time';
import type { SendTimeSource } from './types';
import { BotclickError } from './errors';

/** What a click's delay is measured from. */
export type ReferenceKind = 'delivery' | 'send' | 'campaign send' | 'estimated send' | 'none';

export interface CampaignFacts {
  name: string;
  /** Distinct links clicked by anyone in this campaign: the e-mail's links as far as the data shows. */
  linkCount: number;
  sendTime: number;
  sendTimeSource: SendTimeSource;
  /**
   * When delivery of the campaign's copies seems to end: most of the quick full sweeps (which
   * gateways make right after delivery) have started by then. NaN without a send time.
   */
  deliveryEnd: number;
}

/**
 * The one grouping pass: clicks ordered by campaign, recipient and time, so that every rule can
 * slide windows over one recipient's clicks on one e-mail.
 */
export interface Groups {
  /** Per row: its group, or -1 for rows that are not judged clicks. */
  groupOfRow: Int32Array;
  /** Click rows, grouped; within a group in time order (rows without a time last, in row order). */
  order: Int32Array;
  /** Group g is order[starts[g]] .. order[starts[g + 1] - 1]. */
  starts: Int32Array;
  campaignOf: Int32Array;
  /** Per group: the delivery or send time of this copy, or the campaign's send time. */
  reference: Float64Array;
  referenceKind: ReferenceKind[];
  campaigns: CampaignFacts[];
  /**
   * The clicks that count for pace and bursts, grouped like `order`: timed ones, with a repeat on
   * the same link within repeatSeconds (a double click, a scanner's second request) folded into
   * the first. Group g is distinct[distinctStarts[g]] .. distinct[distinctStarts[g + 1] - 1].
   */
  distinct: Int32Array;
  distinctStarts: Int32Array;
  /** Per link id: an unsubscribe, preferences or view-online link. */
  utility: Uint8Array;
  /** Per link id: its poll family id, or -1 when it has no siblings. */
  family: Int32Array;
}

export function groupClicks(clicks: ClickTable, settings: Settings): Groups {
  const { size, kind, recipient, campaign, time } = clicks;
  const recipientCount = clicks.recipientNames.length;
  const keyOf = (row: number) => campaign[row] * recipientCount + recipient[row];

  const groupIdByKey = new Map<number, number>();
  const groupOfRow = new Int32Array(size).fill(-1);
  const counts: number[] = [];
  for (let row = 0; row < size; row++) {
    if (kind[row] !== ROW.click || recipient[row] < 0) continue;
    const key = keyOf(row);
    let g = groupIdByKey.get(key);
    if (g === undefined) {
      g = counts.length;
      groupIdByKey.set(key, g);
      counts.push(0);
    }
    groupOfRow[row] = g;
    counts[g]++;
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
  for (let g = 0; g < groupCount; g++) sortByTime(order, starts[g], starts[g + 1], time);

  const copyTimes = deliveryTimes(clicks, keyOf);
  const campaigns = campaignFacts(clicks, settings);
  const reference = new Float64Array(groupCount);
  const referenceKind: ReferenceKind[] = new Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const first = order[starts[g]];
    const delivered = copyTimes.get(keyOf(first));
    const sentAt = clicks.sentAt ? clicks.sentAt[first] : NaN;
    const facts = campaigns[campaignOf[g]];
    if (delivered && Number.isFinite(delivered.time)) {
      reference[g] = delivered.time;
      referenceKind[g] = delivered.kind;
    } else if (Number.isFinite(sentAt)) {
      reference[g] = sentAt;
      referenceKind[g] = 'send';
    } else {
      reference[g] = facts.sendTime;
      referenceKind[g] = !Number.isFinite(facts.sendTime) ? 'none' : facts.sendTimeSource === 'estimated' ? 'estimated send' : 'campaign send';
    }
  }
  const { utility, family } = linkKinds(clicks);
  const { distinct, distinctStarts } = foldRepeats(clicks, settings, order, starts);
  estimateDeliveryEnds(clicks, settings, campaigns, order, starts, campaignOf);
  return { groupOfRow, order, starts, distinct, distinctStarts, campaignOf, reference, referenceKind, campaigns, utility, family };
}

/** Groups up to this size fold repeats by looking back instead of keeping a map. */
const SMALL_GROUP = 16;

function foldRepeats(clicks: ClickTable, settings: Settings, order: Int32Array, starts: Int32Array) {
  const repeatMs = settings.repeatSeconds * 1000;
  const distinct = new Int32Array(order.length);
  const distinctStarts = new Int32Array(starts.length);
  const lastByLink = new Map<number, number>();
  let kept = 0;
  for (let g = 0; g + 1 < starts.length; g++) {
    distinctStarts[g] = kept;
    const small = starts[g + 1] - starts[g] <= SMALL_GROUP;
    if (!small) lastByLink.clear();
    for (let k = starts[g]; k < starts[g + 1]; k++) {
      const row = order[k];
      const t = clicks.time[row];
      if (clicks.hasTimes && Number.isNaN(t)) continue;
      const link = clicks.link[row];
      let last: number | undefined;
      if (small) {
        // Most copies have a handful of clicks: looking back is cheaper than a map.
        for (let j = k - 1; j >= starts[g] && last === undefined; j--) if (clicks.link[order[j]] === link) last = clicks.time[order[j]];
      } else {
        last = lastByLink.get(link);
        lastByLink.set(link, t);
      }
      if (last === undefined || t - last > repeatMs) distinct[kept++] = row;
    }
  }
  distinctStarts[starts.length - 1] = kept;
  return { distinct, distinctStarts };
}

/** Insertion sort of one group's rows by time: exports are mostly in time order already. */
function sortByTime(order: Int32Array, from: number, to: number, time: Float64Array): void {
  const at = (row: number) => (Number.isNaN(time[row]) ? Infinity : time[row]);
  if (to - from > 64) {
    const slice = Array.from(order.subarray(from, to)).sort((a, b) => at(a) - at(b) || a - b);
    order.set(slice, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const row = order[i];
    const t = at(row);
    let j = i - 1;
    while (j >= from && at(order[j]) > t) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = row;
  }
}

/** The earliest delivery (or else send) event per copy, from a mixed event log. */
function deliveryTimes(clicks: ClickTable, keyOf: (row: number) => number) {
  const times = new Map<number, { time: number; kind: 'delivery' | 'send' }>();
  for (let row = 0; row < clicks.size; row++) {
    const rowKind = clicks.kind[row];
    if ((rowKind !== ROW.delivery && rowKind !== ROW.send) || clicks.recipient[row] < 0) continue;
    const t = clicks.time[row];
    if (!Number.isFinite(t)) continue;
    const kind = rowKind === ROW.delivery ? 'delivery' : 'send';
    const key = keyOf(row);
    const known = times.get(key);
    const better = !known || (kind === 'delivery' && known.kind === 'send') || (kind === known.kind && t < known.time);
    if (better) times.set(key, { time: t, kind });
  }
  return times;
}

function campaignFacts(clicks: ClickTable, settings: Settings): CampaignFacts[] {
  const n = clicks.campaignNames.length;
  // Per campaign: link id -> its one clicker, or SHARED once a second recipient clicks it.
  const clickerOf = Array.from({ length: n }, () => new Map<number, number>());
  const fromColumn = new Float64Array(n).fill(Infinity);
  const fromEvents = new Float64Array(n).fill(Infinity);
  const firstClicks: number[][] = Array.from({ length: n }, () => []);
  for (let row = 0; row < clicks.size; row++) {
    const c = clicks.campaign[row];
    if (c < 0) continue;
    const rowKind = clicks.kind[row];
    const t = clicks.time[row];
    if (rowKind === ROW.click) {
      const link = clicks.link[row];
      if (link >= 0) {
        const known = clickerOf[c].get(link);
        if (known === undefined) clickerOf[c].set(link, clicks.recipient[row]);
        else if (known !== clicks.recipient[row]) clickerOf[c].set(link, SHARED);
      }
      if (Number.isFinite(t)) firstClicks[c].push(t);
      const sent = clicks.sentAt ? clicks.sentAt[row] : NaN;
      if (sent < fromColumn[c]) fromColumn[c] = sent;
    } else if ((rowKind === ROW.delivery || rowKind === ROW.send) && t < fromEvents[c]) {
      fromEvents[c] = t;
    }
  }
  const given = settings.sendTime === '' ? NaN : parseTime(settings.sendTime, settings.timeZone);
  if (settings.sendTime !== '' && Number.isNaN(given)) {
    throw new BotclickError(`the send time "${settings.sendTime}" could not be read; write it like 2026-11-26 09:00.`);
  }
  return clicks.campaignNames.map((name, c) => {
    const [sendTime, sendTimeSource] = Number.isFinite(fromColumn[c])
      ? [fromColumn[c], 'column' as const]
      : Number.isFinite(fromEvents[c])
        ? [fromEvents[c], 'deliveries' as const]
        : Number.isFinite(given)
          ? [given, 'setting' as const]
          : estimateSendTime(firstClicks[c]);
    return { name, linkCount: countLinks(clickerOf[c], clicks.linkNames), sendTime, sendTimeSource, deliveryEnd: NaN };
  });
}

const SHARED = -2;

/** A full sweep for estimating delivery: most links within this long. */
const SWEEP_PROBE_MS = 60000;

/**
 * Gateways sweep a copy seconds after its delivery, so the start times of quick full sweeps trace
 * the campaign's delivery. Their 90th percentile, within the first wave after send, marks its end.
 */
function estimateDeliveryEnds(clicks: ClickTable, settings: Settings, campaigns: CampaignFacts[], order: Int32Array, starts: Int32Array, campaignOf: Int32Array): void {
  const sweepStarts: number[][] = campaigns.map(() => []);
  for (let g = 0; g < campaignOf.length; g++) {
    const facts = campaigns[campaignOf[g]];
    const needed = Math.max(settings.sweepMinLinks, Math.ceil(settings.sweepMinShare * facts.linkCount));
    if (starts[g + 1] - starts[g] < needed || !Number.isFinite(facts.sendTime)) continue;
    const first = clicks.time[order[starts[g]]];
    if (!(first - facts.sendTime <= settings.firstWaveSeconds * 1000)) continue;
    const links = new Set<number>();
    for (let k = starts[g]; k < starts[g + 1] && clicks.time[order[k]] - first <= SWEEP_PROBE_MS; k++) links.add(clicks.link[order[k]]);
    if (links.size >= needed) sweepStarts[campaignOf[g]].push(first);
  }
  campaigns.forEach((facts, c) => {
    const times = sweepStarts[c].sort((a, b) => a - b);
    facts.deliveryEnd = times.length >= 5 ? times[Math.floor(0.9 * (times.length - 1))] : facts.sendTime;
  });
}

/**
 * How many links the e-mail has. Links with a recipient's own token (`/unsubscribe?u=8f3a2c`) are
 * each clicked by one recipient only: such links count once per family (same address, other query
 * values), unless the family also has links several recipients clicked (poll options).
 */
function countLinks(clickerOf: Map<number, number>, names: string[]): number {
  const sharedFamilies = new Set<string>();
  let shared = 0;
  for (const [link, clicker] of clickerOf) {
    if (clicker !== SHARED) continue;
    shared++;
    sharedFamilies.add(linkFamily(names[link]));
  }
  const personal = new Set<string>();
  let single = 0;
  for (const [link, clicker] of clickerOf) {
    if (clicker === SHARED) continue;
    const family = linkFamily(names[link]);
    if (sharedFamilies.has(family)) single++;
    else personal.add(family);
  }
  return shared + single + personal.size;
}

/**
 * Without a send time, the first cluster of clicks marks it: scanners fire within seconds of
 * delivery. Three clicks within ten minutes make the cluster, so one early test click does not.
 */
function estimateSendTime(clickTimes: number[]): [number, SendTimeSource] {
  if (clickTimes.length === 0) return [NaN, 'none'];
  const times = Float64Array.from(clickTimes).sort();
  const k = Math.min(3, times.length) - 1;
  for (let i = 0; i + k < times.length; i++) {
    if (times[i + k] - times[i] <= 600000) return [times[i], 'estimated'];
  }
  return [times[0], 'estimated'];
}

/** Utility links and poll families, per link id. */
function linkKinds(clicks: ClickTable): { utility: Uint8Array; family: Int32Array } {
  const names = clicks.linkNames;
  const utility = Uint8Array.from(names, (name) => (isUtilityLink(name) ? 1 : 0));
  const familyIds = new Map<string, number>();
  const membersOf: number[] = [];
  const familyOfLink = names.map((name) => {
    const key = linkFamily(name);
    let id = familyIds.get(key);
    if (id === undefined) {
      id = membersOf.length;
      familyIds.set(key, id);
      membersOf.push(0);
    }
    membersOf[id]++;
    return id;
  });
  // A "family" covering half the links or more is a tracking redirect, not a poll.
  const family = Int32Array.from(familyOfLink, (id) => (membersOf[id] >= 2 && membersOf[id] * 2 < names.length ? id : -1));
  return { utility, family };
}
