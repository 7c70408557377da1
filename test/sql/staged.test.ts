import { detect, type Cell } from '../../src/core';
import { DIALECTS, FINAL_TABLE, ROW_COLUMN, sqlQuery } from '../../src/core/sql';
import { resolveSettings } from '../../src/core/settings';
import { simulateMailing } from '../../scenarios/generator';
import { renderExport } from '../../scenarios/table';
import { duckdb, LINE, loadTable } from './engines';

/**
 * The DuckDB engine runs the query staged, each stage a table, and the stages that hold every
 * click's findings or verdicts at once a share of the clicks at a time: the rows it leaves are the
 * one query's, whatever the number of shares.
 */
describe('the staged query, in shares', () => {
  const scenario = renderExport(simulateMailing({ seed: 5, recipients: 400, campaigns: 2 }), { seed: 5 });
  const settings = resolveSettings({});
  const { plan } = detect(scenario.table, settings);
  // A scanner's script fetch and its browser fetch of the same link a moment later, in rows next to
  // each other (so in different shares): the second is a repeat, judged by the first.
  const fetch = (seconds: number, agent: string): Cell[] => {
    const row: Cell[] = scenario.table[1].slice();
    row[plan.roles.recipient as number] = 'gus@corp.example.com';
    row[plan.roles.time as number] = new Date(Date.parse(String(row[plan.roles.time as number])) + (3600 + seconds) * 1000).toISOString();
    row[plan.roles.userAgent as number] = agent;
    row[plan.roles.ip as number] = '';
    return row;
  };
  const table = [...scenario.table, fetch(0, 'python-requests/2.31.0'), fetch(0.6, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36')];
  /** The repeat's data row, from 0. */
  const repeat = table.length - 2;
  const columns = Object.fromEntries(Object.entries(plan.roles).map(([role, index]) => [role, plan.header[index]]));
  const query = (slices?: number) => sqlQuery({ dialect: DIALECTS.duckdb, table: 'clicks', columns, settings, rowColumn: LINE, output: 'verdicts', slices });
  const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row, (_, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))).sort();

  test('the one query carries no share of its own', () => {
    expect(query(4).sql).toBe(query().sql);
    expect(query(4).sql).not.toMatch(/slice|% 4 =/);
  });

  test('the rows end in a repeat of a bot click', () => {
    expect(detect(table, settings).reasons[repeat]).toMatch(/^repeat of a bot click: /);
  });

  test.each([1, 3])('%i share(s) leave the one query\'s rows in the final table', async (slices) => {
    const engine = await duckdb();
    try {
      await loadTable(engine, 'clicks', table, plan);
      const whole = sorted(await engine.rows(query().sql));
      const { staged } = query(slices);
      // With shares, the scores, the verdicts and the final rows are each made by one CREATE and an INSERT per further share.
      expect(staged.filter((statement) => statement.startsWith('INSERT INTO')).length).toBe(3 * (slices - 1));
      for (const statement of staged) await engine.run(statement);
      const rows = await engine.rows(`SELECT * FROM ${FINAL_TABLE}`);
      expect(rows.length).toBe(table.length - 1);
      expect(new Set(rows.map((row) => Number(row[ROW_COLUMN]))).size).toBe(rows.length);
      expect(rows.find((row) => Number(row[ROW_COLUMN]) === repeat + 1)?.why).toMatch(/^repeat of a bot click: /);
      expect(sorted(rows)).toEqual(whole);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
