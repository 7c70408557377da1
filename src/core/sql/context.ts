import type { RuleName } from '../rules';
import { QUICK_MS } from '../rules/context';
import type { Settings } from '../settings';
import type { Role } from '../types';
import type { Dialect } from './dialect';
import { SqlWords } from './words';

/**
 * What a rule's SQL is written against. The CTE `bc_c` holds the judged clicks (a click with a
 * recipient), one row each, numbers mostly (windows sort numbers far faster than texts), with:
 * - rid: the input row; g: the copy (campaign and recipient, see bc_copies), the partition of every window
 * - pos: the click's place in its copy in time order (untimed last), gsize: the copy's clicks
 * - t: epoch ms or NULL; lk: the link's number (bc_links lid), 0 when blank; aid, nid: the numbers of
 *   its browser and network (NULL when blank or without the column: sql/network anotherClient)
 * - dpos: the place among the copy's distinct clicks (timed, repeats folded), NULL for a repeat;
 *   root: the rid a repeat was folded into; plink_pos: pos of the copy's previous click on this link
 * - twin: another click on this link within the repeat window
 * - util (an unsubscribe or view-online link), fam (the number of a poll family, or NULL)
 * - ref, rkind: the copy's delivery or send time and what it is; first_t: the copy's first click
 * - send, ssrc, dend, borne, lcount: the campaign's send time and its source, delivery end,
 *   whether an estimated send is borne out, and its links
 * - res, half (res / 2), rep_ms, visit_ms, soon_ms, soon_stamp_ms, pace_shown: the constants
 * The texts are in `bc_raw` by rid (cmp, rcp, link, agent, ip, flag, ovr); `bc_copies` names each
 * copy (g, cmp, rcp) and `bc_dom` gives its recipient's domain (dom, free: a freemail domain).
 */
export class SqlContext {
  readonly w: SqlWords;
  readonly ctes: Cte[] = [];
  /** The findings CTE of each rule that ran so far. */
  readonly found = new Map<RuleName, string>();

  constructor(
    readonly d: Dialect,
    readonly settings: Settings,
    /** The roles the user mapped to columns. */
    readonly roles: ReadonlySet<Role>,
  ) {
    this.w = new SqlWords(d);
  }

  /** Adds a CTE; one read more than once is computed once where the dialect can say so (DuckDB otherwise inlines it per reference). */
  cte(name: string, body: string, materialized = false): string {
    this.ctes.push({ name, body, materialized, recursive: false });
    return name;
  }

  /** Has the CTE `name` computed once (see cte). */
  materialize(name: string): void {
    const cte = this.ctes.find((c) => c.name === name);
    if (cte && !cte.recursive) cte.materialized = true;
  }

  /**
   * Adds a CTE that reads itself (an anchor, UNION ALL, a step joining the CTE once): the query
   * becomes WITH RECURSIVE. It is never computed apart, so a CTE reading it carries it.
   */
  recursiveCte(name: string, body: string): string {
    this.ctes.push({ name, body, materialized: false, recursive: true });
    return name;
  }

  /**
   * (rid, score): per click, the sum of the strongest findings of the given rules that ran before,
   * as core/evidence Findings.score reads them.
   */
  score(reads: readonly RuleName[]): string {
    const parts = reads.filter((name) => this.found.has(name)).map((name) => `SELECT rid, MAX(weight) AS weight FROM ${this.found.get(name)} GROUP BY rid`);
    if (parts.length === 0) return `(SELECT rid, ${this.num(0)} AS score FROM bc_c WHERE FALSE)`;
    return `(SELECT rid, SUM(weight) AS score FROM (${parts.join(' UNION ALL ')}) AS f GROUP BY rid)`;
  }

  /**
   * A findings CTE from rows (rid, weight, reason, ord) that may name a click more than once: per
   * click the strongest, the lowest ord at equal weight, as core/evidence Findings.add keeps it.
   */
  strongest(name: string, body: string): string {
    return this.cte(
      name,
      `SELECT rid, weight, reason FROM (SELECT f.*, ROW_NUMBER() OVER (PARTITION BY f.rid ORDER BY f.weight DESC, f.ord) AS k FROM (\n${body}\n) AS f) AS x WHERE k = 1`,
    );
  }

  /** (rid, weight): one rule's findings (as core/evidence Findings.weight reads them), none if it did not run. */
  weights(rule: RuleName): string {
    const found = this.found.get(rule);
    return found === undefined ? `(SELECT rid, ${this.num(0)} AS weight FROM bc_c WHERE FALSE)` : `(SELECT rid, weight FROM ${found})`;
  }

  /**
   * (g, run, rid, t): core/rules/context quickRuns of every copy's distinct clicks, runs of two or
   * more each within QUICK_MS of the one before; made once for the rules that read them.
   */
  quickRuns(): string {
    if (this.ctes.some((cte) => cte.name === 'bc_quick')) return 'bc_quick';
    return this.cte(
      'bc_quick',
      `SELECT g, run, rid, t FROM (SELECT x.*, COUNT(*) OVER (PARTITION BY x.g, x.run) AS n
  FROM (SELECT y.*, SUM(CASE WHEN y.gap IS NULL OR y.gap >= ${QUICK_MS} THEN 1 ELSE 0 END) OVER (PARTITION BY y.g ORDER BY y.dpos ROWS UNBOUNDED PRECEDING) AS run
    FROM (SELECT g, rid, dpos, t, t - LAG(t) OVER (PARTITION BY g ORDER BY dpos) AS gap FROM bc_c WHERE dpos IS NOT NULL) AS y) AS x) AS z
WHERE n >= 2`,
      true,
    );
  }

  /**
   * Where a stage may be run a share of the clicks at a time (see SqlQueryOptions.slices): `rid`
   * is the row number of the table read there, and `keyword` WHERE or AND as the clause needs. A
   * comment in the SQL; the staged form puts each share's filter in its place.
   */
  slice(keyword: 'WHERE' | 'AND', rid: string): string {
    return `/*slice ${keyword} ${rid}*/`;
  }

  /** A setting's number as a double literal. */
  num(value: number): string {
    return this.d.num(value);
  }
}

/** One CTE of the query; one computed once (materialized) is a table of its own in the staged form. */
export interface Cte {
  name: string;
  body: string;
  materialized: boolean;
  /** It reads itself: the WITH that holds it is WITH RECURSIVE. */
  recursive: boolean;
}

/** A rule's SQL: the CTEs it adds, ending in its findings, one (rid, weight, reason) row per click at most; or why it cannot run. */
export interface SqlRule {
  name: RuleName;
  /** The rule's setting switch is on and its columns are there: returns its findings CTE, or a reason it did not run. */
  findings(context: SqlContext): string | { skipped: string };
}

const SLICE = /\/\*slice (WHERE|AND) ([\w.]+)\*\//g;

/** The SQL with each slice marker replaced by share `k` of `count`, or removed when there is one share. */
export function sliced(sql: string, k: number, count: number): string {
  return sql.replace(SLICE, (_, keyword: string, rid: string) => (count <= 1 ? '' : ` ${keyword} ${rid} % ${count} = ${k}`));
}

/** Clicks this close to weight 1 are certain, as in core/evidence. */
export const CERTAIN = 1 - 1e-6;
