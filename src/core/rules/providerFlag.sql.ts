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
  CASE WHEN flag = 'yes' THEN 'flagged by the e-mail platform' ELSE 'flagged by the e-mail platform (' || flag || ')' END AS reason
FROM (SELECT c.rid, r.flag FROM bc_c AS c JOIN bc_raw AS r ON r.rid = c.rid WHERE r.flag IS NOT NULL) AS x`,
    );
  },
};

