import type { Verdict } from '../core';

/**
 * Each data row's verdict and reason, asked for in row order by the writer. The default engine's
 * are arrays of every row; the DuckDB engine's arrive a chunk at a time as its query streams them
 * back, so that they never all sit in memory at once.
 */
export interface RowVerdicts {
  /** False when this data row (from 0) is past the rows at hand: `fetch` it first. */
  has(data: number): boolean;
  fetch(data: number): Promise<void>;
  verdict(data: number): Verdict | null;
  reason(data: number): string;
}

/** The default engine's verdicts, all judged before the output is written. */
export class JudgedRows implements RowVerdicts {
  constructor(
    private readonly verdicts: readonly (Verdict | null)[],
    private readonly reasons: readonly string[],
  ) {}

  has(): boolean {
    return true;
  }

  async fetch(): Promise<void> {}

  verdict(data: number): Verdict | null {
    return this.verdicts[data] ?? null;
  }

  reason(data: number): string {
    return this.reasons[data] ?? '';
  }
}
