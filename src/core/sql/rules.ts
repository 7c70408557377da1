import { burstSql } from '../rules/burst.sql';
import { ipRangeSql } from '../rules/ipRange.sql';
import { providerFlagSql } from '../rules/providerFlag.sql';
import { rapidSql } from '../rules/rapid.sql';
import { rescanSql } from '../rules/rescan.sql';
import { scannedDomainSql } from '../rules/scannedDomain.sql';
import { sweepSql } from '../rules/sweep.sql';
import { tooSoonSql } from '../rules/tooSoon.sql';
import { trapSql } from '../rules/trap.sql';
import { userAgentSql } from '../rules/userAgent.sql';
import { waveSql } from '../rules/wave.sql';
import type { RuleName } from '../rules';
import type { SqlRule } from './context';

/**
 * The rules' SQL, keyed by the rule registry's names: each lives beside its rule as `<name>.sql.ts`.
 * A rule missing here is listed in the query's header as not written in SQL yet.
 */
export const SQL_RULES: Partial<Record<RuleName, SqlRule>> = {
  burst: burstSql,
  sweep: sweepSql,
  rapid: rapidSql,
  rescan: rescanSql,
  tooSoon: tooSoonSql,
  userAgent: userAgentSql,
  ipRange: ipRangeSql,
  providerFlag: providerFlagSql,
  trap: trapSql,
  scannedDomain: scannedDomainSql,
  wave: waveSql,
};
