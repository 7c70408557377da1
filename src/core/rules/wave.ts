import { WEIGHT, type Findings } from '../evidence';
import { duration, plural, since } from '../words';
import { defineRule, type RuleContext } from './rule';
import { anotherClient } from '../clicks';
import { paceShown } from './context';

/**
 * A gateway scanning every copy delivered to one company: many recipients at one domain (or behind
 * one IP range) whose first clicks on an e-mail follow each other closely, soon after send, even when
 * each copy gets only one click. The wave must hold a good share of that domain's clickers, so a big
 * company's early readers do not make one. Two copies fetched alike seconds apart make one at a small
 * company, and copies greylisted and fetched alike later belong to the wave.
 */
export const wave = defineRule({
  meta: {
    name: 'wave',
    place: 9,
    needsTimes: 'timing',
    reads: [],
    settings: {
      wave: { kind: 'switch', default: true, label: 'Wave rule', help: 'Flag many recipients at one company domain or IP range clicking within one short window soon after send.' },
      waveMinRecipients: { kind: 'number', default: 3, min: 2, max: 10000, label: 'Wave: fewest recipients', help: 'This many recipients of one domain or IP range within the window make a wave; two copies fetched alike seconds apart in the first wave are one too.' },
      waveWindowSeconds: { kind: 'number', default: 120, min: 1, max: 3600, label: 'Wave: window (s)', help: 'Clicks of one domain or IP range that follow each other within this many seconds belong to one wave.' },
      waveMinShare: { kind: 'number', default: 0.5, min: 0.05, max: 1, label: 'Wave: share of the domain\'s clickers', help: 'A wave must hold at least this share of the clickers at that domain or IP range, so that a big company\'s early readers are not a wave.' },
      firstWaveSeconds: { kind: 'number', default: 900, min: 0, max: 604800, label: 'First wave after send (s)', help: 'How long after send a wave may start: gateways scan copies as they are delivered.' },
    },
  },
  run(context, found) {
    const networks = context.clicks.ip ? context.clicks.networkOfIp : null;
    // A click in two waves (its domain's and its network's) is explained by the first found: domains
    // first, then by name, so that the reason does not depend on which row came first. Most buckets
    // (a network, a small company) hold one copy: they are left out before sorting, not after.
    const ordered = [...buckets(context, networks).values()]
      .filter((bucket) => bucket.rows.length >= TWINS)
      .sort((a, b) => Number(a.network) - Number(b.network) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    for (const bucket of ordered) findWaves(context, networks, bucket, found);
  },
});

/** A recipient's first click on an e-mail, with the traits a gateway repeats from copy to copy. */
interface First {
  group: number;
  row: number;
  time: number;
  traits: (number | string)[];
  /**
   * The other rows stamped with the first click's time: the stamp cannot tell which came first, so
   * each of their links may be the one a wave fetched.
   */
  tied: number[];
}

interface Bucket {
  campaign: number;
  label: string;
  /** Copies behind one IP network rather than at one domain. */
  network: boolean;
  /** Per copy with a timed click: its first click, and at a domain its first click from another client. */
  rows: number[];
}

/** The share of a chain that makes one link, agent or network its own. */
const DOMINANT_SHARE = 0.6;
/** Two copies fetched alike are enough for a wave: a small company has only a few copies to scan. */
const TWINS = 2;
/**
 * How long after a wave a copy deferred by greylisting still arrives and is scanned on the wave's
 * link; servers retry deferred mail within minutes, rarely after more than an hour.
 */
const GREYLIST_MS = 3_600_000;

/** Chains of first clicks no more than the wave window apart; a chain big enough is a wave. */
function findWaves(context: RuleContext, networks: Int32Array | null, bucket: Bucket, found: Findings<never>): void {
  const { groups, windows } = context;
  const gapMs = windows.waveGapMs;
  const firsts = bucket.rows.map((row) => firstClick(context, networks, row)).sort((a, b) => a.time - b.time);
  // Copies to one company leave the platform spread over the whole send, so while the campaign is
  // being delivered its scans need not follow each other closely.
  const facts = groups.campaigns[bucket.campaign];
  const deliveredBy = Math.max(facts.deliveryEnd, facts.sendTime) + gapMs;
  const waves: WaveState = { firsts, copies: new Set(firsts.map((first) => first.group)).size, waveLink: undefined };
  let from = 0;
  for (let i = 1; i <= firsts.length; i++) {
    if (i < firsts.length && (firsts[i].time - firsts[i - 1].time <= gapMs || firsts[i].time <= deliveredBy)) continue;
    let chain = firsts.slice(from, i);
    from = i;
    // Two gateways in front of one company make two waves in one chain, each fetching its own way.
    let earlier: First[] | undefined;
    while (chain.length >= TWINS) {
      const members = judgeChain(context, networks, bucket, waves, chain, earlier, found);
      if (!members) break;
      earlier = members;
      const taken = new Set(members.map((first) => first.row));
      const rest = chain.filter((first) => !taken.has(first.row));
      if (rest.length === chain.length) break;
      chain = rest;
    }
  }
}

/** What the chains of one bucket share: its first clicks, how many copies they are, and the link of its first wave. */
interface WaveState {
  firsts: First[];
  copies: number;
  /** The link of a wave found earlier at this domain: a later tight cluster on it is the same gateway. */
  waveLink: number | string | undefined;
}

/** Whether the chain makes a wave; if so, flags its members' fetches and returns the members. */
function judgeChain(context: RuleContext, networks: Int32Array | null, bucket: Bucket, waves: WaveState, chain: First[], earlier: First[] | undefined, found: Findings<never>): First[] | undefined {
  const { clicks, groups, settings, windows } = context;
  const facts = groups.campaigns[bucket.campaign];
  const start = chain[0].time;
  const end = chain[chain.length - 1].time;
  const early = start - facts.sendTime <= windows.firstWaveMs;
  // A loose chain must come in the first wave after send; a tight one (several recipients within
  // a quarter of the window) is a gateway whenever it comes, such as late, greylisted copies, and
  // after a wave on the same link it needs no share of the domain's clickers.
  const tight = end - start <= windows.waveTightMs;
  if (!tight && !early) return undefined;
  const linked = withWaveLink(context, networks, chain);
  const alikeFound = alike(linked);
  const common = alikeFound.common;
  // Link and agent tell what was fetched; the network, last among the traits, tells from where.
  const fetched = networks ? common.length - 1 : common.length;
  const sameFetch = common.slice(0, fetched).every((trait) => trait !== undefined);
  // Two gateways in front of the company, without the client columns to tell them apart, split the
  // copies' first clicks between their links: each fetches its own link of a copy within the window.
  const gatewayLinks = common[0] === undefined ? linksOfGateways(context, linked) : new Set<number | string>();
  const twoGateways = gatewayLinks.size >= 2;
  // Copies fetched in no common way were swept link after link: a lone link among them, on no
  // gateway's link, is a reader's.
  const unalike = common.every((trait) => trait === undefined);
  const reader = (first: First) => unalike && !gatewayLinks.has(first.traits[0]) && oneLinkVisit(context, first);
  // A copy's click from another client is a second gateway's only where it fetched alike with others.
  const members = sameFetch ? alikeFound.members : alikeFound.members.filter((first) => first.row === groups.starts[first.group] && !reader(first));
  const echo = tight && waves.waveLink !== undefined && common[0] === waves.waveLink;
  // Twins fetch alike within seconds: from one network, or else in the first wave after send.
  const twins = members.length >= TWINS && tight && sameFetch && ((networks !== null && common[fetched] !== undefined) || early);
  const copies = new Set(chain.map((first) => first.group)).size;
  const copiesShare = copies >= settings.waveMinShare * waves.copies;
  const secondWave = sameFetch && secondGateway(context, members, earlier);
  if ((members.length < settings.waveMinRecipients && !twins) || (!echo && !copiesShare && !secondWave)) return undefined;
  waves.waveLink ??= common[0];
  if (sameFetch && networks) members.push(...otherNodes(context, networks, bucket, linked, members, common.slice(0, fetched)));
  if (sameFetch) members.push(...greylisted(context, waves.firsts, chain, members, common.slice(0, fetched), networks !== null));
  if (twoGateways) members.push(...greylistedByBoth(context, waves.firsts, chain, gatewayLinks));
  const wave = `one of ${plural(members.length, 'recipient')} at ${bucket.label} clicking within ${duration(end - start)}`;
  // The wave's fetch, repeated or followed by other links within seconds. In whole minutes another
  // link counts only in the fetch's own minute: a colleague at work early clicks a minute later.
  const otherLinkMs = paceShown(context) ? windows.repeatMs : 0;
  // A gateway that fetches each copy once leaves a repeat in a later minute to the recipient.
  const repeatMs = paceShown(context) || refetches(context, members) ? windows.repeatMs : 0;
  // Where one gateway's link comes first, a second gateway shows as most copies' next link; a
  // second wave's copies get the first wave's link next.
  const fetchedLinks = twoGateways ? gatewayLinks : withNextLink(context, members, common[0]);
  if (secondWave && fetchedLinks.size === 1) fetchedLinks.add(earlier![0].traits[0]);
  for (const { group, row: first, time } of members) {
    // Each copy's own first click, measured from its own delivery or send (estimated, if so).
    const after = time - groups.reference[group];
    const reason = Number.isFinite(after) ? `${wave}, ${duration(Math.max(0, after))} after ${since(groups.referenceKind[group])}` : `${wave}, together`;
    for (let row = groups.starts[group]; row < groups.starts[group + 1]; row++) {
      const later = clicks.time[row] - time;
      // A colleague's own click on the wave's link comes from their browser and network.
      if (later < 0 || anotherClient(clicks, first, row)) continue;
      const otherGatewayFetch = fetchedLinks.size >= 2 && later <= windows.waveGapMs && fetchedLinks.has(groups.emailLink[clicks.link[row]]);
      if (later <= otherLinkMs || (later <= repeatMs && clicks.link[row] === clicks.link[first]) || otherGatewayFetch) found.add(row, WEIGHT.certain, reason);
    }
  }
  return members;
}

/**
 * The wave's link and, when most member copies click one other link next within the window, that
 * link too: a second gateway fetching its own link after the first. Readers' next links vary.
 */
function withNextLink(context: RuleContext, members: First[], link: number | string | undefined): Set<number | string> {
  if (link === undefined) return new Set();
  const { clicks, groups, settings, windows } = context;
  const next = new Map<number, number>();
  for (const { group, row: first, time } of members) {
    for (let row = first + 1; row < groups.starts[group + 1] && clicks.time[row] - time <= windows.waveGapMs; row++) {
      const other = groups.emailLink[clicks.link[row]];
      if (other === link || anotherClient(clicks, first, row)) continue;
      next.set(other, (next.get(other) ?? 0) + 1);
      break;
    }
  }
  const [top, count] = [...next].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [-1, 0]);
  if (count < settings.waveMinRecipients || count < DOMINANT_SHARE * members.length) return new Set([link]);
  // Two gateways' fetches, not a sweep: the copies' visits hold those two links and no others.
  const pairs = members.filter((first) => oneLinkVisit(context, first, top)).length;
  return pairs >= DOMINANT_SHARE * members.length ? new Set([link, top]) : new Set([link]);
}

