import { eventTime, ROW, type ClickTable } from './clicks';
import { BotclickError } from './errors';
import { linkFamily } from './links';
import type { Settings } from './settings';
import { parseTime } from './time';
import type { SendTimeSource } from './types';
import { sweepLinksNeeded, type Windows } from './windows';

/** What the data shows of each campaign (e-mail) before its copies are looked at. */
export interface CampaignBasics {
  name: string;
  /** Distinct links clicked by anyone in this campaign: the e-mail's links as far as the data shows. */
  linkCount: number;
  sendTime: number;
  sendTimeSource: SendTimeSource;
  /**
   * Whether the send-time column gives each copy its own time (SES mail.timestamp, HubSpot
   * sentBy.created) rather than one time for the whole campaign (Brevo ts_sent).
   */
  sentPerCopy: boolean;
}

/** What the rules know of each campaign: its basics, completed from its copies' first clicks. */
export interface CampaignFacts extends CampaignBasics {
  /**
   * When delivery of the campaign's copies seems to end: most of the quick full sweeps (which
   * gateways make right after delivery) have started by then. NaN without a send time.
   */
  deliveryEnd: number;
  /**
   * Whether the clicks bear the send time out: it is given, or, estimated from the first clicks,
   * several copies were first clicked within the too-soon window of it (as a gateway's scans of the
   * first deliveries are) or several full sweeps trace the delivery. A lone early reader's own
   * clicks date no send.
   */
  sendBorneOut: boolean;
}

/**
 * Each campaign's links and send time. The send time comes from a send-time column, else from
 * delivery or send events, else from the user's setting, else it is estimated from the first clicks.
 * Also, per link id, the e-mail link it stands for (see `emailLinks`).
 */
export function campaignBasics(clicks: ClickTable, settings: Settings): { campaigns: CampaignBasics[]; emailLink: Int32Array } {
  const n = clicks.campaignNames.length;
  // Per campaign: link id -> its one clicker, or SHARED once a second recipient clicks it.
  const clickerOf = Array.from({ length: n }, () => new Map<number, number>());
  const fromColumn = new Float64Array(n).fill(Infinity);
  const latestFromColumn = new Float64Array(n).fill(-Infinity);
  const fromEvents = new Float64Array(n).fill(Infinity);
  const timedClicks = new Uint8Array(n);
  for (let row = 0; row < clicks.size; row++) {
    const c = clicks.campaign[row];
    if (c < 0) continue;
    const rowKind = clicks.kind[row];
    const t = clicks.time[row];
    if (rowKind === ROW.click) {
      const link = clicks.link[row];
      if (link >= 0) {
        const known = clickerOf[c].get(link);
        if (known === undefined) clickerOf[c].set(link, clicks.recipient[row]);
        else if (known !== SHARED && known !== clicks.recipient[row]) clickerOf[c].set(link, SHARED);
      }
      if (Number.isFinite(t)) timedClicks[c] = 1;
      const sent = clicks.sentAt ? clicks.sentAt[row] : NaN;
      if (sent < fromColumn[c]) fromColumn[c] = sent;
      if (sent > latestFromColumn[c]) latestFromColumn[c] = sent;
    } else if ((rowKind === ROW.delivery || rowKind === ROW.send) && eventTime(clicks, row) < fromEvents[c]) {
      fromEvents[c] = eventTime(clicks, row);
    }
  }
  const given = settings.sendTime === '' ? NaN : parseTime(settings.sendTime, settings.timeZone);
  if (settings.sendTime !== '' && Number.isNaN(given)) {
    throw new BotclickError(`the send time "${settings.sendTime}" could not be read; write it like 2026-11-26 09:00.`);
  }
  const emailLink = Int32Array.from(clicks.linkNames, (_, link) => link);
  const personalFamilies = new Map<string, number>();
  let clickTimes: number[][] | undefined;
  const campaigns = clicks.campaignNames.map((name, c) => {
    const [sendTime, sendTimeSource] = Number.isFinite(fromColumn[c])
      ? [fromColumn[c], 'column' as const]
      : Number.isFinite(fromEvents[c])
        ? [fromEvents[c], 'deliveries' as const]
        : Number.isFinite(given)
          ? [given, 'setting' as const]
          : estimateSendTime(timedClicks[c] ? (clickTimes ??= clickTimesByCampaign(clicks))[c] : []);
    const linkCount = emailLinks(clickerOf[c], clicks.linkNames, personalFamilies, emailLink);
    return { name, linkCount, sendTime, sendTimeSource, sentPerCopy: latestFromColumn[c] > fromColumn[c] };
  });
  return { campaigns, emailLink };
}

