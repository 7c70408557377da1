import { detect } from '../../src/core';
import { generateScenario } from '../../scenarios/generator';
import type { ExportOptions } from '../../scenarios/table';

/**
 * `=BOTCLICK(A2:D500)`: a spreadsheet user selects the data without its header row. botclick must
 * then give the same verdicts as with the header, finding every column by its content — the e-mail
 * too, or a mailing of several campaigns becomes one e-mail and its verdicts change in silence.
 */

const EXPORTS: Record<string, ExportOptions> = {
  'recipient, campaign, link and time': { userAgent: false, ip: false, delivery: 'none' },
  'with user agent, IP and a delivery time per row': {},
  'with the campaign send time on every row': { delivery: 'sent' },
  'as an event log with deliveries': { delivery: 'events' },
  'in whole minutes': { userAgent: false, ip: false, delivery: 'none', resolution: 'min' },
};

describe.each(Object.entries(EXPORTS))('a mailing of two campaigns exported %s', (_, options) => {
  test('gives the same verdicts and reasons without its header row', () => {
    const withHeader = generateScenario({ seed: 11, recipients: 600, campaigns: 2, ...options });
    const body = withHeader.table.slice(1);
    const headed = detect(withHeader.table);
    const bare = detect(body);
    expect(bare.plan.hasHeader).toBe(false);
    const changed = headed.verdicts.flatMap((verdict, i) => (verdict === bare.verdicts[i] && headed.reasons[i] === bare.reasons[i] ? [] : [`row ${i + 2}: ${verdict} "${headed.reasons[i]}" became ${bare.verdicts[i]} "${bare.reasons[i]}"`]));
    expect(changed.slice(0, 3)).toEqual([]);
    expect(Object.keys(bare.plan.roles).sort()).toEqual(Object.keys(headed.plan.roles).sort());
  });
});
