import { WEIGHT } from '../evidence';
import type { SqlRule } from '../sql/context';
import { networkOf } from '../sql/network';

/** The share of a chain that makes one link, agent or network its own (core/rules/wave DOMINANT_SHARE). */
const DOMINANT_SHARE = 0.6;
/** How long after a wave a greylisted copy still arrives and is scanned on the wave's link. */
const GREYLIST_MS = 3_600_000;

/**
 * core/rules/wave. Each copy's first click goes in its campaign's bucket of its company domain and
 * of its IP network; first clicks a wave window apart (or while the campaign is delivered) chain;
 * a chain's members are those sharing its dominant link, then agent, then network (core alike); a
 * chain that is a wave (enough members, or twins fetched alike, holding its share of the bucket or
 * echoing the bucket's first wave's link) flags its members' fetch, with copies greylisted and
 * fetched alike within the hour. A click in two waves keeps the domain's, then the first chain's.
 */
export const waveSql: SqlRule = {
  name: 'wave',
  findings(context) {
    const { d, w, settings, roles } = context;
    if (!settings.wave) return { skipped: 'switched off' };
    const num = (value: number) => context.num(value);
    const withAgent = roles.has('userAgent');
    const withNetwork = roles.has('ip');
    // The traits a gateway repeats from copy to copy, in core alike's order: what was fetched, then from where.
    const traits = ['elink', ...(withAgent ? ['agent'] : []), ...(withNetwork ? ['net'] : [])];
    const fetched = withNetwork ? traits.length - 1 : traits.length;
    // Each copy's first click (when timed), with its traits and whether its first visit holds only that link.
    context.cte(
      'bc_wave_f',
      `SELECT c.g, c.t, c.lk, c.ref, c.rkind, c.send, c.dend, p.cmp, o.dom, o.free, COALESCE(l.elink, '') AS elink,
  ${withAgent ? "COALESCE(r.agent, '')" : "''"} AS agent, ${withNetwork ? `CASE WHEN r.ip IS NULL THEN '' ELSE ${networkOf(d, 'r.ip')} END` : "''"} AS net,
  NOT COALESCE(v.other, FALSE) AS one_link
FROM bc_c AS c JOIN bc_copies AS p ON p.g = c.g JOIN bc_dom AS o ON o.g = c.g JOIN bc_raw AS r ON r.rid = c.rid
LEFT JOIN bc_clinks AS l ON l.cmp = p.cmp AND l.link = r.link
LEFT JOIN (SELECT n.g, ${d.boolOr('n.pos > 1 AND n.t - n.first_t <= n.visit_ms AND n.lk <> f.lk')} AS other
  FROM bc_c AS n JOIN bc_c AS f ON f.g = n.g AND f.pos = 1 GROUP BY n.g) AS v ON v.g = c.g
WHERE c.pos = 1 AND c.t IS NOT NULL`,
      true,
    );
    // Buckets: per campaign, the company domain (isnet 0) and the IP network (isnet 1) of each copy.
    const buckets = [`SELECT f.*, 0 AS isnet, f.dom AS label FROM bc_wave_f AS f WHERE f.dom IS NOT NULL AND NOT f.free`];
    if (withNetwork) buckets.push(`SELECT f.*, 1 AS isnet, f.net AS label FROM bc_wave_f AS f WHERE f.net <> ''`);
    context.cte(
      'bc_wave_b',
      `SELECT x.*, DENSE_RANK() OVER (ORDER BY x.cmp, x.isnet, x.label) AS b, ROW_NUMBER() OVER (PARTITION BY x.cmp, x.isnet, x.label ORDER BY x.t, x.g) AS seq,
  COUNT(*) OVER (PARTITION BY x.cmp, x.isnet, x.label) AS nb
FROM (${buckets.join(' UNION ALL ')}) AS x`,
    );
    // Chains: first clicks no more than the wave window apart, or while the campaign is being delivered.
    context.cte(
      'bc_wave_c',
      `SELECT y.*, SUM(CASE WHEN y.prev_t IS NOT NULL AND (y.t - y.prev_t <= k.wave_gap OR COALESCE(y.t <= GREATEST(y.dend, y.send) + k.wave_gap, FALSE)) THEN 0 ELSE 1 END)
    OVER (PARTITION BY y.b ORDER BY y.seq ROWS UNBOUNDED PRECEDING) AS chain
FROM (SELECT x.*, LAG(x.t) OVER (PARTITION BY x.b ORDER BY x.seq) AS prev_t FROM bc_wave_b AS x WHERE x.nb >= 2) AS y CROSS JOIN bc_k AS k`,
      true,
    );
    context.cte(
      'bc_wave_ch',
      `SELECT x.* FROM (SELECT c.b, c.chain, MAX(c.nb) AS nb, COUNT(*) AS clen, MIN(c.t) AS t0, MAX(c.t) AS t1,
    COALESCE(MIN(c.t) - MAX(c.send) <= MAX(k.first_wave_ms), FALSE) AS early, MAX(c.t) - MIN(c.t) <= MAX(k.wave_tight) AS tight
  FROM bc_wave_c AS c CROSS JOIN bc_k AS k GROUP BY c.b, c.chain) AS x
WHERE x.clen >= 2 AND (x.tight OR x.early)`,
    );
    // core alike, trait by trait: the value most members share (the earliest at equal counts) is
    // the chain's own when it holds DOMINANT_SHARE of them, and only its holders stay members.
    const member = (upTo: number) =>
      traits
        .slice(0, upTo)
        .map((trait, j) => ` AND (NOT a${j}.dom OR f.${trait} = a${j}.v)`)
        .join('');
    const joins = (upTo: number) => traits
      .slice(0, upTo)
      .map((_, j) => ` JOIN bc_wave_a${j} AS a${j} ON a${j}.b = f.b AND a${j}.chain = f.chain`)
      .join('');
    traits.forEach((trait, k) => {
      context.cte(
        `bc_wave_a${k}`,
        `SELECT b, chain, v, n >= ${num(DOMINANT_SHARE)} * m AS dom, m FROM (
  SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.b, x.chain ORDER BY x.n DESC, x.s) AS pick, SUM(x.n) OVER (PARTITION BY x.b, x.chain) AS m
  FROM (SELECT f.b, f.chain, f.${trait} AS v, COUNT(*) AS n, MIN(f.seq) AS s FROM bc_wave_c AS f JOIN bc_wave_ch AS h ON h.b = f.b AND h.chain = f.chain${joins(k)}
    WHERE TRUE${member(k)} GROUP BY f.b, f.chain, f.${trait}) AS x) AS y
WHERE pick = 1`,
      );
    });
    const all = traits.length;
    const sameFetch = traits.slice(0, fetched).map((_, j) => `a${j}.dom`).join(' AND ');
    const twinsFrom = withNetwork ? `a${fetched}.dom OR h.early` : 'h.early';
    // Per chain: its members, and whether it is a wave on its own; the bucket's first such wave with
    // a link of its own gives the link a later tight chain echoes.
    context.cte(
      'bc_wave_m',
      `SELECT f.b, f.chain, f.g, f.t, f.net, f.one_link FROM bc_wave_c AS f${joins(all)} WHERE TRUE${member(all)}`,
    );
    context.cte(
      'bc_wave_q0',
      `SELECT h.*, a0.v AS link0, a0.dom AS has_link, ${sameFetch} AS same_fetch, mm.m,
  (mm.m >= ${num(settings.waveMinRecipients)} OR (mm.m >= 2 AND h.tight AND ${sameFetch} AND (${twinsFrom}))) AS enough
FROM bc_wave_ch AS h${traits.map((_, j) => ` JOIN bc_wave_a${j} AS a${j} ON a${j}.b = h.b AND a${j}.chain = h.chain`).join('')}
JOIN (SELECT b, chain, COUNT(*) AS m FROM bc_wave_m GROUP BY b, chain) AS mm ON mm.b = h.b AND mm.chain = h.chain`,
    );
    context.cte(
      'bc_wave_q',
      `SELECT q.* FROM bc_wave_q0 AS q
LEFT JOIN (SELECT b, MIN(chain) AS chain FROM bc_wave_q0 WHERE enough AND clen >= ${num(settings.waveMinShare)} * nb AND has_link GROUP BY b) AS fw ON fw.b = q.b
LEFT JOIN bc_wave_q0 AS l ON l.b = fw.b AND l.chain = fw.chain
WHERE q.enough AND (q.clen >= ${num(settings.waveMinShare)} * q.nb OR (q.tight AND q.has_link AND q.chain > fw.chain AND q.link0 = l.link0))`,
      true,
    );
    // Copies greylisted and fetched alike within the hour after the wave: from one of its networks,
    // or (a gateway fetching one link per copy) a first visit of that link alone.
    const alike = traits
      .slice(0, fetched)
      .map((trait, j) => ` AND f.${trait} = a${j}.v`)
      .join('');
    const fromNetwork = withNetwork ? `EXISTS (SELECT 1 FROM bc_wave_m AS n WHERE n.b = q.b AND n.chain = q.chain AND n.net = f.net) OR ` : '';
    context.cte(
      'bc_wave_grey',
      `SELECT q.b, q.chain, f.g, f.t FROM bc_wave_q AS q
JOIN (SELECT b, chain, SUM(CASE WHEN one_link THEN 1 ELSE 0 END) AS one_links FROM bc_wave_m GROUP BY b, chain) AS o ON o.b = q.b AND o.chain = q.chain
${traits.slice(0, fetched).map((_, j) => `JOIN bc_wave_a${j} AS a${j} ON a${j}.b = q.b AND a${j}.chain = q.chain`).join(' ')}
JOIN bc_wave_c AS f ON f.b = q.b AND f.chain <> q.chain AND f.t <= q.t1 + ${num(GREYLIST_MS)}${alike}
WHERE q.same_fetch AND (${fromNetwork}(o.one_links >= ${num(DOMINANT_SHARE)} * q.m AND f.one_link))`,
    );
    context.cte(
      'bc_wave_all',
      `SELECT x.*, COUNT(*) OVER (PARTITION BY x.b, x.chain) AS total FROM (
  SELECT m.b, m.chain, m.g, m.t FROM bc_wave_m AS m JOIN bc_wave_q AS q ON q.b = m.b AND q.chain = m.chain
  UNION ALL SELECT b, chain, g, t FROM bc_wave_grey) AS x`,
    );
    const wave = `'one of ' || ${w.plural('a.total', 'recipient')} || ' at ' || lb.label || ' clicking within ' || ${w.duration('q.t1 - q.t0')}`;
    const after = '(a.t - c.ref)';
    // The wave's fetch of each member copy, repeated or followed by other links within seconds (in
    // whole minutes, only in the fetch's own minute).
    return context.strongest(
      'bc_wave',
      `SELECT c.rid, ${num(WEIGHT.certain)} AS weight,
  ${wave} || CASE WHEN c.ref IS NULL THEN ', together' ELSE ', ' || ${w.duration(`GREATEST(0, ${after})`)} || ' after ' || ${w.since('c.rkind')} END AS reason,
  lb.isnet * 1000000000 + a.chain AS ord
FROM bc_wave_all AS a JOIN bc_wave_q AS q ON q.b = a.b AND q.chain = a.chain
JOIN (SELECT DISTINCT b, isnet, label FROM bc_wave_b) AS lb ON lb.b = a.b
JOIN bc_wave_f AS f ON f.g = a.g JOIN bc_c AS c ON c.g = a.g
WHERE c.t - a.t <= CASE WHEN c.pace_shown THEN c.rep_ms ELSE 0 END OR (c.t - a.t <= c.rep_ms AND c.lk = f.lk)`,
    );
  },
};
