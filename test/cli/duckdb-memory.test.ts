import type { DuckDBConnection } from '@duckdb/node-api';
import { withinBudget } from '../../src/cli/duckdb-engine';
import { MemoryBudget, parseSize } from '../../src/cli/duckdb-memory';

const MB = 1e6;

/** A process whose memory is what the test says: the figures process.memoryUsage() gives. */
function usage(figures: { rss: number; heapTotal: number; arrayBuffers: number }): () => NodeJS.MemoryUsage {
  return () => ({ ...figures, heapUsed: figures.heapTotal, external: figures.arrayBuffers });
}

describe('--memory-limit as the whole process\'s budget', () => {
  test('reads sizes in DuckDB\'s units: MB and GB powers of 1000, MiB and GiB of 1024', () => {
    expect(parseSize('2GB')).toBe(2e9);
    expect(parseSize(' 500 mb ')).toBe(500 * MB);
    expect(parseSize('1.5GiB')).toBe(1.5 * 2 ** 30);
    expect(() => parseSize('2 gigs')).toThrow('--memory-limit must be a size such as 2GB or 500MB, not "2 gigs".');
  });

  test('gives DuckDB half of what botclick itself leaves, less as botclick\'s own memory grows', () => {
    const now = { rss: 190 * MB, heapTotal: 30 * MB, arrayBuffers: 10 * MB };
    const budget = new MemoryBudget(2e9, '2GB', () => ({ ...usage(now)() }));
    // Before any row: 190 MB of its own, half of the other 1,810 MB for DuckDB.
    expect(budget.duckDbLimit()).toBe('905MB');
    // Pass 1 kept 130 MB of record spans and the heap grew by 100 MB; DuckDB's own growth is not botclick's.
    Object.assign(now, { rss: 900 * MB, heapTotal: 130 * MB, arrayBuffers: 140 * MB });
    expect(budget.own()).toBe(420 * MB);
    expect(budget.duckDbLimit()).toBe('790MB');
    // A stage that could not run in that share is given everything botclick leaves.
    expect(budget.duckDbLimit(true)).toBe('1580MB');
  });

  test('a limit that leaves DuckDB too little says so in one line, with a limit that would do', () => {
    const budget = new MemoryBudget(400 * MB, '400MB', usage({ rss: 190 * MB, heapTotal: 30 * MB, arrayBuffers: 10 * MB }));
    expect(() => budget.duckDbLimit()).toThrow(
      '--memory-limit 400MB is too small: botclick itself holds 190 MB of it here, which leaves DuckDB less than the 128 MB it needs; try --memory-limit 0.5GB or more.',
    );
  });

  test('a stage (or the summary) that cannot run in DuckDB\'s share runs again with everything botclick leaves; if even that fails, one clear line', async () => {
    const outOfMemory = 'Out of Memory Error: failed to pin block of size 256.0 KiB (313.7 MiB/313.7 MiB used)';
    const ran: string[] = [];
    let failures = 1;
    const connection = {
      run: async (sql: string) => {
        ran.push(sql);
        if (sql.startsWith('CREATE') && failures-- > 0) throw new Error(outOfMemory);
      },
    } as unknown as DuckDBConnection;
    const budget = new MemoryBudget(1e9, '1GB', usage({ rss: 200 * MB, heapTotal: 30 * MB, arrayBuffers: 10 * MB }));
    const stage = 'CREATE TABLE bc_score AS SELECT 1';
    await withinBudget(connection, budget, 'clicks.csv', () => connection.run(stage));
    expect(ran).toEqual([stage, "SET memory_limit = '800MB'", stage]);
    failures = 2;
    await expect(withinBudget(connection, budget, 'clicks.csv', () => connection.run(stage))).rejects.toThrow(`DuckDB ran out of memory judging "clicks.csv" within --memory-limit 1GB (${outOfMemory}); try a larger limit.`);
    // Without a budget DuckDB's own limit is the user's: nothing to widen, its error passes on.
    failures = 1;
    await expect(withinBudget(connection, undefined, 'clicks.csv', () => connection.run(stage))).rejects.toThrow(outOfMemory);
  });
});
