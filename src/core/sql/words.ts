import type { Dialect } from './dialect';

/**
 * The plain-words pieces of core/words as SQL expressions, so that reasons read the same. Math.round
 * is floor(x + 0.5) here: Postgres rounds doubles half to even.
 */
export class SqlWords {
  constructor(private readonly d: Dialect) {}

  /** A whole number as text. */
  int(expr: string): string {
    return `CAST(CAST(${expr} AS BIGINT) AS ${this.d.textType})`;
  }

  /** core/words duration: "0.4 s", "12 s", "3 min", "2 h", "4 days". */
  duration(ms: string): string {
    const s = `(ABS(${ms}) / 1000)`;
    const round = (divisor: number) => this.int(`FLOOR(${s} / ${divisor} + 0.5)`);
    const tenths = `FLOOR(ABS(${ms}) / 100 + 0.5)`;
    return (
      `(CASE WHEN ${s} < 1 THEN (CASE WHEN ${tenths} >= 10 THEN '1' WHEN ${tenths} = 0 THEN '0' ELSE '0.' || ${this.int(tenths)} END) || ' s'` +
      ` WHEN ${s} < 120 THEN ${round(1)} || ' s'` +
      ` WHEN ${s} < 7200 THEN ${round(60)} || ' min'` +
      ` WHEN ${s} < 172800 THEN ${round(3600)} || ' h'` +
      ` ELSE ${round(86400)} || ' days' END)`
    );
  }

  /** "1 link", "3 links". */
  plural(count: string, one: string): string {
    return `(${this.int(count)} || CASE WHEN ${count} = 1 THEN ${this.d.text(` ${one}`)} ELSE ${this.d.text(` ${one}s`)} END)`;
  }

  /** core/words span: "in the same minute", "in the same second", or "in 12 s". */
  span(ms: string, resolution: string): string {
    return `(CASE WHEN ${resolution} >= 60000 AND ${ms} < ${resolution} THEN 'in the same minute' WHEN ${resolution} >= 1000 AND ${ms} < ${resolution} THEN 'in the same second' ELSE 'in ' || ${this.duration(ms)} END)`;
  }

  /** core/words since, from a reference kind. */
  since(kind: string): string {
    return `(CASE ${kind} WHEN 'estimated send' THEN 'send (estimated)' WHEN 'campaign send' THEN 'send' ELSE ${kind} END)`;
  }

  /** core/words shorten: at most 40 characters. */
  shorten(text: string): string {
    return `(CASE WHEN LENGTH(${text}) > 40 THEN SUBSTR(${text}, 1, 39) || '…' ELSE ${text} END)`;
  }

  /** core/words withSigns: the finding and its first two signs, each sign a nullable text. */
  withSigns(what: string, signs: string[]): string {
    if (signs.length === 0) return what;
    const first = `COALESCE(${signs.join(', ')})`;
    // The second sign: the first non-null after the first non-null one.
    const after = signs.map((sign, i) => `WHEN ${sign} IS NOT NULL THEN ${i + 1 < signs.length ? `COALESCE(${signs.slice(i + 1).join(', ')}, ${this.nullText()})` : this.nullText()}`);
    const second = `(CASE ${after.join(' ')} END)`;
    return `(${what} || COALESCE(', ' || ${first}, '') || COALESCE(', ' || ${second}, ''))`;
  }

  nullText(): string {
    return `CAST(NULL AS ${this.d.textType})`;
  }
}
