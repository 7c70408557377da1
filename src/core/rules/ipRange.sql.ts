import { GATEWAY_RANGES } from '../data/gatewayRanges';
import { WEIGHT } from '../evidence';
import type { SqlContext, SqlRule } from '../sql/context';
import { duringDelivery } from '../sql/timing';

/**
 * The published IPv4 gateway ranges as a table of number ranges (first, last, owner, confidence, k:
 * the list's order, the first listed range winning as in core/gateways); IPv6 addresses are not
 * compared in SQL.
 */
function gatewayRanges(context: SqlContext): string {
  const rows = GATEWAY_RANGES.filter((range) => !range.cidr.includes(':')).map((range, k) => {
    const [base, bits] = range.cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    const first = Math.floor(base.split('.').reduce((n, octet) => n * 256 + Number(octet), 0) / size) * size;
    return `SELECT ${first} AS first, ${first + size - 1} AS last, ${context.d.text(range.owner)} AS owner, ${context.d.text(range.confidence)} AS confidence, ${k} AS k`;
  });
  return rows.join(' UNION ALL ');
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
    // Addresses repeat from click to click: each is read and looked up once, as a range join.
    context.cte(
      'bc_ip_owner',
      `SELECT ip, owner, confidence FROM (
  SELECT a.ip, n.owner, n.confidence, ROW_NUMBER() OVER (PARTITION BY a.ip ORDER BY n.k) AS pick
  FROM (SELECT ip, ${ipNumber} AS ipn FROM (SELECT DISTINCT r.ip FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid WHERE r.ip IS NOT NULL) AS x) AS a
  JOIN (${gatewayRanges(context)}) AS n ON a.ipn BETWEEN n.first AND n.last) AS y
WHERE pick = 1`,
    );
    context.cte(
      'bc_ip0',
      `SELECT x.*, x.confidence = 'certain' AND ${duringDelivery('x')} AS scanning
FROM (SELECT c.*, o.owner, o.confidence FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid JOIN bc_ip_owner AS o ON o.ip = r.ip) AS x`,
    );
    return context.cte(
      'bc_ip_range',
      `SELECT rid, CASE WHEN scanning THEN ${num(WEIGHT.certain)} WHEN confidence = 'certain' THEN ${num(WEIGHT.soon)} ELSE ${num(WEIGHT.hint)} END AS weight,
  owner || ' gateway address' || CASE WHEN scanning THEN ', during delivery' ELSE '' END AS reason
FROM bc_ip0`,
    );
  },
};
