import { DELIVERY_HEADER } from '../clicks';
import { OTHER_CHANNEL_WORDS, OTHER_CHANNELS } from '../events';
import { FREEMAIL_DOMAINS } from '../data/freemail';
import { UTILITY_LINK_PATTERN } from '../data/linkKinds';
import { BotclickError } from '../errors';
import { RULE_NAMES, RULES, TIMELESS_RULES } from '../rules';
import type { Settings } from '../settings';
import { parseTime } from '../time';
import { ROLES, type Role } from '../types';
import { CERTAIN, sliced, SqlContext, type Cte } from './context';
import { printable, ROW_COLUMN, tableName, type Dialect } from './dialect';
import { anotherClient, networkOf } from './network';
import { SQL_RULES } from './rules';

/** The table the staged form leaves the final rows in. */
export const FINAL_TABLE = 'bc_out';

export interface SqlQueryOptions {
  dialect: Dialect;
  /** The table or view holding the click events: `name` or `project.dataset.name`. */
  table: string;
  /** The column of each role, by name. recipient and time are needed. */
  columns: Partial<Record<Role, string>>;
  settings: Settings;
  /** The times' resolution when the caller knows it (the DuckDB engine read the text); else the data tells. */
  resolutionMs?: number;
  /** The header the sentAt column had in the export, when the table names it otherwise: it tells a delivery time from a send time. */
  sentAtHeader?: string;
  /** A column that numbers the rows already (the DuckDB engine loads them so); else the query numbers them. */
  rowColumn?: string;
  /**
   * 'table': every input column plus bot_click and why. 'verdicts': the clicks' row numbers, bot_click
   * and why, with what a summary needs (campaign, recipient, link, send, ssrc, time), in no order: a
   * reader orders them by the row number (the DuckDB engine keeps them as a table and streams them
   * sorted, so the table is not sorted once more as it is built). 'findings':
   * each rule's finding per click that the verdict weighs (row number, rule, weight, reason), to see
   * what one rule found.
   */
  output?: 'table' | 'verdicts' | 'findings';
  /**
   * The staged form runs the stages that hold every click's findings or verdicts at once (the
   * scores, the verdicts, the final rows) as this many statements, each over a share of the clicks:
   * a stage's working memory, which DuckDB keeps partly outside its memory limit, is then a share's.
   * 1 (the default) runs each stage whole.
   */
  slices?: number;
}

export interface SqlQuery {
  sql: string;
  /**
   * The same query as statements for an engine that keeps what it computes (the DuckDB engine):
   * each CTE computed once is a CREATE TABLE of its own, and the last statements leave the final
   * rows in the table FINAL_TABLE. A database on disk then holds (and compresses, and spills) every
   * stage, rather than one query holding them all in memory at once.
   */
  staged: string[];
  /** The rules that ran, and the ones that did not with why. */
  ran: string[];
  skipped: string[];
}


/**
 * The whole detector as one query: the input's rows normalised, grouped into copies with the
 * campaigns' facts, each rule's findings, and the verdict per row. Same settings, same verdicts as
 * the TypeScript core.
 */
