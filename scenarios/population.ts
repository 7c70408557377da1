import { personAgent } from './agents';
import type { GatewayLayer, GatewayName, Org, Person } from './model';
import { GATEWAY_RANGES, addressPool, homeIp, ipIn, officeRange } from './network';
import type { Random, Weighted } from './random';
import { GATEWAYS, gatewayPool } from './scanners';

/** The mailing list: people at companies of every size, many behind mail gateways, and people on freemail. */

const FIRST = ['anna', 'ben', 'carla', 'david', 'elena', 'felix', 'grace', 'hugo', 'ines', 'jonas', 'karen', 'lukas', 'maria', 'nils', 'olivia', 'paul', 'rosa', 'sam', 'tina', 'victor', 'wendy', 'yusuf', 'zoe', 'ahmed', 'bram', 'chloe', 'dirk', 'emma', 'fatima', 'gert', 'hanna', 'ivan', 'julia', 'kofi', 'lea', 'marco', 'nina', 'omar', 'priya', 'ruben'];
const LAST = ['smith', 'jansen', 'mueller', 'dubois', 'garcia', 'rossi', 'novak', 'berg', 'walsh', 'khan', 'martin', 'schmidt', 'visser', 'lopez', 'bianchi', 'kowalski', 'larsen', 'oconnor', 'ali', 'moreau', 'fischer', 'devries', 'santos', 'weber', 'nguyen', 'brown', 'meyer', 'peeters', 'costa', 'wagner'];
const SYLLABLES = ['al', 'bri', 'cor', 'dex', 'el', 'fen', 'gar', 'hal', 'ion', 'jun', 'kel', 'lor', 'mar', 'nex', 'ol', 'pra', 'quin', 'ros', 'sel', 'tor', 'ul', 'ven', 'wex', 'yar', 'zen'];
const SUFFIXES = ['', '', '', 'tech', 'group', 'logistics', 'partners', 'systems', 'health', 'bank', 'energy', 'labs'];
const TLDS: Weighted<string> = [['com', 50], ['de', 12], ['co.uk', 10], ['nl', 6], ['fr', 6], ['io', 5], ['eu', 4], ['ch', 3], ['se', 2], ['es', 2]];
const FREEMAIL: Weighted<string> = [
  ['gmail.com', 45], ['outlook.com', 12], ['hotmail.com', 8], ['yahoo.com', 8], ['icloud.com', 6], ['gmx.de', 5],
  ['web.de', 4], ['orange.fr', 3], ['live.com', 3], ['t-online.de', 3], ['aol.com', 2],
];
const MICROSOFT_CONSUMER = new Set(['outlook.com', 'hotmail.com', 'live.com']);
/** Remote-browser services run by the gateway vendors: a person's click arrives from the vendor's addresses. */
const ISOLATION_RANGES = [...GATEWAY_RANGES.mimecast, ...GATEWAY_RANGES.proofpoint, ...GATEWAY_RANGES.microsoft];

export interface Population {
  people: Person[];
  orgs: Org[];
  /** Domains and addresses in use, so that more people can be added without clashes. */
  taken: { domains: Set<string>; emails: Set<string> };
}

export function companyDomain(taken: Set<string>, rng: Random): string {
  for (;;) {
    const stem = rng.shuffle(SYLLABLES).slice(0, rng.int(2, 3)).join('');
    const suffix = rng.pick(SUFFIXES);
    const domain = `${stem}${suffix && rng.chance(0.5) ? '-' : ''}${suffix}.${rng.weighted(TLDS)}`;
    if (!taken.has(domain)) {
      taken.add(domain);
      return domain;
    }
  }
}

/** How common each gateway is among the list's companies; varied per seed. */
function gatewayMix(rng: Random): Weighted<GatewayName | null> {
  const vary = (weight: number): number => weight * rng.between(0.7, 1.3);
  return [
    [null, vary(28)],
    ['Microsoft Defender', vary(38)],
    ['Proofpoint', vary(12)],
    ['Mimecast', vary(10)],
    ['Barracuda', vary(6)],
    ['Sandbox', vary(6)],
  ];
}

