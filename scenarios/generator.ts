import { contentLinks, earlyReader, readCopy, tabsAfterScan } from './humans';
import { makeCampaigns, pickSender, type Sender } from './mailing';
import type { Campaign, Click, Copy, Org, Person } from './model';
import { makePopulation } from './population';
import { Random } from './random';
import { scanCopy, waveScan } from './scanners';
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
  /**
   * How much the gateways scan on delivery: 'heavy' (the default) makes 85-93 % of the clicks
   * scanners'; 'typical' is what field reports show for a B2B campaign, 10-30 %.
   */
  scanning?: 'heavy' | 'typical';
}

/** The share of each gateway's scanning (copies scanned, waves) that each level keeps. */
const SCANNING = { heavy: 1, typical: 0.02 } as const;

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
  // Each scanned copy's first scan; copies whose reader clicked during their company's wave.
  const scannedAt = new Map<Copy, number>();
  const readEarly = new Set<Copy>();
  for (const [org, group] of byOrg(copies)) {
    for (const layer of org.layers) {
      const wave = group.length >= 3 && rng.chance(layer.waveChance);
      const found = wave ? waveScan(group, layer, rng) : group.filter(() => rng.chance(layer.scanShare)).flatMap((copy) => scanCopy(copy, layer, rng));
      for (const click of found) {
        scannedAt.set(click.copy, Math.min(click.time, scannedAt.get(click.copy) ?? Infinity));
        clicks.push(click);
      }
      // One wave's readers per company: a second gateway's wave has the same people reading.
      if (wave && !group.some((copy) => readEarly.has(copy))) {
        for (const reader of earlyReaders(group, found, rng)) {
          readEarly.add(reader.copy);
          clicks.push(reader);
        }
      }
    }
  }
  for (const copy of copies) {
    if (readEarly.has(copy) || !rng.chance(Math.min(0.9, copy.campaign.clickRate * copy.person.engagement))) continue;
    const scanned = scannedAt.get(copy);
    if (scanned !== undefined && contentLinks(copy.campaign.links).length >= 2 && rng.chance(TABS_AFTER_SCAN)) {
      clicks.push(...tabsAfterScan(copy, scanned, rng));
      continue;
    }
    for (const click of readCopy(copy, rng)) {
      clicks.push(scanned !== undefined && click.behaviour === 'reader' ? { ...click, behaviour: 'reader after scan' } : click);
    }
  }
  return clicks;
}

/** Share of the readers of a scanned copy who open stories in tabs. */
const TABS_AFTER_SCAN = 0.12;

/**
 * At a big company a few people read the e-mail while its gateway's wave goes on: early in the
 * wave or late, each at least most of a minute after their own copy arrived.
 */
export function earlyReaders(group: readonly Copy[], wave: readonly Click[], rng: Random, count = Math.round(group.length * rng.between(0.01, 0.04))): Click[] {
  if (group.length < 10 || wave.length === 0) return [];
  const times = wave.map((click) => click.time).sort((a, b) => a - b);
  const start = times[0];
  const span = times[Math.floor(0.9 * (times.length - 1))] - start;
  const chosen = new Set<Copy>();
  const clicks: Click[] = [];
  for (let i = 0; i < Math.max(1, count); i++) {
    const early = rng.chance(0.5);
    let time = start + span * (early ? rng.between(0.05, 0.5) : rng.between(0.5, 1.3));
    const ready = group.filter((copy) => !chosen.has(copy) && copy.deliveredAt <= time - 45 * SECOND);
    // Else the first copy delivered: someone whose copy came in early.
    const copy = ready.length > 0 ? rng.pick(ready) : group.filter((c) => !chosen.has(c)).reduce<Copy | undefined>((a, c) => (a && a.deliveredAt <= c.deliveredAt ? a : c), undefined);
    if (!copy) break;
    if (ready.length === 0) time = copy.deliveredAt + rng.between(45, 240) * SECOND;
    chosen.add(copy);
    clicks.push(...earlyReader(copy, Math.round(time), rng));
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
  const { people, orgs } = makePopulation(recipients, rng.fork(), SCANNING[options.scanning ?? 'heavy']);
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
  const pilot = simulateMailing({ seed: options.seed, campaigns: options.campaigns, scanning: options.scanning, recipients: pilotSize });
  return Math.max(50, Math.round((1.15 * pilotSize * (options.targetClicks ?? 0)) / pilot.clicks.length));
}

export type ScenarioOptions = MailingOptions & ExportOptions;

/** A mailing, exported as a table that `detect` takes as is, with the truth for every row. */
export function generateScenario(options: ScenarioOptions): Scenario {
  return renderExport(simulateMailing(options), options);
}
