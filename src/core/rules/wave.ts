import { FREEMAIL_DOMAINS } from '../data/freemail';
import { WEIGHT, type Evidence } from '../evidence';
import { networkOf } from '../ip';
import { duration, plural } from '../words';
import type { Rule, RuleContext } from './context';

/**
 * A gateway scanning every copy delivered to one company: many recipients at one domain (or behind
 * one IP range) whose first clicks on an e-mail follow each other closely, soon after send, even when
 * each copy gets only one click. The wave must hold a good share of that domain's clickers, so a big
 * company's early readers do not make one.
 */
export const wave: Rule = (context, evidence) => {
  const { clicks, settings } = context;
  if (!settings.wave || !clicks.timing) return;
  for (const bucket of buckets(context).values()) {
    if (bucket.firsts.length >= settings.waveMinRecipients) findWaves(context, bucket, evidence);
  }
};

/** Chains of first clicks no more than the wave window apart; a chain big enough is a wave. */
function findWaves(context: RuleContext, bucket: Bucket, evidence: Evidence): void {
  const { clicks, groups, settings } = context;
  const gapMs = settings.waveWindowSeconds * 1000;
  const firsts = bucket.firsts.sort((a, b) => a.time - b.time);
  // Copies to one company leave the platform spread over the whole send, so while the campaign is
  // being delivered its scans need not follow each other closely.
  const facts = groups.campaigns[bucket.campaign];
  const deliveredBy = Math.max(facts.deliveryEnd, facts.sendTime) + gapMs;
  let from = 0;
  for (let i = 1; i <= firsts.length; i++) {
    if (i < firsts.length && (firsts[i].time - firsts[i - 1].time <= gapMs || firsts[i].time <= deliveredBy)) continue;
    const chain = firsts.slice(from, i);
    from = i;
    if (chain.length < settings.waveMinRecipients || chain.length < settings.waveMinShare * firsts.length) continue;
    const start = chain[0].time;
    const delay = start - facts.sendTime;
    if (!(delay <= settings.firstWaveSeconds * 1000)) continue;
    const members = alike(context, chain);
    if (members.length < settings.waveMinRecipients) continue;
    // Copies deferred by greylisting are scanned when they finally arrive: the same link, agent
    // and network as the wave, later. Only with an IP column is that match tight enough.
    if (clicks.ip) {
      const inChain = new Set(chain);
      members.push(...firsts.filter((first) => !inChain.has(first) && sameTraits(context, first, members[0])));
    }
    const reason =
      `one of ${plural(members.length, 'recipient')} at ${bucket.label} clicking within ` +
      `${duration(chain[chain.length - 1].time - start)}, ${duration(Math.max(0, delay))} after send`;
    const repeatMs = settings.repeatSeconds * 1000;
    for (const { group, time } of members) {
      for (let k = groups.starts[group]; k < groups.starts[group + 1]; k++) {
        const row = groups.order[k];
        if (clicks.time[row] - time <= repeatMs) evidence.add('wave', row, WEIGHT.certain, reason);
      }
    }
  }
}

/**
 * A gateway fetches the same link with the same agent from the same network for every copy. When
 * most of a chain shares one of these, the people who happened to click in between are not the wave.
 */
function alike({ clicks }: RuleContext, chain: First[]): First[] {
  let members = chain;
  const networks = clicks.ip ? clicks.ipNames.map(networkOf) : [];
  const traits: ((first: First) => string | number)[] = [(first) => clicks.link[first.row]];
  if (clicks.agent) traits.push((first) => clicks.agent![first.row]);
  if (clicks.ip) traits.push((first) => (clicks.ip![first.row] < 0 ? '' : networks[clicks.ip![first.row]]));
  for (const trait of traits) {
    const counts = new Map<string | number, number>();
    for (const first of members) counts.set(trait(first), (counts.get(trait(first)) ?? 0) + 1);
    const [common, count] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    if (count >= DOMINANT_SHARE * members.length) members = members.filter((first) => trait(first) === common);
  }
  return members;
}

function sameTraits({ clicks }: RuleContext, a: First, b: First): boolean {
  const ipA = clicks.ip![a.row];
  const ipB = clicks.ip![b.row];
  return (
    clicks.link[a.row] === clicks.link[b.row] &&
    (!clicks.agent || clicks.agent[a.row] === clicks.agent[b.row]) &&
    ipA >= 0 && ipB >= 0 && networkOf(clicks.ipNames[ipA]) === networkOf(clicks.ipNames[ipB])
  );
}

/** The share of a chain that makes one link, agent or network its own. */
const DOMINANT_SHARE = 0.6;

interface First {
  group: number;
  row: number;
  time: number;
}

interface Bucket {
  campaign: number;
  label: string;
  /** Each recipient's first click on this e-mail. */
  firsts: First[];
}

/** Recipients per campaign and company domain, and per campaign and IP network. */
function buckets({ clicks, groups }: RuleContext): Map<string, Bucket> {
  const result = new Map<string, Bucket>();
  const networks = clicks.ipNames.map(networkOf);
  const add = (key: string, label: string, campaign: number, group: number, row: number, time: number) => {
    let bucket = result.get(key);
    if (!bucket) result.set(key, (bucket = { campaign, label, firsts: [] }));
    bucket.firsts.push({ group, row, time });
  };
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    const row = groups.order[groups.starts[g]];
    const time = clicks.time[row];
    if (Number.isNaN(time)) continue;
    const campaign = groups.campaignOf[g];
    const domain = domainOf(clicks.recipientNames[clicks.recipient[row]]);
    if (domain && !FREEMAIL_DOMAINS.has(domain)) add(`${campaign} @${domain}`, domain, campaign, g, row, time);
    const ip = clicks.ip ? clicks.ip[row] : -1;
    const network = ip < 0 ? '' : networks[ip];
    if (network) add(`${campaign} ${network}`, network, campaign, g, row, time);
  }
  return result;
}

function domainOf(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  return at < 0 ? '' : recipient.slice(at + 1);
}
