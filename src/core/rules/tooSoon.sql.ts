import { WEIGHT } from '../evidence';
import { CERTAIN, type SqlRule } from '../sql/context';
import { anotherClient } from '../sql/network';
import { EARLY_RUN_FACTOR } from '../windows';

/**
 * core/rules/tooSoon. The early visit (core/rules/context earlyVisit) is the copy's clicks from its
 * first click at or after the reference on, up to the first that is more than the visit gap after
 * the one before or on a link the visit has had (a repeat aside).
 */
export const tooSoonSql: SqlRule = {
  name: 'tooSoon',
  findings(context) {
    const { w, settings } = context;
    if (!settings.tooSoon) return { skipped: 'switched off' };
    const num = (value: number) => context.num(value);
    const within = `${EARLY_RUN_FACTOR} * c.soon_ms`;
    context.cte(
      'bc_soon0',
      `SELECT c.*, c.t - c.ref + c.half AS delay, c.t - LAG(c.t) OVER (PARTITION BY c.g ORDER BY c.pos) AS gap,
  LAG(c.lk) OVER (PARTITION BY c.g ORDER BY c.pos) AS prev_lk, LAG(c.aid) OVER (PARTITION BY c.g ORDER BY c.pos) AS prev_aid,
  LAG(c.nid) OVER (PARTITION BY c.g ORDER BY c.pos) AS prev_nid,
  MIN(CASE WHEN c.t - c.ref + c.half >= 0 THEN c.pos END) OVER (PARTITION BY c.g) AS s_pos
FROM bc_c AS c WHERE c.first_t - c.ref + c.half < ${within}`,
    );
    // core waveFetchOnly: where the wave found the visit's first click, the visit ends at the first
    // click the wave left to the recipient.
    context.cte(
      'bc_soon1',
      `SELECT c.*,
  MIN(CASE WHEN c.pos > c.s_pos AND (c.gap > c.visit_ms OR ${anotherClient('c.aid', 'c.nid', 'c.prev_aid', 'c.prev_nid')} OR (c.plink_pos >= c.s_pos AND NOT (c.prev_lk = c.lk AND c.gap <= c.rep_ms))) THEN c.pos END) OVER (PARTITION BY c.g) AS e_pos,
  MAX(CASE WHEN c.pos = c.s_pos THEN c.delay END) OVER (PARTITION BY c.g) AS s_delay,
  MAX(CASE WHEN c.pos = c.s_pos AND c.by_wave THEN 1 ELSE 0 END) OVER (PARTITION BY c.g) AS s_wave,
  MIN(CASE WHEN c.pos > c.s_pos AND NOT c.by_wave THEN c.pos END) OVER (PARTITION BY c.g) AS left_pos
FROM (SELECT c.*, COALESCE(wv.weight >= ${CERTAIN}, FALSE) AS by_wave FROM bc_soon0 AS c LEFT JOIN ${context.weights('wave')} AS wv ON wv.rid = c.rid) AS c`,
    );
    context.cte(
      'bc_soon2',
      `SELECT c.* FROM bc_soon1 AS c WHERE c.s_delay < ${within} AND c.pos >= c.s_pos AND (c.e_pos IS NULL OR c.pos < c.e_pos) AND (c.s_wave = 0 OR c.left_pos IS NULL OR c.pos < c.left_pos)`,
    );
    context.cte('bc_soon3', `SELECT g, COUNT(DISTINCT lk) AS links, MAX(delay) AS last_delay FROM bc_soon2 GROUP BY g`);
    const since = w.since('c.rkind');
    const tolerance = 'c.res + 1000';
    // A click of the early visit may be early itself too: its strongest finding counts, the visit's at equal weight.
    return context.strongest(
      'bc_too_soon',
      `SELECT c.rid, CASE WHEN c.rkind <> 'estimated send' OR (c.borne AND (v.links >= 3 OR v.last_delay - c.half <= c.soon_stamp_ms)) THEN ${num(WEIGHT.certain)} ELSE ${num(WEIGHT.strong)} END AS weight,
  ${w.plural('v.links', 'link')} || ' within ' || ${w.duration('v.last_delay')} || ' of ' || ${since} AS reason, 1 AS ord
FROM bc_soon2 AS c JOIN bc_soon3 AS v ON v.g = c.g WHERE v.links >= 2
UNION ALL
SELECT c.rid, CASE WHEN c.delay < -(${tolerance}) THEN ${num(WEIGHT.certain)} WHEN c.rkind = 'estimated send' THEN ${num(WEIGHT.faint)} ELSE ${num(WEIGHT.soon)} END AS weight,
  CASE WHEN c.delay < -(${tolerance}) THEN ${w.duration('c.delay')} || ' before ' || ${since} ELSE ${w.duration('GREATEST(0, c.delay)')} || ' after ' || ${since} END AS reason, 2 AS ord
FROM bc_soon0 AS c WHERE c.delay - c.half < c.soon_stamp_ms AND NOT (c.delay < -(${tolerance}) AND c.rkind = 'estimated send')`,
    );
  },
};
