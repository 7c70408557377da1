import { WEIGHT } from '../evidence';
import { CERTAIN, type SqlRule } from '../sql/context';
import { rapid } from './rapid';
import { machineSignsSql, SIGNS } from './signs.sql';

/**
 * core/rules/rapid: runs of distinct clicks each under five seconds after the one before; faster
 * than a hand (fastMs) they weigh strongly or are certain, quick for a hand (within twice that) a
 * hint, or more with machine signs, unless the rules it reads are certain of every click already.
 */
export const rapidSql: SqlRule = {
  name: 'rapid',
  findings(context) {
    const { w, settings } = context;
    if (!settings.rapid) return { skipped: 'switched off' };
    const num = (value: number) => context.num(value);
    const runs = context.quickRuns();
    const signs = machineSignsSql(context, runs, 'bc_rapid_s');
    context.cte(
      'bc_rapid_runs2',
      `SELECT m.g, m.run, MAX(m.gap) AS slowest, MIN(CASE WHEN COALESCE(sc.score, 0) >= ${CERTAIN} THEN 1 ELSE 0 END) AS all_certain
FROM bc_rapid_s_m AS m LEFT JOIN ${context.score(rapid.meta.reads)} AS sc ON sc.rid = m.rid GROUP BY m.g, m.run`,
    );
    const fast = `GREATEST(${num(settings.rapidSeconds * 1000)}, k.res)`;
    const took = '(s.last_t - s.first_t)';
    const faster = `(k.pace_shown AND ((s.m >= 3 AND ${took} + k.res <= (s.m - 1) * ${fast}) OR r.slowest < ${fast}))`;
    const quick = `((NOT k.pace_shown OR r.slowest <= 2 * ${fast}) AND r.all_certain = 0 AND NOT (s.nsigns = 0 AND NOT k.pace_shown))`;
    const withSigns = (what: string) => w.withSigns(what, SIGNS.map((sign) => `s.${sign}`));
    return context.cte(
      'bc_rapid',
      `SELECT x.rid, x.weight, x.reason FROM (
  SELECT m.rid,
    CASE WHEN ${faster} THEN (CASE WHEN s.m >= 3 OR s.nsigns > 0 THEN ${num(WEIGHT.certain)} ELSE ${num(WEIGHT.strong)} END)
      WHEN ${quick} THEN (CASE WHEN s.nsigns = 0 THEN ${num(WEIGHT.hint)} WHEN s.m >= 3 OR s.nsigns >= 2 THEN ${num(WEIGHT.certain)} ELSE ${num(WEIGHT.strong)} END) END AS weight,
    CASE WHEN ${faster} THEN ${withSigns(`${w.plural('s.m', 'link')} || ' in ' || ${w.duration(took)} || ', faster than a hand'`)}
      ELSE ${withSigns(`${w.plural('s.m', 'link')} || ' ' || ${w.span(took, 'k.res')} || CASE WHEN k.pace_shown THEN ', quick for a hand' ELSE '' END`)} END AS reason
  FROM ${signs} AS s CROSS JOIN bc_k AS k
  JOIN bc_rapid_runs2 AS r ON r.g = s.g AND r.run = s.run
  JOIN ${runs} AS m ON m.g = s.g AND m.run = s.run) AS x
WHERE x.weight IS NOT NULL`,
    );
  },
};
