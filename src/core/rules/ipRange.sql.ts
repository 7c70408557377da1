import { GATEWAY_RANGES } from '../data/gatewayRanges';
import { WEIGHT } from '../evidence';
import type { SqlContext, SqlRule } from '../sql/context';
import { duringDelivery } from '../sql/timing';

/** The published IPv4 gateway ranges as number ranges; IPv6 addresses are not compared in SQL. */
function gatewayOf(context: SqlContext, ipNumber: string, field: 'owner' | 'confidence'): string {
  const cases = GATEWAY_RANGES.filter((range) => !range.cidr.includes(':')).map((range) => {
    const [base, bits] = range.cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    const first = Math.floor(base.split('.').reduce((n, octet) => n * 256 + Number(octet), 0) / size) * size;
    return `WHEN ${ipNumber} BETWEEN ${first} AND ${first + size - 1} THEN ${context.d.text(range[field])}`;
  });
  return `CASE ${cases.join(' ')} END`;
}

/** core/rules/ipRange: a published gateway range, certain while the e-mail is being delivered. */
export const ipRangeSql: SqlRule = {
  name: 'ipRange',
  findings(context) {
    if (!context.settings.ipRange) return { skipped: 'switched off' };
    if (!context.roles.has('ip')) return { skipped: 'no IP column' };
    const d = context.d;
    const num = (value: number) => context.num(value);
    const octet = (n: number) => `CAST(${d.splitPart('ip', '.', n)} AS BIGINT)`;
    const ipNumber = `CASE WHEN ${d.matches('ip', '^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$')} THEN (CASE WHEN ${[1, 2, 3, 4].map((n) => `${octet(n)} <= 255`).join(' AND ')} THEN ((${octet(1)} * 256 + ${octet(2)}) * 256 + ${octet(3)}) * 256 + ${octet(4)} END) END`;
    context.cte(
      'bc_ip0',
      `SELECT x.*, x.confidence = 'certain' AND ${duringDelivery('x')} AS scanning
FROM (SELECT c.*, ${gatewayOf(context, 'c.ipn', 'owner')} AS owner, ${gatewayOf(context, 'c.ipn', 'confidence')} AS confidence
  FROM (SELECT bc_c.*, ${ipNumber} AS ipn FROM bc_c WHERE ip IS NOT NULL) AS c) AS x
WHERE x.owner IS NOT NULL`,
    );
    return context.cte(
      'bc_ip_range',
      `SELECT rid, CASE WHEN scanning THEN ${num(WEIGHT.certain)} WHEN confidence = 'certain' THEN ${num(WEIGHT.soon)} ELSE ${num(WEIGHT.hint)} END AS weight,
  owner || ' gateway address' || CASE WHEN scanning THEN ', during delivery' ELSE '' END AS reason, 0 AS ord
FROM bc_ip0`,
    );
  },
};
