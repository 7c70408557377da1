import { SCANNER_AGENTS, type ScannerAgent } from './agents';
import type { Click, Copy, GatewayLayer, GatewayName, Hit, ScannerBehaviour } from './model';
import { CLOUD_RANGES, GATEWAY_RANGES, ipIn, sibling } from './network';
import type { Random, Weighted } from './random';

/**
 * How mail-security gateways fetch the links of the copies they protect, as data. The shares are
 * rough impressions of what click logs of business mailings show, varied per organisation.
 */
export type ScanStyle = 'sweep' | 'paced sweep' | 'two requests per link' | 'partial sweep';

export interface GatewayProfile {
  /** Range of the share of an organisation's copies that get scanned. */
  scanShare: readonly [number, number];
  styles: Weighted<ScanStyle>;
  /** Chance, per organisation and e-mail, that the gateway fetches one link of every copy instead. */
  waveChance: number;
  /** Seconds from delivery to the first fetch: median and log-spread. */
  startMedian: number;
  startSigma: number;
  /** Seconds between one link and the next in a quick sweep. */
  gap: readonly [number, number];
  /** Chance that the fetches are logged before the delivery (pre-delivery detonation, clock skew). */
  preDelivery: number;
  /** Chance of a second scan of the same copy hours later. */
  rescan: number;
  /** Where the scanning nodes sit: published ranges, public cloud, the organisation's own network. */
  origins: Weighted<'published' | 'cloud' | 'office'>;
  published: readonly string[];
  agents: Weighted<ScannerAgent>;
}

export const GATEWAYS: Record<GatewayName, GatewayProfile> = {
  'Microsoft Defender': {
    scanShare: [0.08, 0.3],
    styles: [['sweep', 55], ['two requests per link', 15], ['partial sweep', 24], ['paced sweep', 6]],
    waveChance: 0.05,
    startMedian: 6,
    startSigma: 1,
    gap: [0.05, 1.2],
    preDelivery: 0.1,
    rescan: 0.1,
    origins: [['published', 75], ['cloud', 25]],
    published: GATEWAY_RANGES.microsoft,
    agents: [['generic', 80], ['edge', 10], ['pinnedChrome', 6], ['empty', 4]],
  },
  Proofpoint: {
    scanShare: [0.15, 0.45],
    styles: [['sweep', 35], ['partial sweep', 35], ['two requests per link', 22], ['paced sweep', 8]],
    waveChance: 0.2,
    startMedian: 20,
    startSigma: 1.2,
    gap: [0.2, 2],
    preDelivery: 0.05,
    rescan: 0.2,
    origins: [['published', 80], ['cloud', 20]],
    published: GATEWAY_RANGES.proofpoint,
    agents: [['generic', 60], ['pinnedChrome', 25], ['script', 10], ['headless', 5]],
  },
  Mimecast: {
    scanShare: [0.2, 0.5],
    styles: [['sweep', 50], ['partial sweep', 30], ['two requests per link', 15], ['paced sweep', 5]],
    waveChance: 0.35,
    startMedian: 4,
    startSigma: 0.9,
    gap: [0.05, 0.8],
    preDelivery: 0.08,
    rescan: 0.05,
    origins: [['published', 95], ['cloud', 5]],
    published: GATEWAY_RANGES.mimecast,
    agents: [['generic', 70], ['pinnedChrome', 20], ['empty', 10]],
  },
  Barracuda: {
    scanShare: [0.2, 0.5],
    styles: [['sweep', 45], ['partial sweep', 25], ['two requests per link', 20], ['paced sweep', 10]],
    waveChance: 0.4,
    startMedian: 3,
    startSigma: 0.9,
    gap: [0.1, 1.5],
    preDelivery: 0.05,
    rescan: 0.05,
    origins: [['published', 90], ['cloud', 10]],
    published: GATEWAY_RANGES.barracuda,
    agents: [['generic', 60], ['pinnedChrome', 20], ['script', 10], ['empty', 10]],
  },
  /** An on-premises appliance or a cloud detonation sandbox: slower, often paced, less disguised. */
  Sandbox: {
    scanShare: [0.15, 0.45],
    styles: [['paced sweep', 40], ['sweep', 35], ['partial sweep', 15], ['two requests per link', 10]],
    waveChance: 0.1,
    startMedian: 40,
    startSigma: 1.3,
    gap: [0.3, 2],
    preDelivery: 0.02,
    rescan: 0.1,
    origins: [['office', 60], ['cloud', 40]],
    published: [],
    agents: [['headless', 35], ['generic', 35], ['script', 15], ['empty', 15]],
  },
  /** Microsoft's consumer mail (outlook.com, hotmail.com) checks some copies too. */
  'Outlook.com': {
    scanShare: [0.04, 0.1],
    styles: [['sweep', 70], ['partial sweep', 20], ['two requests per link', 10]],
    waveChance: 0,
    startMedian: 5,
    startSigma: 1,
    gap: [0.05, 1],
    preDelivery: 0.05,
    rescan: 0.05,
    origins: [['published', 100]],
    published: GATEWAY_RANGES.microsoft,
    agents: [['generic', 90], ['edge', 10]],
  },
};

