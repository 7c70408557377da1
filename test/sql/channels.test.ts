import { detect, type Cell, type Verdict } from '../../src/core';
import { DIALECTS, ROW_COLUMN, sqlQuery } from '../../src/core/sql';
import { resolveSettings } from '../../src/core/settings';
import { duckdb, LINE, loadTable } from './engines';

const SEND = Date.UTC(2026, 2, 10, 14, 0, 0);
const at = (seconds: number) => new Date(SEND + seconds * 1000).toISOString();
const L1 = 'https://shop.example.com/spring-sale?utm_source=newsletter';

/**
 * The SQL, like the core, leaves clicks in other channels unjudged: Customer.io's reporting
 * webhook has one `clicked` metric for e-mail, push and SMS, told apart by `object_type`;
 * Iterable names its SMS clicks `smsClick`.
 */
test('SMS and push clicks get no verdict in SQL, as in the core', async () => {
  const table: Cell[][] = [
    ['metric', 'object_type', 'timestamp', 'data.recipient', 'data.href', 'data.broadcast_id'],
    ['clicked', 'push', at(2), 'cust-alice', L1, '9'],
    ['smsClick', '', at(2), 'cust-carol', L1, '9'],
    ['clicked', 'sms', at(2), '+15555550100', L1, '9'],
    ['clicked', 'email', at(3600), 'bob@example.org', L1, '9'],
  ];
  const settings = resolveSettings({});
  const detection = detect(table, settings);
  expect(detection.verdicts).toEqual([null, null, null, 'human']);
  const engine = await duckdb();
  try {
    await loadTable(engine, 'clicks', table, detection.plan);
    const columns = Object.fromEntries(Object.entries(detection.plan.roles).map(([role, index]) => [role, detection.plan.header[index]]));
    expect(columns).toMatchObject({ channel: 'object_type', eventType: 'metric' });
    const { sql } = sqlQuery({ dialect: DIALECTS.duckdb, table: 'clicks', columns, settings, rowColumn: LINE, output: 'verdicts' });
    const verdicts: (Verdict | null)[] = [null, null, null, null];
    for (const row of await engine.rows(sql)) verdicts[Number(row[ROW_COLUMN]) - 1] = (row.bot_click as Verdict | null) ?? null;
    expect(verdicts).toEqual(detection.verdicts);
  } finally {
    await engine.close();
  }
}, 60_000);
