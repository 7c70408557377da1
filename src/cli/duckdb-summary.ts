import type { CampaignSummary, Counts, DomainSummary, SendTimeSource, Summary, TimelineBucket, Verdict } from '../core';

/** Clicks and clickers of one key (all, a campaign, a link), as the core's summary counts them; recipients by number. */
class Tally {
  raw = 0;
  bot = 0;
  human = 0;
  unknown = 0;
  private readonly clickers = new Set<number>();
  private readonly people = new Set<number>();

  add(verdict: Verdict, recipient: number | null): void {
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
 * The summary of the DuckDB engine's verdicts, per campaign and link, recipient domain and minute since send, tallied as they stream back.
 */
export class DuckDbSummary {
  private readonly totals = new Tally();
  private readonly campaigns = new Map<string, { tally: Tally; links: Map<string, Tally>; sendTime: number | null; source: SendTimeSource }>();
  /** Per recipient domain: its bot and human clicks, and per recipient whether one of their clicks is a bot's. */
  private readonly domains = new Map<string, { bot: number; human: number; recipients: Map<number, boolean> }>();
  /**
   * Each recipient's number. Every row's recipient is a new string from DuckDB, and a link's
   * clickers are nearly as many as its clicks: sets of numbers hold them in a fraction of the memory.
   */
  private readonly recipients = new Map<string, number>();
  private readonly minutes = new Map<number, TimelineBucket>();

  add(verdict: Verdict, campaign: string | null, email: string | null, link: string | null, sendTime: number | null, source: string | null, time: number | null): void {
    let recipient: number | null = null;
    if (email !== null) {
      recipient = this.recipients.get(email) ?? this.recipients.size;
      if (recipient === this.recipients.size) this.recipients.set(email, recipient);
      this.addToDomain(verdict, email, recipient);
    }
    this.totals.add(verdict, recipient);
    // As core/summary's timeline: minutes since the campaign's send, for judged clicks with a time.
    if (time !== null && sendTime !== null && verdict !== 'unknown') {
      const minute = Math.floor((time - sendTime) / 60000);
      let bucket = this.minutes.get(minute);
      if (!bucket) this.minutes.set(minute, (bucket = { minute, bot: 0, human: 0 }));
      bucket[verdict]++;
    }
    const name = campaign ?? '(no campaign)';
    let entry = this.campaigns.get(name);
    if (!entry) this.campaigns.set(name, (entry = { tally: new Tally(), links: new Map(), sendTime, source: (source ?? 'none') as SendTimeSource }));
    entry.tally.add(verdict, recipient);
    const linkName = link ?? '';
    let linkTally = entry.links.get(linkName);
    if (!linkTally) entry.links.set(linkName, (linkTally = new Tally()));
    linkTally.add(verdict, recipient);
  }

  private addToDomain(verdict: Verdict, email: string, recipient: number): void {
    const at = email.lastIndexOf('@');
    const name = at < 0 ? '(no domain)' : email.slice(at + 1);
    let domain = this.domains.get(name);
    if (!domain) this.domains.set(name, (domain = { bot: 0, human: 0, recipients: new Map() }));
    if (verdict === 'bot') domain.bot++;
    if (verdict === 'human') domain.human++;
    domain.recipients.set(recipient, (domain.recipients.get(recipient) ?? false) || verdict === 'bot');
  }

  summary(): Summary {
    const campaigns: CampaignSummary[] = [...this.campaigns].map(([campaign, entry]) => ({
      campaign,
      ...entry.tally.counts(),
      sendTime: entry.sendTime,
      sendTimeSource: entry.source,
      links: [...entry.links].map(([link, tally]) => ({ link, ...tally.counts() })),
    }));
    // As core/summary: "scanned copies" are the domain's recipients with a bot click.
    const domains: DomainSummary[] = [...this.domains]
      .map(([domain, { bot, human, recipients }]) => ({ domain, botClicks: bot, humanClicks: human, scannedCopies: [...recipients.values()].filter(Boolean).length, recipients: recipients.size }))
      .sort((a, b) => b.botClicks - a.botClicks || b.humanClicks - a.humanClicks);
    return { totals: this.totals.counts(), campaigns, domains, timeline: [...this.minutes.values()].sort((a, b) => a.minute - b.minute) };
  }
}
