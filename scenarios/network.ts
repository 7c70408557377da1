import type { Random } from './random';

/**
 * Address space the scenario draws from. Gateway ranges are the ones the vendors publish for their
 * mail-security services; cloud and ISP ranges are where sandboxes and people actually sit.
 */
export const GATEWAY_RANGES = {
  microsoft: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17'],
  proofpoint: ['148.163.128.0/19', '67.231.144.0/20'],
  mimecast: ['205.139.110.0/24', '207.211.30.0/24', '216.205.24.0/24', '170.10.128.0/24', '185.58.84.0/22'],
  barracuda: ['209.222.80.0/21', '64.235.144.0/20'],
} as const;

/** Public cloud space (Azure, AWS, Google Cloud): detonation sandboxes often run here, outside any gateway list. */
export const CLOUD_RANGES = ['20.40.0.0/13', '13.64.0.0/11', '52.224.0.0/11', '3.80.0.0/12', '54.144.0.0/12', '34.64.0.0/10', '35.184.0.0/13'];

/** Residential and mobile access networks, where people read mail at home and on the move. */
export const ISP_RANGES = [
  '73.0.0.0/8', '24.16.0.0/13', '71.160.0.0/11', '98.192.0.0/10', '79.192.0.0/10', '87.128.0.0/10',
  '86.128.0.0/10', '90.0.0.0/9', '77.160.0.0/12', '84.24.0.0/13', '2.96.0.0/12', '31.48.0.0/13',
];
/** Mobile carriers hand out IPv6 addresses; some people's clicks arrive that way. */
export const MOBILE_V6_PREFIXES = ['2607:fb90', '2a02:3030', '2a01:598', '2600:387'];

/** Address blocks that company offices are allocated from (first octets), skipping the ranges above. */
const OFFICE_FIRST_OCTETS = [62, 80, 81, 82, 83, 85, 88, 89, 91, 92, 93, 94, 95, 145, 146, 151, 158, 160, 176, 178, 185, 193, 194, 195, 212, 213, 217];

export function parseCidr(cidr: string): { base: number; size: number } {
  const [address, bits] = cidr.split('/');
  const base = address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  return { base, size: 2 ** (32 - Number(bits)) };
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A host address inside the range (never the network or broadcast address of a /24). */
export function ipIn(cidr: string, rng: Random): string {
  const { base, size } = parseCidr(cidr);
  const host = size <= 2 ? 0 : rng.int(1, size - 2);
  return formatIpv4(base + host);
}

export function inRanges(ip: string, ranges: readonly string[]): boolean {
  if (ip.includes(':')) return false;
  const n = parseCidr(`${ip}/32`).base;
  return ranges.some((cidr) => {
    const { base, size } = parseCidr(cidr);
    return n >= base && n < base + size;
  });
}

export const ALL_GATEWAY_RANGES: string[] = Object.values(GATEWAY_RANGES).flat();
const AVOID = [...ALL_GATEWAY_RANGES, ...CLOUD_RANGES, ...ISP_RANGES];

/** A company's own /24, outside every gateway, cloud and ISP range used here. */
export function officeRange(rng: Random): string {
  for (;;) {
    const cidr = `${rng.pick(OFFICE_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24`;
    if (!inRanges(cidr.replace('/24', ''), AVOID)) return cidr;
  }
}

export function homeIp(rng: Random): string {
  if (rng.chance(0.12)) {
    const groups = Array.from({ length: 6 }, () => rng.int(0, 0xffff).toString(16));
    return `${rng.pick(MOBILE_V6_PREFIXES)}:${groups.join(':')}`;
  }
  return ipIn(rng.pick(ISP_RANGES), rng);
}

/** A small pool of addresses in the given ranges: a gateway's scanning nodes, or an office's NAT addresses. */
export function addressPool(ranges: readonly string[], size: number, rng: Random): string[] {
  return Array.from({ length: size }, () => ipIn(rng.pick(ranges), rng));
}

/** A neighbour in the same /24: scanners spread one copy's links over sibling nodes. */
export function sibling(ip: string, rng: Random): string {
  if (ip.includes(':')) return ip;
  const parts = ip.split('.');
  parts[3] = String(rng.int(1, 254));
  return parts.join('.');
}
