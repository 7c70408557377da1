import { BotclickError } from '../core';

const UNITS: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** The least DuckDB is given: below it, its queries fail on out-of-memory errors. */
export const DUCKDB_MINIMUM = 128e6;
/**
 * The share of what is left beside botclick's own memory that DuckDB's buffer manager is given:
 * DuckDB allocates beyond its limit (its operators' working memory outside the buffer manager, which
 * grows with the rows: at 3M clicks with a 600 MB limit, up to 360 MB beyond in one stage on two
 * threads, 260 MB on one), so its limit is set well below what it may take.
 */
const DUCKDB_SHARE = 0.5;

/**
 * DuckDB's statements run on libuv's work threads, and glibc gives each thread that allocates an
 * arena of its own, which keeps much of what a stage freed: with four threads taking turns, a run
 * held several stages' worth (3M clicks, the scores in three shares: 575 MiB after the third, 376
 * on one thread). libuv sizes its pool when it first starts it, so this runs before anything
 * asynchronous does.
 */
export function oneWorkThread(): void {
  process.env.UV_THREADPOOL_SIZE = '1';
}

/** A size such as 2GB or 500MB (DuckDB's units: KB, MB, GB powers of 1000, KiB, MiB, GiB of 1024), in bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(text.trim());
  if (!match) throw new BotclickError(`--memory-limit must be a size such as 2GB or 500MB, not "${text}".`);
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

/**
 * `--memory-limit` is the whole process's budget: botclick's own memory (Node, its heap and the
 * record spans, DuckDB's code and its empty database) is counted first, and DuckDB is given a share
 * of the rest, set again as botclick's own grows. What botclick uses is measured, not guessed.
 */
export class MemoryBudget {
  /** What the process held before any row was read, bar its heap and buffers, counted apart. */
  private readonly baseline: number;

  constructor(
    readonly total: number,
    private readonly text: string,
    private readonly usage: () => NodeJS.MemoryUsage = () => process.memoryUsage(),
  ) {
    const now = this.usage();
    this.baseline = now.rss - now.heapTotal - now.arrayBuffers;
  }

  /** What botclick itself holds now: the baseline, its heap and its array buffers (the record spans). */
  own(): number {
    const now = this.usage();
    return this.baseline + now.heapTotal + now.arrayBuffers;
  }

  /**
   * DuckDB's share now, in whole MB for SET memory_limit, or with `all` everything botclick leaves
   * (for a stage that could not run in its share); one clear line when too little is left for it.
   */
  duckDbLimit(all = false): string {
    const own = this.own();
    if ((this.total - own) * DUCKDB_SHARE < DUCKDB_MINIMUM) {
      const least = Math.ceil((own + DUCKDB_MINIMUM / DUCKDB_SHARE) / 1e8) / 10;
      throw new BotclickError(
        `--memory-limit ${this.text.trim()} is too small: botclick itself holds ${mb(own)} MB of it here, which leaves DuckDB less than the ${mb(DUCKDB_MINIMUM)} MB it needs; try --memory-limit ${least}GB or more.`,
      );
    }
    return `${mb((this.total - own) * (all ? 1 : DUCKDB_SHARE))}MB`;
  }

  /** DuckDB ran out of memory even with everything botclick leaves. */
  exhausted(path: string, detail: string): BotclickError {
    return new BotclickError(`DuckDB ran out of memory judging "${path}" within --memory-limit ${this.text.trim()} (${detail}); try a larger limit.`);
  }
}

function mb(bytes: number): number {
  return Math.floor(bytes / 1e6);
}
