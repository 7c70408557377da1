import { WEIGHT } from '../evidence';
import type { SqlRule } from '../sql/context';
import { machineSignsSql, SIGNS } from './signs.sql';

/**
 * core/rules/burst: more than burstMaxClicks distinct clicks within the window from any click on;
 * overlapping windows make one cluster, and the cluster's clicks (repeats included) are the burst.
 */
export const burstSql: SqlRule = {
  name: 'burst',
  findings(context) {
    const { w, settings } = context;
    if (!settings.burst) return { skipped: 'switched off' };
    const most = settings.burstMaxClicks;
    const window = `(CASE WHEN k.res > 1 THEN CEIL(${context.num(settings.burstWindowSeconds * 1000)} / k.res) * k.res ELSE ${context.num(settings.burstWindowSeconds * 1000)} END)`;
    context.cte('bc_burst_d', `SELECT g, rid, dpos, t FROM bc_c WHERE dpos IS NOT NULL AND gsize > ${most}`);
    context.cte(
      'bc_burst0',
      `SELECT a.g, a.dpos AS i, MAX(b.dpos) AS j
FROM bc_burst_d AS a CROSS JOIN bc_k AS k JOIN bc_burst_d AS b ON b.g = a.g AND b.dpos >= a.dpos AND b.t - a.t < ${window}
GROUP BY a.g, a.dpos HAVING COUNT(*) > ${most}`,
    );
    context.cte(
      'bc_burst1',
      `SELECT x.*, SUM(CASE WHEN x.prev_end IS NULL OR x.i > x.prev_end THEN 1 ELSE 0 END) OVER (PARTITION BY x.g ORDER BY x.i ROWS UNBOUNDED PRECEDING) AS run
FROM (SELECT b.*, MAX(b.j) OVER (PARTITION BY b.g ORDER BY b.i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM bc_burst0 AS b) AS x`,
    );
    context.cte(
      'bc_burst_runs',
      `SELECT d.g, r.run, d.rid
FROM (SELECT g, run, MIN(i) AS i, MAX(j) AS j FROM bc_burst1 GROUP BY g, run) AS r
JOIN bc_burst_d AS d ON d.g = r.g AND d.dpos BETWEEN r.i AND r.j`,
    );
    const signs = machineSignsSql(context, 'bc_burst_runs', 'bc_burst_s');
    const machineLike = settings.readerGuard ? 's.nsigns > 0' : 'TRUE';
    const what = `${w.plural('s.m', 'click')} || ' ' || ${w.span('s.last_t - s.first_t', 'c.res')}`;
    // A repeat after a run's end can fall in the next run's span: the strongest, then the first run, counts.
    return context.strongest(
      'bc_burst',
      `SELECT c.rid, CASE WHEN ${machineLike} THEN ${context.num(WEIGHT.certain)} ELSE ${context.num(WEIGHT.hint)} END AS weight,
  CASE WHEN ${machineLike} THEN ${w.withSigns(what, SIGNS.map((sign) => `s.${sign}`))} ELSE ${what} || ', like a reader opening tabs' END AS reason, s.run AS ord
FROM ${signs} AS s JOIN bc_c AS c ON c.g = s.g AND c.t BETWEEN s.first_t AND s.last_t + c.rep_ms`,
    );
  },
};
