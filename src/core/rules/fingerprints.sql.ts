import { list as isbotPatterns } from 'isbot';
import { GATEWAY_RANGES } from '../data/gatewayRanges';
import { SCANNER_AGENT_FRAGMENTS } from '../data/scannerAgents';
import { WEIGHT } from '../evidence';
import type { SqlContext, SqlRule } from '../sql/context';
import { duringDelivery } from '../sql/timing';

/**
 * isbot's patterns in RE2 (DuckDB, BigQuery and Postgres all run it): its look-behinds spelled as
 * the characters that may come before, its look-aheads as what may follow. The one Google pattern
 * whose look-ahead lists words cannot be spelled so and is left out: a UA it alone names is judged
 * by the scanner fragments and the other patterns only.
 */
const RE2_SPELLING: Record<string, string | null> = {
  '(?:^|[^g])news(?!sapphire)': '(?:^|[^g])news',
  '(?<! channel/|google/)google(?!(?:wv|app|/google| pixel))': null,
  '(?<! cu)bots?(?:\\b|_)': '(?:^|[^u]|(?:^|[^c])u|(?:^|[^ ])cu)bots?(?:\\b|_)',
  '(?<!cam)scan': '(?:^|[^m]|(?:^|[^a])m|(?:^|[^c])am)scan',
  '(?<!lib)http': '(?:^|[^b]|(?:^|[^i])b|(?:^|[^l])ib)http',
  'java(?!;)': 'java(?:[^;]|$)',
};

export function botPattern(): string {
  return isbotPatterns
    .map((pattern) => (pattern in RE2_SPELLING ? RE2_SPELLING[pattern] : /\(\?<?[=!]/.test(pattern) ? null : pattern))
    .filter((pattern): pattern is string => pattern !== null)
    .join('|');
}

/** core/agents machineAgent: the scanner fragment it holds, else the agent itself when isbot knows it. */
function machineAgent(context: SqlContext, agent: string): string {
  const { d, w } = context;
  const lower = `LOWER(${agent})`;
  const fragments = SCANNER_AGENT_FRAGMENTS.map((f) => `WHEN strpos(${lower}, ${d.text(f)}) > 0 THEN ${d.text(f.replace(/\/$/, ''))}`);
  return `CASE ${fragments.join(' ')} WHEN ${d.matches(agent, botPattern(), true)} THEN ${w.shorten(agent)} END`;
}

export const userAgentSql: SqlRule = {
  name: 'userAgent',
  findings(context) {
    if (!context.settings.userAgent) return { skipped: 'switched off' };
    if (!context.roles.has('userAgent')) return { skipped: 'no user-agent column' };
    const num = (value: number) => context.num(value);
    // Agents repeat from click to click: each is matched once.
    context.cte('bc_agents', `SELECT agent, ${machineAgent(context, 'agent')} AS machine FROM (SELECT DISTINCT agent FROM bc_c WHERE agent IS NOT NULL) AS a`);
    return context.cte(
      'bc_user_agent',
      `SELECT rid, CASE WHEN agent IS NULL THEN ${num(WEIGHT.hint)} ELSE ${num(WEIGHT.certain)} END AS weight,
  CASE WHEN agent IS NULL THEN 'no user agent' ELSE 'scanner user agent (' || machine || ')' END AS reason, 0 AS ord
FROM (SELECT c.rid, c.agent, a.machine, SUM(CASE WHEN c.agent IS NULL THEN 1 ELSE 0 END) OVER () AS blanks, COUNT(*) OVER () AS clicks
  FROM bc_c AS c LEFT JOIN bc_agents AS a ON a.agent = c.agent) AS x
WHERE (agent IS NULL AND blanks * 2 < clicks) OR machine IS NOT NULL`,
    );
  },
};

export const providerFlagSql: SqlRule = {
  name: 'providerFlag',
  findings(context) {
    if (!context.settings.providerFlag) return { skipped: 'switched off' };
    if (!context.roles.has('botFlag')) return { skipped: 'no bot-flag column' };
    return context.cte(
      'bc_provider_flag',
      `SELECT rid, ${context.num(WEIGHT.certain)} AS weight,
  CASE WHEN flag = 'yes' THEN 'flagged by the e-mail platform' ELSE 'flagged by the e-mail platform (' || flag || ')' END AS reason, 0 AS ord
FROM bc_c WHERE flag IS NOT NULL`,
    );
  },
};

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
