import { WEIGHT } from '../evidence';
import { defineRule } from './rule';

/** A scanner's or link fetcher's user agent is enough; a missing one, where others have one, is a hint. */
export const userAgent = defineRule({
  meta: {
    name: 'userAgent',
    place: 3,
    needsTimes: 'no',
    reads: [],
    settings: {
      userAgent: { kind: 'switch', default: true, label: 'Scanner user agents', help: 'Flag clicks whose user agent is a known bot, scanner or link-preview fetcher.' },
    },
  },
  run({ clicks, groups }, found) {
    const agents = clicks.agent;
    if (!agents) return;
    let blank = 0;
    for (let row = 0; row < groups.clickRows; row++) if (agents[row] < 0) blank++;
    // A column that is mostly empty says nothing about the rows where it is empty.
    const blankIsSignal = blank * 2 < groups.clickRows;
    for (let row = 0; row < groups.clickRows; row++) {
      const agent = agents[row];
      if (agent < 0) {
        if (blankIsSignal) found.add(row, WEIGHT.hint, 'no user agent');
      } else if (clicks.machineAgentOf[agent] !== '') {
        found.add(row, WEIGHT.certain, `scanner user agent (${clicks.machineAgentOf[agent]})`);
      } else if (clicks.bareAgent[agent]) {
        // A bare "Mozilla/5.0" names no browser, but privacy proxies send it too.
        found.add(row, WEIGHT.hint, 'bare user agent (Mozilla/5.0)');
      }
    }
  },
});
