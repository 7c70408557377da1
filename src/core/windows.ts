import type { Settings } from './settings';
import { windowMs } from './time';

/** Clicks of one copy no further apart than this are one visit. */
export const VISIT_GAP_SECONDS = 30;

/** Several different links count as early for this many times the too-soon window. */
export const EARLY_RUN_FACTOR = 4;

/**
 * Every window of the grouping and the rules in ms, computed once per run from the settings and the
 * times' resolution. A window compared with the distance between two stamps is rounded up to the
 * resolution: in whole minutes, "within 30 s" is the same or the next minute, "within 60 s" the same
 * minute. A window compared with a stamp's middle (a delay plus half a stamp, see `delayOf`) is not
 * rounded: the half stamp already stands for the rounding.
 */
export interface Windows {
  resolutionMs: number;
  /** A truncated stamp's middle is this far after it. */
  halfStampMs: number;
  /** Clicks on one link this close count as one. */
  repeatMs: number;
  burstMs: number;
  sweepSpanMs: number;
  /** A recipient's clicks this close to a trap hit are the same visit's. */
  trapMs: number;
  /** First clicks of one company this close follow each other in a wave... */
  waveGapMs: number;
  /** ...and a quarter of it holds twins and late, greylisted copies fetched alike. */
  waveTightMs: number;
  /** How long after send a wave may start: gateways scan copies as they are delivered. */
  firstWaveMs: number;
  /** Clicks of one copy this close are one visit. */
  visitGapMs: number;
  /** The visit gap as it is, for what must be provably that close: in whole minutes, the next minute may be a reader. */
  visitGapExactMs: number;
  /** Within the too-soon window of a time stamped at the same resolution. */
  soonMs: number;
  /** The too-soon window, from a stamp's middle. */
  soonFromMiddleMs: number;
  /** Several different links that soon after delivery, from the first click's middle, are an early run. */
  earlyRunFromMiddleMs: number;
  /** Different links closer than this are faster than a hand (never finer than the stamps show). */
  fastMs: number;
  /** A hand's best pace between links (never finer than the stamps show). */
  handMs: number;
}

export function windowsFor(settings: Settings, resolutionMs: number): Windows {
  const rounded = (seconds: number) => windowMs(seconds, resolutionMs);
  return {
    resolutionMs,
    halfStampMs: resolutionMs / 2,
    repeatMs: rounded(settings.repeatSeconds),
    burstMs: rounded(settings.burstWindowSeconds),
    sweepSpanMs: rounded(settings.sweepSpanSeconds),
    trapMs: rounded(settings.trapWindowSeconds),
    waveGapMs: rounded(settings.waveWindowSeconds),
    waveTightMs: rounded(settings.waveWindowSeconds / 4),
    firstWaveMs: rounded(settings.firstWaveSeconds),
    visitGapMs: rounded(VISIT_GAP_SECONDS),
    visitGapExactMs: VISIT_GAP_SECONDS * 1000,
    soonMs: rounded(settings.tooSoonSeconds),
    soonFromMiddleMs: settings.tooSoonSeconds * 1000,
    earlyRunFromMiddleMs: EARLY_RUN_FACTOR * settings.tooSoonSeconds * 1000,
    fastMs: Math.max(settings.rapidSeconds * 1000, resolutionMs),
    handMs: Math.max(1000, resolutionMs),
  };
}

/** How many of an e-mail's links make a sweep: the share of them (14 % of 50 links is 7), and at least the fewest. */
export function sweepLinksNeeded(settings: Settings, linkCount: number): number {
  // The product of a share and a count can land a hair above a whole number (0.14 * 50 = 7.000000000000001).
  return Math.max(settings.sweepMinLinks, Math.ceil(settings.sweepMinShare * linkCount - 1e-9));
}
