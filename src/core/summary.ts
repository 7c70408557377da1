import { ROW, type ClickTable } from './clicks';
import type { Groups } from './groups';
import type { CampaignSummary, Counts, DomainSummary, Summary, TimelineBucket, Verdict } from './types';

/** The timeline covers the first three hours after send, where scanners and humans part ways. */
const TIMELINE_MINUTES = 180;

class Tally {
  rawClicks = 0;
  botClicks = 0;
  humanClicks = 0;
  unknownClicks = 0;
  private readonly clickers = new Set<number>();
  private readonly humans = new Set<number>();

  add(recipient: number, verdict: Verdict, clicks: number): void {
    this.rawClicks += clicks;
    if (verdict === 'bot') this.botClicks += clicks;
    else if (verdict === 'human') this.humanClicks += clicks;
    else this.unknownClicks += clicks;
    if (recipient < 0) return;
    this.clickers.add(recipient);
    if (verdict === 'human') this.humans.add(recipient);
  }

  counts(): Counts {
    return {
      rawClicks: this.rawClicks,
      botClicks: this.botClicks,
      humanClicks: this.humanClicks,
      unknownClicks: this.unknownClicks,
      rawClickers: this.clickers.size,
      humanClickers: this.humans.size,
      removedShare: this.rawClicks === 0 ? 0 : this.botClicks / this.rawClicks,
    };
  }
}

/** Per campaign and link, per recipient domain, overall, and by minutes since send: how many real people clicked. */
export function summarise(clicks: ClickTable, groups: Groups, verdicts: readonly (Verdict | null)[]): Summary {
  const totals = new Tally();
  const campaigns = groups.campaigns.map(() => ({ tally: new Tally(), links: new Map<number, Tally>() }));
  const domains = new Map<string, { bot: number; human: number; scanned: Set<number>; recipients: Set<number> }>();
  const timeline = Array.from({ length: TIMELINE_MINUTES }, (_, minute): TimelineBucket => ({ minute, bot: 0, human: 0 }));

  for (let row = 0; row < clicks.size; row++) {
    const verdict = verdicts[row];
    if (verdict === null || clicks.kind[row] !== ROW.click) continue;
    const weight = clicks.count ? clicks.count[row] : 1;
    const recipient = clicks.recipient[row];
    totals.add(recipient, verdict, weight);
    const campaign = campaigns[clicks.campaign[row]];
    campaign.tally.add(recipient, verdict, weight);
    const link = clicks.link[row];
    let linkTally = campaign.links.get(link);
    if (!linkTally) campaign.links.set(link, (linkTally = new Tally()));
    linkTally.add(recipient, verdict, weight);

    if (recipient >= 0) {
      const name = clicks.recipientNames[recipient];
      const domain = name.includes('@') ? name.slice(name.lastIndexOf('@') + 1) : '(no domain)';
      let entry = domains.get(domain);
      if (!entry) domains.set(domain, (entry = { bot: 0, human: 0, scanned: new Set(), recipients: new Set() }));
      entry.recipients.add(recipient);
      if (verdict === 'bot') {
        entry.bot += weight;
        entry.scanned.add(recipient);
      } else if (verdict === 'human') entry.human += weight;
    }

    const minute = Math.floor((clicks.time[row] - groups.campaigns[clicks.campaign[row]].sendTime) / 60000);
    if (minute >= 0 && minute < TIMELINE_MINUTES && verdict !== 'unknown') timeline[minute][verdict] += weight;
  }

  return {
    totals: totals.counts(),
    campaigns: groups.campaigns.map((facts, c): CampaignSummary => ({
      campaign: facts.name,
      sendTime: Number.isFinite(facts.sendTime) ? facts.sendTime : null,
      sendTimeSource: facts.sendTimeSource,
      ...campaigns[c].tally.counts(),
      links: [...campaigns[c].links.entries()]
        .map(([link, tally]) => ({ link: link < 0 ? '(no link)' : clicks.linkNames[link], ...tally.counts() }))
        .sort((a, b) => b.rawClicks - a.rawClicks),
    })).filter((campaign) => campaign.rawClicks > 0),
    domains: [...domains.entries()]
      .map(([domain, e]): DomainSummary => ({ domain, botClicks: e.bot, humanClicks: e.human, scannedCopies: e.scanned.size, recipients: e.recipients.size }))
      .sort((a, b) => b.botClicks - a.botClicks || b.humanClicks - a.humanClicks),
    timeline,
  };
}