/** The links that are each the first link of a good share of the chain's copies: one per gateway. */
function linksOfGateways({ settings }: RuleContext, chain: First[]): Set<number | string> {
  const copies = new Map<number | string, Set<number>>();
  for (const first of chain) {
    const link = first.traits[0];
    (copies.get(link) ?? copies.set(link, new Set()).get(link)!).add(first.group);
  }
  const all = new Set(chain.map((first) => first.group)).size;
  return new Set([...copies].filter(([, of]) => of.size >= settings.waveMinRecipients && of.size >= (1 - DOMINANT_SHARE) * all).map(([link]) => link));
}

/**
 * A second gateway's wave among the copies a first one-link wave left: one link fetched per copy,
 * within the first wave's span. The two waves together hold the domain's share; early readers
 * click later and on several links.
 */
function secondGateway(context: RuleContext, members: First[], earlier: First[] | undefined): boolean {
  // Only a first wave that fetched one link leaves copies to another gateway; the lone links a
  // wave of sweeps leaves are readers'.
  const firstLink = earlier?.[0].traits[0];
  if (!earlier || earlier.some((first) => first.traits[0] !== firstLink)) return false;
  const last = earlier.reduce((latest, first) => Math.max(latest, first.time), -Infinity);
  // The first gateway fetched its own link of many of these copies too.
  const within = members.filter((first) => first.time <= last && oneLinkVisit(context, first, firstLink)).length;
  return within >= DOMINANT_SHARE * members.length;
}