/** The scanning nodes a gateway uses for one organisation. */
export function gatewayPool(gateway: GatewayName, office: string | null, rng: Random): string[] {
  const profile = GATEWAYS[gateway];
  return Array.from({ length: rng.int(2, 8) }, () => {
    const origin = rng.weighted(profile.origins);
    if (origin === 'office' && office) return ipIn(office, rng);
    return ipIn(rng.pick(origin === 'published' ? profile.published : CLOUD_RANGES), rng);
  });
}

const SECOND = 1000;

function startDelay(profile: GatewayProfile, rng: Random): number {
  const seconds = Math.min(1800, Math.max(0.3, rng.logNormal(profile.startMedian, profile.startSigma)));
  return seconds * SECOND;
}

/**
 * A fetch logged after the copy left the platform but before its delivery was: the gateway detonates
 * links while it still holds the message, or its clock runs ahead.
 */
function beforeDelivery(copy: Copy, rng: Random): number {
  return copy.handedOverAt + rng.between(0.1, 0.9) * (copy.deliveredAt - copy.handedOverAt);
}

/** Consecutive fetch times starting at `start`, each gap drawn from [min, max] seconds. */
function fetchTimes(start: number, count: number, gap: readonly [number, number], rng: Random): number[] {
  const times = [start];
  for (let i = 1; i < count; i++) times.push(times[i - 1] + rng.between(gap[0], gap[1]) * SECOND);
  return times;
}

interface Scanner {
  profile: GatewayProfile;
  agent: string;
  ip: string;
  rng: Random;
}

/** One fetch per link; a scanner fetching in parallel may spread them over sibling nodes. */
function fetchAll(links: number[], times: number[], s: Scanner): Hit[] {
  const rotates = s.rng.chance(0.3);
  return links.map((link, i) => ({ time: times[i], link, agent: s.agent, ip: rotates ? sibling(s.ip, s.rng) : s.ip }));
}

function inDocumentOrder(count: number, rng: Random): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return rng.chance(0.7) ? order : rng.shuffle(order);
}

/** Seconds between fetches of a scanner that paces itself. */
const PACED_GAP = [15, 25] as const;

