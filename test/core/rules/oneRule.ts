import { readClicks } from '../../../src/core/clicks';
import { planColumns } from '../../../src/core/columns';
import { Evidence } from '../../../src/core/evidence';
import { groupClicks } from '../../../src/core/groups';
import { RULE_NAMES, RULES, type RuleName } from '../../../src/core/rules';
import { resolveSettings, type SettingsInput } from '../../../src/core/settings';
import type { Cell } from '../../../src/core/types';
import { windowsFor } from '../../../src/core/windows';

/** One rule's finding for a row: how much it weighs and why. */
export interface RuleFinding {
  weight: number;
  reason: string;
}

/**
 * A few rows in (header first), one rule's evidence out: per data row, in input order, that rule's
 * finding or null. The rule runs as detect runs it, after the rules it reads (and only those), with
 * its switch and timing checks; the settings start from the defaults.
 */
export function ruleFindings(name: RuleName, table: Cell[][], input: SettingsInput = {}): (RuleFinding | null)[] {
  const settings = resolveSettings(input);
  const plan = planColumns(table, settings.columns);
  const clicks = readClicks(table, plan, settings);
  const windows = windowsFor(settings, clicks.resolutionMs);
  const groups = groupClicks(clicks, settings, windows);
  const evidence = new Evidence(clicks.size, RULE_NAMES);
  const context = { clicks, groups, settings, windows };
  const needed = withReads(name);
  for (const rule of RULES) {
    const { name: ruleName, needsTimes, reads } = rule.meta;
    if (!needed.has(ruleName) || !settings[ruleName] || (needsTimes === 'timing' && !clicks.timing)) continue;
    rule.run(context, evidence.of(ruleName, reads));
  }
  const found: (RuleFinding | null)[] = new Array(clicks.size).fill(null);
  for (let row = 0; row < clicks.size; row++) {
    const finding = evidence.findings(row).find((f) => f.rule === name);
    if (finding) found[groups.inputRow[row]] = { weight: finding.weight, reason: finding.reason };
  }
  return found;
}

/** The rule and every rule it reads, directly or through another. */
function withReads(name: string): Set<string> {
  const needed = new Set<string>();
  const visit = (rule: string) => {
    if (needed.has(rule)) return;
    needed.add(rule);
    for (const read of RULES.find((r) => r.meta.name === rule)?.meta.reads ?? []) visit(read);
  };
  visit(name);
  return needed;
}

/** Times for the rule tests: seconds after a send at 14:00 UTC on 10 March 2026, as ISO text. */
export const SEND = Date.UTC(2026, 2, 10, 14, 0, 0);
export const at = (seconds: number) => new Date(SEND + seconds * 1000).toISOString();

/** Whole-minute stamps, as Constant Contact writes them: "2026-03-10 14:03". */
export const minute = (minutes: number) => new Date(SEND + minutes * 60000).toISOString().slice(0, 16).replace('T', ' ');

export const LINKS = ['https://shop.example.com/sale', 'https://shop.example.com/new', 'https://blog.example.org/tips', 'https://www.example.com/web-version', 'https://www.example.com/unsubscribe'];

/** Content links only: no unsubscribe or view-online link, which would be a machine sign. */
export const STORIES = [1, 2, 3, 4, 5, 6].map((n) => `https://blog.example.org/story-${n}`);
