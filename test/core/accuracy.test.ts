import { detect, type Detection } from '../../src/core';
import { simulateMailing } from '../../scenarios/generator';
import { humanClickers, misses, plainMinuteRule, score, type Figures } from '../../scenarios/scoring';
import { renderExport, type ExportOptions, type Scenario } from '../../scenarios/table';

/**
 * Accuracy on generated business mailings, scored on seeds never used while tuning the rules.
 *
 * Seeds the rules were tuned on: 11, 23, 37, 3, 5, 17, 19, 29, 31, 41, and 97 (held out until its
 * two-gateway company was diagnosed; 157 took its place), and before issue 14 101, 202, 7, 13, 42,
 * 77, 99. Held out, looked at only for the figures: 71, 83, 131, 149, 157.
 *
 * Issue 14's targets: bot recall >= 99 %, bot precision >= 99.5 %, unique human clickers per campaign
 * within 2 % with second times and within 3 % in whole minutes: every shape's limit is its target.
 */

const HELD_OUT = [71, 83, 131, 149, 157];
const TARGET = { recall: 0.99, precision: 0.995 };

interface Shape {
  options: ExportOptions;
  /** The worst campaign's human-clicker error allowed. */
  clickerError: number;
}

const SHAPES: Record<string, Shape> = {
  'UA, IP and delivery time, ms': { options: { resolution: 'ms' }, clickerError: 0.02 },
  'event log with deliveries, Date cells': { options: { delivery: 'events', timeFormat: 'date' }, clickerError: 0.02 },
  'UA and IP, no delivery time': { options: { delivery: 'none' }, clickerError: 0.02 },
  'no UA, IP or delivery time': { options: { userAgent: false, ip: false, delivery: 'none' }, clickerError: 0.02 },
  'personal unsubscribe links, campaign send time': { options: { personalLinks: true, delivery: 'sent', userAgent: false, ip: false }, clickerError: 0.02 },
  'whole minutes, no UA, IP or delivery time': { options: { userAgent: false, ip: false, delivery: 'none', resolution: 'min' }, clickerError: 0.03 },
  'whole minutes with UA, IP and delivery time': { options: { resolution: 'min' }, clickerError: 0.03 },
};

/** What fails the targets, one line each; empty when all hold. */
function failures(ours: Figures, detection: Detection, scenario: Scenario, shape: Shape, target: { recall: number; precision: number }): string[] {
  const found: string[] = [];
  if (ours.recall < target.recall) found.push(`bot recall ${(ours.recall * 100).toFixed(2)} % < ${target.recall * 100} % (missed: ${misses(ours)})`);
  if ((ours.precision ?? 0) < target.precision) found.push(`bot precision ${((ours.precision ?? 0) * 100).toFixed(2)} % < ${target.precision * 100} %`);
  for (const c of ours.clickers.filter((c) => c.error > shape.clickerError)) {
    found.push(`${c.campaign}: ${c.found} human clickers, truly ${c.truth} (${(c.error * 100).toFixed(1)} % off, limit ${shape.clickerError * 100} %)`);
  }
  // The summary is what the user reads: it must tell the same number of real people as the verdicts.
  const fromVerdicts = humanClickers(scenario, detection.verdicts);
  for (const campaign of detection.summary.campaigns) {
    const expected = fromVerdicts.get(campaign.campaign) ?? 0;
    if (campaign.humanClickers !== expected) found.push(`summary says ${campaign.humanClickers} human clickers for ${campaign.campaign}, the verdicts ${expected}`);
  }
  if (detection.summary.campaigns.length !== scenario.campaigns.length) {
    found.push(`summary has ${detection.summary.campaigns.length} campaigns, the export ${scenario.campaigns.length}`);
  }
  return found;
}

const cases = (seeds: number[]) => seeds.flatMap((seed) => Object.keys(SHAPES).map((name) => [name, seed] as const));

describe('a scanner-heavy business mailing (85-93 % of clicks from scanners), held-out seeds', () => {
  const mailings = new Map(HELD_OUT.map((seed) => [seed, simulateMailing({ seed })]));

  test.each(cases(HELD_OUT))('%s (seed %i): recall >= 99 %, precision >= 99.5 %, human clickers within the limit', (name, seed) => {
    const scenario = renderExport(mailings.get(seed)!, { ...SHAPES[name].options, seed });
    const detection = detect(scenario.table);
    const ours = score(scenario, detection.verdicts);
    expect(failures(ours, detection, scenario, SHAPES[name], TARGET)).toEqual([]);
    // The point of the product: it finds the bots the plain rule misses and counts people more closely.
    const plain = score(scenario, plainMinuteRule(scenario));
    expect(ours.recall).toBeGreaterThan(plain.recall);
    expect(ours.worstClickerError).toBeLessThan(plain.worstClickerError);
  });
});

/**
 * A typical B2B mailing (scanners 10-30 % of clicks): people are counted within 3 % in every shape.
 * Without a user-agent column the few chat-app previews and the rare scans of small companies are
 * out of reach, so bot recall is held to the targets only where the export has one.
 */
describe('a typical B2B mailing (10-30 % of clicks from scanners), held-out seeds', () => {
  const seeds = HELD_OUT.slice(0, 3);
  const mailings = new Map(seeds.map((seed) => [seed, simulateMailing({ seed, scanning: 'typical' })]));

  test.each(cases(seeds))('%s (seed %i): human clickers within 3 %', (name, seed) => {
    const shape = SHAPES[name];
    const scenario = renderExport(mailings.get(seed)!, { ...shape.options, seed });
    const detection = detect(scenario.table);
    const ours = score(scenario, detection.verdicts);
    const withAgent = shape.options.userAgent !== false;
    expect(failures(ours, detection, scenario, { ...shape, clickerError: 0.03 }, { recall: withAgent ? TARGET.recall : 0, precision: 0 })).toEqual([]);
  });
});
