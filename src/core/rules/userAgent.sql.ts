import { list as isbotPatterns } from 'isbot';
import { SCANNER_AGENT_FRAGMENTS } from '../data/scannerAgents';
import { WEIGHT } from '../evidence';
import type { SqlContext, SqlRule } from '../sql/context';

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

/** core/rules/userAgent: a scanner's or fetcher's agent is certain; a blank one, where most have one, a hint. */
export const userAgentSql: SqlRule = {
  name: 'userAgent',
  findings(context) {
    if (!context.settings.userAgent) return { skipped: 'switched off' };
    if (!context.roles.has('userAgent')) return { skipped: 'no user-agent column' };
    const num = (value: number) => context.num(value);
    // Agents repeat from click to click: each is matched once.
    context.cte('bc_agents', `SELECT agent, ${machineAgent(context, 'agent')} AS machine FROM (SELECT DISTINCT r.agent FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid WHERE r.agent IS NOT NULL) AS a`);
    return context.cte(
      'bc_user_agent',
      `SELECT rid, CASE WHEN agent IS NULL THEN ${num(WEIGHT.hint)} ELSE ${num(WEIGHT.certain)} END AS weight,
  CASE WHEN agent IS NULL THEN 'no user agent' ELSE 'scanner user agent (' || machine || ')' END AS reason
FROM (SELECT c.rid, r.agent, a.machine, SUM(CASE WHEN r.agent IS NULL THEN 1 ELSE 0 END) OVER () AS blanks, COUNT(*) OVER () AS clicks
  FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid LEFT JOIN bc_agents AS a ON a.agent = r.agent) AS x
WHERE (agent IS NULL AND blanks * 2 < clicks) OR machine IS NOT NULL`,
    );
  },
};