export function sqlQuery(options: SqlQueryOptions): SqlQuery {
  const { dialect: d, settings } = options;
  const columns = checkedColumns(options.columns);
  const table = tableName(d, options.table);
  const context = new SqlContext(d, settings, new Set(Object.keys(columns) as Role[]));
  const input = options.rowColumn ? `SELECT t.*, t.${d.ident(options.rowColumn)} AS ${ROW_COLUMN} FROM ${table} AS t` : d.input(table);
  baseCtes(context, input, columns, options.resolutionMs, options.sentAtHeader ?? columns.sentAt, options.rowColumn);
  const ran: string[] = [];
  const skipped: string[] = [];
  const findings: string[] = [];
  // In the order detect runs them: a rule that reads others' findings comes after them.
  for (const { meta } of RULES) {
    const rule = SQL_RULES[meta.name];
    const found = rule ? rule.findings(context) : { skipped: 'not written in SQL yet' };
    if (typeof found === 'string') {
      context.found.set(meta.name, found);
      // The verdict and the rules that read it both read a rule's findings: computed once.
      context.materialize(found);
      findings.push(`SELECT rid, ${RULE_NAMES.indexOf(meta.name)} AS ri, weight, reason FROM ${found}`);
    } else skipped.push(`${meta.name} (${found.skipped})`);
  }
  ran.push(...RULE_NAMES.filter((name) => context.found.has(name)));
  verdictCtes(context, findings);
  const ruleName = `CASE f.ri ${RULE_NAMES.map((name, i) => `WHEN ${i} THEN '${name}'`).join(' ')} END`;
  const finals = {
    table: `SELECT ${d.inputColumns('i')}, v.bot_click, v.why\nFROM bc_in AS i LEFT JOIN bc_v AS v ON v.rid = i.${ROW_COLUMN}\nORDER BY i.${ROW_COLUMN}`,
    verdicts: `SELECT v.rid AS ${ROW_COLUMN}, v.bot_click, v.why, CASE WHEN c.rid IS NOT NULL THEN r.cmp END AS campaign, r.rcp AS recipient, CASE WHEN c.rid IS NOT NULL THEN r.link END AS link, c.send, c.ssrc, c.t AS time
FROM bc_v AS v JOIN bc_raw AS r ON r.rid = v.rid${context.slice('AND', 'r.rid')} LEFT JOIN bc_c AS c ON c.rid = v.rid${context.slice('AND', 'c.rid')}`,
    findings: `SELECT f.rid AS ${ROW_COLUMN}, ${ruleName} AS rule, f.weight, f.reason FROM bc_best AS f ORDER BY f.rid, f.ri`,
  };
  const final = finals[options.output ?? 'table'];
  const header = [
    `-- botclick ${d.name} query: every row of ${printable(options.table)} with bot_click (bot | human | unknown) and why.`,
    `-- Columns: ${(Object.entries(columns) as [Role, string][]).map(([role, name]) => `${role} = ${printable(name)}`).join(', ')}.`,
    `-- Rules run: ${ran.join(', ') || 'none'}.`,
    ...(skipped.length > 0 ? [`-- Rules not run: ${skipped.join('; ')}.`] : []),
  ];
  const cteText = ({ name, body, materialized }: Cte) => `${name} AS ${materialized ? d.materialized : ''}(\n${body}\n)`;
  const sql = `${header.join('\n')}\n${withClause(context.ctes, cteText)}\n${final}\n`;
  return { sql: sliced(sql, 0, 1), staged: staged(context.ctes, final, cteText, options.slices ?? 1), ran, skipped };
}

/** The CTEs as one WITH, made WITH RECURSIVE when one of them reads itself (the three dialects allow others beside it). */
function withClause(ctes: readonly Cte[], cteText: (cte: Cte) => string): string {
  return `WITH${ctes.some((cte) => cte.recursive) ? ' RECURSIVE' : ''}\n${ctes.map(cteText).join(',\n')}`;
}

/**
 * The staged form (see SqlQuery): each statement carries the inlined CTEs it reads, directly or not;
 * one with slice markers runs as `slices` statements, the first creating its table, the others
 * adding to it.
 */
function staged(ctes: readonly Cte[], final: string, cteText: (cte: Cte) => string, slices: number): string[] {
  const inlined = ctes.filter((cte) => !cte.materialized);
  const withNeeded = (body: string) => {
    const needed = new Set<Cte>();
    const visit = (text: string) => {
      for (const cte of inlined) {
        if (!needed.has(cte) && new RegExp(`\\b${cte.name}\\b`).test(text)) {
          needed.add(cte);
          visit(cte.body);
        }
      }
    };
    visit(body);
    const list = inlined.filter((cte) => needed.has(cte));
    return list.length === 0 ? body : `${withClause(list, cteText)}\n${body}`;
  };
  const create = (table: string, body: string) => {
    const query = withNeeded(body);
    const count = query === sliced(query, 0, 1) ? 1 : slices;
    return Array.from({ length: count }, (_, k) => `${k === 0 ? `CREATE TABLE ${table} AS` : `INSERT INTO ${table}`}\n${sliced(query, k, count)}`);
  };
  return [...ctes.filter((cte) => cte.materialized).flatMap((cte) => create(cte.name, cte.body)), ...create(FINAL_TABLE, final)];
}

function checkedColumns(named: Partial<Record<Role, string>>): Partial<Record<Role, string>> {
  const columns: Partial<Record<Role, string>> = {};
  for (const [role, name] of Object.entries(named) as [string, string | undefined][]) {
    if (!(ROLES as readonly string[]).includes(role)) throw new BotclickError(`--column ${printable(role)}=… is not a role; roles are ${ROLES.join(', ')}.`);
    if (name === undefined || name.trim() === '' || printable(name) !== name) {
      throw new BotclickError(`--column ${role}= needs the name of a column, without control characters.`);
    }
    columns[role as Role] = name;
  }
  for (const role of ['recipient', 'time'] as const) {
    if (columns[role] === undefined) throw new BotclickError(`the query needs the ${role} column: add --column ${role}=NAME.`);
  }
  return columns;
}

