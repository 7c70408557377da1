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

/** The network an address belongs to, for grouping: /24 for IPv4, the first four groups for IPv6. */
export function networkOf(text: string): string {
  const ip = text.trim();
  if (ip === '') return '';
  const v4 = ipv4ToNumber(ip);
  if (v4 >= 0) return `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
  if (ip.includes(':')) return `${ip.toLowerCase().split(':').slice(0, 4).join(':')}::/64`;
  return '';
}

interface NumericRange extends GatewayRange {
  first: number;
  last: number;
}

const NUMERIC_RANGES: NumericRange[] = GATEWAY_RANGES.map((range) => {
  const [base, bits] = range.cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(ipv4ToNumber(base) / size) * size;
  return { ...range, first, last: first + size - 1 };
});

/** The published mail-gateway range an IPv4 address falls in, if any. */
export function gatewayRangeOf(text: string): GatewayRange | undefined {
  const value = ipv4ToNumber(text);
  if (value < 0) return undefined;
  return NUMERIC_RANGES.find((range) => value >= range.first && value <= range.last);
}
