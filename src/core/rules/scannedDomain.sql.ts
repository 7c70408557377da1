import { WEIGHT } from '../evidence';
import { CERTAIN, type SqlRule } from '../sql/context';
import { networkOf } from '../sql/network';
import { duringDelivery } from '../sql/timing';
import { scannedDomain } from './scannedDomain';

/** The share of a domain's copies clicked in the first wave with a scan that shows its gateway scanning them all. */
const NEARLY_ALL = 0.75;

/**
 * core/rules/scannedDomain, per campaign and company domain (freemail aside): a domain whose gateway
 * certainly scanned enough of its copies weighs its other early or quick clicks; with agent and IP
 * columns, early or quick clicks with the very browser and network of its scans are strong; in
 * whole minutes, the first links of a copy in the first wave that the gateway scanned nearly every
 * other copy of are certain. Networks as sql/network reads them.
 */
export const scannedDomainSql: SqlRule = {
  name: 'scannedDomain',
  findings(context) {
    const { d, w, settings } = context;
    if (!settings.scannedDomain) return { skipped: 'switched off' };
    const num = (value: number) => context.num(value);
    const quick = context.quickRuns();
    const during = duringDelivery('c');
    // Each click at a company domain with what the rule reads: the other rules' score, and the
    // findings of tooSoon, rapid and ipRange.
    context.cte(
      'bc_sd_c',
      `SELECT c.rid, c.g, c.t, c.first_t, c.send, k.first_wave_ms, k.pace_shown, o.cmp, o.dom,
  COALESCE(s.score, 0) AS score, COALESCE(s.score, 0) >= ${CERTAIN} AS certain, c.rkind IN ('delivery', 'send') AND COALESCE(ts.weight, 0) > 0 AS copy_soon,
  COALESCE(rp.weight, 0) AS rapid_w, COALESCE(ip.weight, 0) AS ip_w, ${during} AS during, q.rid IS NOT NULL AS in_quick
FROM bc_c AS c CROSS JOIN bc_k AS k JOIN bc_dom AS o ON o.g = c.g
LEFT JOIN ${context.score(scannedDomain.meta.reads)} AS s ON s.rid = c.rid
LEFT JOIN ${context.weights('tooSoon')} AS ts ON ts.rid = c.rid LEFT JOIN ${context.weights('rapid')} AS rp ON rp.rid = c.rid
LEFT JOIN ${context.weights('ipRange')} AS ip ON ip.rid = c.rid LEFT JOIN ${quick} AS q ON q.rid = c.rid
WHERE o.dom IS NOT NULL AND NOT o.free`,
      true,
    );
    // Per copy: scanned (a certain scan, or with its own delivery time a click within seconds), and in the first wave.
    context.cte(
      'bc_sd_g',
      `SELECT g, cmp, dom, ${d.boolOr('certain OR copy_soon')} AS scanned, ${d.boolOr(`COALESCE(first_t - send <= first_wave_ms, FALSE)`)} AS early FROM bc_sd_c GROUP BY g, cmp, dom`,
    );
    context.cte(
      'bc_sd_dom',
      `SELECT cmp, dom, scanned, members,
  scanned >= 2 AND scanned >= ${num(settings.scannedDomainShare)} * members AS scanning,
  early_scanned >= ${num(NEARLY_ALL)} * early AS scans_all
FROM (SELECT cmp, dom, COUNT(*) AS members, SUM(CASE WHEN scanned THEN 1 ELSE 0 END) AS scanned, SUM(CASE WHEN early THEN 1 ELSE 0 END) AS early,
  SUM(CASE WHEN early AND scanned THEN 1 ELSE 0 END) AS early_scanned FROM bc_sd_g GROUP BY cmp, dom) AS x`,
    );
    const gateway = `c.dom || ${d.text("'s gateway scanned ")} || ${w.int('m.scanned')} || ' of ' || ${w.int('m.members')} || ' copies'`;
    const parts: string[] = [];
    let lookAlike = `(SELECT rid, ${num(0)} AS weight FROM bc_c WHERE FALSE)`;
    if (context.roles.has('userAgent') && context.roles.has('ip')) {
      // The browser and network of a click, when it has both.
      context.cte('bc_sd_trait', `SELECT c.rid, c.cmp, c.dom, c.certain, r.agent, ${networkOf(d, 'r.ip')} AS net FROM bc_sd_c AS c JOIN bc_raw AS r ON r.rid = c.rid WHERE r.agent IS NOT NULL AND r.ip IS NOT NULL`);
      context.cte(
        'bc_sd_alike',
        `SELECT a.rid, ${num(WEIGHT.strong)} AS weight, 'same browser and network as ' || a.dom || ${d.text("'s gateway scans")} AS reason, 1 AS ord
FROM bc_sd_trait AS a JOIN bc_sd_c AS c ON c.rid = a.rid
JOIN (SELECT DISTINCT cmp, dom, agent, net FROM bc_sd_trait WHERE certain) AS s ON s.cmp = a.cmp AND s.dom = a.dom AND s.agent = a.agent AND s.net = a.net
WHERE NOT a.certain AND (c.during OR c.rapid_w > 0) AND c.ip_w = 0`,
      );
      parts.push('SELECT * FROM bc_sd_alike');
      lookAlike = '(SELECT rid, weight FROM bc_sd_alike)';
    }
    // In whole minutes, a gateway that scanned nearly every copy clicked in the first wave scanned
    // the rest too: a copy's first quick run there, stamped in one minute, is its scan.
    context.cte(
      'bc_sd_missing',
      `SELECT q.rid, ${num(WEIGHT.certain)} AS weight, ${w.plural('r.n', 'link')} || ' in the same minute; ' || m.dom || ${d.text("'s gateway scanned nearly every other copy")} AS reason, 2 AS ord
FROM bc_sd_g AS cg JOIN bc_sd_dom AS m ON m.cmp = cg.cmp AND m.dom = cg.dom CROSS JOIN bc_k AS k
JOIN (SELECT g, run, COUNT(*) AS n, MIN(t) AS first_t, ROW_NUMBER() OVER (PARTITION BY g ORDER BY run) AS k FROM ${quick} GROUP BY g, run) AS r ON r.g = cg.g AND r.k = 1
JOIN ${quick} AS q ON q.g = r.g AND q.run = r.run
JOIN (SELECT DISTINCT g, send FROM bc_sd_c) AS s ON s.g = cg.g
WHERE m.scanning AND m.scans_all AND NOT k.pace_shown AND NOT cg.scanned AND cg.early AND r.first_t - s.send <= k.first_wave_ms`,
    );
    parts.push('SELECT * FROM bc_sd_missing');
    // The domain's other clicks: certain in a quick run during delivery, strong after a strong rapid
    // finding, soon during delivery; a click these findings make certain already is left alone.
    parts.push(`SELECT c.rid, CASE WHEN c.during AND c.in_quick THEN ${num(WEIGHT.certain)} WHEN c.rapid_w >= ${num(WEIGHT.strong)} THEN ${num(WEIGHT.strong)} ELSE ${num(WEIGHT.soon)} END AS weight,
  ${gateway} AS reason, 3 AS ord
FROM bc_sd_c AS c JOIN bc_sd_dom AS m ON m.cmp = c.cmp AND m.dom = c.dom
LEFT JOIN ${lookAlike} AS a ON a.rid = c.rid LEFT JOIN bc_sd_missing AS x ON x.rid = c.rid
WHERE m.scanning AND x.rid IS NULL AND c.score + COALESCE(a.weight, 0) < ${CERTAIN}
  AND (c.during OR c.rapid_w >= ${num(WEIGHT.strong)})`);
    return context.strongest('bc_scanned_domain', parts.join('\nUNION ALL\n'));
  },
};