/** The input normalised (bc_raw), the constants (bc_k), the campaigns (bc_camp) and the judged clicks (bc_c). */
function baseCtes(
  context: SqlContext,
  input: string,
  columns: Partial<Record<Role, string>>,
  resolutionMs: number | undefined,
  sentAtHeader: string | undefined,
  rowColumn: string | undefined,
): void {
  const { d, w, settings } = context;
  const col = (role: Role) => (columns[role] === undefined ? null : `i.${d.ident(columns[role] as string)}`);
  const text = (role: Role) => {
    const c = col(role);
    return c === null ? null : `NULLIF(TRIM(CAST(${c} AS ${d.textType})), '')`;
  };
  const nullText = w.nullText();
  const nullFloat = `CAST(NULL AS ${d.floatType})`;
  const mapped = ROLES.map(text).filter((expr): expr is string => expr !== null);
  const event = text('eventType');
  const channel = text('channel');
  // core/events: rows of another channel than e-mail (SMS, push) are no e-mail events
  const otherChannel = channel ? ` WHEN ${d.replaceAll(`LOWER(${channel})`, '[^a-z]', '')} IN (${[...OTHER_CHANNELS].map((n) => d.text(n)).join(', ')}) THEN 'other'` : '';
  const kind = `CASE WHEN ${mapped.map((expr) => `${expr} IS NULL`).join(' AND ')} THEN 'blank'${otherChannel}${event ? ` ELSE ${eventKind(d, event)}` : " ELSE 'click'"} END`;
  const sent = col('sentAt');
  const link = text('link');
  // A row number the query makes must come out the same at every read; one the table has needs no copy.
  context.cte('bc_in', input, rowColumn === undefined);
  context.cte(
    'bc_raw',
    `SELECT i.${ROW_COLUMN} AS rid, ${kind} AS kind,
  LOWER(${text('recipient')}) AS rcp,
  ${columns.campaign ? `COALESCE(${text('campaign')}, '(no campaign)')` : "'All clicks'"} AS cmp,
  ${link ? `NULLIF(${d.replaceAll(link, '#.*', '')}, '')` : nullText} AS link,
  ${d.epochMs(col('time') as string)} AS t,
  ${sent ? d.epochMs(sent) : nullFloat} AS sent,
  ${text('userAgent') ?? nullText} AS agent,
  ${text('ip') ?? nullText} AS ip,
  ${botFlag(text('botFlag'), nullText)} AS flag,
  ${text('override') ? `LOWER(${text('override')})` : nullText} AS ovr
FROM bc_in AS i`,
    true,
  );
  const window = (seconds: number) => `(CASE WHEN res > 1 THEN CEIL(${context.num(seconds * 1000)} / res) * res ELSE ${context.num(seconds * 1000)} END)`;
  const stepOf = (step: number) => d.boolAnd(`t - FLOOR(t / ${step}) * ${step} = 0`);
  const resolution =
    resolutionMs !== undefined
      ? `SELECT ${context.num(resolutionMs)} AS res`
      : `SELECT CAST(CASE WHEN COUNT(t) = 0 THEN 1000 WHEN ${stepOf(60000)} THEN 60000 WHEN ${stepOf(1000)} THEN 1000 WHEN ${stepOf(100)} THEN 100 WHEN ${stepOf(10)} THEN 10 ELSE 1 END AS ${d.floatType}) AS res FROM bc_raw WHERE t IS NOT NULL`;
  context.cte('bc_res', resolution);
  context.cte(
    'bc_k',
    `SELECT res, res / 2 AS half, ${window(settings.repeatSeconds)} AS rep_ms, ${window(30)} AS visit_ms,
  ${context.num(settings.tooSoonSeconds * 1000)} AS soon_ms, ${window(settings.tooSoonSeconds)} AS soon_stamp_ms, ${window(settings.firstWaveSeconds)} AS first_wave_ms, ${window(settings.waveWindowSeconds)} AS wave_gap, ${window(settings.waveWindowSeconds / 4)} AS wave_tight, res < 60000 AS pace_shown
FROM bc_res`,
  );
  campaignCtes(context, sentAtHeader);
  clickCtes(context);
}