/** `scanning` scales how much of the mail the gateway scans on delivery (1: as the profile has it). */
function layer(gateway: GatewayName, office: string | null, scanning: number, rng: Random): GatewayLayer {
  const [low, high] = GATEWAYS[gateway].scanShare;
  return { gateway, scanShare: scanning * rng.between(low, high), waveChance: scanning * GATEWAYS[gateway].waveChance, ipPool: gatewayPool(gateway, office, rng) };
}

/** A company with its office network, its mail gateway (if any) and, rarely, a remote-browser service. */
export function makeCompany(domain: string, gateway: GatewayName | null, isolation: boolean, rng: Random, scanning = 1): Org {
  const office = officeRange(rng);
  const layers = gateway ? [layer(gateway, office, scanning, rng)] : [];
  // Some companies put a second filter in front of Microsoft 365: both scan.
  if (gateway && gateway !== 'Microsoft Defender' && rng.chance(0.25)) layers.push(layer('Microsoft Defender', office, scanning, rng));
  return {
    domain,
    freemail: false,
    officeIps: Array.from({ length: rng.int(1, 4) }, () => ipIn(office, rng)),
    layers,
    isolationIps: isolation ? addressPool(ISOLATION_RANGES, rng.int(2, 4), rng) : [],
  };
}

function freemailOrg(domain: string, scanning: number, rng: Random): Org {
  return {
    domain,
    freemail: true,
    officeIps: [],
    layers: MICROSOFT_CONSUMER.has(domain) ? [layer('Outlook.com', null, scanning, rng)] : [],
    isolationIps: [],
  };
}

function localPart(style: number, rng: Random): string {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  return [`${first}.${last}`, `${first[0]}${last}`, `${first}_${last}`, `${first}.${last}${rng.int(1, 99)}`][style];
}

export function makePerson(org: Org, style: number, taken: Set<string>, rng: Random): Person {
  let email = `${localPart(style, rng)}@${org.domain}`;
  while (taken.has(email)) email = email.replace('@', String(rng.int(0, 9)) + '@');
  taken.add(email);
  return {
    email,
    org,
    engagement: Math.min(6, rng.logNormal(1, 0.7)),
    desktopAgent: personAgent('desktop', rng),
    mobileAgent: personAgent('mobile', rng),
    homeIp: homeIp(rng),
    token: Math.floor(rng.next() * 2 ** 40).toString(16).padStart(10, '0'),
  };
}

/**
 * `size` people: about a quarter to a third on freemail, the rest at companies with a long tail of
 * sizes. `scanning` scales how much their gateways scan on delivery.
 */
export function makePopulation(size: number, rng: Random, scanning = 1): Population {
  const mix = gatewayMix(rng);
  const freemailShare = rng.between(0.2, 0.35);
  const largest = Math.max(40, Math.round(size * 0.06));
  const domains = new Set<string>();
  const emails = new Set<string>();
  const orgs: Org[] = [];
  const people: Person[] = [];
  const freemail = new Map<string, Org>();

  const companyPeople = Math.round(size * (1 - freemailShare));
  while (people.length < companyPeople) {
    const headcount = Math.min(largest, companyPeople - people.length, Math.floor(rng.next() ** (-1 / 1.05)));
    const org = makeCompany(companyDomain(domains, rng), rng.weighted(mix), rng.chance(0.03), rng, scanning);
    const style = rng.weighted([[0, 6], [1, 2], [2, 1]] as const);
    orgs.push(org);
    for (let i = 0; i < headcount; i++) people.push(makePerson(org, style, emails, rng));
  }
  while (people.length < size) {
    const domain = rng.weighted(FREEMAIL);
    let org = freemail.get(domain);
    if (!org) {
      org = freemailOrg(domain, scanning, rng);
      freemail.set(domain, org);
      orgs.push(org);
    }
    people.push(makePerson(org, rng.chance(0.5) ? 0 : 3, emails, rng));
  }
  return { people: rng.shuffle(people), orgs, taken: { domains, emails } };
}