const STYLES: Record<ScanStyle, (linkCount: number, start: number, s: Scanner) => Hit[]> = {
  sweep: (n, start, s) => fetchAll(inDocumentOrder(n, s.rng), fetchTimes(start, n, s.profile.gap, s.rng), s),
  'paced sweep': (n, start, s) => fetchAll(inDocumentOrder(n, s.rng), fetchTimes(start, n, PACED_GAP, s.rng), s),
  'partial sweep': (n, start, s) => {
    const links = s.rng.sample(inDocumentOrder(n, s.rng), s.rng.int(2, Math.max(2, Math.round(n * 0.6))));
    return fetchAll(links, fetchTimes(start, links.length, s.profile.gap, s.rng), s);
  },
  'two requests per link': (n, start, s) => {
    // A quick reputation check, then the full fetch: sometimes a bare HTTP client first.
    const precheck = s.rng.chance(0.35) ? SCANNER_AGENTS.script(s.rng) : s.agent;
    const first = fetchAll(inDocumentOrder(n, s.rng), fetchTimes(start, n, s.profile.gap, s.rng), { ...s, agent: precheck });
    return first.flatMap((hit) => [hit, { ...hit, agent: s.agent, time: hit.time + s.rng.between(0.05, 1.2) * SECOND }]);
  },
};

function label(copy: Copy, behaviour: ScannerBehaviour, hits: Hit[]): Click[] {
  return hits.map((hit) => ({ ...hit, copy, label: 'bot', behaviour }));
}

function scanner(layer: GatewayLayer, rng: Random): Scanner {
  const profile = GATEWAYS[layer.gateway];
  return { profile, rng, ip: rng.pick(layer.ipPool), agent: SCANNER_AGENTS[rng.weighted(profile.agents)](rng) };
}

/** What a scan of one copy does; left out, each part is drawn from the gateway's profile. */
export interface ScanPlan {
  style?: ScanStyle;
  early?: boolean;
  rescan?: boolean;
}

/** The gateway scans one copy: one scan around delivery, sometimes another hours later. */
export function scanCopy(copy: Copy, layer: GatewayLayer, rng: Random, plan: ScanPlan = {}): Click[] {
  const s = scanner(layer, rng);
  const linkCount = copy.campaign.links.length;
  let style = plan.style ?? rng.weighted(s.profile.styles);
  if (style === 'partial sweep' && linkCount < 4) style = 'sweep';
  const early = plan.early ?? rng.chance(s.profile.preDelivery);
  const start = early ? beforeDelivery(copy, rng) : copy.deliveredAt + startDelay(s.profile, rng);
  const hits = STYLES[style](linkCount, start, s);
  const clicks = label(copy, early ? 'pre-delivery scan' : style, hits);
  if (plan.rescan ?? rng.chance(s.profile.rescan)) clicks.push(...rescan(copy, layer, style, [...new Set(hits.map((hit) => hit.link))], rng));
  return clicks;
}

/**
 * A second look, hours later (a retro-scan, or a re-check when the message is touched again): the
 * same scan again, its links (footer links included), its pace and mostly its order.
 */
function rescan(copy: Copy, layer: GatewayLayer, style: ScanStyle, links: number[], rng: Random): Click[] {
  const s = scanner(layer, rng);
  const start = copy.deliveredAt + rng.between(1, 30) * 3600 * SECOND;
  const order = rng.chance(0.7) ? links : rng.shuffle(links);
  const gap = style === 'paced sweep' ? PACED_GAP : s.profile.gap;
  return label(copy, 're-scan', fetchAll(order, fetchTimes(start, order.length, gap, rng), s));
}

/**
 * The gateway fetches one link of every copy for an organisation, each seconds after its own delivery:
 * per recipient it is a single quick click, across the domain a wave.
 */
export function waveScan(copies: readonly Copy[], layer: GatewayLayer, rng: Random): Click[] {
  const s = scanner(layer, rng);
  const linkCount = copies[0].campaign.links.length;
  const link = rng.chance(0.6) ? 0 : rng.int(0, linkCount - 1);
  const count = Math.max(Math.min(3, copies.length), Math.round(rng.between(0.85, 1) * copies.length));
  return rng
    .sample(copies, count)
    .flatMap((copy) => {
      const time = rng.chance(s.profile.preDelivery) ? beforeDelivery(copy, rng) : copy.deliveredAt + rng.between(0.5, 20) * SECOND;
      return label(copy, 'one link per copy', [{ time, link, agent: s.agent, ip: rng.pick(layer.ipPool) }]);
    });
}