function eventKind(d: Dialect, event: string): string {
  const name = d.replaceAll(`LOWER(${event})`, '[^a-z]', '');
  const list = (names: string[]) => names.map((n) => d.text(n)).join(', ');
  return `CASE WHEN ${name} = '' OR ${name} IN (${list(CLICK_NAMES)}) THEN 'click' WHEN ${name} IN (${list(DELIVERY_NAMES)}) THEN 'delivery' WHEN ${name} IN (${list(SEND_NAMES)}) THEN 'send'${OTHER_CHANNEL_WORDS.map((word) => ` WHEN strpos(${name}, ${d.text(word)}) > 0 THEN 'other'`).join('')} WHEN strpos(${name}, 'click') > 0 THEN 'click' ELSE 'other' END`;
}

const CLICK_NAMES = ['click', 'clicked', 'clicks', 'emclicks', 'emailclick', 'clickedemail', 'linkclick', 'linkclicked', 'clickevent'];
const DELIVERY_NAMES = ['delivered', 'delivery', 'emaildelivered', 'delivereddelivery'];
const SEND_NAMES = ['sent', 'send', 'sends', 'emsends', 'processed', 'accepted', 'emailsent', 'queued'];

/** core/clicks readBotFlag: true, yes, 1 → 'yes'; false, no, 0, none → no flag; a bot kind stays. */
function botFlag(flag: string | null, nullText: string): string {
  if (flag === null) return nullText;
  const value = `LOWER(${flag})`;
  return `CASE WHEN ${flag} IS NULL OR ${value} IN ('false', 'no', '0', 'none', 'null', 'n', 'f') THEN ${nullText} WHEN ${value} IN ('true', 'yes', '1', 'y', 't') THEN 'yes' ELSE ${value} END`;
}

