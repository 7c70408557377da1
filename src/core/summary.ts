import { ROW, type ClickTable } from './clicks';
import type { Groups } from './groups';
import type { CampaignSummary, Counts, DomainSummary, LinkSummary, Summary, TimelineBucket, Verdict } from './types';


/** Click and clicker counts for many keys at once, in flat arrays (a million clicks stay cheap). */
class Tallies {
  readonly raw: Float64Array;
  readonly bot: Float64Array;
  readonly human: Float64Array;
  readonly unknown: Float64Array;
  readonly clickers: Int32Array;
  readonly humanClickers: Int32Array;

  constructor(size: number) {
    this.raw = new Float64Array(size);
    this.bot = new Float64Array(size);
    this.human = new Float64Array(size);
    this.unknown = new Float64Array(size);
    this.clickers = new Int32Array(size);
    this.humanClickers = new Int32Array(size);
  }

  addClick(key: number, verdict: Verdict, clicks: number): void {
    this.raw[key] += clicks;
    // Not this[verdict]: a property picked by a string is a slow lookup, and this runs 4M times.
    const tally = verdict === 'bot' ? this.bot : verdict === 'human' ? this.human : this.unknown;
    tally[key] += clicks;
  }

  addClicker(key: number, isHuman: boolean): void {
    this.clickers[key]++;
    if (isHuman) this.humanClickers[key]++;
  }

  counts(key: number): Counts {
    return {
      rawClicks: this.raw[key],
      botClicks: this.bot[key],
      humanClicks: this.human[key],
      unknownClicks: this.unknown[key],
      rawClickers: this.clickers[key],
      humanClickers: this.humanClickers[key],
      removedShare: this.raw[key] === 0 ? 0 : this.bot[key] / this.raw[key],
    };
  }
}

/** Per campaign and link, per recipient domain, overall, and by minutes since send: how many real people clicked. */
export function summarise(clicks: ClickTable, groups: Groups, verdicts: readonly (Verdict | null)[]): Summary {
  const campaignCount = groups.campaigns.length;
  const pairs = linkPairs(clicks, campaignCount);
  const campaigns = new Tallies(campaignCount);
  const links = new Tallies(pairs.link.length);
  const totals = new Tallies(1);
  // Slot 0 holds recipients without a domain (contact ids); domain d is slot d + 1.
  const domainSlot = (recipient: number) => clicks.recipientDomain[recipient] + 1;
  const domains = new Tallies(clicks.domainNames.length + 1);
  // Every judged click with a time, by minute since its campaign's send: one entry per minute that has clicks.
  const byMinute = new Map<number, TimelineBucket>();

  for (let row = 0; row < clicks.size; row++) {
    const verdict = verdicts[row];
    if (verdict === null || clicks.kind[row] !== ROW.click) continue;
    const weight = clicks.count ? clicks.count[row] : 1;
    const campaign = clicks.campaign[row];
    totals.addClick(0, verdict, weight);
    campaigns.addClick(campaign, verdict, weight);
    links.addClick(pairs.ofRow[row], verdict, weight);
    if (clicks.recipient[row] >= 0) domains.addClick(domainSlot(clicks.recipient[row]), verdict, weight);
    const minute = Math.floor((clicks.time[row] - groups.campaigns[campaign].sendTime) / 60000);
    if (Number.isFinite(minute) && verdict !== 'unknown') {
      let bucket = byMinute.get(minute);
      if (!bucket) byMinute.set(minute, (bucket = { minute, bot: 0, human: 0 }));
      bucket[verdict] += weight;
    }
  }

  // Clickers: each group is one recipient on one campaign, so distinct people are counted per group.
  const recipientSeen = new Uint8Array(clicks.recipientNames.length);
  const recipientHuman = new Uint8Array(clicks.recipientNames.length);
  const recipientBot = new Uint8Array(clicks.recipientNames.length);
  // Per link slot: the last group that clicked it, and whether a human click of that group did.
  // Marks by group number need no clearing between groups, unlike a map per group.
  const slotGroup = new Int32Array(links.raw.length).fill(-1);
  const slotHuman = new Uint8Array(links.raw.length);
  const groupSlots: number[] = [];
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    let anyHuman = false;
    const recipient = clicks.recipient[groups.starts[g]];
    groupSlots.length = 0;
    for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
      const isHuman = verdicts[row] === 'human';
      anyHuman ||= isHuman;
      if (verdicts[row] === 'bot') recipientBot[recipient] = 1;
      const s = pairs.ofRow[row];
      if (slotGroup[s] !== g) {
        slotGroup[s] = g;
        slotHuman[s] = 0;
        groupSlots.push(s);
      }
      if (isHuman) slotHuman[s] = 1;
    }
    campaigns.addClicker(groups.campaignOf[g], anyHuman);
    for (const s of groupSlots) links.addClicker(s, slotHuman[s] === 1);
    recipientSeen[recipient] = 1;
    if (anyHuman) recipientHuman[recipient] = 1;
  }
  for (let r = 0; r < recipientSeen.length; r++) {
    if (!recipientSeen[r]) continue;
    totals.addClicker(0, recipientHuman[r] === 1);
    domains.addClicker(domainSlot(r), recipientBot[r] === 1);
  }

  return {
    totals: totals.counts(0),
    campaigns: groups.campaigns
      .map((facts, c): CampaignSummary => ({
        campaign: facts.name,
        sendTime: Number.isFinite(facts.sendTime) ? facts.sendTime : null,
        sendTimeSource: facts.sendTimeSource,
        ...campaigns.counts(c),
        links: linkSummaries(clicks.linkNames, links, pairs, c),
      }))
      .filter((campaign) => campaign.rawClicks > 0),
    // For domains, "human clickers" are repurposed as scanned copies: recipients with a bot click.
    domains: ['(no domain)', ...clicks.domainNames]
      .map((domain, d): DomainSummary => ({
        domain,
        botClicks: domains.bot[d],
        humanClicks: domains.human[d],
        scannedCopies: domains.humanClickers[d],
        recipients: domains.clickers[d],
      }))
      .filter((domain) => domain.recipients > 0)
      .sort((a, b) => b.botClicks - a.botClicks || b.humanClicks - a.humanClicks),
    timeline: [...byMinute.values()].sort((a, b) => a.minute - b.minute),
  };
}

