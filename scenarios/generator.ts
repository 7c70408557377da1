import { readCopy } from './humans';
import { makeCampaigns, pickSender, type Sender } from './mailing';
import type { Campaign, Click, Copy, Org, Person } from './model';
import { makePopulation } from './population';
import { Random } from './random';
import { GATEWAYS, scanCopy, waveScan } from './scanners';
import { renderExport, type ExportOptions, type Scenario } from './table';

/**
 * A labelled, scanner-heavy business mailing: several campaigns sent to thousands of people, most at
 * companies and many of those behind mail-security gateways that fetch links on delivery. Every click
 * carries its truth, so a detector's verdicts can be scored. The same seed gives the same mailing.
 */

export interface MailingOptions {
  seed: number;
  /** People on the list; drawn from the seed (3,000 to 6,000) when left out. */
  recipients?: number;
  /** Campaigns sent; drawn from the seed (3 to 5) when left out. */
  campaigns?: number;
  /** This many clicks (for the benchmark): the list is scaled to pass it and the export cut there. */
  targetClicks?: number;
}

export interface Mailing {
  sender: Sender;
  campaigns: Campaign[];
  people: Person[];
  orgs: Org[];
  copies: Copy[];
  /** In time order. */
  clicks: Click[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Copies leave the platform at its send rate in a shuffled queue. Each is logged as delivered when the
 * receiving server accepts it; gateways add seconds, and greylisting defers a share of company copies
 * by minutes.
 */
export function deliver(campaign: Campaign, campaignIndex: number, people: readonly Person[], rng: Random, greylisted = 0.03): Copy[] {
  const audience = rng.shuffle(people.filter(() => rng.chance(campaign.audienceShare)));
  return audience.map((person, position) => {
    let handedOverAt = campaign.sendTime + (position / campaign.sendRate) * SECOND;
    if (!person.org.freemail && rng.chance(greylisted)) handedOverAt += rng.between(5, 45) * MINUTE;
    let deliveredAt = handedOverAt + rng.logNormal(1.5 * SECOND, 0.8);
    if (person.org.layers.length > 0) deliveredAt += rng.logNormal(8 * SECOND, 1);
    return { campaign, campaignIndex, person, handedOverAt: Math.round(handedOverAt), deliveredAt: Math.round(deliveredAt) };
  });
}

function byOrg(copies: readonly Copy[]): Map<Org, Copy[]> {
  const groups = new Map<Org, Copy[]>();
  for (const copy of copies) {
    const group = groups.get(copy.person.org);
    if (group) group.push(copy);
    else groups.set(copy.person.org, [copy]);
  }
  return groups;
}

/** What the gateways fetch and what the people click, for one campaign's copies. */
export function clicksFor(copies: readonly Copy[], rng: Random): Click[] {
  const clicks: Click[] = [];
  const scanned = new Set<Copy>();
  for (const [org, group] of byOrg(copies)) {
    for (const layer of org.layers) {
      const wave = group.length >= 3 && rng.chance(GATEWAYS[layer.gateway].waveChance);
      const found = wave ? waveScan(group, layer, rng) : group.filter(() => rng.chance(layer.scanShare)).flatMap((copy) => scanCopy(copy, layer, rng));
      for (const click of found) {
        scanned.add(click.copy);
        clicks.push(click);
      }
    }
  }
  for (const copy of copies) {
    if (!rng.chance(Math.min(0.9, copy.campaign.clickRate * copy.person.engagement))) continue;
    for (const click of readCopy(copy, rng)) {
      clicks.push(scanned.has(copy) && click.behaviour === 'reader' ? { ...click, behaviour: 'reader after scan' } : click);
    }
  }
  return clicks;
}

export function simulateMailing(options: MailingOptions): Mailing {
  const rng = new Random(options.seed);
  // Drawn even when given, so that the rest of the stream does not depend on the options.
  const drawnSize = rng.int(3000, 6000);
  const drawnCount = rng.int(3, 5);
  const recipients = options.targetClicks ? listSizeFor(options) : options.recipients ?? drawnSize;
  const count = options.campaigns ?? drawnCount;
  const sender = pickSender(rng);
  const campaigns = makeCampaigns(count, sender, rng.fork());
  const { people, orgs } = makePopulation(recipients, rng.fork());
  // Built with concat, not push(...): a big list's campaign has more copies than a call has arguments.
  let copies: Copy[] = [];
  let clicks: Click[] = [];
  campaigns.forEach((campaign, index) => {
    const stream = rng.fork();
    const delivered = deliver(campaign, index, people, stream);
    copies = copies.concat(delivered);
    clicks = clicks.concat(clicksFor(delivered, stream));
  });
  clicks.sort((a, b) => a.time - b.time);
  // A sized mailing is exported the moment it reaches its size, as an export pulled mid-flight is.
  if (options.targetClicks) clicks = clicks.slice(0, options.targetClicks);
  return { sender, campaigns, people, orgs, copies, clicks };
}

/** A list size that gives a little more than `targetClicks` clicks, from a small pilot with the same seed. */
function listSizeFor(options: MailingOptions): number {
  const pilotSize = 2000;
  const pilot = simulateMailing({ seed: options.seed, campaigns: options.campaigns, recipients: pilotSize });
  return Math.max(50, Math.round((1.15 * pilotSize * (options.targetClicks ?? 0)) / pilot.clicks.length));
}

export type ScenarioOptions = MailingOptions & ExportOptions;

/** A mailing, exported as a table that `detect` takes as is, with the truth for every row. */
export function generateScenario(options: ScenarioOptions): Scenario {
  return renderExport(simulateMailing(options), options);
}
