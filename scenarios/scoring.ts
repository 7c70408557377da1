import type { Verdict } from '../src/core';
import type { Behaviour } from './model';
import type { Scenario } from './table';

/** How well a set of verdicts matches a scenario's truth, in the figures the issue sets targets for. */

export interface ClickerCount {
  campaign: string;
  truth: number;
  found: number;
  /** |found - truth| / truth */
  error: number;
}

export interface Figures {
  /** Share of true bot clicks judged `bot`. */
  recall: number;
  /** Share of `bot` verdicts that are true bot clicks; null when nothing was flagged. */
  precision: number | null;
  /** Unique human clickers per campaign: the verdicts' count against the truth. */
  clickers: ClickerCount[];
  /** The largest relative error over the campaigns. */
  worstClickerError: number;
  /** Per behaviour: clicks, and clicks judged other than their label (unknown counts as wrong). */
  byBehaviour: Map<Behaviour, { clicks: number; wrong: number }>;
}

/** Distinct recipients with at least one `human` verdict, per campaign name. */
export function humanClickers(scenario: Scenario, verdicts: readonly (Verdict | null)[]): Map<string, number> {
  const people = new Map<string, Set<string>>();
  scenario.rows.forEach((click, i) => {
    if (!click || verdicts[i] !== 'human') return;
    const name = click.copy.campaign.name;
    const set = people.get(name) ?? new Set<string>();
    set.add(click.copy.person.email);
    people.set(name, set);
  });
  return new Map([...people].map(([name, set]) => [name, set.size]));
}

export function score(scenario: Scenario, verdicts: readonly (Verdict | null)[]): Figures {
  let bots = 0;
  let caught = 0;
  let flagged = 0;
  const byBehaviour = new Map<Behaviour, { clicks: number; wrong: number }>();
  scenario.rows.forEach((click, i) => {
    if (!click) return;
    const verdict = verdicts[i];
    if (click.label === 'bot') bots++;
    if (verdict === 'bot') flagged++;
    if (verdict === 'bot' && click.label === 'bot') caught++;
    const tally = byBehaviour.get(click.behaviour) ?? { clicks: 0, wrong: 0 };
    tally.clicks++;
    if (verdict !== click.label) tally.wrong++;
    byBehaviour.set(click.behaviour, tally);
  });
  const found = humanClickers(scenario, verdicts);
  const clickers = scenario.campaigns.map(({ name, humanClickers: truth }) => {
    const count = found.get(name) ?? 0;
    return { campaign: name, truth, found: count, error: Math.abs(count - truth) / truth };
  });
  return {
    recall: bots === 0 ? 1 : caught / bots,
    precision: flagged === 0 ? null : caught / flagged,
    clickers,
    worstClickerError: Math.max(...clickers.map((c) => c.error)),
    byBehaviour,
  };
}

/** No filter at all: every click counts as a person's. */
export function noFilter(scenario: Scenario): Verdict[] {
  return scenario.rows.map(() => 'human');
}

/**
 * The rule marketers use today: more than 3 clicks by one recipient on one e-mail within the same
 * clock minute make all those clicks bots. The comparison for our figures, not part of the product.
 */
export function plainMinuteRule(scenario: Scenario): (Verdict | null)[] {
  const key = (i: number): string => {
    const click = scenario.rows[i];
    return click ? `${click.copy.campaignIndex}\u0000${click.copy.person.email}\u0000${Math.floor(click.time / 60_000)}` : '';
  };
  const counts = new Map<string, number>();
  scenario.rows.forEach((click, i) => {
    if (click) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  });
  return scenario.rows.map((click, i) => (click ? ((counts.get(key(i)) ?? 0) > 3 ? 'bot' : 'human') : null));
}

/** Behaviours where the verdicts went wrong, worst first: "paced sweep 12/230". */
export function misses(figures: Figures): string {
  return [...figures.byBehaviour]
    .filter(([, tally]) => tally.wrong > 0)
    .sort((a, b) => b[1].wrong - a[1].wrong)
    .map(([behaviour, tally]) => `${behaviour} ${tally.wrong}/${tally.clicks}`)
    .join(', ');
}