/** core/campaigns campaignFacts and estimateDelivery. */
function campaignCtes(context: SqlContext, sentAtHeader: string | undefined): void {
  const { d, settings } = context;
  const given = settings.sendTime === '' ? NaN : parseTime(settings.sendTime, settings.timeZone);
  if (settings.sendTime !== '' && Number.isNaN(given)) {
    throw new BotclickError(`the send time "${printable(settings.sendTime)}" could not be read; write it like 2026-11-26 09:00.`);
  }
  context.cte('bc_sendcol', `SELECT cmp, MIN(sent) AS col_min, MAX(sent) AS col_max FROM bc_raw WHERE kind = 'click' GROUP BY cmp`);
  context.cte('bc_events', `SELECT cmp, MIN(t) AS ev_min FROM bc_raw WHERE kind IN ('delivery', 'send') GROUP BY cmp`);
  // Without a send time, the first three clicks within ten minutes mark it.
  context.cte(
    'bc_est',
    `SELECT cmp, MIN(CASE WHEN n < 3 OR t2 - t <= 600000 THEN t END) AS est1, MIN(t) AS est0
FROM (SELECT cmp, t, LEAD(t, 2) OVER (PARTITION BY cmp ORDER BY t) AS t2, COUNT(*) OVER (PARTITION BY cmp) AS n FROM bc_raw WHERE kind = 'click' AND t IS NOT NULL) AS x
GROUP BY cmp`,
  );
  // The links as far as the data shows: a link only one recipient clicked, in a family no shared link
  // belongs to, is a recipient's own token link, one e-mail link per family.
  context.cte(
    'bc_links',
    `SELECT y.*, CASE WHEN members >= 2 AND members * 2 < total THEN DENSE_RANK() OVER (ORDER BY fam) END AS fid
FROM (SELECT link, fam, util, ROW_NUMBER() OVER (ORDER BY ${d.byCode('link')}) AS lid, COUNT(*) OVER (PARTITION BY fam) AS members, COUNT(*) OVER () AS total
  FROM (SELECT link, ${d.linkFamily('link')} AS fam, ${d.matches('link', UTILITY_LINK_PATTERN.source, true)} AS util FROM (SELECT DISTINCT link FROM bc_raw WHERE link IS NOT NULL) AS l) AS x) AS y`,
    true,
  );
  // Per campaign and link: a recipient's own token link (one clicker, no shared link in its family)
  // stands for its family, the e-mail link (elink) core/campaigns emailLinks maps it to.
  context.cte(
    'bc_clinks',
    `SELECT y.*, clickers < 2 AND fam_shared = 0 AS personal, CASE WHEN clickers < 2 AND fam_shared = 0 THEN 'family ' || fam ELSE 'link ' || link END AS elink
FROM (SELECT x.*, MAX(CASE WHEN clickers >= 2 THEN 1 ELSE 0 END) OVER (PARTITION BY cmp, fam) AS fam_shared
  FROM (SELECT r.cmp, r.link, l.fam, COUNT(DISTINCT r.rcp) AS clickers FROM bc_raw AS r JOIN bc_links AS l ON l.link = r.link WHERE r.kind = 'click' GROUP BY r.cmp, r.link, l.fam) AS x) AS y`,
    true,
  );
  context.cte(
    'bc_lc',
    `SELECT cmp, SUM(CASE WHEN personal THEN 0 ELSE 1 END) + COUNT(DISTINCT CASE WHEN personal THEN fam END) AS lcount FROM bc_clinks GROUP BY cmp`,
  );
  const givenSql = Number.isNaN(given) ? `CAST(NULL AS ${d.floatType})` : context.num(given);
  context.cte(
    'bc_camp0',
    `SELECT c.cmp,
  COALESCE(s.col_min, e.ev_min, ${givenSql}, x.est1, x.est0) AS send,
  CASE WHEN s.col_min IS NOT NULL THEN 'column' WHEN e.ev_min IS NOT NULL THEN 'deliveries' WHEN ${givenSql} IS NOT NULL THEN 'setting' WHEN x.est0 IS NOT NULL THEN 'estimated' ELSE 'none' END AS ssrc,
  COALESCE(s.col_max > s.col_min, FALSE) AS per_copy, COALESCE(lc.lcount, 0) AS lcount
FROM (SELECT DISTINCT cmp FROM bc_raw) AS c
LEFT JOIN bc_sendcol AS s ON s.cmp = c.cmp LEFT JOIN bc_events AS e ON e.cmp = c.cmp LEFT JOIN bc_est AS x ON x.cmp = c.cmp LEFT JOIN bc_lc AS lc ON lc.cmp = c.cmp`,
  );
  const sentKind = sentAtHeader !== undefined && DELIVERY_HEADER.test(sentAtHeader) ? 'delivery' : 'send';
  // Each copy (campaign and recipient) and link by a number: windows partition and sort numbers far
  // faster than texts, and the clicks' windows carry numbers only (the texts stay in bc_raw).
  context.cte(
    'bc_copies',
    `SELECT cmp, rcp, ROW_NUMBER() OVER (ORDER BY cmp, rcp) AS g FROM (SELECT DISTINCT cmp, rcp FROM bc_raw WHERE kind = 'click' AND rcp IS NOT NULL) AS x`,
    true,
  );
  // Each click's browser and network by number (core/clicks anotherClient compares them), when the
  // table has the column.
  const agents = context.roles.has('userAgent');
  const networks = context.roles.has('ip');
  if (agents) context.cte('bc_agent_ids', `SELECT agent, ROW_NUMBER() OVER (ORDER BY agent) AS aid FROM (SELECT DISTINCT agent FROM bc_raw WHERE agent IS NOT NULL) AS a`);
  if (networks) {
    context.cte(
      'bc_net_ids',
      `SELECT ip, DENSE_RANK() OVER (ORDER BY net) AS nid FROM (SELECT ip, ${networkOf(d, 'ip')} AS net FROM (SELECT DISTINCT ip FROM bc_raw WHERE ip IS NOT NULL) AS a) AS n`,
    );
  }
  // The clicks in copy order (time, then link, then row, as core/groups sorts them), repeats on one
  // link within the repeat window folded into the first.
  context.cte(
    'bc_c0',
    `SELECT r.rid, p.g, r.cmp, r.t, r.sent, COALESCE(l.lid, 0) AS lk, COALESCE(l.util, FALSE) AS util, l.fid AS fam,
  ${agents ? 'ai.aid' : 'CAST(NULL AS BIGINT) AS aid'}, ${networks ? 'ni.nid' : 'CAST(NULL AS BIGINT) AS nid'},
  ROW_NUMBER() OVER (PARTITION BY p.g ORDER BY (r.t IS NULL), r.t, COALESCE(l.lid, 0), r.rid) AS pos,
  COUNT(*) OVER (PARTITION BY p.g) AS gsize
FROM bc_raw AS r JOIN bc_copies AS p ON p.cmp = r.cmp AND p.rcp = r.rcp LEFT JOIN bc_links AS l ON l.link = r.link
${agents ? 'LEFT JOIN bc_agent_ids AS ai ON ai.agent = r.agent\n' : ''}${networks ? 'LEFT JOIN bc_net_ids AS ni ON ni.ip = r.ip\n' : ''}WHERE r.kind = 'click'`,
  );
  context.cte(
    'bc_c1',
    `SELECT c.*, k.*,
  c.t - LAG(c.t) OVER (PARTITION BY c.g, c.lk ORDER BY c.pos) AS link_gap,
  LEAD(c.t) OVER (PARTITION BY c.g, c.lk ORDER BY c.pos) AS next_link_t,
  LAG(c.pos) OVER (PARTITION BY c.g, c.lk ORDER BY c.pos) AS plink_pos,
  LAG(c.aid) OVER (PARTITION BY c.g, c.lk ORDER BY c.pos) AS plink_aid, LAG(c.nid) OVER (PARTITION BY c.g, c.lk ORDER BY c.pos) AS plink_nid,
  FIRST_VALUE(c.t) OVER (PARTITION BY c.g ORDER BY c.pos) AS first_t,
  FIRST_VALUE(c.sent) OVER (PARTITION BY c.g ORDER BY c.pos) AS first_sent
FROM bc_c0 AS c CROSS JOIN bc_k AS k`,
  );
  // The same link again from another browser and network is someone else's click, no repeat.
  context.cte(
    'bc_c2',
    `SELECT c.*, COALESCE(c.t IS NOT NULL AND c.link_gap <= c.rep_ms, FALSE) AND NOT ${anotherClient('c.aid', 'c.nid', 'c.plink_aid', 'c.plink_nid')} AS rep,
  COALESCE(c.next_link_t - c.t <= c.rep_ms OR c.link_gap = 0, FALSE) AS twin
FROM bc_c1 AS c`,
  );
  context.cte(
    'bc_c3',
    `SELECT c.*, SUM(CASE WHEN c.rep THEN 0 ELSE 1 END) OVER (PARTITION BY c.g, c.lk ORDER BY c.pos ROWS UNBOUNDED PRECEDING) AS chain,
  CASE WHEN c.t IS NOT NULL AND NOT c.rep THEN SUM(CASE WHEN c.t IS NOT NULL AND NOT c.rep THEN 1 ELSE 0 END) OVER (PARTITION BY c.g ORDER BY c.pos ROWS UNBOUNDED PRECEDING) END AS dpos
FROM bc_c2 AS c`,
    true,
  );
  context.cte(
    'bc_deliv',
    `SELECT cmp, rcp, MIN(CASE WHEN kind = 'delivery' THEN t END) AS dt, MIN(CASE WHEN kind = 'send' THEN t END) AS st
FROM bc_raw WHERE kind IN ('delivery', 'send') AND rcp IS NOT NULL AND t IS NOT NULL GROUP BY cmp, rcp`,
  );
  context.cte(
    'bc_g',
    `SELECT c.g, p.cmp, p.rcp, c.first_t, c.gsize,
  CASE WHEN dv.dt IS NOT NULL THEN dv.dt WHEN dv.st IS NOT NULL THEN dv.st WHEN c.first_sent IS NOT NULL AND m.per_copy THEN c.first_sent ELSE m.send END AS ref,
  CASE WHEN dv.dt IS NOT NULL THEN 'delivery' WHEN dv.st IS NOT NULL THEN 'send' WHEN c.first_sent IS NOT NULL AND m.per_copy THEN '${sentKind}'
    WHEN m.send IS NULL THEN 'none' WHEN m.ssrc = 'estimated' THEN 'estimated send' ELSE 'campaign send' END AS rkind,
  m.send, m.lcount, c.soon_stamp_ms, c.first_wave_ms
FROM bc_c3 AS c JOIN bc_copies AS p ON p.g = c.g JOIN bc_camp0 AS m ON m.cmp = p.cmp LEFT JOIN bc_deliv AS dv ON dv.cmp = p.cmp AND dv.rcp = p.rcp
WHERE c.pos = 1`,
    true,
  );
  // Gateways sweep a copy seconds after delivery: the quick full sweeps' starts trace the delivery.
  const needed = `GREATEST(${context.num(settings.sweepMinLinks)}, CEIL(${context.num(settings.sweepMinShare)} * g.lcount - ${context.num(1e-9)}))`;
  context.cte('bc_probe', `SELECT g, COUNT(DISTINCT lk) AS probe_links FROM bc_c3 WHERE t - first_t <= 60000 GROUP BY g`);
  context.cte(
    'bc_sweeps',
    `SELECT g.cmp, g.first_t, ROW_NUMBER() OVER (PARTITION BY g.cmp ORDER BY g.first_t) AS k, COUNT(*) OVER (PARTITION BY g.cmp) AS n
FROM bc_g AS g JOIN bc_probe AS p ON p.g = g.g
WHERE g.gsize >= ${needed} AND g.first_t - g.send <= g.first_wave_ms AND p.probe_links >= ${needed}`,
  );
  context.cte(
    'bc_camp',
    `SELECT m.*, CASE WHEN sw.n >= 5 THEN sw.p90 ELSE m.send END AS dend,
  (m.ssrc <> 'estimated' OR COALESCE(so.soon, 0) >= 3 OR COALESCE(sw.n, 0) >= 5) AS borne
FROM bc_camp0 AS m
LEFT JOIN (SELECT cmp, MAX(n) AS n, MAX(CASE WHEN k = FLOOR(${context.num(0.9)} * (n - 1)) + 1 THEN first_t END) AS p90 FROM bc_sweeps GROUP BY cmp) AS sw ON sw.cmp = m.cmp
LEFT JOIN (SELECT cmp, SUM(CASE WHEN first_t - send <= soon_stamp_ms THEN 1 ELSE 0 END) AS soon FROM bc_g GROUP BY cmp) AS so ON so.cmp = m.cmp`,
    true,
  );
}

