import { clicksFor, deliver, earlyReaders, type Mailing } from './generator';
import { linkPreview, readCopy, tabsAfterScan, type ReadingPlan } from './humans';
import { makeCampaigns, pickSender, type Sender } from './mailing';
import type { Behaviour, Campaign, Click, Copy, GatewayName, Org, Person } from './model';
import { companyDomain, makeCompany, makePerson, makePopulation, type Population } from './population';
import { Random } from './random';
import { scanCopy, waveScan, type ScanPlan } from './scanners';
import { renderExport, type ExportOptions, type Scenario } from './table';

/**
 * One behaviour at a time, inside a small ordinary mailing: a newsletter (with a poll) to about 150
 * people, some scanned and some reading as usual, plus the people who show the behaviour under test.
 */

export interface BehaviourCase {
  scenario: Scenario;
  /** Per data row: whether the row belongs to the behaviour under test. */
  focus: boolean[];
}

type Stage = (copies: Copy[], rng: Random) => Click[];

interface Setup {
  /** The focus people's company: its gateway, whether it browses through isolation, how many get the e-mail. */
  gateway: GatewayName | null;
  isolation?: boolean;
  people?: number;
  freemail?: boolean;
  act: Stage;
}

const GATEWAY_CHOICES: GatewayName[] = ['Microsoft Defender', 'Proofpoint', 'Mimecast', 'Barracuda', 'Sandbox'];

const scan = (plan: ScanPlan): Stage => (copies, rng) => copies.flatMap((copy) => scanCopy(copy, copy.person.org.layers[0], rng, { early: false, rescan: false, ...plan }));
const read = (plan: ReadingPlan): Stage => (copies, rng) => copies.flatMap((copy) => readCopy(copy, rng, plan));

/** Reading that starts at least an hour after delivery, as a person does after the scanner came. */
function readLater(copy: Copy, rng: Random): Click[] {
  for (;;) {
    const clicks = readCopy(copy, rng, 'reader');
    if (Math.min(...clicks.map((click) => click.time)) >= copy.deliveredAt + 3_600_000) {
      return clicks.map((click) => ({ ...click, behaviour: 'reader after scan' }));
    }
  }
}

function setups(rng: Random): Record<Exclude<Behaviour, 'reader'>, Setup> {
  const gateway = rng.pick(GATEWAY_CHOICES);
  return {
    sweep: { gateway, act: scan({ style: 'sweep' }) },
    'paced sweep': { gateway, act: scan({ style: 'paced sweep' }) },
    'two requests per link': { gateway, act: scan({ style: 'two requests per link' }) },
    'partial sweep': { gateway, act: scan({ style: 'partial sweep' }) },
    'pre-delivery scan': { gateway, act: scan({ early: true }) },
    're-scan': { gateway, act: scan({ style: 'sweep', rescan: true }) },
    'one link per copy': { gateway: rng.pick(['Mimecast', 'Barracuda', 'Proofpoint']), people: rng.int(8, 20), act: (copies, g) => waveScan(copies, copies[0].person.org.layers[0], g) },
    'link preview': {
      gateway: null,
      freemail: true,
      act: (copies, g) => copies.flatMap((copy) => {
        const clicks = readCopy(copy, g, 'reader');
        return [...clicks, linkPreview(clicks[0], g)];
      }),
    },
    'reader after scan': { gateway, act: (copies, g) => copies.flatMap((copy) => [...scanCopy(copy, copy.person.org.layers[0], g, { style: 'sweep', early: false, rescan: false }), ...readLater(copy, g)]) },
    'double click': { gateway: null, act: read('double click') },
    'poll vote change': { gateway: null, freemail: true, act: read('poll vote change') },
    tabs: { gateway: null, act: read('tabs') },
    forwarded: { gateway: null, act: read('forwarded') },
    'fast reader': { gateway: null, act: read('fast reader') },
    'browser isolation': { gateway: 'Microsoft Defender', isolation: true, act: read('browser isolation') },
    // The wave's fetches are in focus too: they must stay bots while the people among them stay people.
    'early reader in a wave': {
      gateway: rng.pick(['Mimecast', 'Barracuda', 'Proofpoint']),
      people: rng.int(30, 80),
      act: (copies, g) => {
        const wave = waveScan(copies, copies[0].person.org.layers[0], g);
        return [...wave, ...earlyReaders(copies, wave, g, g.int(2, 4))];
      },
    },
    'tabs after scan': {
      gateway,
      people: 3,
      act: (copies, g) => copies.flatMap((copy) => {
        const scan = scanCopy(copy, copy.person.org.layers[0], g, { early: false, rescan: false });
        return [...scan, ...tabsAfterScan(copy, Math.min(...scan.map((click) => click.time)), g)];
      }),
    },
  };
}

/** A newsletter with a poll and at least five stories, so that every behaviour has its links. */
function newsletter(sender: Sender, rng: Random): Campaign {
  for (;;) {
    const [campaign] = makeCampaigns(1, sender, rng);
    const kinds = campaign.links.map((link) => link.kind);
    if (kinds.includes('poll') && kinds.filter((kind) => kind === 'story').length >= 5) return { ...campaign, audienceShare: 1 };
  }
}

function focusPeople(setup: Setup, population: Population, rng: Random): Person[] {
  const { domains, emails } = population.taken;
  const org: Org = setup.freemail
    ? { domain: rng.pick(['gmail.com', 'yahoo.com', 'icloud.com']), freemail: true, officeIps: [], layers: [], isolationIps: [] }
    : makeCompany(companyDomain(domains, rng), setup.gateway, setup.isolation ?? false, rng);
  // A company whose copies go through one gateway only, so the case shows that gateway's behaviour alone.
  org.layers = org.layers.slice(0, 1);
  return Array.from({ length: setup.people ?? 1 }, () => makePerson(org, 0, emails, rng));
}

export function behaviourCase(behaviour: Exclude<Behaviour, 'reader'>, seed: number, options: ExportOptions = {}): BehaviourCase {
  const rng = new Random(seed);
  const sender = pickSender(rng);
  const campaign = newsletter(sender, rng);
  const population = makePopulation(150, rng.fork());
  const setup = setups(rng)[behaviour];
  const focused = new Set(focusPeople(setup, population, rng));
  // No greylisting here: a copy deferred by half an hour would show a different situation from the one named.
  const copies = deliver(campaign, 0, [...population.people, ...focused], rng, 0);
  const background = clicksFor(copies.filter((copy) => !focused.has(copy.person)), rng);
  const focus = setup.act(copies.filter((copy) => focused.has(copy.person)), rng);
  const mailing: Mailing = {
    sender,
    campaigns: [campaign],
    people: [...population.people, ...focused],
    orgs: population.orgs,
    copies,
    clicks: [...background, ...focus].sort((a, b) => a.time - b.time),
  };
  const scenario = renderExport(mailing, { ...options, seed });
  const inFocus = new Set(focus);
  return { scenario, focus: scenario.rows.map((click) => click !== null && inFocus.has(click)) };
}
