import { WEIGHT } from '../evidence';
import { CERTAIN, type SqlContext, type SqlRule } from '../sql/context';
import { anotherClient } from '../sql/network';
import { QUICK_MS } from './context';
import { PACE_FETCHES, REPEAT_SHARE, rescan, SEPARATE_VISIT_MS } from './rescan';
import { VISIT_GAP_SECONDS } from '../windows';

/** core/windows visitGapExactMs: the visit gap as it is, unrounded. */
const VISIT_GAP_EXACT_MS = VISIT_GAP_SECONDS * 1000;

/**
 * core/rules/rescan, set-based. In the core's order: quick runs on the very same links a separate
 * visit apart (scan and re-scan show each other); the copy's first certain click and the certain
 * clicks within ten minutes of it (the scan); the scan's visit, which goes on click by click while
 * each click continues it (read per click from the one before and the links before it: the walk
 * stops at the first that does not); and the later quick runs and paced sweeps that repeat the
 * scan. One difference: a click without a time is never the scan's (the core may count a certain
 * untimed click among the scan's rows).
 */
export const rescanSql: SqlRule = {
  name: 'rescan',
  findings(context) {
    const { w, settings, roles } = context;
    if (!settings.rescan) return { skipped: 'switched off' };
    const num = (value: number) => context.num(value);
    const fast = `GREATEST(${num(settings.rapidSeconds * 1000)}, c.res)`;
    // The rules it reads, summed once: the scan's search and the walk both weigh them.
    const reads = context.cte('bc_rescan_rd', `SELECT * FROM ${context.score(rescan.meta.reads)} AS s`, true);
    const swept = context.weights('sweep');
    // A repeat of a wave's fetch that the wave left to the recipient ends the scan's visit.
    const waves = context.weights('wave');
    const took = `${w.plural('r.m', 'link')} || ' in ' || ${w.duration('r.t1 - r.t0')}`;
    // Every quick run with what the core weighs of it.
    const quick = runStats(context, 'bc_rescan_q', context.quickRuns(), swept);

    // Scan and re-scan: quick runs on the same links (none twice), a separate visit apart, in copies
    // whose distinct clicks span one.
    context.cte(
      'bc_rescan_pr',
      `SELECT x.*, FIRST_VALUE(x.t1) OVER (PARTITION BY x.g, x.lkey ORDER BY x.t0 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_t1,
  LAST_VALUE(x.t0) OVER (PARTITION BY x.g, x.lkey ORDER BY x.t0 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_t0
FROM (SELECT r.* FROM ${quick} AS r JOIN bc_c AS c ON c.g = r.g AND c.pos = 1
  JOIN (SELECT g, COUNT(*) AS n, MAX(t) - MIN(t) AS spread FROM bc_c WHERE dpos IS NOT NULL GROUP BY g) AS d ON d.g = r.g
  WHERE c.pace_shown AND d.n >= 4 AND d.spread >= ${SEPARATE_VISIT_MS} AND r.med <= 2 * ${fast} AND r.links = r.m) AS x`,
    );
    context.cte(
      'bc_rescan_f1',
      `SELECT m.rid, x.reason FROM (SELECT r.g, r.run,
    CASE WHEN r.t0 - r.first_t1 >= ${SEPARATE_VISIT_MS} THEN ${took} || ', the same ' || ${w.duration('r.t0 - r.first_t1')} || ' after a first time'
      WHEN r.last_t0 - r.t1 >= ${SEPARATE_VISIT_MS} THEN ${took} || ', the same again ' || ${w.duration('r.last_t0 - r.t1')} || ' later' END AS reason
  FROM bc_rescan_pr AS r) AS x
JOIN bc_quick AS m ON m.g = x.g AND m.run = x.run LEFT JOIN ${reads} AS sc ON sc.rid = m.rid
WHERE x.reason IS NOT NULL AND COALESCE(sc.score, 0) < ${CERTAIN}`,
      true,
    );

    // Each timed click's score as the rule reads it (the rules it reads and its findings so far), and
    // the copy's first certain click: the scan starts there.
    const score = `COALESCE(sc.score, 0) + CASE WHEN f.rid IS NULL THEN 0 ELSE ${num(WEIGHT.certain)} END`;
    context.cte(
      'bc_rescan_w0',
      `SELECT c.g, c.pos, c.rid, c.t, c.lk, c.aid, c.nid, c.res, c.rep_ms, c.visit_ms, ${score} AS score,
  COALESCE(wr.weight >= ${CERTAIN} AND wv.weight IS NULL, FALSE) AS left_by_wave,
  NOT c.pace_shown AND wv.weight IS NULL AS minute_unwaved,
  COALESCE(wv.weight >= ${CERTAIN} AND ${score} - wv.weight < ${CERTAIN}, FALSE) AS wave_only
FROM bc_c AS c LEFT JOIN ${reads} AS sc ON sc.rid = c.rid LEFT JOIN bc_rescan_f1 AS f ON f.rid = c.rid
LEFT JOIN ${waves} AS wr ON wr.rid = c.root LEFT JOIN ${waves} AS wv ON wv.rid = c.rid
WHERE c.t IS NOT NULL`,
      true,
    );
    context.cte(
      'bc_rescan_fc',
      `SELECT w.g, w.pos AS fc_pos, w.t AS scanned_at FROM (SELECT g, MIN(pos) AS pos FROM bc_rescan_w0 WHERE score >= ${CERTAIN} GROUP BY g) AS f
JOIN bc_rescan_w0 AS w ON w.g = f.g AND w.pos = f.pos`,
    );
    // The scan's visit: from the first certain click on, the scan's clicks and each click that goes on
    // from the one before (clicks stamped with the scan's first, not its own, are passed over).
    const blank = roles.has('link') ? 'w.lk = 0 OR ' : '';
    const prev = (k: number) => `LAG(w.t, ${k}) OVER (PARTITION BY w.g ORDER BY w.pos)`;
    const [g1, g2, g3] = [`(${prev(1)} - ${prev(2)})`, `(${prev(2)} - ${prev(3)})`, `(${prev(3)} - ${prev(4)})`];
    // impure_pos: the first click that is not only the wave's fetch (core onlyWaveFetches); in whole
    // minutes a click the wave left ends a visit that has been only its fetch so far.
    context.cte(
      'bc_rescan_w1',
      `SELECT w.*, ROW_NUMBER() OVER (PARTITION BY w.g ORDER BY w.pos) AS k, w.t - ${prev(1)} AS gap,
  MIN(CASE WHEN NOT w.wave_only THEN w.pos END) OVER (PARTITION BY w.g) AS impure_pos,
  LAG(w.lk) OVER (PARTITION BY w.g ORDER BY w.pos) AS p_lk, LAG(w.aid) OVER (PARTITION BY w.g ORDER BY w.pos) AS p_aid, LAG(w.nid) OVER (PARTITION BY w.g ORDER BY w.pos) AS p_nid,
  LAG(w.pos) OVER (PARTITION BY w.g, w.lk ORDER BY w.pos) IS NOT NULL AS seen,
  GREATEST(LEAST(${g1}, ${g2}), LEAST(GREATEST(${g1}, ${g2}), ${g3})) AS pace
FROM (SELECT w.*, f.scanned_at, w.score >= ${CERTAIN} AND w.t - f.scanned_at < ${SEPARATE_VISIT_MS} AS scan
  FROM bc_rescan_w0 AS w JOIN bc_rescan_fc AS f ON f.g = w.g WHERE w.pos >= f.fc_pos) AS w
WHERE w.scan OR w.t > w.scanned_at`,
    );
    const continues = `(w.gap <= w.visit_ms AND NOT ${anotherClient('w.p_aid', 'w.p_nid', 'w.aid', 'w.nid')} AND (${blank}NOT w.seen OR (w.p_lk = w.lk AND w.gap <= w.rep_ms)))`;
    context.cte(
      'bc_rescan_w2',
      `SELECT y.*, y.scan OR (NOT y.left_by_wave AND NOT (y.minute_unwaved AND COALESCE(y.impure_pos >= y.pos, TRUE)) AND (y.goes_on OR y.at_pace)) AS ok FROM (
  SELECT x.*, (NOT x.goes_on OR x.score = 0) AND x.k > ${PACE_FETCHES} AND x.gap <= ${VISIT_GAP_EXACT_MS} AND x.gap <= ${num(1.5)} * x.pace + x.res AS at_pace
  FROM (SELECT w.*, COALESCE(${continues} OR (w.score > 0 AND w.gap <= ${VISIT_GAP_EXACT_MS}), FALSE) AS goes_on FROM bc_rescan_w1 AS w) AS x) AS y`,
      true,
    );
    context.cte(
      'bc_rescan_v',
      `SELECT w.* FROM bc_rescan_w2 AS w LEFT JOIN (SELECT g, MIN(k) AS brk FROM bc_rescan_w2 WHERE NOT ok GROUP BY g) AS b ON b.g = w.g
WHERE w.k < COALESCE(b.brk, w.k + 1)`,
      true,
    );
    // The visit's machine-like clicks just before the scan (a paced scan's first link stamped a
    // minute before its certain rest): going back from the scan's first click, each click that looks
    // machine-like at all and goes on to the one after it, on a link the scan and the clicks
    // between have not had (or the same link within a repeat's window).
    context.cte(
      'bc_rescan_b0',
      `SELECT w.*, f.fc_pos, f.scanned_at, LEAD(w.t) OVER (PARTITION BY w.g ORDER BY w.pos) - w.t AS gap,
  LEAD(w.lk) OVER (PARTITION BY w.g ORDER BY w.pos) AS n_lk, LEAD(w.aid) OVER (PARTITION BY w.g ORDER BY w.pos) AS n_aid, LEAD(w.nid) OVER (PARTITION BY w.g ORDER BY w.pos) AS n_nid,
  LEAD(w.pos) OVER (PARTITION BY w.g, w.lk ORDER BY w.pos) AS n_same
FROM bc_rescan_w0 AS w JOIN bc_rescan_fc AS f ON f.g = w.g WHERE w.pos <= f.fc_pos`,
    );
    context.cte(
      'bc_rescan_b1',
      `SELECT w.*, w.score > 0 AND w.gap <= w.visit_ms AND NOT ${anotherClient('w.n_aid', 'w.n_nid', 'w.aid', 'w.nid')}
  AND (${blank}NOT (w.n_same < w.fc_pos OR sl.lk IS NOT NULL) OR (w.n_lk = w.lk AND w.gap <= w.rep_ms)) AS ok
FROM bc_rescan_b0 AS w LEFT JOIN (SELECT DISTINCT g, lk FROM bc_rescan_w1 WHERE scan) AS sl ON sl.g = w.g AND sl.lk = w.lk
WHERE w.pos < w.fc_pos`,
    );
    context.cte(
      'bc_rescan_b',
      `SELECT w.* FROM bc_rescan_b1 AS w LEFT JOIN (SELECT g, MAX(pos) AS stop FROM bc_rescan_b1 WHERE NOT ok GROUP BY g) AS x ON x.g = w.g
WHERE w.pos > COALESCE(x.stop, 0) AND w.score < ${CERTAIN}`,
    );
    // Per scanned copy: when the scan and its visit ended, the scan's pace (between different links),
    // and whether a later run is there to weigh.
    context.cte(
      'bc_rescan_sc',
      `SELECT v.g, v.scanned_at, v.visit_last, sl.scan_last, v.vlinks, MAX(d.t) AS last_dt
FROM (SELECT g, MAX(scanned_at) AS scanned_at, MAX(t) AS visit_last, COUNT(DISTINCT lk) AS vlinks FROM bc_rescan_v GROUP BY g) AS v
JOIN (SELECT g, MAX(t) AS scan_last FROM bc_rescan_w1 WHERE scan GROUP BY g) AS sl ON sl.g = v.g
JOIN bc_c AS d ON d.g = v.g AND d.dpos IS NOT NULL
GROUP BY v.g, v.scanned_at, v.visit_last, sl.scan_last, v.vlinks`,
    );
    context.cte(
      'bc_rescan_sl',
      `SELECT s.g, d.rid, d.t - LAG(d.t) OVER (PARTITION BY s.g ORDER BY d.dpos) AS gap
FROM bc_rescan_sc AS s JOIN bc_c AS d ON d.g = s.g AND d.dpos IS NOT NULL AND d.t >= s.scanned_at AND d.t <= s.scan_last`,
    );
    context.cte(
      'bc_rescan_s',
      `SELECT s.*, CASE WHEN n.n >= 2 THEN GREATEST(${fast}, 2 * m.med) ELSE ${fast} END AS scan_pace
FROM bc_rescan_sc AS s JOIN bc_c AS c ON c.g = s.g AND c.pos = 1
JOIN (SELECT g, COUNT(*) AS n FROM bc_rescan_sl GROUP BY g) AS n ON n.g = s.g
LEFT JOIN ${median(context, 'bc_rescan_slm', 'SELECT g, 0 AS run, gap FROM bc_rescan_sl')} AS m ON m.g = s.g
WHERE s.last_dt > s.visit_last OR s.last_dt - s.scanned_at >= ${SEPARATE_VISIT_MS}`,
      true,
    );
    // Sweeps too slow for a quick run: the sweep rule's clicks, split where another click or a
    // visit's gap parts them, at five seconds a link or slower.
    context.cte(
      'bc_rescan_ps0',
      `SELECT x.g, x.rid, SUM(CASE WHEN x.p_sw = 1 AND x.gap <= x.visit_ms THEN 0 ELSE 1 END) OVER (PARTITION BY x.g ORDER BY x.dpos ROWS UNBOUNDED PRECEDING) AS run, x.sw
FROM (SELECT d.g, d.rid, d.dpos, d.visit_ms, d.t - LAG(d.t) OVER (PARTITION BY d.g ORDER BY d.dpos) AS gap, COALESCE(sw.sw, 0) AS sw,
    LAG(COALESCE(sw.sw, 0)) OVER (PARTITION BY d.g ORDER BY d.dpos) AS p_sw
  FROM bc_rescan_s AS s JOIN bc_c AS d ON d.g = s.g AND d.dpos IS NOT NULL AND d.pace_shown
  LEFT JOIN (SELECT rid, CASE WHEN weight >= ${num(WEIGHT.strong)} THEN 1 ELSE 0 END AS sw FROM ${swept} AS f) AS sw ON sw.rid = d.rid) AS x`,
    );
    context.cte('bc_rescan_ps1', `SELECT g, run, rid FROM bc_rescan_ps0 WHERE sw = 1`);
    const paced = runStats(context, 'bc_rescan_pz', 'bc_rescan_ps1', swept);
    // The later runs of scanned copies: a second gateway's while the campaign is delivered, or the
    // scan again (its pace or quicker, a footer link, the same sweep) that repeats the scan's links.
    const runs = `SELECT 2 AS part, r.* FROM ${quick} AS r UNION ALL SELECT 3 AS part, r.* FROM ${paced} AS r WHERE r.m >= 2 AND r.med >= ${QUICK_MS}`;
    context.cte(
      'bc_rescan_l',
      `SELECT x.* FROM (SELECT r.*, s.scanned_at, s.vlinks, c.lcount, c.res,
    r.med <= 2 * ${fast} AND r.all_swept = 1 AS resweep,
    c.pace_shown AND r.t0 > s.visit_last AND r.t0 - c.send <= k.first_wave_ms AND r.med <= ${fast} AS second,
    CASE WHEN r.med <= 2 * ${fast} AND r.all_swept = 1 THEN r.t0 > s.visit_last ELSE r.t0 - s.scanned_at >= ${SEPARATE_VISIT_MS} END AS later,
    r.med > s.scan_pace AS slower
  FROM (${runs}) AS r JOIN bc_rescan_s AS s ON s.g = r.g JOIN bc_c AS c ON c.g = r.g AND c.pos = 1 CROSS JOIN bc_k AS k) AS x
WHERE COALESCE(x.second, FALSE) OR (x.later AND NOT (x.slower AND NOT x.resweep AND x.footer = 0))`,
    );
    // The clicks around a run (a stamp either side): a footer link, most of the e-mail's links, or
    // most of the scan's links and no others. Those beyond the run are in the stamps next to its
    // ends (buckets one stamp wide): a join on them stays within a stamp's clicks.
    const members = `SELECT 2 AS part, g, run, rid FROM bc_quick UNION ALL SELECT 3 AS part, g, run, rid FROM bc_rescan_ps1`;
    context.cte('bc_rescan_d', `SELECT d.g, d.rid, d.t, FLOOR(d.t / d.res) AS tb FROM bc_c AS d JOIN bc_rescan_s AS s ON s.g = d.g WHERE d.dpos IS NOT NULL`, true);
    const edges = [0, 1, 2, 3].map((k) => `SELECT ${k} AS k`).join(' UNION ALL ');
    context.cte(
      'bc_rescan_a',
      `SELECT x.g, x.part, x.run, MAX(CASE WHEN d.util THEN 1 ELSE 0 END) AS footer, COUNT(DISTINCT d.lk) AS links, COUNT(DISTINCT v.lk) AS again
FROM (SELECT l.g, l.part, l.run, m.rid FROM bc_rescan_l AS l JOIN (${members}) AS m ON m.part = l.part AND m.g = l.g AND m.run = l.run
  UNION ALL
  SELECT l.g, l.part, l.run, n.rid FROM bc_rescan_l AS l CROSS JOIN (${edges}) AS e
  JOIN bc_rescan_d AS n ON n.g = l.g AND n.tb = CASE e.k WHEN 0 THEN FLOOR(l.t0 / l.res) - 1 WHEN 1 THEN FLOOR(l.t0 / l.res) WHEN 2 THEN FLOOR(l.t1 / l.res) ELSE FLOOR(l.t1 / l.res) + 1 END
  WHERE n.t >= l.t0 - l.res AND n.t <= l.t1 + l.res) AS x
JOIN bc_c AS d ON d.rid = x.rid LEFT JOIN (SELECT DISTINCT g, lk FROM bc_rescan_v) AS v ON v.g = x.g AND v.lk = d.lk
GROUP BY x.g, x.part, x.run`,
    );
    const repeats = `(a.footer = 1 OR a.links >= ${num(REPEAT_SHARE)} * l.lcount OR (a.again = a.links AND a.again >= ${num(REPEAT_SHARE)} * l.vlinks))`;
    const after = `${w.plural('l.m', 'link')} || ' in ' || ${w.duration('l.t1 - l.t0')} || ', ' || ${w.duration('l.t0 - l.scanned_at')} || ' after a first scan'`;
    const runRows = (part: number, source: string) => `SELECT m.rid, ${after} AS reason, ${part} AS ord
FROM bc_rescan_l AS l JOIN bc_rescan_a AS a ON a.g = l.g AND a.part = l.part AND a.run = l.run JOIN ${source} AS m ON m.g = l.g AND m.run = l.run
WHERE l.part = ${part} AND (COALESCE(l.second, FALSE) OR l.resweep OR ${repeats})`;
    return context.strongest(
      'bc_rescan',
      `SELECT f.rid, ${num(WEIGHT.certain)} AS weight, f.reason, 0 AS ord FROM bc_rescan_f1 AS f
UNION ALL
SELECT v.rid, ${num(WEIGHT.certain)} AS weight, 'same visit as a scan ' || ${w.duration('v.t - v.scanned_at')} || ' earlier' AS reason, 1 AS ord
FROM bc_rescan_v AS v WHERE NOT v.scan AND (v.score > 0 OR v.at_pace) AND v.score < ${CERTAIN}
UNION ALL
SELECT b.rid, ${num(WEIGHT.certain)} AS weight, 'same visit as a scan ' || ${w.duration('b.scanned_at - b.t')} || ' later' AS reason, 1 AS ord FROM bc_rescan_b AS b
UNION ALL
SELECT x.rid, ${num(WEIGHT.certain)} AS weight, x.reason, x.ord FROM (${runRows(2, 'bc_quick')} UNION ALL ${runRows(3, 'bc_rescan_ps1')}) AS x`,
    );
  },
};