/** bc_c: the judged clicks with everything the rules read (see SqlContext). */
function clickCtes(context: SqlContext): void {
  const { d } = context;
  context.cte(
    'bc_c',
    `SELECT c.rid, c.g, c.pos, c.gsize, c.t, c.lk, c.aid, c.nid, c.dpos, c.plink_pos, c.twin, c.first_t,
  CASE WHEN c.rep THEN FIRST_VALUE(c.rid) OVER (PARTITION BY c.g, c.lk, c.chain ORDER BY c.pos) END AS root,
  c.res, c.half, c.rep_ms, c.visit_ms, c.soon_ms, c.soon_stamp_ms, c.pace_shown,
  g.ref, g.rkind, m.send, m.ssrc, m.dend, m.borne, m.lcount, c.util, c.fam
FROM bc_c3 AS c JOIN bc_g AS g ON g.g = c.g JOIN bc_camp AS m ON m.cmp = c.cmp`,
    true,
  );
  // The copies' recipient domains, for the rules that group copies by company.
  const domain = `CASE WHEN strpos(rcp, '@') > 0 THEN ${d.replaceAll('rcp', '^.*@', '')} END`;
  const freemail = [...FREEMAIL_DOMAINS].map((name) => d.text(name)).join(', ');
  context.cte('bc_dom', `SELECT g, cmp, dom, COALESCE(dom IN (${freemail}), FALSE) AS free FROM (SELECT g, cmp, ${domain} AS dom FROM bc_copies) AS x`);
}

