import { BotclickError } from '../core';

const UNITS: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** The least DuckDB is given: below it, its queries fail on out-of-memory errors. */
export const DUCKDB_MINIMUM = 128e6;
/**
 * The share of what is left beside botclick's own memory that DuckDB's buffer manager is given:
 * DuckDB allocates beyond its limit (its operators' working memory outside the buffer manager,
 * which grows with the rows: at 1M clicks 100-175 MB beyond, at 3M up to 370 MB in one stage), so
 * its limit is set well below what it may take.
 */
const DUCKDB_SHARE = 0.5;
/** How often the process's resident memory is looked at, to learn how far DuckDB goes beyond its limit. */
const SAMPLE_MS = 50;

/** A size such as 2GB or 500MB (DuckDB's units: KB, MB, GB powers of 1000, KiB, MiB, GiB of 1024), in bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(text.trim());
  if (!match) throw new BotclickError(`--memory-limit must be a size such as 2GB or 500MB, not "${text}".`);
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

/**
 * `--memory-limit` is the whole process's budget: botclick's own memory (Node, its heap and the
 * record spans, DuckDB's code and its empty database) is counted first, and DuckDB is given a share
 * of the rest, set again as botclick's own grows. How far DuckDB went beyond the limit it was given
 * (the process's resident memory, sampled, less botclick's own and that limit) is kept back from
 * the next. What botclick and DuckDB use is measured, not guessed.
 */
export class MemoryBudget {
  /** What the process held before any row was read, bar its heap and buffers, counted apart. */
  private readonly baseline: number;
  private readonly sampler: NodeJS.Timeout;
  /** The limit DuckDB was last given, and the highest resident memory since. */
  private given = 0;
  private peak = 0;
  /** The most DuckDB has taken beyond the limit it was given. */
  private beyond = 0;

  constructor(
    readonly total: number,
    private readonly text: string,
    private readonly usage: () => NodeJS.MemoryUsage = () => process.memoryUsage(),
  ) {
    const now = this.usage();
    this.baseline = now.rss - now.heapTotal - now.arrayBuffers;
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS);
    this.sampler.unref();
  }

  /** Looks at the process's resident memory now (also every 50 ms while DuckDB works). */
  sample(): void {
    this.peak = Math.max(this.peak, this.usage().rss);
  }

  stop(): void {
    clearInterval(this.sampler);
  }

  /** What botclick itself holds now: the baseline, its heap and its array buffers (the record spans). */
  own(): number {
    const now = this.usage();
    return this.baseline + now.heapTotal + now.arrayBuffers;
  }

  /** DuckDB's share now, in whole MB for SET memory_limit; one clear line when too little is left for it. */
  duckDbLimit(): string {
    this.sample();
    const own = this.own();
    if (this.given > 0) this.beyond = Math.max(this.beyond, this.peak - own - this.given);
    if ((this.total - own) * DUCKDB_SHARE < DUCKDB_MINIMUM) {
      const least = Math.ceil((own + DUCKDB_MINIMUM / DUCKDB_SHARE) / 1e8) / 10;
      throw new BotclickError(
        `--memory-limit ${this.text.trim()} is too small: botclick itself holds ${mb(own)} MB of it here, which leaves DuckDB less than the ${mb(DUCKDB_MINIMUM)} MB it needs; try --memory-limit ${least}GB or more.`,
      );
    }
    // What DuckDB took beyond its limit narrows its share, down to its minimum, but does not stop the run.
    this.given = Math.max(DUCKDB_MINIMUM, Math.floor((this.total - own - this.beyond) * DUCKDB_SHARE));
    this.peak = 0;
    return `${mb(this.given)}MB`;
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / 1e6);
}
