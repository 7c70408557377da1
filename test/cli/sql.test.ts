import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from '../../src/core';
import { simulateMailing } from '../../scenarios/generator';
import { csvLine, renderExport } from '../../scenarios/table';
import { duckdb } from '../sql/engines';
import { botclick, buildCli, csvFile, oneLine, tempDir } from './cli';

let dir: string;
beforeAll(() => {
  buildCli();
  dir = tempDir();
});

describe('botclick sql', () => {
  test('prints one query whose rows are the table\'s, each with bot_click and why, and says which rules ran', async () => {
    const run = botclick(['sql', '--dialect', 'duckdb', '--table', 'email clicks', '--column', 'recipient=Email', '--column', 'time=Clicked "at"', '--column', 'link=URL']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^-- Rules run: tooSoon, sweep, burst, rapid, rescan, wave, scannedDomain\.$/m);
    expect(run.stdout).toMatch(/^-- Rules not run: .*trap \(no trap links given\)/m);
    const engine = await duckdb();
    await engine.run(`CREATE TABLE "email clicks" ("Email" VARCHAR, "Clicked ""at""" TIMESTAMP, "URL" VARCHAR, "Note" VARCHAR)`);
    const rows = [0, 1, 2, 3, 4].map((k) => `('scan@corp.example', TIMESTAMP '2026-03-10 14:01:0${k}', 'https://x.example/${k}', 'n${k}')`);
    await engine.run(`INSERT INTO "email clicks" VALUES ${rows.join(', ')}, ('ann@example.org', TIMESTAMP '2026-03-10 16:20:00', 'https://x.example/1', 'ann''s')`);
    const result = await engine.rows(run.stdout);
    await engine.close();
    expect(result).toHaveLength(6);
    expect(Object.keys(result[0])).toEqual(['Email', 'Clicked "at"', 'URL', 'Note', 'bot_click', 'why']);
    expect(result.slice(0, 5).map((row) => row.bot_click)).toEqual(['bot', 'bot', 'bot', 'bot', 'bot']);
    expect(result[0].why).toMatch(/5 (clicks|links)/);
    expect(result[5]).toMatchObject({ Note: "ann's", bot_click: 'human' });
  });

  test.each([
    [['--dialect', 'oracle', '--table', 'x', '--column', 'recipient=a', '--column', 'time=b'], /--dialect must be one of duckdb, postgres, bigquery, not "oracle"/],
    [['--dialect', 'duckdb', '--table', 'x', '--column', 'recipient=a'], /needs the time column: add --column time=NAME/],
    [['--dialect', 'duckdb', '--table', 'x', '--column', 'recipent=a', '--column', 'time=b'], /"recipent" is not a column role/],
    [['--dialect', 'duckdb', '--table', 'clicks; DROP TABLE users', '--column', 'recipient=a', '--column', 'time=b'], /is not a table name/],
    [['--dialect', 'bigquery', '--table', 'a..b', '--column', 'recipient=a', '--column', 'time=b'], /is not a table name/],
  ])('bad input gets one clear line: %j', (args, message) => {
    const run = botclick(['sql', ...args]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(message);
  });
});

describe('botclick flag --engine duckdb', () => {
  const mailing = simulateMailing({ seed: 37, recipients: 900, campaigns: 2 });
  const shapes = { 'seconds, UA, IP and delivery': {}, 'whole minutes, nothing else': { userAgent: false, ip: false, delivery: 'none' as const, resolution: 'min' as const } };

  test.each(Object.entries(shapes))('writes the same rows, verdicts and summary as the default engine (%s)', (name, options) => {
    const scenario = renderExport(mailing, { ...options, seed: 37 });
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, `${scenario.table.map(csvLine).join('\n')}\n`);
    const core = botclick(['flag', file, '--json', '-o', join(dir, 'core.csv')]);
    const sql = botclick(['flag', file, '--json', '--engine', 'duckdb', '--memory-limit', '500MB', '-o', join(dir, 'duckdb.csv')]);
    expect(core.status).toBe(0);
    expect(sql.status).toBe(0);
    const [coreRows, sqlRows] = [csvFile(join(dir, 'core.csv')), csvFile(join(dir, 'duckdb.csv'))];
    expect(sqlRows).toHaveLength(scenario.table.length);
    // Every row back unchanged, the verdicts as the issue holds them (>= 99.5 % the same).
    expect(sqlRows.map((row) => row.slice(0, -2))).toEqual(coreRows.map((row) => row.slice(0, -2)));
    const sameVerdict = sqlRows.filter((row, i) => row[row.length - 2] === coreRows[i][coreRows[i].length - 2]).length;
    expect(sameVerdict / sqlRows.length).toBeGreaterThanOrEqual(0.995);
    // The summary too: people per campaign and link, the recipient domains and the timeline.
    const [coreSummary, sqlSummary] = [core, sql].map((run) => JSON.parse(run.stdout) as Summary);
    expect(sqlSummary.totals.humanClickers).toBe(coreSummary.totals.humanClickers);
    // Clickers and people per campaign and link (in any order), counted by recipient number on the DuckDB side.
    const [coreLinks, sqlLinks] = [coreSummary, sqlSummary].map((summary) => summary.campaigns.flatMap((c) => c.links.map((l) => `${c.campaign} ${l.link}: ${l.rawClickers} clickers, ${l.humanClickers} people`)).sort());
    expect(sqlLinks.length).toBeGreaterThan(10);
    expect(sqlLinks).toEqual(coreLinks);
    expect(sqlSummary.domains.length).toBeGreaterThan(10);
    expect(sqlSummary.domains.slice(0, 10)).toEqual(coreSummary.domains.slice(0, 10));
    expect(sqlSummary.timeline.length).toBeGreaterThan(10);
    expect(sqlSummary.timeline).toEqual(coreSummary.timeline);
  });

  test('copies every row\'s bytes as the default engine does: quotes, CRLF and spacing kept', () => {
    const file = join(dir, 'quoted.csv');
    const rows = ['"Email","Clicked at","Link"', '"ann@example.org", 2026-03-10T16:20:00Z ,"https://x.example/1?a=""b"""', 'bob@example.org,2026-03-10T16:25:00Z,"https://x.example/2"'];
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const run = botclick(['flag', file, '-q', '--engine', 'duckdb', '-o', join(dir, 'quoted-out.csv')]);
    expect(run.status).toBe(0);
    const written = readFileSync(join(dir, 'quoted-out.csv'), 'utf8').split('\r\n');
    rows.forEach((row, k) => expect(written[k].startsWith(`${row},`)).toBe(true));
  });

  test('streams its verdicts into the output chunk by chunk: blank rows kept in place, stdout the same as a file, the summary the same without an output', () => {
    const scenario = renderExport(mailing, { seed: 37 });
    const [header, ...body] = scenario.table.map(csvLine);
    // More rows than one of DuckDB's chunks (2,048), with blank rows the query leaves out among them.
    expect(body.length).toBeGreaterThan(2048);
    const lines = [header, ...body.flatMap((line, k) => (k % 700 === 699 ? [line, ','.repeat(header.split(',').length - 1)] : [line]))];
    const file = join(dir, 'blanks.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const core = botclick(['flag', file, '--json', '-o', join(dir, 'blanks-core.csv')]);
    const toFile = botclick(['flag', file, '--json', '--engine', 'duckdb', '-o', join(dir, 'blanks-duckdb.csv')]);
    const toStdout = botclick(['flag', file, '-q', '--engine', 'duckdb', '-o', '-']);
    const noOutput = botclick(['flag', file, '--json', '--engine', 'duckdb']);
    for (const run of [core, toFile, toStdout, noOutput]) expect(run.status).toBe(0);
    const written = readFileSync(join(dir, 'blanks-duckdb.csv'), 'utf8');
    expect(toStdout.stdout).toBe(written);
    const [coreRows, sqlRows] = [csvFile(join(dir, 'blanks-core.csv')), csvFile(join(dir, 'blanks-duckdb.csv'))];
    expect(sqlRows).toHaveLength(lines.length);
    expect(sqlRows.map((row) => row.slice(0, -2))).toEqual(coreRows.map((row) => row.slice(0, -2)));
    // Each blank row gets the default engine's cells, not its neighbour's verdict.
    const blanks = lines.flatMap((line, k) => (line.startsWith(',') ? [k] : []));
    expect(blanks.length).toBeGreaterThan(2);
    for (const k of blanks) expect(sqlRows[k].slice(-2)).toEqual(coreRows[k].slice(-2));
    const sameVerdict = sqlRows.filter((row, i) => row[row.length - 2] === coreRows[i][coreRows[i].length - 2]).length;
    expect(sameVerdict / sqlRows.length).toBeGreaterThanOrEqual(0.995);
    const [withOutput, without] = [toFile, noOutput].map((run) => JSON.parse(run.stdout) as Summary & { output?: unknown });
    expect(withOutput.output).toEqual({ file: join(dir, 'blanks-duckdb.csv'), rows: lines.length - 1 });
    expect({ ...without, output: undefined }).toEqual({ ...withOutput, output: undefined });
    expect(without.totals.rawClicks).toBe(body.length);
  });

  test('reads a European export day-first throughout, though its first batch of rows holds only dates that read either way', () => {
    // Past the engine's first batch (65,536 rows), clicks from the 1st to the 12th of March only; the 13th to the 20th after.
    const rows = Array.from({ length: 70_000 }, (_, k) => {
      const day = k < 66_000 ? 1 + (k % 12) : 13 + (k % 8);
      return `r${k % 9000}@example.org,${String(day).padStart(2, '0')}/03/2026 ${String(8 + (k % 10)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')},https://x.example/${k % 7}`;
    });
    const file = join(dir, 'day-first.csv');
    writeFileSync(file, `Email,Clicked at,Link\n${rows.join('\n')}\n`);
    const [core, sql] = [[], ['--engine', 'duckdb']].map((engine) => botclick(['flag', file, '--json', ...engine]));
    expect(sql.status).toBe(0);
    const [coreSummary, sqlSummary] = [core, sql].map((run) => JSON.parse(run.stdout) as Summary);
    expect(sqlSummary.campaigns[0].sendTime).toBe('2026-03-01T08:00:00Z');
    expect(sqlSummary.campaigns[0].sendTime).toBe(coreSummary.campaigns[0].sendTime);
    expect(sqlSummary.timeline).toEqual(coreSummary.timeline);
    expect(sqlSummary.totals).toEqual(coreSummary.totals);
  }, 120_000);

  test.each([
    [['--engine', 'spark'], /--engine must be core or duckdb, not "spark"/],
    [['--engine', 'duckdb', '--memory-limit', 'lots'], /--memory-limit must be a size such as 2GB or 500MB, not "lots"/],
    // The limit is the whole process's: Node and DuckDB's own code take more than this before any row.
    [['--engine', 'duckdb', '--memory-limit', '100MB'], /--memory-limit 100MB is too small: botclick itself holds \d+ MB of it here, which leaves DuckDB less than the 128 MB it needs; try --memory-limit 0\.\dGB or more\.$/],
  ])('bad options get one clear line: %j', (args, message) => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, 'Email,Clicked at,Link\nann@example.org,2026-03-10T16:20:00Z,https://x.example/1\n');
    const run = botclick(['flag', file, ...args]);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(message);
  });

  test('a tiny file runs within a small whole-process limit, with the same verdicts as without one', () => {
    const file = join(dir, 'tiny.csv');
    writeFileSync(file, 'Email,Clicked at,Link\nann@example.org,2026-03-10T16:20:00Z,https://x.example/1\nbob@example.org,2026-03-10T17:05:00Z,https://x.example/2\n');
    const limited = botclick(['flag', file, '--json', '--engine', 'duckdb', '--memory-limit', '600MB']);
    const unlimited = botclick(['flag', file, '--json', '--engine', 'duckdb']);
    expect(limited.status).toBe(0);
    expect(JSON.parse(limited.stdout)).toEqual(JSON.parse(unlimited.stdout));
    expect((JSON.parse(limited.stdout) as Summary).totals.rawClicks).toBe(2);
  });
});
