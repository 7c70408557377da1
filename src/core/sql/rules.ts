import { burstSql } from '../rules/burst.sql';
import { ipRangeSql, providerFlagSql, userAgentSql } from '../rules/fingerprints.sql';
import { tooSoonSql } from '../rules/tooSoon.sql';
import { trapSql } from '../rules/trap.sql';
import type { SqlRule } from './context';

/** The rules written in SQL; the others are listed as not run in the query's header. */
export const SQL_RULES: readonly SqlRule[] = [burstSql, tooSoonSql, userAgentSql, ipRangeSql, providerFlagSql, trapSql];
