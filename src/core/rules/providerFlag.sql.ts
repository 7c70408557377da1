import { WEIGHT } from '../evidence';
import type { SqlRule } from '../sql/context';

/** core/rules/providerFlag: the e-mail platform's own bot flag. */
export const providerFlagSql: SqlRule = {
  name: 'providerFlag',
  findings(context) {
    if (!context.settings.providerFlag) return { skipped: 'switched off' };
    if (!context.roles.has('botFlag')) return { skipped: 'no bot-flag column' };
    return context.cte(
      'bc_provider_flag',
      `SELECT rid, ${context.num(WEIGHT.certain)} AS weight,
  CASE WHEN flag = 'yes' THEN 'flagged by the e-mail platform' ELSE 'flagged by the e-mail platform (' || flag || ')' END AS reason, 0 AS ord
FROM bc_c WHERE flag IS NOT NULL`,
    );
  },
};

