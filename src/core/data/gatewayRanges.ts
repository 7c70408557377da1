/**
 * Published address ranges of mail-security gateways. "certain": the provider's mail-flow or
 * scanning hosts, where no person browses from. "probable": ranges that also relay real people's
 * clicks (browser isolation, web proxies), so they only add weight to other signals.
 */
export interface GatewayRange {
  cidr: string;
  owner: string;
  confidence: 'certain' | 'probable';
}

export const GATEWAY_RANGES: readonly GatewayRange[] = [
  // Microsoft Exchange Online Protection (Defender for Office 365, Safe Links detonation).
  { cidr: '40.92.0.0/15', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '40.107.0.0/16', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '52.100.0.0/14', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '104.47.0.0/17', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  // Its IPv6 ranges, as its SPF record (spf.protection.outlook.com) lists them.
  { cidr: '2a01:111:f400::/48', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '2a01:111:f403::/49', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '2a01:111:f403:8000::/50', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '2a01:111:f403:c000::/51', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  { cidr: '2a01:111:f403:f000::/52', owner: 'Microsoft Exchange Online', confidence: 'certain' },
  // Proofpoint Essentials / Protection.
  { cidr: '148.163.128.0/19', owner: 'Proofpoint', confidence: 'certain' },
  { cidr: '67.231.144.0/20', owner: 'Proofpoint', confidence: 'certain' },
  // Mimecast (US and EU grids).
  { cidr: '205.139.110.0/24', owner: 'Mimecast', confidence: 'certain' },
  { cidr: '207.211.30.0/24', owner: 'Mimecast', confidence: 'certain' },
  { cidr: '193.7.204.0/22', owner: 'Mimecast', confidence: 'certain' },
  // Barracuda Email Security.
  { cidr: '64.235.144.0/20', owner: 'Barracuda', confidence: 'certain' },
  { cidr: '209.222.80.0/21', owner: 'Barracuda', confidence: 'certain' },
  // Cloud web gateways and browser isolation: they relay real people too.
  { cidr: '165.225.0.0/17', owner: 'Zscaler', confidence: 'probable' },
  { cidr: '136.226.0.0/16', owner: 'Zscaler', confidence: 'probable' },
  { cidr: '185.46.212.0/22', owner: 'Zscaler', confidence: 'probable' },
];
