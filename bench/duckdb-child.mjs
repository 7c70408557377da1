// The comparison a user without botclick makes: DuckDB (embedded, all cores) reads the export, runs the
// plain "more than 3 clicks by one recipient on one e-mail within a minute" rule as two window counts
// (the 60 s before a click and the 60 s after it), and copies every row with a verdict column out.
// Usage: node bench/duckdb-child.mjs <clicks.csv> <out.csv>
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
const quote = (text) => `'${text.replace(/'/g, "''")}'`;

const sql = `
COPY (
  SELECT * EXCLUDE (before, after), CASE WHEN before > 3 OR after > 3 THEN 'bot' ELSE 'human' END AS "Bot click"
  FROM (
    SELECT *,
      count(*) OVER (PARTITION BY "Campaign", "Email" ORDER BY "Clicked at" RANGE BETWEEN INTERVAL 59999 MILLISECONDS PRECEDING AND CURRENT ROW) AS before,
      count(*) OVER (PARTITION BY "Campaign", "Email" ORDER BY "Clicked at" RANGE BETWEEN CURRENT ROW AND INTERVAL 59999 MILLISECONDS FOLLOWING) AS after
    FROM read_csv(${quote(input)}, header = true, types = {'Clicked at': 'TIMESTAMPTZ'})
  )
) TO ${quote(output)} (HEADER, DELIMITER ',')`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const start = process.hrtime.bigint();
const result = await connection.run(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rows = Number(result.rowsChanged);
console.log(JSON.stringify({ rows, seconds }));
