import { WEIGHT } from '../evidence';
import { defineRule } from './rule';

/** The e-mail platform's own verdict (Mailgun client-info.bot, Klaviyo Bot Click, HubSpot filteredEvent). */
export const providerFlag = defineRule({
  meta: {
    name: 'providerFlag',
    place: 1,
    needsTimes: 'no',
    reads: [],
    settings: {
      providerFlag: { kind: 'switch', default: true, label: 'Provider bot flag', help: 'Trust the e-mail platform\'s own bot flag (Mailgun, Klaviyo, HubSpot).' },
    },
  },
  run({ clicks, groups }, found) {
    const flags = clicks.botFlag;
    if (!flags) return;
    for (let row = 0; row < groups.clickRows; row++) {
      const flag = flags[row];
      if (flag) found.add(row, WEIGHT.certain, flag === 'yes' ? 'flagged by the e-mail platform' : `flagged by the e-mail platform (${flag})`);
    }
  },
});
