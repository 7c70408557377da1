import { DuckDBInstance } from '@duckdb/node-api';
import { summaryInDuckDb, type Step } from '../../src/cli/duckdb-summary';

/**
 * The DuckDB engine counts its summary's clickers a share of the recipients at a time: the summary
 * is the same whatever the number of shares, a recipient who clicked several links and campaigns
 * counted once in each, clicks without a recipient counted once.
 */
test('the summary counted in shares of the recipients is the summary counted whole', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const step: Step = (work) => work();
  try {
    // 6,000 clicks: 686 recipients (every 50th click without one) over two campaigns and five links, bots and people, in no order.
    await connection.run(`CREATE TABLE out AS SELECT r AS _botclick_row,
        CASE WHEN r % 50 = 0 THEN 'unknown' WHEN r % 3 = 0 THEN 'bot' ELSE 'human' END AS bot_click, 'why' AS why,
        CASE WHEN r % 50 = 0 THEN NULL ELSE 'Spring ' || (r % 2) END AS campaign,
        CASE WHEN r % 50 = 0 THEN NULL ELSE 'user' || (r % 700) || '@firm' || (r % 700 % 9) || '.example' END AS recipient,
        CASE WHEN r % 50 = 0 THEN NULL ELSE 'https://x.example/' || (r % 5) END AS link,
        1772352000000 + (r % 2) * 3600000 AS send, 'estimated' AS ssrc, 1772352000000 + r * 1000 AS time
      FROM range(1, 6001) AS t(r) ORDER BY hash(r)`);
    const whole = await summaryInDuckDb(connection, 'out', 1, step);
    expect(whole.totals).toMatchObject({ rawClicks: 6000, rawClickers: 686, unknownClicks: 120 });
    // The clicks without a recipient make a campaign of their own, "(no campaign)".
    expect(whole.campaigns.map((c) => c.links.length)).toEqual([5, 5, 1]);
    for (const shares of [2, 7]) expect(await summaryInDuckDb(connection, 'out', shares, step)).toEqual(whole);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
