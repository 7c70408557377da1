import { readClicks } from './clicks';
import { planColumns, requiredRoles, requireRoles } from './columns';
import { Evidence } from './evidence';
import { groupClicks, type Groups } from './groups';
import { RULE_NAMES, RULES } from './rules';
import { isColumnTable } from './role-cells';
import { resolveSettings, type Settings } from './settings';
import { summarise } from './summary';
import type { ColumnPlan, ColumnTable, Detection, Table } from './types';
import { decide } from './verdict';
import { windowsFor } from './windows';

export interface DetectOptions {
  /** A column plan made earlier (the CLI plans on a sample, then keeps only the role columns); needed with a ColumnTable. */
  plan?: ColumnPlan;
}

/**
 * The whole detector: table → columns → clicks → groups → rules → verdicts → summary. The settings
 * come resolved (resolveSettings): each adapter validates its own once, at the edge.
 * Throws BotclickError (one sentence) for input the user must fix; anything row-level becomes an
 * `unknown` verdict with a reason instead.
 */
export function detect(table: Table | ColumnTable, settings: Settings = resolveSettings(), options: DetectOptions = {}): Detection {
  const plan = options.plan ?? planColumns(rowsOnly(table), settings.columns);
  requireRoles(plan, requiredRoles(plan));

  const clicks = readClicks(table, plan, settings);
  const windows = windowsFor(settings, clicks.resolutionMs);
  const groups = groupClicks(clicks, settings, windows);
  const evidence = new Evidence(clicks.size, RULE_NAMES);
  const context = { clicks, groups, settings, windows };
  for (const rule of RULES) {
    const { name, needsTimes, reads } = rule.meta;
    if (settings[name] && (needsTimes !== 'timing' || clicks.timing)) rule.run(context, evidence.of(name, reads));
  }
  const decided = decide(clicks, groups, evidence);
  // Back to the input's row order.
  const verdicts: Detection['verdicts'] = new Array(clicks.size);
  const reasons: string[] = new Array(clicks.size);
  for (let row = 0; row < clicks.size; row++) {
    verdicts[groups.inputRow[row]] = decided.verdicts[row];
    reasons[groups.inputRow[row]] = decided.reasons[row];
  }
  return { plan, verdicts, reasons, summary: summarise(clicks, groups, decided.verdicts), notes: notesFor(plan, clicks.notes, groups) };
}

function rowsOnly(table: Table | ColumnTable): Table {
  if (isColumnTable(table)) throw new Error('detect needs the column plan of a ColumnTable');
  return table;
}

function notesFor(plan: ColumnPlan, timeNotes: string[], groups: Groups): string[] {
  const notes = [...timeNotes];
  if (plan.roles.time === undefined && plan.roles.link === undefined) {
    notes.push('This export has neither click times nor links, so only a user agent or the platform\'s own flag could mark a click; the others are unknown.');
  } else if (plan.roles.time === undefined) notes.push('This export has no click times, so only the rules that need none were applied.');
  if (plan.roles.campaign === undefined) notes.push('No campaign column was found, so all rows are treated as one e-mail.');
  const estimated = groups.campaigns.filter((c) => c.sendTimeSource === 'estimated').length;
  if (estimated > 0) {
    const which = estimated === 1 ? 'The send time of 1 campaign was' : `The send times of ${estimated} campaigns were`;
    notes.push(`${which} estimated from the first clicks; give the send time for sharper timing rules.`);
  }
  return notes;
}
