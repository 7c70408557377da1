import { Ids } from './ids';

export interface Finding {
  rule: string;
  weight: number;
  reason: string;
}

/** Weights come from the few in WEIGHT, so a byte per rule and click can name one. */
const MAX_WEIGHTS = 256;

/** Whether a weight (or a sum of weights) is enough on its own for a bot verdict. */
export function isCertain(weight: number): boolean {
  return weight >= 1 - 1e-6;
}

/**
 * What the rules found, per click: a weight and a plain-words reason per rule (a rule keeps its
 * strongest finding for a click). A click whose weights add up to 1 or more is a bot click.
 * Weights are kept as a byte per rule naming one of the distinct weights, all rules of a click side
 * by side, so that score() reads one cache line. Reasons are kept by number, each distinct text
 * once: typed arrays cost the garbage collector nothing to look through. Rules are numbered by
 * their place in `ruleNames`, the order their reasons are shown when they weigh the same.
 */
export class Evidence {
  private readonly ruleCount: number;
  /** Per click, ruleCount codes into `weightValues` (0: nothing found). */
  private readonly weightCodes: Uint8Array;
  private readonly weightValues: number[] = [0];
  /** Per rule, made on its first finding: ids into `reasons`. */
  private readonly reasonIds: (Int32Array | undefined)[] = [];
  /** Rules build a reason per click, and most are equal: a million clicks keep a few thousand texts. */
  private readonly reasons = new Ids<string>();
  private lastReason: string | undefined;
  private lastReasonId = -1;

  constructor(
    readonly size: number,
    private readonly ruleNames: readonly string[],
  ) {
    this.ruleCount = ruleNames.length;
    this.weightCodes = new Uint8Array(size * this.ruleCount);
  }

  /** What one rule sees and adds: its own findings, and those of the rules it reads. */
  of<Reads extends string>(rule: string, reads: readonly Reads[]): Findings<Reads> {
    return new Findings(this, this.indexOf(rule), new Map(reads.map((read) => [read, this.indexOf(read)])));
  }

  private indexOf(rule: string): number {
    const r = this.ruleNames.indexOf(rule);
    if (r < 0) throw new Error(`no rule named ${rule}`);
    return r;
  }

  /** @internal Findings.add */
  addAt(r: number, row: number, weight: number, reason: string): void {
    const at = row * this.ruleCount + r;
    if (!(weight > this.weightValues[this.weightCodes[at]])) return;
    this.weightCodes[at] = this.codeOf(weight);
    (this.reasonIds[r] ??= new Int32Array(this.size))[row] = this.idOf(reason);
  }

  private codeOf(weight: number): number {
    let code = this.weightValues.indexOf(weight);
    if (code < 0) {
      if (this.weightValues.length === MAX_WEIGHTS) throw new Error(`more than ${MAX_WEIGHTS - 1} distinct weights; use those in WEIGHT`);
      code = this.weightValues.push(weight) - 1;
    }
    return code;
  }

  /** Rules add a run of clicks with one reason at a time, so the last reason is usually the one. */
  private idOf(reason: string): number {
    if (reason !== this.lastReason) {
      this.lastReason = reason;
      this.lastReasonId = this.reasons.idOf(reason);
    }
    return this.lastReasonId;
  }

  /** One rule's weight for one click, by the rule's number. */
  weightAt(r: number, row: number): number {
    return this.weightValues[this.weightCodes[row * this.ruleCount + r]];
  }

  /** The weight found for one click by every rule. */
  score(row: number): number {
    let sum = 0;
    for (let at = row * this.ruleCount, end = at + this.ruleCount; at < end; at++) sum += this.weightValues[this.weightCodes[at]];
    return sum;
  }

  /** The weight found for one click by the given rules (by number). */
  scoreOf(row: number, rules: Int32Array): number {
    let sum = 0;
    const base = row * this.ruleCount;
    for (let k = 0; k < rules.length; k++) sum += this.weightValues[this.weightCodes[base + rules[k]]];
    return sum;
  }

  /** The reason of the first rule whose finding alone is enough for this click, or ''. */
  certainReason(row: number): string {
    const r = this.certainAt(row);
    return r < 0 ? '' : this.reasons.keys[this.reasonIds[r]![row]];
  }

  /** The name of the first rule whose finding alone is enough for this click, or ''. */
  certainRule(row: number): string {
    const r = this.certainAt(row);
    return r < 0 ? '' : this.ruleNames[r];
  }

  private certainAt(row: number): number {
    for (let r = 0; r < this.ruleCount; r++) if (isCertain(this.weightValues[this.weightCodes[row * this.ruleCount + r]])) return r;
    return -1;
  }

  /** The findings for one click, strongest first. */
  findings(row: number): Finding[] {
    const found: Finding[] = [];
    for (let r = 0; r < this.ruleCount; r++) {
      const weight = this.weightValues[this.weightCodes[row * this.ruleCount + r]];
      if (weight > 0) found.push({ rule: this.ruleNames[r], weight, reason: this.reasons.keys[this.reasonIds[r]![row]] });
    }
    return found.length > 1 ? found.sort((a, b) => b.weight - a.weight) : found;
  }
}

/**
 * The evidence as one rule sees it: what it adds goes under its name, and it reads only its own
 * findings and those of the rules it declares it reads.
 */
export class Findings<Reads extends string> {
  /** This rule's number and those of the rules it reads: what its score sums. */
  private readonly scored: Int32Array;

  constructor(
    private readonly evidence: Evidence,
    private readonly rule: number,
    private readonly reads: ReadonlyMap<Reads, number>,
  ) {
    // In place order, as Evidence.score adds them: the same sums to the last bit.
    this.scored = Int32Array.from([rule, ...reads.values()]).sort();
  }

  /** Keeps the finding if it weighs more than the rule's finding so far for this click. */
  add(row: number, weight: number, reason: string): void {
    this.evidence.addAt(this.rule, row, weight, reason);
  }

  /** This rule's own weight for one click. */
  own(row: number): number {
    return this.evidence.weightAt(this.rule, row);
  }

  /** A rule's weight for one click: a rule this one reads. */
  weight(rule: Reads, row: number): number {
    return this.evidence.weightAt(this.reads.get(rule)!, row);
  }

  /** The weight found for one click by this rule and the rules it reads. */
  score(row: number): number {
    return this.evidence.scoreOf(row, this.scored);
  }

  /** Whether that weight is enough on its own. */
  isCertain(row: number): boolean {
    return isCertain(this.score(row));
  }
}

/** How much each kind of finding weighs. Named here so that the balance between rules is in one place. */
export const WEIGHT = {
  /** Enough on its own. */
  certain: 1,
  /** Strong, but a person can do it: needs one more sign. */
  strong: 0.6,
  /** Clicked within seconds of delivery: a person can, rarely. */
  soon: 0.5,
  /** A hint: needs more signs. */
  hint: 0.4,
  /** Seconds after a send time that was only estimated from the clicks themselves. */
  faint: 0.3,
} as const;
