/** The rules, in the order their reasons are shown when they weigh the same. */
export const RULE_NAMES = ['providerFlag', 'trap', 'userAgent', 'tooSoon', 'sweep', 'burst', 'rapid', 'rescan', 'wave', 'ipRange', 'scannedDomain'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface Finding {
  rule: RuleName;
  weight: number;
  reason: string;
}

/**
 * What the rules found, per click: a weight and a plain-words reason per rule (a rule keeps its
 * strongest finding for a click). A click whose weights add up to 1 or more is a bot click.
 * Reasons are kept by number: a run of clicks shares one reason, and typed arrays cost the
 * garbage collector nothing to look through.
 */
export class Evidence {
  private readonly weights = new Map<RuleName, Float32Array>();
  /** The same arrays as `weights`, for the hot loop in score(). */
  private readonly weightArrays: Float32Array[] = [];
  private readonly reasonIds = new Map<RuleName, Int32Array>();
  private readonly reasonTexts: string[] = [];
  private lastReason = '';

  constructor(readonly size: number) {}

  add(rule: RuleName, row: number, weight: number, reason: string): void {
    let weights = this.weights.get(rule);
    let reasonIds = this.reasonIds.get(rule);
    if (!weights || !reasonIds) {
      weights = new Float32Array(this.size);
      reasonIds = new Int32Array(this.size);
      this.weights.set(rule, weights);
      this.weightArrays.push(weights);
      this.reasonIds.set(rule, reasonIds);
    }
    if (weight > weights[row]) {
      weights[row] = weight;
      reasonIds[row] = this.idOf(reason);
    }
  }

  /** Rules add a run of clicks with one reason at a time, so the last reason is usually the one. */
  private idOf(reason: string): number {
    if (reason !== this.lastReason || this.reasonTexts.length === 0) {
      this.reasonTexts.push(reason);
      this.lastReason = reason;
    }
    return this.reasonTexts.length - 1;
  }

  /** One rule's weight for one click. */
  weight(rule: RuleName, row: number): number {
    return this.weights.get(rule)?.[row] ?? 0;
  }

  /** The weight found so far for one click. */
  score(row: number): number {
    let sum = 0;
    for (let r = 0; r < this.weightArrays.length; r++) sum += this.weightArrays[r][row];
    return sum;
  }

  /** The reason of the first rule whose finding alone is enough for this click, or ''. */
  certainReason(row: number): string {
    for (const rule of RULE_NAMES) {
      const weights = this.weights.get(rule);
      if (weights && weights[row] >= 1 - 1e-6) return this.reasonTexts[this.reasonIds.get(rule)![row]];
    }
    return '';
  }

  /** The findings for one click, strongest first. */
  findings(row: number): Finding[] {
    const found: Finding[] = [];
    for (const rule of RULE_NAMES) {
      const weights = this.weights.get(rule);
      if (weights && weights[row] > 0) found.push({ rule, weight: weights[row], reason: this.reasonTexts[this.reasonIds.get(rule)![row]] });
    }
    return found.length > 1 ? found.sort((a, b) => b.weight - a.weight) : found;
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
