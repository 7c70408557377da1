/** The things a mailing is made of, shared by the parts of the scenario generator. */

export type LinkKind = 'story' | 'poll' | 'cta' | 'viewOnline' | 'preferences' | 'unsubscribe' | 'social';

export interface Link {
  kind: LinkKind;
  url: string;
  /** Carries the recipient's own token (?u=…), as many unsubscribe and preference links do. */
  personal: boolean;
  /** How often people choose this link, relative to the e-mail's other links. */
  appeal: number;
}

export interface Campaign {
  name: string;
  kind: 'newsletter' | 'short';
  /** In document order. */
  links: Link[];
  /** Epoch ms. */
  sendTime: number;
  /** Copies the sending platform hands over per second. */
  sendRate: number;
  /** Share of the people on the list who get this e-mail. */
  audienceShare: number;
  /** Chance that an average recipient clicks at all. */
  clickRate: number;
}

export type GatewayName = 'Microsoft Defender' | 'Proofpoint' | 'Mimecast' | 'Barracuda' | 'Sandbox' | 'Outlook.com';

export interface GatewayLayer {
  gateway: GatewayName;
  /** Share of this organisation's copies the gateway scans. */
  scanShare: number;
  /** Chance, per e-mail, that the gateway fetches one link of every copy instead. */
  waveChance: number;
  /** The gateway's scanning nodes as seen from outside. */
  ipPool: string[];
}

export interface Org {
  domain: string;
  freemail: boolean;
  /** NAT addresses of the office network; empty for freemail. */
  officeIps: string[];
  layers: GatewayLayer[];
  /** People here browse through a remote-browser service whose addresses are a gateway's. */
  isolationIps: string[];
}

export interface Person {
  email: string;
  org: Org;
  /** How keen this person is, around 1. */
  engagement: number;
  desktopAgent: string;
  mobileAgent: string;
  homeIp: string;
  /** The recipient-specific token in personal links. */
  token: string;
}

/** One delivered e-mail: the unit a scanner scans and a reader reads. */
export interface Copy {
  campaign: Campaign;
  campaignIndex: number;
  person: Person;
  /** Epoch ms: when the platform handed the copy to the receiving side (after any greylisting delay). */
  handedOverAt: number;
  /** Epoch ms, as the sending platform logged the delivery. */
  deliveredAt: number;
}

export const SCANNER_BEHAVIOURS = [
  'sweep',
  'paced sweep',
  'two requests per link',
  'partial sweep',
  'one link per copy',
  're-scan',
  'pre-delivery scan',
  'link preview',
] as const;

export const HUMAN_BEHAVIOURS = [
  'reader',
  'reader after scan',
  'double click',
  'poll vote change',
  'tabs',
  'forwarded',
  'fast reader',
  'browser isolation',
  'early reader in a wave',
  'tabs after scan',
] as const;

export type ScannerBehaviour = (typeof SCANNER_BEHAVIOURS)[number];
export type HumanBehaviour = (typeof HUMAN_BEHAVIOURS)[number];
export type Behaviour = ScannerBehaviour | HumanBehaviour;
export type Label = 'bot' | 'human';

/** One request to a tracked link, before it is labelled. */
export interface Hit {
  time: number;
  link: number;
  agent: string;
  ip: string;
}

/** One labelled click: a row of the export and its truth. */
export interface Click extends Hit {
  copy: Copy;
  label: Label;
  behaviour: Behaviour;
}

export const labelOf = (behaviour: Behaviour): Label =>
  (SCANNER_BEHAVIOURS as readonly string[]).includes(behaviour) ? 'bot' : 'human';
