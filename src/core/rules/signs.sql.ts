import type { SqlContext } from '../sql/context';
import { EARLY_RUN_FACTOR } from '../windows';

/** The sign columns of a runs' signs CTE, in the order core/rules/signs lists them. */
export const SIGNS = ['s_delay', 's_unsub', 's_poll', 's_pace', 's_twice'] as const;

/** The slowest paces at which the unsubscribe link with others (or with one link) looks like a scanner's. */
const UTILITY_PACE_MS = 30000;
const UTILITY_PAIR_MS = 3000;

/**
 * core/rules/signs machineSigns for every run of `runs` (g, run, rid: the run's clicks). The
 * CTE it returns has per run: m (clicks), first_t, last_t, links, med (the median gap, the upper
 * middle), one nullable text per sign (SIGNS) and nsigns.
 */
export function machineSignsSql(context: SqlContext, runs: string, prefix: string): string {
  const { w } = context;
  const run = 'r.g, r.run';
  context.cte(
    `${prefix}_m`,
    `SELECT ${run}, c.rid, c.pos, c.t, c.lk, c.util, c.fam, c.twin, c.res,
  c.t - LAG(c.t) OVER (PARTITION BY ${run} ORDER BY c.pos) AS gap
FROM ${runs} AS r JOIN bc_c AS c ON c.rid = r.rid`,
    true,
  );
  context.cte(`${prefix}_gaps`, `SELECT g, run, gap, ROW_NUMBER() OVER (PARTITION BY g, run ORDER BY gap) AS k FROM ${prefix}_m WHERE gap IS NOT NULL`);
  context.cte(
    `${prefix}_poll`,
    `SELECT g, run, MAX(n) AS poll FROM (SELECT g, run, fam, COUNT(DISTINCT lk) AS n FROM ${prefix}_m WHERE fam IS NOT NULL GROUP BY g, run, fam) AS x GROUP BY g, run`,
  );
  context.cte(
    `${prefix}_agg`,
    `SELECT g, run, COUNT(*) AS m, MIN(pos) AS first_pos, MIN(t) AS first_t, MAX(t) AS last_t, COUNT(DISTINCT lk) AS links,
  MAX(CASE WHEN util THEN 1 ELSE 0 END) AS has_util, MIN(CASE WHEN twin THEN 1 ELSE 0 END) AS all_twin,
  SUM(CASE WHEN gap < GREATEST(1000, res) THEN 1 ELSE 0 END) AS fast
FROM ${prefix}_m GROUP BY g, run`,
  );
  const delay = '(a.first_t - c.ref + c.half)';
  const soon = `(CASE WHEN c.rkind IN ('delivery', 'send') THEN c.ref ELSE GREATEST(c.ref, COALESCE(c.dend, c.ref)) END - c.ref + ${EARLY_RUN_FACTOR} * c.soon_ms)`;
  context.cte(
    `${prefix}_s0`,
    `SELECT a.*, g.gap AS med, COALESCE(p.poll, 0) AS poll,
  CASE WHEN c.ref IS NULL OR (c.rkind = 'estimated send' AND NOT c.borne) OR ${delay} < 0 OR ${delay} >= ${soon} THEN ${w.nullText()}
    ELSE ${w.duration(delay)} || ' after ' || ${w.since('c.rkind')} END AS s_delay,
  CASE WHEN a.has_util = 1 AND ((a.links >= 3 AND g.gap <= ${UTILITY_PACE_MS}) OR (a.links = 2 AND g.gap <= ${UTILITY_PAIR_MS})) THEN 'incl. unsubscribe' END AS s_unsub,
  CASE WHEN p.poll >= 3 THEN ${w.int('p.poll')} || ' poll options' END AS s_poll,
  CASE WHEN a.m >= 3 AND c.pace_shown AND a.fast * 2 > a.m - 1 THEN 'machine pace' END AS s_pace
FROM ${prefix}_agg AS a JOIN bc_c AS c ON c.g = a.g AND c.pos = a.first_pos
LEFT JOIN ${prefix}_gaps AS g ON g.g = a.g AND g.run = a.run AND g.k = FLOOR((a.m - 1) / 2) + 1
LEFT JOIN ${prefix}_poll AS p ON p.g = a.g AND p.run = a.run`,
  );
  const none = 's_delay IS NULL AND s_unsub IS NULL AND s_poll IS NULL AND s_pace IS NULL';
  return context.cte(
    `${prefix}_signs`,
    `SELECT x.*, ${SIGNS.map((sign) => `CASE WHEN ${sign} IS NULL THEN 0 ELSE 1 END`).join(' + ')} AS nsigns
FROM (SELECT s.*, CASE WHEN ${none} AND s.links > 1 AND s.all_twin = 1 THEN 'each link fetched twice' END AS s_twice FROM ${prefix}_s0 AS s) AS x`,
  );
}
