import { Ids } from './ids';

/** The rules, in the order their reasons are shown when they weigh the same. */
export const RULE_NAMES = ['providerFlag', 'trap', 'userAgent', 'tooSoon', 'sweep', 'burst', 'rapid', 'rescan', 'wave', 'ipRange', 'scannedDomain'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface Finding {
  rule: RuleName;
  weight: number;
  reason: string;
}

const RULE_COUNT = RULE_NAMES.length;
const RULE_INDEX = Object.fromEntries(RULE_NAMES.map((rule, index) => [rule, index])) as Record<RuleName, number>;

/** Weights come from the few in WEIGHT, so a byte per rule and click can name one. */
const MAX_WEIGHTS = 256;

/**
 * What the rules found, per click: a weight and a plain-words reason per rule (a rule keeps its
 * strongest finding for a click). A click whose weights add up to 1 or more is a bot click.
 * Weights are kept as a byte per rule naming one of the distinct weights, all rules of a click side
 * by side, so that score() reads one cache line. Reasons are kept by number, each distinct text
 * once: typed arrays cost the garbage collector nothing to look through.
 */
export class Evidence {
  /** Per click, RULE_COUNT codes into `weightValues` (0: nothing found). */
  private readonly weightCodes: Uint8Array;
  private readonly weightValues: number[] = [0];
  /** Per rule (by index into RULE_NAMES), made on its first finding: ids into `reasons`. */
  private readonly reasonIds: (Int32Array | undefined)[] = [];
  /** Rules build a reason per click, and most are equal: a million clicks keep a few thousand texts. */
  private readonly reasons = new Ids<string>();
  private lastReason: string | undefined;
  private lastReasonId = -1;

  constructor(readonly size: number) {
    this.weightCodes = new Uint8Array(size * RULE_COUNT);
  }

  add(rule: RuleName, row: number, weight: number, reason: string): void {
    const r = RULE_INDEX[rule];
    const at = row * RULE_COUNT + r;
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

  /** One rule's weight for one click. */
  weight(rule: RuleName, row: number): number {
    return this.weightValues[this.weightCodes[row * RULE_COUNT + RULE_INDEX[rule]]];
  }

  /** The weight found so far for one click. */
  score(row: number): number {
    let sum = 0;
    for (let at = row * RULE_COUNT, end = at + RULE_COUNT; at < end; at++) sum += this.weightValues[this.weightCodes[at]];
    return sum;
  }

  /** The reason of the first rule whose finding alone is enough for this click, or ''. */
  certainReason(row: number): string {
    for (let r = 0; r < RULE_COUNT; r++) {
      if (this.weightValues[this.weightCodes[row * RULE_COUNT + r]] >= 1 - 1e-6) return this.reasons.keys[this.reasonIds[r]![row]];
    }
    return '';
  }

  /** The findings for one click, strongest first. */
  findings(row: number): Finding[] {
    const found: Finding[] = [];
    for (let r = 0; r < RULE_COUNT; r++) {
      const weight = this.weightValues[this.weightCodes[row * RULE_COUNT + r]];
      if (weight > 0) found.push({ rule: RULE_NAMES[r], weight, reason: this.reasons.keys[this.reasonIds[r]![row]] });
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
