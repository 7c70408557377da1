import { WEIGHT } from '../evidence';
import type { SqlRule } from '../sql/context';
import { anotherClient, networkOf } from '../sql/network';

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
    // Each copy's first click (when timed) and the clicks stamped with its time, with their traits
    // and whether the visit from each on holds only its link (core oneLinkVisit).
    const another = (a: string, b: string) => anotherClient(`${a}.aid`, `${a}.nid`, `${b}.aid`, `${b}.nid`);
    context.cte(
      'bc_wave_t',
      `SELECT c.g, c.pos, c.t, c.lk, c.aid, c.nid, COALESCE(l.elink, '') AS elink,
  ${withAgent ? "COALESCE(r.agent, '')" : "''"} AS agent, ${withNetwork ? `CASE WHEN r.ip IS NULL THEN '' ELSE ${networkOf(d, 'r.ip')} END` : "''"} AS net,
  NOT COALESCE((SELECT ${d.boolOr(`n.t - c.t <= n.visit_ms AND n.lk <> c.lk AND NOT ${another('c', 'n')}`)} FROM bc_c AS n WHERE n.g = c.g AND n.pos > c.pos), FALSE) AS one_link
FROM bc_c AS c JOIN bc_copies AS p ON p.g = c.g JOIN bc_raw AS r ON r.rid = c.rid LEFT JOIN bc_clinks AS l ON l.cmp = p.cmp AND l.link = r.link
WHERE c.t = c.first_t`,
      true,
    );
    context.cte(
      'bc_wave_f',
      `SELECT t.*, c.ref, c.rkind, c.send, c.dend, c.pace_shown, p.cmp, o.dom, o.free
FROM bc_wave_t AS t JOIN bc_c AS c ON c.g = t.g AND c.pos = 1 JOIN bc_copies AS p ON p.g = t.g JOIN bc_dom AS o ON o.g = t.g
WHERE t.pos = 1`,
    );
    // Buckets: per campaign, the company domain (isnet 0) and the IP network (isnet 1) of each copy.
    const buckets = [`SELECT f.*, 0 AS isnet, f.dom AS label FROM bc_wave_f AS f WHERE f.dom IS NOT NULL AND NOT f.free`];
    if (withNetwork) buckets.push(`SELECT f.*, 1 AS isnet, f.net AS label FROM bc_wave_f AS f WHERE f.net <> ''`);
    // A bucket's number b only names it: its first copy's number (one bucket per copy and kind),
    // doubled, plus the kind. A window within the buckets, not one over all of them as a rank would
    // be (at 10M clicks the stage with that rank needed more than DuckDB's 840 MiB share).
    context.cte(
      'bc_wave_b',
      `SELECT x.*, 2 * MIN(x.g) OVER (PARTITION BY x.cmp, x.isnet, x.label) + x.isnet AS b, ROW_NUMBER() OVER (PARTITION BY x.cmp, x.isnet, x.label ORDER BY x.t, x.g) AS seq,
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
    // core withWaveLink: where a chain's first clicks share their stamp with others (finer than
    // minutes), the link most of its copies have among them stands for each copy that has it.
    context.cte(
      'bc_wave_w',
      `SELECT b, chain, elink FROM (
  SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.b, x.chain ORDER BY x.n DESC, x.o) AS pick, MAX(x.last_pos) OVER (PARTITION BY x.b, x.chain) AS tied
  FROM (SELECT f.b, f.chain, t.elink, COUNT(DISTINCT f.g) AS n, MIN(f.seq * 1000000 + t.pos) AS o, MAX(t.pos) AS last_pos
    FROM bc_wave_c AS f JOIN bc_wave_ch AS h ON h.b = f.b AND h.chain = f.chain JOIN bc_wave_t AS t ON t.g = f.g WHERE f.pace_shown GROUP BY f.b, f.chain, t.elink) AS x) AS y