/**
 * The (campaign, link) pairs that have clicks, numbered campaign by campaign: per-link tallies then
 * take room for the pairs that occur, not for every campaign times every link (10,000 campaigns of
 * 15 links each would be 1.5 billion slots).
 */
interface LinkPairs {
  /** Per row: its pair, or -1 for a row that is not a click. */
  ofRow: Int32Array;
  /** Per pair: its link id, -1 for "(no link)". */
  link: Int32Array;
  /** Campaign c's pairs are first[c] .. first[c + 1] - 1. */
  first: Int32Array;
}

function linkPairs(clicks: ClickTable, campaignCount: number): LinkPairs {
  // The click rows campaign by campaign (a counting sort), so that each campaign numbers its links at once.
  const first = new Int32Array(campaignCount + 1);
  const isClick = (row: number) => clicks.kind[row] === ROW.click && clicks.campaign[row] >= 0;
  for (let row = 0; row < clicks.size; row++) if (isClick(row)) first[clicks.campaign[row] + 1]++;
  for (let c = 0; c < campaignCount; c++) first[c + 1] += first[c];
  const byCampaign = new Int32Array(first[campaignCount]);
  const fill = first.slice(0, campaignCount);
  for (let row = 0; row < clicks.size; row++) if (isClick(row)) byCampaign[fill[clicks.campaign[row]]++] = row;

  const ofRow = new Int32Array(clicks.size).fill(-1);
  const link: number[] = [];
  // Per link (slot 0 is "(no link)"): the campaign that last numbered it, and its pair there.
  const numberedIn = new Int32Array(clicks.linkNames.length + 1).fill(-1);
  const pairOfLink = new Int32Array(clicks.linkNames.length + 1);
  let at = 0;
  for (let c = 0; c < campaignCount; c++) {
    const end = first[c + 1];
    first[c] = link.length;
    for (; at < end; at++) {
      const row = byCampaign[at];
      const s = clicks.link[row] + 1;
      if (numberedIn[s] !== c) {
        numberedIn[s] = c;
        pairOfLink[s] = link.length;
        link.push(s - 1);
      }
      ofRow[row] = pairOfLink[s];
    }
  }
  first[campaignCount] = link.length;
  return { ofRow, link: Int32Array.from(link), first };
}

function linkSummaries(names: string[], links: Tallies, pairs: LinkPairs, campaign: number): LinkSummary[] {
  const used: number[] = [];
  for (let p = pairs.first[campaign]; p < pairs.first[campaign + 1]; p++) if (links.raw[p] !== 0) used.push(p);
  // Most clicked first; ties in link order, as the links were first seen in the table.
  used.sort((a, b) => links.raw[b] - links.raw[a] || pairs.link[a] - pairs.link[b]);
  return used.map((p) => ({ link: pairs.link[p] < 0 ? '(no link)' : names[pairs.link[p]], ...links.counts(p) }));
}
