import { detect, type Cell, type ColumnPlan, type Verdict } from '../../src/core';
import { resolveSettings } from '../../src/core/settings';
import { DIALECTS, ROW_COLUMN, sqlQuery } from '../../src/core/sql';
import { minute, STORIES } from '../core/rules/oneRule';
import { duckdb, LINE, loadTable } from './engines';

/**
 * In whole minutes a gateway's wave passes its bot verdict to a repeat of its fetch only when it
 * fetches links twice: the SQL judges such repeats as the core does.
 */
test.each([
  ['fetches each copy once: the same link the next minute is the recipient\'s', 1],
  ['fetches each link twice: its second fetch the next minute is the gateway\'s', 4],
])('a wave that %s', async (_, refetched) => {
  const staff = ['ops', 'it', 'hr', 'pr', 'cfo'].map((name) => `${name}@corp.example.com`);
  const table: Cell[][] = [
    ['Email', 'Campaign', 'URL', 'Clicked at'],
    ...staff.map((email) => [email, 'Spring', STORIES[0], minute(1)]),
    ...staff.slice(0, refetched).map((email) => [email, 'Spring', STORIES[0], minute(2)]),
    ...['nora@example.com', 'omar@example.org'].map((email, i) => [email, 'Spring', STORIES[i + 1], minute(90 + i * 10)]),
  ];
  const detection = detect(table, resolveSettings({}));
  expect(detection.verdicts.slice(5, 5 + refetched)).toEqual(Array(refetched).fill(refetched === 1 ? 'human' : 'bot'));
  expect(await sqlVerdicts(table, detection.plan)).toEqual(detection.verdicts);
}, 60_000);

test("in whole minutes a reader's other link the minute after a one-link wave fetched their copy is theirs, in SQL as in the core", async () => {
  const staff = ['ops', 'it', 'hr', 'pr', 'cfo', 'legal'].map((name) => `${name}@corp.example.com`);
  const table: Cell[][] = [
    ['Email', 'Campaign', 'URL', 'Clicked at'],
    ...staff.map((email) => [email, 'Spring', STORIES[0], minute(1)]),
    ['it@corp.example.com', 'Spring', STORIES[2], minute(2)],
    ...['nora@example.com', 'omar@example.org'].map((email, i) => [email, 'Spring', STORIES[i + 1], minute(90 + i * 10)]),
  ];
  const detection = detect(table, resolveSettings({}));
  expect(detection.verdicts[6]).toBe('human');
  expect(await sqlVerdicts(table, detection.plan)).toEqual(detection.verdicts);
}, 60_000);

/** The verdicts of the DuckDB query over the table, by data row. */
async function sqlVerdicts(table: Cell[][], plan: ColumnPlan): Promise<(Verdict | null)[]> {
  const engine = await duckdb();
  try {
    await loadTable(engine, 'clicks', table, plan);
    const columns = Object.fromEntries(Object.entries(plan.roles).map(([role, index]) => [role, plan.header[index]]));
    const { sql } = sqlQuery({ dialect: DIALECTS.duckdb, table: 'clicks', columns, settings: resolveSettings({}), rowColumn: LINE, output: 'verdicts' });
    const verdicts: (Verdict | null)[] = new Array(table.length - 1).fill(null);
    for (const row of await engine.rows(sql)) verdicts[Number(row[ROW_COLUMN]) - 1] = row.bot_click as Verdict;
    return verdicts;
  } finally {
    await engine.close();
  }
}