/**
 * Per run of `runs` (g, run, rid): its clicks (m), first and last time, links, a footer link among
 * them, whether the sweep rule found each, the links as one key, and the median gap.
 */
function runStats(context: SqlContext, name: string, runs: string, swept: string): string {
  const { d } = context;
  context.cte(
    `${name}_m`,
    `SELECT r.g, r.run, c.rid, c.t, c.lk, c.util, COALESCE(sw.weight, 0) >= ${context.num(WEIGHT.strong)} AS swept, c.t - LAG(c.t) OVER (PARTITION BY r.g, r.run ORDER BY c.dpos) AS gap
FROM ${runs} AS r JOIN bc_c AS c ON c.rid = r.rid LEFT JOIN ${swept} AS sw ON sw.rid = r.rid`,
    true,
  );
  const med = median(context, `${name}_med`, `SELECT g, run, gap FROM ${name}_m`);
  return context.cte(
    name,
    `SELECT a.*, m.med FROM (SELECT g, run, COUNT(*) AS m, MIN(t) AS t0, MAX(t) AS t1, COUNT(DISTINCT lk) AS links, MAX(CASE WHEN util THEN 1 ELSE 0 END) AS footer,
    MIN(CASE WHEN swept THEN 1 ELSE 0 END) AS all_swept, string_agg(CAST(lk AS ${d.textType}), ' ' ORDER BY lk) AS lkey
  FROM ${name}_m GROUP BY g, run) AS a
LEFT JOIN ${med} AS m ON m.g = a.g AND m.run = a.run`,
    true,
  );
}

/** core/rules/signs medianGap per run of `gaps` (g, run, gap): the upper middle of its gaps. */
function median(context: SqlContext, name: string, gaps: string): string {
  return context.cte(
    name,
    `SELECT g, run, gap AS med FROM (SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.g, x.run ORDER BY x.gap) AS k, COUNT(*) OVER (PARTITION BY x.g, x.run) AS n
  FROM (${gaps}) AS x WHERE x.gap IS NOT NULL) AS y
WHERE k = FLOOR(n / 2) + 1`,
  );
}
