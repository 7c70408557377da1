import { burst } from './burst';
import { ipRange } from './ipRange';
import { providerFlag } from './providerFlag';
import { rapid } from './rapid';
import { rescan } from './rescan';
import type { Rule } from './rule';
import { scannedDomain } from './scannedDomain';
import { sweep } from './sweep';
import { tooSoon } from './tooSoon';
import { trap } from './trap';
import { userAgent } from './userAgent';
import { wave } from './wave';

/**
 * Every rule, in the order the adapters show their settings. A new rule is its own module and one
 * line here; detect runs each after the rules whose findings it reads.
 */
const REGISTRY = [burst, sweep, rapid, rescan, tooSoon, wave, scannedDomain, userAgent, ipRange, providerFlag, trap] as const;

export type RuleName = (typeof REGISTRY)[number]['meta']['name'];
export type { Rule, RuleContext } from './rule';

/** The rules in the order detect runs them: each after the rules it reads, otherwise as registered. */
export const RULES: readonly Rule<RuleName>[] = runOrder(REGISTRY);

/** The rules by place: the order their reasons are shown when they weigh the same. */
export const RULE_NAMES: readonly RuleName[] = [...REGISTRY].sort((a, b) => a.meta.place - b.meta.place).map((rule) => rule.meta.name);

/** Rules whose findings need no click time: they still judge a row whose time is unreadable. */
export const TIMELESS_RULES: ReadonlySet<string> = new Set(REGISTRY.filter((rule) => rule.meta.needsTimes === 'no').map((rule) => rule.meta.name));

/** Each rule's settings, in registry order. */
export const RULE_SETTINGS = REGISTRY.map((rule) => rule.meta.settings);
export type RuleSpecs = UnionToIntersection<(typeof REGISTRY)[number]['meta']['settings']>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Orders the rules so that each runs after those it reads; a wrong declaration fails at once, not silently. */
function runOrder(rules: readonly Rule<RuleName>[]): Rule<RuleName>[] {
  const names = new Set(rules.map((rule) => rule.meta.name));
  const places = new Set(rules.map((rule) => rule.meta.place));
  if (names.size !== rules.length || places.size !== rules.length) throw new Error('two rules share a name or a place');
  const ordered: Rule<RuleName>[] = [];
  const done = new Set<string>();
  while (ordered.length < rules.length) {
    const next = rules.find((rule) => !done.has(rule.meta.name) && rule.meta.reads.every((read) => done.has(read)));
    if (!next) {
      const stuck = rules.filter((rule) => !done.has(rule.meta.name)).map((rule) => `${rule.meta.name} reads ${rule.meta.reads.filter((read) => !done.has(read)).join(', ')}`);
      throw new Error(`rules read unknown rules or each other: ${stuck.join('; ')}`);
    }
    ordered.push(next);
    done.add(next.meta.name);
  }
  return ordered;
}
