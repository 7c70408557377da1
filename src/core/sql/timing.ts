import { EARLY_RUN_FACTOR } from '../windows';

/**
 * core/rules/context duringDelivery for a row of bc_c aliased `c`: within seconds of this copy's
 * delivery, or while the campaign was being delivered.
 */
export function duringDelivery(c: string): string {
  const t = `(${c}.t + ${c}.half)`;
  return `COALESCE(CASE WHEN ${c}.rkind IN ('delivery', 'send') THEN ${t} - ${c}.ref < ${c}.soon_ms
  ELSE ${t} >= ${c}.send AND ${t} <= GREATEST(${c}.dend, ${c}.send) + ${EARLY_RUN_FACTOR} * ${c}.soon_ms END, FALSE)`;
}
