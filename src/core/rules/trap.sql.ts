import { WEIGHT } from '../evidence';
import type { SqlRule } from '../sql/context';

/** core/rules/trap: a trap-link click, and the copy's clicks within the trap window of one. */
export const trapSql: SqlRule = {
  name: 'trap',
  findings(context) {
    const { d, w, settings } = context;
    if (!settings.trap) return { skipped: 'switched off' };
    if (settings.trapLinks.length === 0) return { skipped: 'no trap links given' };
    // As core/rules/trap compares them: lower case, without the scheme and trailing slashes.
    const comparable = d.replaceAll(d.replaceAll('LOWER(TRIM(r.link))', '^https?://', ''), '/+$', '');
    const traps = settings.trapLinks.map((link) => link.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, ''));
    const hit = `COALESCE(${traps.map((trap) => `strpos(${comparable}, ${d.text(trap)}) = 1`).join(' OR ')}, FALSE)`;
    context.cte('bc_trap0', `SELECT c.rid, c.g, c.t, ${hit} AS hit FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid`);
    return context.cte(
      'bc_trap',
      `SELECT rid, ${context.num(WEIGHT.certain)} AS weight, CASE WHEN hit THEN 'clicked a trap link' ELSE ${w.duration('near')} || ' from a trap-link click' END AS reason
FROM (SELECT a.rid, a.hit, MIN(ABS(a.t - h.t)) AS near FROM bc_trap0 AS a JOIN bc_trap0 AS h ON h.g = a.g AND h.hit GROUP BY a.rid, a.hit) AS x
CROSS JOIN bc_k AS k
WHERE hit OR near <= (CASE WHEN k.res > 1 THEN CEIL(${context.num(settings.trapWindowSeconds * 1000)} / k.res) * k.res ELSE ${context.num(settings.trapWindowSeconds * 1000)} END)`,
    );
  },
};