/** core/verdict decide: findings per rule (the strongest, the first at equal weight), summed per click. */
function verdictCtes(context: SqlContext, findings: string[]): void {
  const { w } = context;
  const timeless = [...TIMELESS_RULES].map((name) => RULE_NAMES.indexOf(name as (typeof RULE_NAMES)[number]));
  const none = `SELECT CAST(NULL AS BIGINT) AS rid, 0 AS ri, ${context.num(0)} AS weight, ${w.nullText()} AS reason FROM bc_k WHERE FALSE`;
  context.cte('bc_f', findings.length > 0 ? findings.join('\nUNION ALL\n') : none);
  // Each rule's finding per click (its strongest); a click without a time keeps only the findings of
  // the rules that need none.
  context.cte(
    'bc_best',
    `SELECT f.rid, f.ri, f.weight, f.reason FROM bc_f AS f JOIN bc_c AS c ON c.rid = f.rid WHERE f.weight > 0 AND (c.t IS NOT NULL OR f.ri IN (${timeless.join(', ')}))`,

    true,
  );
  // Strongest first: one window gives the rank, the weight before it and the line's length so far.
  context.cte(
    'bc_ranked',
    `SELECT b.*, ROW_NUMBER() OVER (PARTITION BY b.rid ORDER BY b.weight DESC, b.ri) AS wrank,
  SUM(b.weight) OVER (PARTITION BY b.rid ORDER BY b.weight DESC, b.ri ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before,
  SUM(LENGTH(b.reason) + 2) OVER (PARTITION BY b.rid ORDER BY b.weight DESC, b.ri ROWS UNBOUNDED PRECEDING) - 2 AS line
FROM bc_best AS b${context.slice('WHERE', 'b.rid')}`,
  );
  // The strongest findings, only as many as it took to reach 1, joined while they fit in 100
  // characters; a click has one finding per rule at most, so the line is built rank by rank. The
  // first certain finding (by rule, as core/evidence certainReason) is the top one: certain weighs most.
  const shown = (k: number) => `MAX(CASE WHEN r.wrank = ${k} AND (r.before IS NULL OR r.before < ${CERTAIN}) AND r.line <= 100 THEN r.reason END)`;
  const ranks = RULE_NAMES.map((_, k) => k + 1);
  context.cte(
    'bc_score',
    `SELECT r.rid, SUM(r.weight) AS score,
  MAX(CASE WHEN r.wrank = 1 AND r.weight >= ${CERTAIN} THEN r.reason END) AS certain, MIN(CASE WHEN r.weight >= ${CERTAIN} THEN r.ri END) AS certain_ri,
  MAX(CASE WHEN r.wrank = 1 THEN r.reason END) AS top,
  MAX(CASE WHEN r.wrank = 1 THEN r.reason END)${ranks.slice(1).map((k) => ` || COALESCE('; ' || ${shown(k)}, '')`).join('')} AS enough
FROM bc_ranked AS r GROUP BY r.rid`,

    true,
  );
  const delay = 'c.t - c.ref';
  const timing = `CASE WHEN c.ref IS NULL THEN 'nothing machine-like' ELSE ${w.duration(delay)} || CASE WHEN ${delay} < 0 THEN ' before ' ELSE ' after ' END || ${w.since('c.rkind')} || ', nothing machine-like' END`;
  context.cte(
    'bc_v0',
    `SELECT c.rid, c.root, r.ovr, s.certain_ri,
  CASE WHEN (s.certain IS NOT NULL AND c.t IS NOT NULL) OR s.score >= ${CERTAIN} THEN 'bot' WHEN c.t IS NULL THEN 'unknown' ELSE 'human' END AS v,
  CASE WHEN s.certain IS NOT NULL AND c.t IS NOT NULL THEN s.certain WHEN s.score >= ${CERTAIN} THEN s.enough WHEN c.t IS NULL THEN 'no click time in this row'
    WHEN s.top IS NOT NULL THEN s.top || ', not enough on its own' ELSE ${timing} END AS why
FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid${context.slice('AND', 'r.rid')} LEFT JOIN bc_score AS s ON s.rid = c.rid${context.slice('AND', 's.rid')}${context.slice('WHERE', 'c.rid')}`,
    true,
  );
  // A repeat counts as one click with the click it repeats, so it shares that click's bot verdict;
  // but a wave's fetch (the first rule certain of it) passes it only to the repeats the wave found.
  // Only the clicks repeated are looked up: a share of the clicks (see SqlQueryOptions.slices) finds
  // its roots among all.
  const passes = `v.v <> 'bot' AND o.v = 'bot' AND COALESCE(o.certain_ri, -1) <> ${RULE_NAMES.indexOf('wave')}`;
  context.cte(
    'bc_v1',
    `SELECT v.rid, v.ovr, v.v AS detected, CASE WHEN ${passes} THEN 'bot' ELSE v.v END AS v,
  CASE WHEN ${passes} THEN 'repeat of a bot click: ' || o.why ELSE v.why END AS why
FROM bc_v0 AS v LEFT JOIN (SELECT rid, v, why, certain_ri FROM bc_v0 WHERE v = 'bot' AND rid IN (SELECT root FROM bc_v0)) AS o ON o.rid = v.root${context.slice('WHERE', 'v.rid')}`,
  );
  context.cte(
    'bc_v',
    `SELECT v.rid, CASE WHEN v.ovr IN ('bot', 'human') THEN v.ovr ELSE v.v END AS bot_click,
  CASE WHEN v.ovr = v.v THEN 'set by you; also: ' || v.why WHEN v.ovr IN ('bot', 'human') THEN 'set by you; detector said ' || v.v || ': ' || v.why ELSE v.why END AS why
FROM bc_v1 AS v
UNION ALL
SELECT r.rid, 'unknown' AS bot_click, 'no recipient in this row' AS why FROM bc_raw AS r WHERE r.kind = 'click' AND r.rcp IS NULL${context.slice('AND', 'r.rid')}`,
  );
}
