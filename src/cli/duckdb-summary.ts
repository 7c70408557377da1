import type { CampaignSummary, Counts, SendTimeSource, Summary, Verdict } from '../core';

/** Clicks and clickers of one key (all, a campaign, a link), as the core's summary counts them. */
class Tally {
  raw = 0;
  bot = 0;
  human = 0;
  unknown = 0;
  private readonly clickers = new Set<string>();
  private readonly people = new Set<string>();

  add(verdict: Verdict, recipient: string | null): void {
    this.raw++;
    this[verdict]++;
    if (recipient === null) return;
    this.clickers.add(recipient);
    if (verdict === 'human') this.people.add(recipient);
  }

  counts(): Counts {
    return {
      rawClicks: this.raw,
      botClicks: this.bot,
      humanClicks: this.human,
      unknownClicks: this.unknown,
      rawClickers: this.clickers.size,
      humanClickers: this.people.size,
      removedShare: this.raw === 0 ? 0 : this.bot / this.raw,
    };
  }
}

/**
 * The summary of the DuckDB engine's verdicts, per campaign and link, tallied as they stream back.
 * Recipient domains and the timeline are the default engine's only.
 */
export class DuckDbSummary {
  private readonly totals = new Tally();
  private readonly campaigns = new Map<string, { tally: Tally; links: Map<string, Tally>; sendTime: number | null; source: SendTimeSource }>();

  add(verdict: Verdict, campaign: string | null, recipient: string | null, link: string | null, sendTime: number | null, source: string | null): void {
    this.totals.add(verdict, recipient);
    const name = campaign ?? '(no campaign)';
    let entry = this.campaigns.get(name);
    if (!entry) this.campaigns.set(name, (entry = { tally: new Tally(), links: new Map(), sendTime, source: (source ?? 'none') as SendTimeSource }));
    entry.tally.add(verdict, recipient);
    const linkName = link ?? '';
    let linkTally = entry.links.get(linkName);
    if (!linkTally) entry.links.set(linkName, (linkTally = new Tally()));
    linkTally.add(verdict, recipient);
  }

  summary(): Summary {
    const campaigns: CampaignSummary[] = [...this.campaigns].map(([campaign, entry]) => ({
      campaign,
      ...entry.tally.counts(),
      sendTime: entry.sendTime,
      sendTimeSource: entry.source,
      links: [...entry.links].map(([link, tally]) => ({ link, ...tally.counts() })),
    }));
    return { totals: this.totals.counts(), campaigns, domains: [], timeline: [] };
  }
}
