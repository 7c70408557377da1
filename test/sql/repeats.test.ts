import { detect, type Cell, type Verdict } from '../../src/core';
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
  const settings = resolveSettings({});
  const detection = detect(table, settings);
  expect(detection.verdicts.slice(5, 5 + refetched)).toEqual(Array(refetched).fill(refetched === 1 ? 'human' : 'bot'));
  const engine = await duckdb();
  try {
    await loadTable(engine, 'clicks', table, detection.plan);
    const columns = Object.fromEntries(Object.entries(detection.plan.roles).map(([role, index]) => [role, detection.plan.header[index]]));
    const { sql } = sqlQuery({ dialect: DIALECTS.duckdb, table: 'clicks', columns, settings, rowColumn: LINE, output: 'verdicts' });
    const verdicts: (Verdict | null)[] = new Array(table.length - 1).fill(null);
    for (const row of await engine.rows(sql)) verdicts[Number(row[ROW_COLUMN]) - 1] = row.bot_click as Verdict;
    expect(verdicts).toEqual(detection.verdicts);
  } finally {
    await engine.close();
  }
}, 60_000);
