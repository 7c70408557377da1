import type { GatewayRange } from '../data/gatewayRanges';
import { WEIGHT } from '../evidence';
import { gatewayRangeOf } from '../ip';
import { duringDelivery } from './context';
import { defineRule } from './rule';

/**
 * Published mail-gateway ranges. Even a "certain" range is not enough alone: browser isolation
 * relays real people's clicks from such addresses, so it needs one more sign. Clicking while the
 * e-mail is still being delivered is such a sign: the gateway is scanning what it delivers.
 */
export const ipRange = defineRule({
  meta: {
    name: 'ipRange',
    place: 10,
    needsTimes: 'click',
    reads: [],
    settings: {
      ipRange: { kind: 'switch', default: true, label: 'Mail-gateway IP ranges', help: 'Weigh clicks from published mail-security gateway address ranges.' },
    },
  },
  run(context, found) {
    const { clicks, groups } = context;
    const ips = clicks.ip;
    if (!ips) return;
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
      found.add(row, weight, reasonOf(range, scanning));
    }
  },
});
