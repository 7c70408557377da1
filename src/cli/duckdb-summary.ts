import type { DuckDBConnection } from '@duckdb/node-api';
import type { CampaignSummary, Counts, DomainSummary, SendTimeSource, Summary, TimelineBucket } from '../core';
import { ROW_COLUMN } from '../core/sql';

/**
 * The summary of the DuckDB engine's verdicts, counted by DuckDB over `table` (the final query's
 * rows: the row number, bot_click, why, campaign, recipient, link, send, ssrc, time), as the core's summary
 * counts them. Counted in SQL rather than as the verdicts stream back: the distinct clickers of
 * every link are nearly as many as the clicks (790k in 1M clicks), which as sets in Node grew with
 * the file (about 450 MB at 10M) outside DuckDB's memory limit, while DuckDB's aggregates spill.
 * Campaigns and links come in the order of their first click, as the core's. `shares`: how many
 * shares of the recipients the per-recipient counts are made in.
 */
export async function summaryInDuckDb(connection: DuckDBConnection, table: string, shares: number, step: Step): Promise<Summary> {
  const judged = `(SELECT *, COALESCE(campaign, '(no campaign)') AS cmp, COALESCE(link, '') AS lnk FROM ${table} WHERE bot_click IS NOT NULL)`;
  // Each recipient's clicks first, per link, per campaign and in all, a share of the recipients at a
  // time (as the query's stages, see SLICE_CLICKS); then the recipients counted. Plain GROUP BYs,
  // which spill to disk, rather than count(DISTINCT recipient) per link, which needs far more memory
  // (at 3M clicks the plain ones ran in a 100MB limit, the distinct counts not in 120MB). DuckDB's
  // hash(NULL) is a number too: the clicks without a recipient fall in one share.
  // GROUPING(cmp, lnk): 3 for the totals, 1 for a campaign, 0 for a link of it.
  for (let k = 0; k < shares; k++) {
    const share = shares > 1 ? ` WHERE hash(recipient) % ${shares} = ${k}` : '';
    await step(() =>
      connection.run(`${k === 0 ? 'CREATE OR REPLACE TABLE bc_sum AS' : 'INSERT INTO bc_sum'}
      SELECT GROUPING(cmp, lnk) AS level, cmp, lnk, recipient, count(*) AS raw, count(*) FILTER (WHERE bot_click = 'bot') AS bot,
        count(*) FILTER (WHERE bot_click = 'human') AS human, count(*) FILTER (WHERE bot_click = 'unknown') AS unknown, bool_or(bot_click = 'human') AS person,
        arg_min_null(send, ${ROW_COLUMN}) AS send, arg_min_null(ssrc, ${ROW_COLUMN}) AS ssrc, min(${ROW_COLUMN}) AS first
      FROM ${judged}${share} GROUP BY GROUPING SETS ((recipient), (cmp, recipient), (cmp, lnk, recipient))`),
    );
  }
  const keys = await step(() =>
    rows(
      connection,
      `SELECT level, cmp, lnk, sum(raw) AS raw, sum(bot) AS bot, sum(human) AS human, sum(unknown) AS unknown,
      count(recipient) AS clickers, count(recipient) FILTER (WHERE person) AS people, arg_min_null(send, first) AS send, arg_min_null(ssrc, first) AS ssrc, min(first) AS first
    FROM bc_sum GROUP BY level, cmp, lnk ORDER BY first`,
    ),
  );
  const totals = keys.find((row) => Number(row.level) === 3);
  const campaigns = new Map<string, CampaignSummary>();
  for (const row of keys.filter((key) => Number(key.level) === 1)) {
    campaigns.set(String(row.cmp), { campaign: String(row.cmp), ...countsOf(row), sendTime: numberOrNull(row.send), sendTimeSource: String(row.ssrc ?? 'none') as SendTimeSource, links: [] });
  }
  for (const row of keys.filter((key) => Number(key.level) === 0)) campaigns.get(String(row.cmp))?.links.push({ link: String(row.lnk), ...countsOf(row) });

  // As core/summary: the domain is what follows a recipient's last "@"; "scanned copies" are its recipients with a bot click.
  const domains = await step(() =>
    rows(
      connection,
      `SELECT domain, count(*) FILTER (WHERE bot_click = 'bot') AS bot, count(*) FILTER (WHERE bot_click = 'human') AS human,
      count(DISTINCT recipient) FILTER (WHERE bot_click = 'bot') AS scanned, count(DISTINCT recipient) AS recipients
    FROM (SELECT *, CASE WHEN strpos(recipient, '@') = 0 THEN '(no domain)' ELSE regexp_extract(recipient, '[^@]*$') END AS domain FROM ${judged} WHERE recipient IS NOT NULL)
    GROUP BY domain ORDER BY bot DESC, human DESC, min(${ROW_COLUMN})`,
    ),
  );
  // As core/summary's timeline: minutes since the campaign's send, for judged clicks with a time.
  const minutes = await step(() =>
    rows(
      connection,
      `SELECT floor((time - send) / 60000) AS minute, count(*) FILTER (WHERE bot_click = 'bot') AS bot, count(*) FILTER (WHERE bot_click = 'human') AS human
    FROM ${judged} WHERE bot_click <> 'unknown' AND time IS NOT NULL AND send IS NOT NULL GROUP BY minute ORDER BY minute`,
    ),
  );
  return {
    totals: totals ? countsOf(totals) : countsOf({}),
    campaigns: [...campaigns.values()],
    domains: domains.map((row): DomainSummary => ({ domain: String(row.domain), botClicks: Number(row.bot), humanClicks: Number(row.human), scannedCopies: Number(row.scanned), recipients: Number(row.recipients) })),
    timeline: minutes.map((row): TimelineBucket => ({ minute: Number(row.minute), bot: Number(row.bot), human: Number(row.human) })),
  };
}

type Row = Record<string, unknown>;

/** How the engine runs each statement: within its memory budget (see duckdb-engine withinBudget). */
export type Step = <T>(work: () => Promise<T>) => Promise<T>;

async function rows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

function countsOf(row: Row): Counts {
  const raw = Number(row.raw ?? 0);
  const bot = Number(row.bot ?? 0);
  return {
    rawClicks: raw,
    botClicks: bot,
    humanClicks: Number(row.human ?? 0),
    unknownClicks: Number(row.unknown ?? 0),
    rawClickers: Number(row.clickers ?? 0),
    humanClickers: Number(row.people ?? 0),
    removedShare: raw === 0 ? 0 : bot / raw,
  };
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
