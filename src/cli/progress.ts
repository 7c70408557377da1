import { plural } from '../core';

/** Wait this long before the first progress line, so that quick runs stay silent. */
const QUIET_MS = 1000;
const EVERY_MS = 1000;
/** Look at the clock only every this many rows. */
const ROWS_PER_CHECK = 8192;

/**
 * Progress on stderr during long runs: "reading: 1,200,000 rows", once a second, only after the
 * first second. On a terminal it rewrites one line; in a log it adds lines.
 */
export class Progress {
  private readonly started = Date.now();
  private lastShown = 0;
  private shown = false;
  private step = '';
  private rows = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly enabled: boolean,
  ) {}

  /** A new step of the run; shown at once if the run has already been long. */
  begin(step: string): void {
    this.step = step;
    this.rows = 0;
    const now = Date.now();
    if (now - this.started >= QUIET_MS) this.show(now);
  }

  readonly row = (): void => {
    this.rows++;
    if (this.rows % ROWS_PER_CHECK === 0) {
      const now = Date.now();
      if (now - this.started >= QUIET_MS && now - this.lastShown >= EVERY_MS) this.show(now);
    }
  };

  /** Clears the progress line before the results are printed. */
  done(): void {
    if (this.shown && this.stream.isTTY) this.stream.write('\r\x1b[K');
  }

  private show(now: number): void {
    if (!this.enabled) return;
    this.lastShown = now;
    this.shown = true;
    const seconds = Math.round((now - this.started) / 1000);
    const text = `botclick: ${this.step}${this.rows > 0 ? `: ${plural(this.rows, 'row')}` : ''} (${seconds} s)`;
    this.stream.write(this.stream.isTTY ? `\r${text}\x1b[K` : `${text}\n`);
  }
}
