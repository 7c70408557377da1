import ipaddr from 'ipaddr.js';
import { GATEWAY_RANGES, type GatewayRange } from './data/gatewayRanges';

/** An IPv4 address as an unsigned 32-bit number, or -1. Read by character codes: exports hold many. */
export function ipv4ToNumber(text: string): number {
  const ip = text.trim();
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= ip.length; i++) {
    const code = i < ip.length ? ip.charCodeAt(i) : 46;
    if (code >= 48 && code <= 57 && digits < 3) {
      octet = octet * 10 + code - 48;
      digits++;
    } else if (code === 46 && digits > 0 && octet <= 255) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  return dots === 4 ? value : -1;
}

/** Whether the text is an IPv6 address, in any of its spellings. */
export function isIpv6(text: string): boolean {
  return ipaddr.IPv6.isValid(text);
}

/**
 * An IPv6 address in any of its spellings (`2a01:111:f400::1`, leading zeros), or null. An IPv4
 * address written as IPv6 (`::ffff:40.92.1.1`) is given back as IPv4 text.
 */
function parseIpv6(text: string): ipaddr.IPv6 | string | null {
  if (!isIpv6(text)) return null;
  const address = ipaddr.IPv6.parse(text);
  return address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : address;
}

/** The network an address belongs to, for grouping: /24 for IPv4, /64 for IPv6. */
export function networkOf(text: string): string {
  const ip = text.trim();
  if (ip === '') return '';
  const v4 = ipv4ToNumber(ip);
  if (v4 >= 0) return `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
  const v6 = parseIpv6(ip);
  if (typeof v6 === 'string') return networkOf(v6);
  return v6 ? `${v6.parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64` : '';
}

interface NumericRange extends GatewayRange {
  first: number;
  last: number;
}

const IPV4_RANGES: NumericRange[] = GATEWAY_RANGES.filter((range) => !range.cidr.includes(':')).map((range) => {
  const [base, bits] = range.cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(ipv4ToNumber(base) / size) * size;
  return { ...range, first, last: first + size - 1 };
});

const IPV6_RANGES = GATEWAY_RANGES.filter((range) => range.cidr.includes(':')).map((range) => ({ ...range, network: ipaddr.IPv6.parseCIDR(range.cidr) }));

/** The published mail-gateway range an address falls in, if any. */
export function gatewayRangeOf(text: string): GatewayRange | undefined {
  const v4 = ipv4ToNumber(text);
  if (v4 >= 0) {
    for (const range of IPV4_RANGES) if (v4 >= range.first && v4 <= range.last) return range;
    return undefined;
  }
  const v6 = parseIpv6(text.trim());
  if (typeof v6 === 'string') return gatewayRangeOf(v6);
  return v6 ? IPV6_RANGES.find((range) => v6.match(range.network)) : undefined;
}