WHERE pick = 1 AND tied > 1`,
    );
    context.cte(
      'bc_wave_l',
      `SELECT f.b, f.chain, f.seq, f.g, f.t, COALESCE(t.pos, f.pos) AS pos, COALESCE(t.lk, f.lk) AS lk, COALESCE(t.aid, f.aid) AS aid, COALESCE(t.nid, f.nid) AS nid,
  COALESCE(t.elink, f.elink) AS elink, COALESCE(t.agent, f.agent) AS agent, COALESCE(t.net, f.net) AS net, COALESCE(t.one_link, f.one_link) AS one_link
FROM bc_wave_c AS f JOIN bc_wave_ch AS h ON h.b = f.b AND h.chain = f.chain
LEFT JOIN bc_wave_w AS wl ON wl.b = f.b AND wl.chain = f.chain AND wl.elink <> f.elink
LEFT JOIN (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.g, t.elink ORDER BY t.pos) AS k FROM bc_wave_t AS t) AS t ON t.g = f.g AND t.elink = wl.elink AND t.k = 1`,
      true,
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
  FROM (SELECT f.b, f.chain, f.${trait} AS v, COUNT(*) AS n, MIN(f.seq) AS s FROM bc_wave_l AS f${joins(k)}
    WHERE TRUE${member(k)} GROUP BY f.b, f.chain, f.${trait}) AS x) AS y
WHERE pick = 1`,
      );
    });
    const all = traits.length;
    const sameFetch = traits.slice(0, fetched).map((_, j) => `a${j}.dom`).join(' AND ');
    const twinsFrom = withNetwork ? `a${fetched}.dom OR h.early` : 'h.early';
    // Per chain: its members, and whether it is a wave on its own; the bucket's first such wave with
    // a link of its own gives the link a later tight chain echoes.
    // core linksOfGateways: without a common link, the links each first fetched in enough copies
    // (a gateway's each); copies fetched in no common way whose first visit holds one other link are
    // readers' (core reader).
    context.cte(
      'bc_wave_gl',
      `SELECT x.b, x.chain, x.elink FROM (SELECT b, chain, elink, COUNT(DISTINCT g) AS n FROM bc_wave_l GROUP BY b, chain, elink) AS x
JOIN (SELECT b, chain, COUNT(DISTINCT g) AS n FROM bc_wave_l GROUP BY b, chain) AS a ON a.b = x.b AND a.chain = x.chain
WHERE x.n >= ${num(settings.waveMinRecipients)} AND x.n >= ${num(1 - DOMINANT_SHARE)} * a.n`,
    );
    const unalike = traits.map((_, j) => `NOT a${j}.dom`).join(' AND ');
    context.cte(
      'bc_wave_m',
      // Without a common fetch, a copy's member is its own first click (not one stamped with it).
      `SELECT f.b, f.chain, f.g, f.t, f.pos, f.lk, f.aid, f.nid, f.net, f.one_link FROM bc_wave_l AS f${joins(all)}
LEFT JOIN bc_wave_gl AS gl ON gl.b = f.b AND gl.chain = f.chain AND gl.elink = f.elink
WHERE TRUE${member(all)} AND (${sameFetch} OR (f.pos = 1 AND NOT (${unalike} AND gl.elink IS NULL AND f.one_link)))`,
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
    // core otherNodes: a copy of the chain fetched alike (link and agent) from another network, its
    // visit holding that one link, is the wave's when that network shows at no other click of the
    // bucket's copies outside the chain's first clicks.
    const alike = traits
      .slice(0, fetched)
      .map((trait, j) => ` AND f.${trait} = a${j}.v`)
      .join('');
    const aliases = traits.slice(0, fetched).map((_, j) => `JOIN bc_wave_a${j} AS a${j} ON a${j}.b = q.b AND a${j}.chain = q.chain`).join(' ');
    const members = ['SELECT m.* FROM bc_wave_m AS m JOIN bc_wave_q AS q ON q.b = m.b AND q.chain = m.chain'];
    if (withNetwork) {
      members.push(`SELECT f.b, f.chain, f.g, f.t, f.pos, f.lk, f.aid, f.nid, f.net, f.one_link FROM bc_wave_q AS q ${aliases}
JOIN bc_wave_l AS f ON f.b = q.b AND f.chain = q.chain${alike}
WHERE q.same_fetch AND f.one_link AND NOT EXISTS (SELECT 1 FROM bc_wave_m AS m WHERE m.b = f.b AND m.chain = f.chain AND m.g = f.g)
  AND NOT EXISTS (SELECT 1 FROM bc_wave_c AS o JOIN bc_c AS n ON n.g = o.g
    WHERE o.b = f.b AND n.nid = f.nid AND NOT EXISTS (SELECT 1 FROM bc_wave_l AS x WHERE x.b = f.b AND x.chain = f.chain AND x.g = n.g AND x.pos = n.pos))`);
    }
    context.cte('bc_wave_mem', members.join('\nUNION ALL\n'), true);
    // Copies greylisted and fetched alike within the hour after the wave: from one of its networks,
    // or (a gateway fetching one link per copy) a first visit of that link alone.
    const fromNetwork = withNetwork ? `EXISTS (SELECT 1 FROM bc_wave_mem AS n WHERE n.b = q.b AND n.chain = q.chain AND n.net = f.net) OR ` : '';
    context.cte(
      'bc_wave_grey',
      `SELECT q.b, q.chain, f.g, f.t, f.pos, f.lk, f.aid, f.nid FROM bc_wave_q AS q
JOIN (SELECT b, chain, COUNT(*) AS n, SUM(CASE WHEN one_link THEN 1 ELSE 0 END) AS one_links FROM bc_wave_mem GROUP BY b, chain) AS o ON o.b = q.b AND o.chain = q.chain
${aliases}
JOIN bc_wave_c AS f ON f.b = q.b AND f.chain <> q.chain AND f.t <= q.t1 + ${num(GREYLIST_MS)}${alike}
WHERE q.same_fetch AND (${fromNetwork}(o.one_links >= ${num(DOMINANT_SHARE)} * o.n AND f.one_link))`,
    );
    context.cte(
      'bc_wave_all',
      `SELECT x.*, COUNT(*) OVER (PARTITION BY x.b, x.chain) AS total FROM (
  SELECT b, chain, g, t, pos, lk, aid, nid FROM bc_wave_mem
  UNION ALL SELECT b, chain, g, t, pos, lk, aid, nid FROM bc_wave_grey) AS x`,
    );
    // core refetches: a gateway that fetched most copies' link once leaves a repeat in a later minute
    // to the recipient; one that fetched it twice in most (more than 1 - DOMINANT_SHARE) keeps it.
    context.cte(
      'bc_wave_rf',
      `SELECT a.b, a.chain, SUM(CASE WHEN EXISTS (SELECT 1 FROM bc_c AS n WHERE n.g = a.g AND n.pos > a.pos AND n.t - a.t <= n.rep_ms AND n.lk = a.lk AND NOT ${another('a', 'n')}) THEN 1 ELSE 0 END)
  > ${num(1 - DOMINANT_SHARE)} * COUNT(*) AS refetch
FROM bc_wave_all AS a GROUP BY a.b, a.chain`,
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
JOIN bc_c AS c ON c.g = a.g JOIN bc_wave_rf AS rf ON rf.b = a.b AND rf.chain = a.chain
WHERE c.t >= a.t AND NOT ${another('a', 'c')}
  AND (c.t - a.t <= CASE WHEN c.pace_shown THEN c.rep_ms ELSE 0 END OR (c.t - a.t <= CASE WHEN c.pace_shown OR rf.refetch THEN c.rep_ms ELSE 0 END AND c.lk = a.lk))`,
    );
  },
};
