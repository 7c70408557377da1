import { parse } from 'sql-parser-cst';
import { resolveSettings } from '../../src/core/settings';
import { DIALECTS, sqlQuery } from '../../src/core/sql';

/** BigQuery cannot be reached from here: its query is checked by a BigQuery SQL parser instead. */

const EVERY_ROLE = {
  recipient: 'email', time: 'clicked at', link: 'url', campaign: 'campaign_id', userAgent: 'user_agent', ip: 'ip',
  sentAt: 'delivered_at', eventType: 'event', botFlag: 'is_bot', override: 'override',
};

const parsesAsBigQuery = (sql: string) => () => parse(sql, { dialect: 'bigquery', includeComments: true });

describe('the BigQuery query', () => {
  test('with every role, trap links and a send time parses as BigQuery SQL', () => {
    const settings = resolveSettings({ trapLinks: ["https://x.example/it's-a-trap\\"], sendTime: '2026-03-10 14:00' });
    const { sql, ran } = sqlQuery({ dialect: DIALECTS.bigquery, table: 'my-project.analytics.email_clicks', columns: EVERY_ROLE, settings });
    expect(ran).toEqual(expect.arrayContaining(['burst', 'sweep', 'rescan', 'tooSoon', 'userAgent', 'ipRange', 'providerFlag', 'trap']));
    // The sweep's runs follow each other in a recursive CTE.
    expect(sql).toMatch(/^WITH RECURSIVE$/m);
    expect(parsesAsBigQuery(sql)).not.toThrow();
    // The trap link is a BigQuery literal, its quote and backslash escaped; the table's parts are quoted.
    expect(sql).toContain("'x.example/it\\'s-a-trap\\\\'");
    expect(sql).toContain('`my-project`.`analytics`.`email_clicks`');
  });

  test('with only the recipient and time columns parses too', () => {
    const { sql } = sqlQuery({ dialect: DIALECTS.bigquery, table: 'clicks', columns: { recipient: 'email', time: 'ts' }, settings: resolveSettings({}) });
    expect(parsesAsBigQuery(sql)).not.toThrow();
  });

  test('the parser does check: the DuckDB and Postgres queries are not BigQuery', () => {
    for (const dialect of [DIALECTS.duckdb, DIALECTS.postgres]) {
      const { sql } = sqlQuery({ dialect, table: 'clicks', columns: { recipient: 'email', time: 'ts', userAgent: 'ua' }, settings: resolveSettings({}) });
      expect(parsesAsBigQuery(sql)).toThrow();
    }
  });
});
