import type { ClickTable } from '../clicks';
import type { Findings } from '../evidence';
import type { Groups } from '../groups';
import type { Settings } from '../settings';
import type { Specs, SwitchSpec } from '../spec';
import type { Windows } from '../windows';

export interface RuleContext {
  clicks: ClickTable;
  groups: Groups;
  settings: Settings;
  /** Every window in ms, rounded to the times' resolution where stamps are compared. */
  windows: Windows;
}

/**
 * A rule, declared in one module (as ESLint's rules are: `meta` + `run`, a registry keyed by name).
 * detect runs it only when its switch (the setting of its own name) is on and, for a rule that needs
 * timing, when the times are fine enough; the findings it is handed add under its name. Its SQL
 * counterpart lives beside it as `<name>.sql.ts` and is found by name by the SQL side: nothing here
 * imports it, so the add-on's bundle carries no SQL.
 */
export interface Rule<Name extends string = string, Reads extends string = string, S extends Specs = Specs> {
  meta: {
    name: Name;
    /** Its place among findings of equal weight: the lower, the earlier its reason is shown. */
    place: number;
    /**
     * What it needs of the click times: nothing (it judges a click whose time is unreadable); the
     * click's own time (a finding for a click without one does not count); or times fine enough for
     * timing (minutes or better), without which it is not run.
     */
    needsTimes: 'no' | 'click' | 'timing';
    /**
     * The rules whose findings it reads. They run before it, and its findings' score sums theirs
     * (and its own) only.
     */
    reads: readonly Reads[];
    /** Its switch (named as the rule) and its thresholds, in the order the adapters show them. */
    settings: S;
  };
  /** Reads the grouped clicks and adds its findings; it never knows where the rows came from. */
  run(context: RuleContext, found: Findings<Reads>): void;
}

/** Declares a rule, keeping its name, reads and settings as literal types. */
export function defineRule<const Name extends string, const S extends Specs & { [K in Name]: SwitchSpec }, const Reads extends string = never>(rule: Rule<Name, Reads, S>): Rule<Name, Reads, S> {
  return rule;
}
