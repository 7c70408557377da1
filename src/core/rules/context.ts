import type { ClickTable } from '../clicks';
import type { Evidence } from '../evidence';
import type { Groups } from '../groups';
import type { Settings } from '../settings';

export interface RuleContext {
  clicks: ClickTable;
  groups: Groups;
  settings: Settings;
}

/** A rule reads the grouped clicks and adds its findings; it never knows where the rows came from. */
export type Rule = (context: RuleContext, evidence: Evidence) => void;

/** A window length rounded up to the times' resolution, so "within 60 s" means "in the same minute" for minute-stamped exports. */
export function windowMs(seconds: number, resolutionMs: number): number {
  const ms = seconds * 1000;
  return resolutionMs > 1 ? Math.ceil(ms / resolutionMs) * resolutionMs : ms;
}

/**
 * The group's clicks that count: timed ones, with a repeat on the same link within repeatSeconds
 * (a double click, or a scanner's second request) folded into the first.
 */
export function distinctClicks(context: RuleContext, group: number): number[] {
  const { clicks, groups, settings } = context;
  const repeatMs = settings.repeatSeconds * 1000;
  const kept: number[] = [];
  const lastByLink = new Map<number, number>();
  for (let k = groups.starts[group]; k < groups.starts[group + 1]; k++) {
    const row = groups.order[k];
    const t = clicks.time[row];
    if (clicks.hasTimes && Number.isNaN(t)) continue;
    const link = clicks.link[row];
    const last = lastByLink.get(link);
    lastByLink.set(link, t);
    if (last === undefined || t - last > repeatMs) kept.push(row);
  }
  return kept;
}

/** The rows of a group whose times lie within [from, to], repeats included. */
export function rowsBetween(context: RuleContext, group: number, from: number, to: number): number[] {
  const { clicks, groups } = context;
  const rows: number[] = [];
  for (let k = groups.starts[group]; k < groups.starts[group + 1]; k++) {
    const row = groups.order[k];
    const t = clicks.time[row];
    if (t >= from && t <= to) rows.push(row);
  }
  return rows;
}