const SHARED = -2;

/** Each campaign's click times, gathered only when a send time must be estimated from them. */
function clickTimesByCampaign(clicks: ClickTable): number[][] {
  const times: number[][] = clicks.campaignNames.map(() => []);
  for (let row = 0; row < clicks.size; row++) {
    const c = clicks.campaign[row];
    if (c >= 0 && clicks.kind[row] === ROW.click && Number.isFinite(clicks.time[row])) times[c].push(clicks.time[row]);
  }
  return times;
}

/** Copies clicked within the too-soon window of an estimated send that bear the estimate out. */
const BORNE_OUT_COPIES = 3;
/** Full sweeps in the first wave that trace a delivery (and bear out its estimated send). */
const TRACING_SWEEPS = 5;

/** A full sweep for estimating delivery: most links within this long. */
const SWEEP_PROBE_MS = 60000;

/**
 * Completes each campaign's facts from its copies' first clicks. Gateways sweep a copy seconds after
 * its delivery, so the start times of quick full sweeps trace the campaign's delivery. Their 90th
 * percentile, within the first wave after send, marks its end. They, or copies first clicked soon
 * after it, bear out an estimated send.
 */
export function completeCampaigns(clicks: ClickTable, settings: Settings, windows: Windows, campaigns: CampaignBasics[], starts: Int32Array, campaignOf: Int32Array): CampaignFacts[] {
  const sweepStarts: number[][] = campaigns.map(() => []);
  const copiesSoon = new Int32Array(campaigns.length);
  for (let g = 0; g < campaignOf.length; g++) {
    const facts = campaigns[campaignOf[g]];
    if (clicks.time[starts[g]] - facts.sendTime <= windows.soonMs) copiesSoon[campaignOf[g]]++;
    const needed = sweepLinksNeeded(settings, facts.linkCount);
    if (starts[g + 1] - starts[g] < needed || !Number.isFinite(facts.sendTime)) continue;
    const first = clicks.time[starts[g]];
    if (!(first - facts.sendTime <= windows.firstWaveMs)) continue;
    const links = new Set<number>();
    for (let row = starts[g]; row < starts[g + 1] && clicks.time[row] - first <= SWEEP_PROBE_MS; row++) links.add(clicks.link[row]);
    if (links.size >= needed) sweepStarts[campaignOf[g]].push(first);
  }
  return campaigns.map((basics, c) => {
    const times = sweepStarts[c].sort((a, b) => a - b);
    return {
      ...basics,
      deliveryEnd: times.length >= TRACING_SWEEPS ? times[Math.floor(0.9 * (times.length - 1))] : basics.sendTime,
      sendBorneOut: basics.sendTimeSource !== 'estimated' || copiesSoon[c] >= BORNE_OUT_COPIES || times.length >= TRACING_SWEEPS,
    };
  });
}

/**
 * How many links the e-mail has. Links with a recipient's own token (`/unsubscribe?u=8f3a2c`) are
 * each clicked by one recipient only: such links are one e-mail link per family (same address,
 * other query values), unless the family also has links several recipients clicked (poll options).
 * Maps each such link, in `emailLink`, to the first link seen of its family: one recipient's token
 * link is often the same in every campaign.
 */
function emailLinks(clickerOf: Map<number, number>, names: string[], personalFamilies: Map<string, number>, emailLink: Int32Array): number {
  const sharedFamilies = new Set<string>();
  let shared = 0;
  for (const [link, clicker] of clickerOf) {
    if (clicker !== SHARED) continue;
    shared++;
    sharedFamilies.add(linkFamily(names[link]));
  }
  const personal = new Set<string>();
  let single = 0;
  for (const [link, clicker] of clickerOf) {
    if (clicker === SHARED) continue;
    const family = linkFamily(names[link]);
    if (sharedFamilies.has(family)) {
      single++;
      continue;
    }
    personal.add(family);
    const first = personalFamilies.get(family);
    if (first === undefined) personalFamilies.set(family, link);
    else emailLink[link] = first;
  }
  return shared + single + personal.size;
}

/**
 * Without a send time, the first cluster of clicks marks it: scanners fire within seconds of
 * delivery. Three clicks within ten minutes make the cluster, so one early test click does not.
 */
function estimateSendTime(clickTimes: number[]): [number, SendTimeSource] {
  if (clickTimes.length === 0) return [NaN, 'none'];
  const times = Float64Array.from(clickTimes).sort();
  const k = Math.min(3, times.length) - 1;
  for (let i = 0; i + k < times.length; i++) {
    if (times[i + k] - times[i] <= 600000) return [times[i], 'estimated'];
  }
  return [times[0], 'estimated'];
}
