import type { Dialect } from './dialect';

/** core/clicks anotherClient for two clicks' browser and network numbers: both differ (and all are known). */
export function anotherClient(aid: string, nid: string, otherAid: string, otherNid: string): string {
  return `COALESCE(${aid} <> ${otherAid} AND ${nid} <> ${otherNid}, FALSE)`;
}

/**
 * core/ip networkOf for grouping: an IPv4 address's /24 ("52.103.182.0/24"). An IPv6 address is its
 * own network here (the core groups its /64: SQL does not read IPv6 spellings).
 */
export function networkOf(d: Dialect, ip: string): string {
  const ipv4 = d.matches(ip, '^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$');
  return `CASE WHEN ${ipv4} THEN ${d.replaceAll(ip, '\\.[0-9]+$', '')} || '.0/24' ELSE LOWER(${ip}) END`;
}