/** Whether the wave's gateway fetches a link twice: many of its copies hold a repeat of the fetch. */
function refetches({ clicks, groups, windows }: RuleContext, members: First[]): boolean {
  let repeated = 0;
  for (const { group, row: first, time } of members) {
    for (let row = first + 1; row < groups.starts[group + 1] && clicks.time[row] - time <= windows.repeatMs; row++) {
      if (clicks.link[row] === clicks.link[first] && !anotherClient(clicks, first, row)) {
        repeated++;
        break;
      }
    }
  }
  return repeated > (1 - DOMINANT_SHARE) * members.length;
}

/**
 * Copies deferred by greylisting are scanned when they finally arrive, within the hour: the same
 * fetch as the wave, later, from one of its networks. Without that network only a gateway that
 * fetched one link of nearly every copy leaves few people's first clicks to mistake for its own.
 */
function greylisted(context: RuleContext, firsts: First[], chain: First[], members: First[], fetch: (number | string | undefined)[], withNetworks: boolean): First[] {
  const inChain = new Set(chain);
  const networks = new Set(withNetworks ? members.map((first) => first.traits[fetch.length]) : []);
  const end = chain[chain.length - 1].time;
  const oneLinkWave = members.filter((first) => oneLinkVisit(context, first)).length >= DOMINANT_SHARE * members.length;
  return firsts.filter(
    (first) =>
      !inChain.has(first) &&
      first.time <= end + GREYLIST_MS &&
      fetch.every((trait, t) => first.traits[t] === trait) &&
      (networks.has(first.traits[fetch.length]) || (oneLinkWave && oneLinkVisit(context, first))),
  );
}

