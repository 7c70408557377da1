import { OVERRIDE, ROW, type ClickTable } from './clicks';
import { isCertain, type Evidence, type Finding } from './evidence';
import { copiesPerCampaign, type Groups } from './groups';
import { TIMELESS_RULES } from './rules';
import type { Verdict } from './types';
import { duration, fitReasons, shorten, since } from './words';

/**
 * Combines the findings per click into bot / human / unknown and the reason to show: the
 * strongest findings for a bot, the near-miss (or the timing) for a human.
 */
export function decide(clicks: ClickTable, groups: Groups, evidence: Evidence): { verdicts: (Verdict | null)[]; reasons: string[] } {
  const verdicts: (Verdict | null)[] = new Array(clicks.size);
  const reasons: string[] = new Array(clicks.size);
  // Many clicks get the same words ("3 min after delivery, nothing machine-like"): one string each.
  const texts = new Map<string, string>();
  let last = '';
  const shared = (text: string) => {
    // A copy's clicks often share their reason: the same text object needs no lookup.
    if (text === last) return last;
    last = text;
    const known = texts.get(text);
    if (known !== undefined) return (last = known);
    texts.set(text, text);
    return text;
  };
  const judged: Judgement = { verdict: null, reason: '' };
  const copies = copiesPerCampaign(groups);
  for (let row = 0; row < clicks.size; row++) {
    judge(clicks, groups, evidence, row, judged, copies);
    const { verdict } = judged;
    const reason = clicks.hasLinks && clicks.link[row] < 0 && verdict !== null ? `${judged.reason}; no link in this row` : judged.reason;
    const override = clicks.override[row];
    if (override !== OVERRIDE.none && verdict !== null) {
      const chosen: Verdict = override === OVERRIDE.bot ? 'bot' : 'human';
      verdicts[row] = chosen;
      reasons[row] = shared(chosen === verdict ? `set by you; also: ${reason}` : `set by you; detector said ${verdict}: ${reason}`);
    } else {
      verdicts[row] = verdict;
      reasons[row] = shared(reason);
    }
  }
  return { verdicts, reasons };
}

/** A click's verdict and the words for it. decide reuses one for every click: a million pairs would be garbage. */
interface Judgement {
  verdict: Verdict | null;
  reason: string;
}

function judge(clicks: ClickTable, groups: Groups, evidence: Evidence, row: number, out: Judgement, copies: Int32Array): void {
  if (clicks.kind[row] !== ROW.click) return judged(out, null, '');
  if (clicks.recipient[row] < 0) return judged(out, 'unknown', 'no recipient in this row');
  const untimed = clicks.hasTimes && Number.isNaN(clicks.time[row]);
  const certain = untimed ? '' : evidence.certainReason(row);
  if (certain !== '') return judged(out, 'bot', certain);
  const findings = evidence.score(row) === 0 ? [] : evidence.findings(row).filter((f) => !untimed || TIMELESS_RULES.has(f.rule));
  const score = findings.reduce((sum, f) => sum + f.weight, 0);
  if (isCertain(score)) return judged(out, 'bot', enoughReasons(findings));
  if (untimed) return judged(out, 'unknown', unreadableTime(clicks, row));
  // A repeat counts as one click with the click it repeats, so it shares that click's bot verdict;
  // but a wave's fetch passes it only to the repeats the wave found its gateway's.
  const repeated = groups.repeatOf[row];
  if (repeated >= 0 && evidence.certainRule(repeated) !== 'wave') {
    judge(clicks, groups, evidence, repeated, out, copies);
    if (out.verdict === 'bot') return judged(out, 'bot', `repeat of a bot click: ${out.reason}`);
  }
  if (findings.length > 0) return judged(out, 'human', `${findings[0].reason}, not enough on its own`);
  // Without times fine enough for the timing rules and without a link for the link rules, a click
  // that no fingerprint marks is not shown to be a person's.
  if (!clicks.timing && !(clicks.link[row] >= 0)) return judged(out, 'unknown', clicks.hasTimes ? 'only a date and no link to judge by' : 'no click time and no link to judge by');
  return judged(out, 'human', timing(clicks, groups, row, copies));
}

function judged(out: Judgement, verdict: Verdict | null, reason: string): void {
  out.verdict = verdict;
  out.reason = reason;
}

function unreadableTime(clicks: ClickTable, row: number): string {
  const text = clicks.unreadableTimes.get(row) ?? '';
  if (text === '') return 'no click time in this row';
  return `could not read the click time "${shorten(text)}"`;
}

function timing(clicks: ClickTable, groups: Groups, row: number, copies: Int32Array): string {
  const g = groups.groupOfRow[row];
  const reference = groups.reference[g];
  const delay = clicks.time[row] - reference;
  // A send estimated from one copy's own clicks dates nothing: its first click would read "0 s after send".
  const selfDated = groups.referenceKind[g] === 'estimated send' && copies[groups.campaignOf[g]] < 2;
  if (!clicks.timing || !Number.isFinite(delay) || selfDated) return 'nothing machine-like';
  return `${duration(delay)} ${delay < 0 ? 'before' : 'after'} ${since(groups.referenceKind[g])}, nothing machine-like`;
}

/** The strongest findings, only as many as it took to reach a bot verdict. */
function enoughReasons(findings: Finding[]): string {
  const shown: string[] = [];
  let total = 0;
  for (const finding of findings) {
    shown.push(finding.reason);
    total += finding.weight;
    if (isCertain(total)) break;
  }
  return fitReasons(shown);
}
