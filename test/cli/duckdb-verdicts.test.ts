import { DuckDBInstance } from '@duckdb/node-api';
import { StreamedVerdicts } from '../../src/cli/duckdb-verdicts';

/**
 * The DuckDB engine reads its verdicts back a range of rows at a time, each range sorted by DuckDB:
 * the writer asks for rows in order and gets every verdict across the ranges, none for a row the
 * query left out (a blank row), however the ranges fall.
 */
test('verdicts read back range by range, in row order, across empty ranges and rows left out', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // Rows 1 to 3,000 (data rows 0 to 2,999), in no order, without every 7th (blank rows), more than a chunk (2,048) in one range.
    await connection.run(`CREATE TABLE out AS SELECT r AS row, CASE WHEN r % 3 = 0 THEN 'bot' ELSE 'human' END AS bot_click, 'why ' || r AS why
      FROM range(1, 3001) AS t(r) WHERE r % 7 <> 0 ORDER BY hash(r)`);
    const bounds = [0, 2500, 2500, 2600, 4000];
    const ranges = async function* () {
      for (let k = 0; k + 1 < bounds.length; k++) {
        yield await connection.stream(`SELECT row, bot_click, why FROM out WHERE row > ${bounds[k]} AND row <= ${bounds[k + 1]} ORDER BY row`);
      }
    };
    const verdicts = new StreamedVerdicts(ranges(), 'clicks.csv');
    const read: string[] = [];
    for (let data = 0; data < 3000; data++) {
      await verdicts.fetch(data);
      read.push(`${verdicts.verdict(data)} ${verdicts.reason(data)}`);
    }
    const expected = Array.from({ length: 3000 }, (_, data) => {
      const row = data + 1;
      return row % 7 === 0 ? 'null ' : `${row % 3 === 0 ? 'bot' : 'human'} why ${row}`;
    });
    expect(read).toEqual(expected);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
