import { WEIGHT } from '../evidence';
import type { SqlRule } from '../sql/context';
import { machineSignsSql, SIGNS } from './signs.sql';
import { QUICK_GAP_MS } from './sweep';


/**
 * core/rules/sweep shortestRuns, set-based. Per copy, its distinct clicks on a link are numbered p;
 * the core's walk keeps a window [left, j] that a visit's gap restarts (seg) and the span trims,
 * and from a start s finds the first j whose window holds the needed links. For every s this is
 * read off the pairs (s, m) within the span and one visit (bounded by time buckets, never all of a
 * copy's pairs): the links new since s, counted as m grows. Past those pairs the window no longer
 * reaches back to s, so the first j whose own full window holds the links (next_good) answers.
 * The run is then cut to its shortest (the first click whose link does not come again by j) and
 * extended at its own pace to links it lacks; each extension click is a new link, so the search
 * looks at most the copy's link count ahead. Runs follow each other from the copy's first click:
 * a recursive CTE goes from each run's start to the next (as many steps as the most runs of one
 * copy). The runs' clicks, repeats included, get the core's reason and weight.
 */
export const sweepSql: SqlRule = {
  name: 'sweep',
  findings(context) {
    const { d, w, settings } = context;
    if (!settings.sweep) return { skipped: 'switched off' };
    const num = (value: number) => context.num(value);
    const needed = `GREATEST(${num(settings.sweepMinLinks)}, CEIL(${num(settings.sweepMinShare)} * c.lcount - ${num(1e-9)}))`;
    const spanMs = num(settings.sweepSpanSeconds * 1000);
    const span = `(CASE WHEN c.res > 1 THEN CEIL(${spanMs} / c.res) * c.res ELSE ${spanMs} END)`;
    // Copies with enough different links for a sweep at all.
    context.cte(
      'bc_sweep_n',
      `SELECT g, needed, links FROM (SELECT c.g, MAX(${needed}) AS needed, COUNT(DISTINCT c.lk) AS links FROM bc_c AS c WHERE c.dpos IS NOT NULL AND c.lk > 0 GROUP BY c.g) AS x
WHERE links >= needed`,
    );
    // Their distinct clicks on a link: place p, gap before, the same link's previous and next place,
    // the visit (seg), and buckets of the span (tb) and of the copy's link count (pb) for bounded joins.
    context.cte(
      'bc_sweep_r',
      `SELECT y.*, SUM(CASE WHEN y.gap > y.visit_ms THEN 1 ELSE 0 END) OVER (PARTITION BY y.g ORDER BY y.p ROWS UNBOUNDED PRECEDING) AS seg,
  FLOOR(y.t / y.sp) AS tb, FLOOR(CAST(y.p AS ${d.floatType}) / y.links) AS pb
FROM (SELECT x.*, x.t - LAG(x.t) OVER (PARTITION BY x.g ORDER BY x.p) AS gap,
    LAG(x.p) OVER (PARTITION BY x.g, x.lk ORDER BY x.p) AS prev_same, LEAD(x.p) OVER (PARTITION BY x.g, x.lk ORDER BY x.p) AS next_same,
    COUNT(*) OVER (PARTITION BY x.g) AS pn
  FROM (SELECT c.g, c.rid, c.t, c.lk, c.res, c.visit_ms, ${span} AS sp, n.needed, n.links, ROW_NUMBER() OVER (PARTITION BY c.g ORDER BY c.dpos) AS p
    FROM bc_c AS c JOIN bc_sweep_n AS n ON n.g = c.g WHERE c.dpos IS NOT NULL AND c.lk > 0) AS x) AS y`,
      true,
    );
    // Pairs (s, m): m at or after s, within the span and the same visit; n counts the links new since s.
    context.cte(
      'bc_sweep_p',
      `SELECT x.*, SUM(x.fresh) OVER (PARTITION BY x.g, x.s ORDER BY x.m ROWS UNBOUNDED PRECEDING) AS n
FROM (SELECT a.g, a.p AS s, b.p AS m, b.gap, b.next_same, a.needed, CASE WHEN b.prev_same IS NULL OR b.prev_same < a.p THEN 1 ELSE 0 END AS fresh
  FROM bc_sweep_r AS a CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 AS k) AS d
  JOIN bc_sweep_r AS b ON b.g = a.g AND b.seg = a.seg AND b.tb = a.tb + d.k AND b.p >= a.p AND b.t - a.t <= a.sp) AS x`,
      true,
    );
    // Per click m: where its full window starts (lo), its links (u), and the first click from m on
    // whose full window holds the needed links.
    context.cte(
      'bc_sweep_u',
      `SELECT u.*, MIN(CASE WHEN u.u >= u.needed THEN u.p END) OVER (PARTITION BY u.g ORDER BY u.p ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_good
FROM (SELECT g, m AS p, MIN(s) AS lo, MAX(n) AS u, MAX(needed) AS needed FROM bc_sweep_p GROUP BY g, m) AS u`,
      true,
    );
    // Per start s: the click that completes the links (j) and where its window starts (lo).
    context.cte(
      'bc_sweep_j',
      `SELECT x.g, x.s, x.j, GREATEST(x.s, u.lo) AS lo
FROM (SELECT st.g, st.s, COALESCE(st.j2, nx.next_good) AS j
  FROM (SELECT g, s, MIN(CASE WHEN n >= needed THEN m END) AS j2, MAX(m) AS last_m FROM bc_sweep_p GROUP BY g, s) AS st
  LEFT JOIN bc_sweep_u AS nx ON nx.g = st.g AND nx.p = st.last_m + 1) AS x
JOIN bc_sweep_u AS u ON u.g = x.g AND u.p = x.j`,
      true,
    );
    // Cut to the shortest: the first click of the window whose link does not come again by j; the
    // run's slowest gap sets the pace it may go on at.
    context.cte(
      'bc_sweep_left',
      `SELECT j.g, j.lo, j.j, MIN(p.m) AS left_p
FROM (SELECT DISTINCT g, lo, j FROM bc_sweep_j) AS j JOIN bc_sweep_p AS p ON p.g = j.g AND p.s = j.lo AND p.m <= j.j AND (p.next_same IS NULL OR p.next_same > j.j)
GROUP BY j.g, j.lo, j.j`, true,
    );
    context.cte(
      'bc_sweep_slow',
      `SELECT l.g, l.lo, l.j, l.left_p, COALESCE(MAX(CASE WHEN p.m > l.left_p THEN p.gap END), 0) AS slowest
FROM bc_sweep_left AS l JOIN bc_sweep_p AS p ON p.g = l.g AND p.s = l.left_p AND p.m <= l.j
GROUP BY l.g, l.lo, l.j, l.left_p`, true,
    );
    // Going on to links the run lacks, each within 1.5 times its slowest gap (and a stamp): it ends
    // before the first click that repeats a link of the run or comes slower.
    context.cte(
      'bc_sweep_e',
      `SELECT l.g, l.lo, l.j, l.left_p, COALESCE(x.stop, a.pn + 1) - 1 AS end_p
FROM bc_sweep_slow AS l JOIN bc_sweep_r AS a ON a.g = l.g AND a.p = l.j
LEFT JOIN (SELECT l.g, l.lo, l.j, MIN(b.p) AS stop
  FROM bc_sweep_slow AS l JOIN bc_sweep_r AS a ON a.g = l.g AND a.p = l.j CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 AS k) AS d
  JOIN bc_sweep_r AS b ON b.g = a.g AND b.pb = a.pb + d.k
  WHERE b.p > a.p AND b.p <= a.p + a.links AND (b.prev_same >= l.left_p OR b.gap > ${num(1.5)} * l.slowest + a.res)
  GROUP BY l.g, l.lo, l.j) AS x ON x.g = l.g AND x.lo = l.lo AND x.j = l.j`,
      true,
    );
    context.cte(
      'bc_sweep_next',
      `SELECT j.g, j.s, e.left_p, e.end_p FROM bc_sweep_j AS j JOIN bc_sweep_e AS e ON e.g = j.g AND e.lo = j.lo AND e.j = j.j`,
      true,
    );
    // The runs one after the other: each starts after the last one's end.
    context.recursiveCte(
      'bc_sweep_chain',
      `SELECT g, CAST(1 AS BIGINT) AS s FROM bc_sweep_n
UNION ALL
SELECT x.g, x.end_p + 1 AS s FROM bc_sweep_chain AS c JOIN bc_sweep_next AS x ON x.g = c.g AND x.s = c.s`,
    );
    // Each click's run: the latest run started at or before it (runs do not overlap), if it has not ended.
    context.cte('bc_sweep_x', `SELECT x.g, x.s, x.left_p, x.end_p FROM bc_sweep_chain AS c JOIN bc_sweep_next AS x ON x.g = c.g AND x.s = c.s`, true);
    context.cte(
      'bc_sweep_runs',
      `SELECT x.g, x.s AS run, r.rid FROM (
  SELECT u.g, u.p, u.kind, MAX(u.left_p) OVER (PARTITION BY u.g ORDER BY u.p, u.kind ROWS UNBOUNDED PRECEDING) AS cur
  FROM (SELECT g, left_p AS p, 0 AS kind, left_p FROM bc_sweep_x UNION ALL SELECT g, p, 1 AS kind, NULL AS left_p FROM bc_sweep_r) AS u) AS y
JOIN bc_sweep_x AS x ON x.g = y.g AND x.left_p = y.cur JOIN bc_sweep_r AS r ON r.g = y.g AND r.p = y.p
WHERE y.kind = 1 AND y.p <= x.end_p`,
      true,
    );
    const signs = machineSignsSql(context, 'bc_sweep_runs', 'bc_sweep_sg');
    const quick = `CASE WHEN c.pace_shown AND s.med < ${QUICK_GAP_MS} THEN '1-2 s a link' END`;
    const links = `CASE WHEN s.links = c.lcount THEN 'all ' || ${w.int('s.links')} ELSE ${w.int('s.links')} || ' of ' || ${w.int('c.lcount')} END || ' links ' || ${w.span('s.last_t - s.first_t', 'c.res')}`;
    const certain = `(s.nsigns > 0 OR (${quick}) IS NOT NULL OR (s.links = c.lcount AND s.links >= 4))`;
    // A repeat after a run's end can fall in the next run's span: the strongest, then the first run, counts.
    return context.strongest(
      'bc_sweep',
      `SELECT c.rid, CASE WHEN ${certain} THEN ${num(WEIGHT.certain)} ELSE ${num(WEIGHT.strong)} END AS weight,
  ${w.withSigns(links, [...SIGNS.map((sign) => `s.${sign}`), quick])} AS reason, s.run AS ord
FROM ${signs} AS s JOIN bc_c AS c ON c.g = s.g AND c.t BETWEEN s.first_t AND s.last_t + c.rep_ms`,
    );
  },
};
