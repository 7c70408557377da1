/**
 * The scenarios of the equality run: every seed and export shape the accuracy and behaviour tests
 * use, the generator test's shapes, the presets, and windows that are not whole minutes. Each case
 * is judged by `detect` and written as one line per row plus the summary and notes.
 */
import { detect, resolveSettings, SETTINGS_SPEC, type SettingsInput } from '../src/core';
import { behaviourCase } from '../scenarios/cases';
import { simulateMailing } from '../scenarios/generator';
import { SCANNER_BEHAVIOURS, HUMAN_BEHAVIOURS, type Behaviour } from '../scenarios/model';
import { renderExport, type ExportOptions, type Scenario } from '../scenarios/table';

const ACCURACY_SEEDS = [11, 23, 37];
const ACCURACY_EXPORTS: ExportOptions[] = [
  { resolution: 'ms' },
  { delivery: 'events', timeFormat: 'date' },
  { delivery: 'none' },
  { userAgent: false, ip: false, delivery: 'none' },
  { personalLinks: true, delivery: 'sent', userAgent: false, ip: false },
  { userAgent: false, ip: false, delivery: 'none', resolution: 'min' },
  { resolution: 'min' },
];
const BEHAVIOUR_SEEDS = [1, 2, 3];
const BEHAVIOUR_EXPORTS: ExportOptions[] = [{}, { userAgent: false, ip: false, delivery: 'none' }, { userAgent: false, ip: false, delivery: 'none', resolution: 'min' }];
const GENERATOR_EXPORTS: ExportOptions[] = [
  { resolution: 'ms' },
  { userAgent: false, ip: false, delivery: 'none', resolution: 'min' },
  { delivery: 'sent', timeFormat: 'epoch' },
  { delivery: 'events', timeFormat: 'date' },
  { header: false, timeFormat: 'text', order: 'newest-first' },
  { personalLinks: true, order: 'shuffled' },
];
/** Windows that are not whole minutes: where rounding to the resolution shows. */
const ODD_WINDOWS: SettingsInput = { trapWindowSeconds: 90, sweepSpanSeconds: 90, waveWindowSeconds: 90, burstWindowSeconds: 45, tooSoonSeconds: 20, repeatSeconds: 5 };

export function* cases(): Generator<string> {
  yield `SETTINGS_SPEC ${JSON.stringify(SETTINGS_SPEC)}`;
  for (const seed of ACCURACY_SEEDS) {
    const mailing = simulateMailing({ seed });
    const trap = mailing.campaigns[0].links.find((link) => link.kind === 'viewOnline') ?? mailing.campaigns[0].links[0];
    for (const options of ACCURACY_EXPORTS) yield judge(`accuracy seed ${seed} ${JSON.stringify(options)}`, renderExport(mailing, { ...options, seed }), {});
    if (seed !== 11) continue;
    for (const options of [{}, { resolution: 'min' as const }, { userAgent: false, ip: false, delivery: 'none' as const, resolution: 'min' as const }]) {
      const scenario = renderExport(mailing, { ...options, seed });
      for (const preset of ['strict', 'cautious']) yield judge(`preset ${preset} seed ${seed} ${JSON.stringify(options)}`, scenario, { preset });
      const trapLinks = [trap.url];
      yield judge(`trap seed ${seed} ${JSON.stringify(options)}`, scenario, { trapLinks });
      yield judge(`odd windows seed ${seed} ${JSON.stringify(options)}`, scenario, { ...ODD_WINDOWS, trapLinks });
    }
  }
  const behaviours = [...SCANNER_BEHAVIOURS, ...HUMAN_BEHAVIOURS].filter((b): b is Exclude<Behaviour, 'reader'> => b !== 'reader');
  for (const behaviour of behaviours) {
    for (const seed of BEHAVIOUR_SEEDS) {
      for (const options of BEHAVIOUR_EXPORTS) yield judge(`behaviour ${behaviour} seed ${seed} ${JSON.stringify(options)}`, behaviourCase(behaviour, seed, options).scenario, {});
    }
  }
  const small = simulateMailing({ seed: 5, recipients: 600, campaigns: 2 });
  for (const options of GENERATOR_EXPORTS) yield judge(`generator seed 5 ${JSON.stringify(options)}`, renderExport(small, options), {});
}

function judge(name: string, scenario: Scenario, input: SettingsInput): string {
  const { verdicts, reasons, summary, notes } = detect(scenario.table, resolveSettings(input));
  const lines = [`## ${name} ${JSON.stringify(input)}`];
  for (let i = 0; i < verdicts.length; i++) lines.push(`${i}\t${verdicts[i]}\t${reasons[i]}`);
  lines.push(`summary ${JSON.stringify(summary)}`, `notes ${JSON.stringify(notes)}`);
  return lines.join('\n');
}
