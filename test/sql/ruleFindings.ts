import { planColumns } from '../../src/core/columns';
import type { RuleName } from '../../src/core/rules';
import { resolveSettings, type SettingsInput } from '../../src/core/settings';
import { DIALECTS, ROW_COLUMN, sqlQuery } from '../../src/core/sql';
import type { Cell } from '../../src/core/types';
import type { RuleFinding } from '../core/rules/oneRule';
import { LINE, loadTable, type Engine } from './engines';

let tables = 0;

/**
 * A few rows in (header first), one rule's findings by the SQL out: per data row, in input order,
 * that rule's finding or null, as test/core/rules/oneRule ruleFindings gives the core's. The whole
 * query runs with the settings (the defaults, then `input`); its 'findings' output names the rule.
 */
export async function sqlRuleFindings(engine: Engine, name: RuleName, table: Cell[][], input: SettingsInput = {}): Promise<(RuleFinding | null)[]> {
  const settings = resolveSettings(input);
  const plan = planColumns(table, settings.columns);
  const tableName = `rule table ${++tables}`;
  await loadTable(engine, tableName, table, plan);
  const columns = Object.fromEntries(Object.entries(plan.roles).map(([role, index]) => [role, plan.header[index]]));
  const { sql } = sqlQuery({ dialect: DIALECTS[engine.name], table: tableName, columns, settings, rowColumn: LINE, output: 'findings' });
  const found: (RuleFinding | null)[] = new Array(table.length - 1).fill(null);
  for (const row of await engine.rows(sql)) {
    if (row.rule === name) found[Number(row[ROW_COLUMN]) - 1] = { weight: Number(row.weight), reason: String(row.reason) };
  }
  return found;
}