/**
 * A copy deferred by greylisting and fetched by both gateways when it arrives: its first visit holds
 * the gateways' links and nothing else, within the hour after the waves.
 */
function greylistedByBoth(context: RuleContext, firsts: First[], chain: First[], gatewayLinks: Set<number | string>): First[] {
  const { clicks, groups, windows } = context;
  const inChain = new Set(chain);
  const end = chain[chain.length - 1].time;
  return firsts.filter((first) => {
    if (inChain.has(first) || first.time <= end || first.time > end + GREYLIST_MS) return false;
    const links = new Set<number | string>();
    for (let row = first.row; row < groups.starts[first.group + 1] && clicks.time[row] - first.time <= windows.visitGapMs; row++) links.add(groups.emailLink[clicks.link[row]]);
    return links.size === gatewayLinks.size && [...links].every((link) => gatewayLinks.has(link));
  });
}

/**
 * A gateway fetches from several nodes: a copy of the chain fetched alike (link and agent) but from
 * another network is the wave's too, when its visit holds that one link and its network shows up at
 * no other copy of the company outside the wave. A person's office network carries colleagues'
 * clicks too; a gateway node carries only its fetches.
 */
function otherNodes(context: RuleContext, networks: Int32Array, bucket: Bucket, chain: First[], members: First[], fetch: (number | string | undefined)[]): First[] {
  const { clicks, groups } = context;
  const ips = clicks.ip!;
  const isMember = new Set(members.map((first) => first.group));
  const candidates = chain.filter((first) => !isMember.has(first.group) && fetch.every((trait, t) => first.traits[t] === trait) && oneLinkVisit(context, first));
  if (candidates.length === 0) return [];
  const firstRows = new Set(chain.map((first) => first.row));
  const elsewhere = new Set<number>();
  for (const group of new Set(bucket.rows.map((row) => groups.groupOfRow[row]))) {
    for (let row = groups.starts[group]; row < groups.starts[group + 1]; row++) {
      if (!firstRows.has(row) && ips[row] >= 0) elsewhere.add(networks[ips[row]]);
    }
  }
  return candidates.filter((first) => !elsewhere.has(first.traits[fetch.length] as number));
}

/**
 * The copy's first visit (by the first click's client) holds only the first click's link, as a
 * gateway fetching one link per copy leaves it; or that and another gateway's link (as the e-mail's).
 */
function oneLinkVisit(context: RuleContext, first: First, otherGatewayLink: number | string = -1): boolean {
  const { clicks, groups, windows } = context;
  const link = clicks.link[first.row];
  const gap = windows.visitGapMs;
  for (let row = first.row + 1; row < groups.starts[first.group + 1]; row++) {
    if (!(clicks.time[row] - first.time <= gap)) return true;
    if (clicks.link[row] !== link && groups.emailLink[clicks.link[row]] !== otherGatewayLink && !anotherClient(clicks, first.row, row)) return false;
  }
  return true;
}

/**
 * A gateway fetches the same link with the same agent from the same network for every copy. When
 * most of a chain shares one of these, the people who happened to click in between are not the wave.
 * Returns the members and the traits they share (as far as one dominates).
 */
