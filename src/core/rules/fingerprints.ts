import { isBareAgent } from '../agents';
import { WEIGHT } from '../evidence';
import type { GatewayRange } from '../data/gatewayRanges';
import { gatewayRangeOf } from '../ip';
import { duringDelivery, type Rule } from './context';

/** A scanner's or link fetcher's user agent is enough; a missing one, where others have one, is a hint. */
export const userAgent: Rule = ({ clicks, groups, settings }, evidence) => {
  const agents = clicks.agent;
  if (!settings.userAgent || !agents) return;
  let blank = 0;
  for (let row = 0; row < groups.clickRows; row++) if (agents[row] < 0) blank++;
  // A column that is mostly empty says nothing about the rows where it is empty.
  const blankIsSignal = blank * 2 < groups.clickRows;
  const bare = clicks.agentNames.map(isBareAgent);
  for (let row = 0; row < groups.clickRows; row++) {
    const agent = agents[row];
    if (agent < 0) {
      if (blankIsSignal) evidence.add('userAgent', row, WEIGHT.hint, 'no user agent');
    } else if (clicks.machineAgentOf[agent] !== '') {
      evidence.add('userAgent', row, WEIGHT.certain, `scanner user agent (${clicks.machineAgentOf[agent]})`);
    } else if (bare[agent]) {
      evidence.add('userAgent', row, WEIGHT.hint, `bare user agent (${clicks.agentNames[agent]})`);
    }
  }
};

/**
 * Published mail-gateway ranges. Even a "certain" range is not enough alone: browser isolation
 * relays real people's clicks from such addresses, so it needs one more sign. Clicking while the
 * e-mail is still being delivered is such a sign: the gateway is scanning what it delivers.
 */
export const ipRange: Rule = (context, evidence) => {
  const { clicks, groups, settings } = context;
  const ips = clicks.ip;
  if (!settings.ipRange || !ips) return;
  const rangeOf = clicks.ipNames.map(gatewayRangeOf);
  // One reason text per range (and whether it was scanning), not one per click.
  const reasons = new Map<GatewayRange, { plain: string; scanning: string }>();
  const reasonOf = (range: GatewayRange, scanning: boolean) => {
    let texts = reasons.get(range);
    if (!texts) reasons.set(range, (texts = { plain: `${range.owner} gateway address`, scanning: `${range.owner} gateway address, during delivery` }));
    return scanning ? texts.scanning : texts.plain;
  };
  for (let row = 0; row < groups.clickRows; row++) {
    const range = ips[row] < 0 ? undefined : rangeOf[ips[row]];
    if (!range) continue;
    const scanning = range.confidence === 'certain' && clicks.timing && duringDelivery(context, groups.groupOfRow[row], row);
    const weight = scanning ? WEIGHT.certain : range.confidence === 'certain' ? WEIGHT.soon : WEIGHT.hint;
    evidence.add('ipRange', row, weight, reasonOf(range, scanning));
  }
};

/** The e-mail platform's own verdict (Mailgun client-info.bot, Klaviyo Bot Click, HubSpot filteredEvent). */
export const providerFlag: Rule = ({ clicks, groups, settings }, evidence) => {
  const flags = clicks.botFlag;
  if (!settings.providerFlag || !flags) return;
  for (let row = 0; row < groups.clickRows; row++) {
    const flag = flags[row];
    if (flag) evidence.add('providerFlag', row, WEIGHT.certain, flag === 'yes' ? 'flagged by the e-mail platform' : `flagged by the e-mail platform (${flag})`);
  }
};
