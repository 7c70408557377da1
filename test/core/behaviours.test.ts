import { detect } from '../../src/core';
import { behaviourCase } from '../../scenarios/cases';
import type { Behaviour } from '../../scenarios/model';
import type { ExportOptions } from '../../scenarios/table';

/**
 * One behaviour at a time, inside a small ordinary mailing: every scanner behaviour must come out
 * `bot`, every human look-alike `human`, with a short reason in plain words.
 */

type CaseName = Exclude<Behaviour, 'reader'>;
const SCANNERS: CaseName[] = ['sweep', 'paced sweep', 'two requests per link', 'partial sweep', 'one link per copy', 're-scan', 'pre-delivery scan'];
const LOOK_ALIKES: CaseName[] = ['double click', 'poll vote change', 'tabs', 'forwarded', 'fast reader', 'browser isolation', 'reader after scan', 'tabs after scan', 'early reader in a wave'];
const SEEDS = [1, 2, 3];

const EXPORTS: Record<string, ExportOptions> = {
  'with user agent, IP and delivery time': {},
  'with only recipient, campaign, link and time': { userAgent: false, ip: false, delivery: 'none' },
  'with only recipient, campaign, link and a whole-minute time': { userAgent: false, ip: false, delivery: 'none', resolution: 'min' },
};

/** What went wrong in one case, one line per wrongly judged click of the behaviour under test. */
function judge(behaviour: CaseName, seed: number, options: ExportOptions): string[] {
  const { scenario, focus } = behaviourCase(behaviour, seed, options);
  const { verdicts, reasons } = detect(scenario.table);
  return scenario.rows.flatMap((click, i) => {
    if (!click || !focus[i] || verdicts[i] === click.label) return [];
    const since = ((click.time - click.copy.deliveredAt) / 1000).toFixed(1);
    const link = click.copy.campaign.links[click.link].kind;
    return [`seed ${seed}: ${click.behaviour} click on ${link} ${since} s after delivery judged ${verdicts[i]} ("${reasons[i]}")`];
  });
}

/** A reason a marketer can read: a few plain words, no code names, no missing values. */
function badReason(reason: string): boolean {
  return reason.trim().length < 3 || reason.length > 100 || /undefined|NaN|null|\[object|[{}_=<>]|\b[a-z]+[A-Z]\w*/.test(reason);
}

describe.each(Object.entries(EXPORTS))('%s', (_, options) => {
  test.each(SCANNERS)('a scanner doing "%s" is flagged bot', (behaviour) => {
    expect(SEEDS.flatMap((seed) => judge(behaviour, seed, options))).toEqual([]);
  });

  // Known gap: in whole minutes a colleague clicking the wave's link in the wave's minute, or a
  // minute after a scan of the copy, cannot be told from the gateway (docs/evidence.md).
  const lookAlikes = options.resolution === 'min' ? LOOK_ALIKES.filter((b) => b !== 'early reader in a wave') : LOOK_ALIKES;
  test.each(lookAlikes)('a person doing "%s" stays human', (behaviour) => {
    expect(SEEDS.flatMap((seed) => judge(behaviour, seed, options))).toEqual([]);
  });

  test('the ordinary mailing around the cases is judged right too', () => {
    let bots = 0;
    let caught = 0;
    let flagged = 0;
    for (const behaviour of [...SCANNERS, ...LOOK_ALIKES]) {
      const { scenario, focus } = behaviourCase(behaviour, 1, options);
      const { verdicts } = detect(scenario.table);
      scenario.rows.forEach((click, i) => {
        if (!click || focus[i]) return;
        if (click.label === 'bot') bots++;
        if (verdicts[i] === 'bot') flagged++;
        if (verdicts[i] === 'bot' && click.label === 'bot') caught++;
      });
    }
    expect({ recall: caught / bots >= 0.97, precision: caught / flagged >= 0.99 }).toEqual({ recall: true, precision: true });
  });

  test('every reason is short and in plain words', () => {
    const bad = [...SCANNERS, ...LOOK_ALIKES].flatMap((behaviour) => {
      const { scenario } = behaviourCase(behaviour, 2, options);
      const { verdicts, reasons } = detect(scenario.table);
      return reasons.filter((reason, i) => verdicts[i] !== null && badReason(reason));
    });
    expect([...new Set(bad)]).toEqual([]);
  });
});

test('a chat app fetching a pasted link for its preview is flagged by its user agent', () => {
  expect(SEEDS.flatMap((seed) => judge('link preview', seed, {}))).toEqual([]);
});