function alike(chain: First[]): { members: First[]; common: (number | string | undefined)[] } {
  let members = chain;
  const common: (number | string | undefined)[] = [];
  for (let t = 0; t < chain[0].traits.length; t++) {
    const counts = new Map<number | string, number>();
    for (const first of members) counts.set(first.traits[t], (counts.get(first.traits[t]) ?? 0) + 1);
    const [value, count] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    // Shares are of copies: a copy fetched by two gateways is in the chain twice, once per fetch.
    const dominant = count >= DOMINANT_SHARE * new Set(members.map((first) => first.group)).size;
    if (dominant) members = members.filter((first) => first.traits[t] === value);
    common.push(dominant ? value : undefined);
  }
  return { members, common };
}

/** Recipients per campaign and company domain, and per campaign and IP network. */
function buckets(context: RuleContext, networks: Int32Array | null): Map<number, Bucket> {
  const { clicks, groups } = context;
  const result = new Map<number, Bucket>();
  // Keys are numbers, not texts (two per copy would be a lot of strings): per campaign, the domains, then the networks.
  const domains = clicks.domainNames.length;
  const keysPerCampaign = domains + clicks.networkNames.length;
  const add = (key: number, label: string, campaign: number, row: number) => {
    let bucket = result.get(key);
    if (!bucket) result.set(key, (bucket = { campaign, label, network: key % keysPerCampaign >= domains, rows: [] }));
    bucket.rows.push(row);
  };
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const row = groups.starts[g];
    if (Number.isNaN(clicks.time[row])) continue;
    const campaign = groups.campaignOf[g];
    const ip = clicks.ip ? clicks.ip[row] : -1;
    const domain = clicks.recipientDomain[clicks.recipient[row]];
    if (domain >= 0 && !clicks.freemail[domain]) {
      add(campaign * keysPerCampaign + domain, clicks.domainNames[domain], campaign, row);
      // A second gateway in front of the company fetches the copies too, from its own nodes: its
      // fetch is the copy's first click from another client.
      const second = fromAnotherClient(context, row);
      if (second >= 0) add(campaign * keysPerCampaign + domain, clicks.domainNames[domain], campaign, second);
    }
    if (networks && ip >= 0) add(campaign * keysPerCampaign + domains + networks[ip], clicks.networkNames[networks[ip]], campaign, row);
  }
  return result;
}

/** The copy's first click from another browser and network than its first click's, or -1. */
function fromAnotherClient({ clicks, groups }: RuleContext, first: number): number {
  const group = groups.groupOfRow[first];
  for (let row = first + 1; row < groups.starts[group + 1] && !Number.isNaN(clicks.time[row]); row++) {
    if (anotherClient(clicks, first, row)) return row;
  }
  return -1;
}

/** A copy's first click (in a bucket) with its traits; made bucket by bucket, so that few are alive at once. */
function firstClick(context: RuleContext, networks: Int32Array | null, row: number): First {
  const { clicks, groups } = context;
  const group = groups.groupOfRow[row];
  const tied: number[] = [];
  for (let next = row + 1; next < groups.starts[group + 1] && clicks.time[next] === clicks.time[row]; next++) tied.push(next);
  return { group, row, time: clicks.time[row], traits: traitsOf(context, networks, row), tied };
}

/** What a gateway repeats from copy to copy: the link (as the e-mail's), the agent, the network. */
function traitsOf({ clicks, groups }: RuleContext, networks: Int32Array | null, row: number): (number | string)[] {
  const ip = clicks.ip ? clicks.ip[row] : -1;
  const traits: (number | string)[] = [groups.emailLink[clicks.link[row]]];
  if (clicks.agent) traits.push(clicks.agent[row]);
  if (networks) traits.push(ip < 0 ? -1 : networks[ip]);
  return traits;
}

/**
 * Where first clicks share a stamp with others, the chain's most common link among them stands for
 * each copy that has it: a scanner's two fetches in one second are ordered by link, not by the scan.
 */
function withWaveLink(context: RuleContext, networks: Int32Array | null, chain: First[]): First[] {
  const { clicks, groups } = context;
  // A minute's stamp holds a reader's clicks as well as a fetch: only a finer stamp ties a scanner's fetches.
  if (!paceShown(context) || chain.every((first) => first.tied.length === 0)) return chain;
  const counts = new Map<number, number>();
  for (const first of chain) {
    for (const link of new Set([first.row, ...first.tied].map((row) => groups.emailLink[clicks.link[row]]))) counts.set(link, (counts.get(link) ?? 0) + 1);
  }
  const [link] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return chain.map((first) => {
    const row = first.tied.find((tiedRow) => groups.emailLink[clicks.link[tiedRow]] === link);
    return row === undefined || first.traits[0] === link ? first : { ...first, row, traits: traitsOf(context, networks, row) };
  });
}
