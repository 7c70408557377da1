import type { DuckDBResult } from '@duckdb/node-api';
import { BotclickError, type Verdict } from '../core';
import type { RowVerdicts } from './row-verdicts';

/**
 * The DuckDB engine's verdicts as its queries stream them back in row order, one chunk (about 2,048
 * clicks) in memory at a time: one query after another, each over the next range of rows (so that
 * DuckDB sorts a range at a time, not the whole file). A data row the query leaves out (a blank
 * row) has no verdict.
 */
export class StreamedVerdicts implements RowVerdicts {
  /** The current chunk: its data rows (from 0), verdicts and reasons. */
  private rows = new Float64Array(0);
  private verdicts: (Verdict | null)[] = [];
  private reasons: string[] = [];
  /** Where in the chunk the last row asked for is. */
  private at = 0;
  private ended = false;

  private result: DuckDBResult | undefined;

  constructor(
    /** The queries' results, in row order. */
    private readonly results: AsyncIterator<DuckDBResult>,
    private readonly path: string,
  ) {}

  has(data: number): boolean {
    return this.ended || (this.rows.length > 0 && this.rows[this.rows.length - 1] >= data);
  }

  /** Fetches chunks until this data row's is at hand, or the result ends. */
  async fetch(data: number): Promise<void> {
    while (!this.has(data)) {
      const chunk = await inDuckDb(this.path, async () => (await this.current())?.fetchChunk());
      if (chunk === undefined) {
        this.ended = true;
        this.rows = new Float64Array(0);
        return;
      }
      if (chunk === null || chunk.rowCount === 0) {
        this.result = undefined;
        continue;
      }
      const [rows, bots, whys] = chunk.getColumns();
      this.rows = Float64Array.from(rows, (row) => Number(row) - 1);
      this.verdicts = bots as (Verdict | null)[];
      this.reasons = whys.map((why) => String(why ?? ''));
      this.at = 0;
    }
  }

  /** The result being read, the next one once it has ended; undefined after the last. */
  private async current(): Promise<DuckDBResult | undefined> {
    if (this.result === undefined) {
      const next = await this.results.next();
      if (next.done === true) return undefined;
      this.result = next.value;
    }
    return this.result;
  }

  verdict(data: number): Verdict | null {
    const k = this.find(data);
    return k < 0 ? null : this.verdicts[k];
  }

  reason(data: number): string {
    const k = this.find(data);
    return k < 0 || this.verdicts[k] === null ? '' : this.reasons[k];
  }

  /** Rows are asked for in order, so the search moves forward only. */
  private find(data: number): number {
    while (this.at < this.rows.length && this.rows[this.at] < data) this.at++;
    return this.at < this.rows.length && this.rows[this.at] === data ? this.at : -1;
  }
}

/** DuckDB's errors as one line in its own words (out of memory or disk, mostly); botclick's own pass through. */
export async function inDuckDb<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BotclickError) throw error;
    throw new BotclickError(`DuckDB could not judge "${path}": ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
  }
}
