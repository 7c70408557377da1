import { BotclickError } from './errors';
import { isValidTimeZone } from './time';
import { ROLES, type Role } from './types';

/**
 * Every setting, as data. The CLI flags, the sidebar fields and the custom-function arguments all
 * use these names, so one validation serves them all.
 */
export const PRESETS = ['cautious', 'balanced', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

interface NumberSpec {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  label: string;
  help: string;
}
interface SwitchSpec {
  kind: 'switch';
  default: boolean;
  label: string;
  help: string;
}
type Spec = NumberSpec | SwitchSpec;

export const SETTINGS_SPEC = {
  burst: { kind: 'switch', default: true, label: 'Burst rule', help: 'Flag more than N clicks by one recipient on one e-mail within a short window.' },
  burstMaxClicks: { kind: 'number', default: 3, min: 1, max: 100, label: 'Burst: most clicks allowed', help: 'More clicks than this within the window make a burst.' },
  burstWindowSeconds: { kind: 'number', default: 60, min: 1, max: 3600, label: 'Burst: window (s)', help: 'The sliding window of the burst rule, in seconds.' },
  readerGuard: { kind: 'switch', default: true, label: 'Keep reader look-alikes', help: 'A burst that reads like a person opening stories in tabs, far from delivery and with no unsubscribe or view-online link, is not enough on its own.' },
  repeatSeconds: { kind: 'number', default: 10, min: 0, max: 600, label: 'Repeat clicks count once within (s)', help: 'Clicks on the same link this close together count as one (double clicks).' },
  sweep: { kind: 'switch', default: true, label: 'Link-sweep rule', help: 'Flag one recipient visiting all or most of the e-mail\'s links in a short span.' },
  sweepMinShare: { kind: 'number', default: 0.8, min: 0.1, max: 1, label: 'Sweep: share of links', help: 'The share of the e-mail\'s distinct links that makes a sweep.' },
  sweepMinLinks: { kind: 'number', default: 2, min: 2, max: 1000, label: 'Sweep: fewest links', help: 'A sweep needs at least this many distinct links.' },
  sweepSpanSeconds: { kind: 'number', default: 900, min: 1, max: 86400, label: 'Sweep: span (s)', help: 'The links must be visited within this span, in seconds.' },
  rapid: { kind: 'switch', default: true, label: 'Rapid-fire rule', help: 'Weigh different links clicked faster than a hand can.' },
  rapidSeconds: { kind: 'number', default: 1, min: 0.1, max: 10, label: 'Rapid fire: gap under (s)', help: 'Clicks on different links closer together than this are rapid fire.' },
  rescan: { kind: 'switch', default: true, label: 'Re-scan rule', help: 'Once a copy is certainly scanned, flag the rest of that visit and later quick runs at the scan\'s pace: gateways re-scan copies hours later.' },
  tooSoon: { kind: 'switch', default: true, label: 'Too-soon rule', help: 'Weigh clicks within seconds of send or delivery, and flag clicks before delivery.' },
  tooSoonSeconds: { kind: 'number', default: 30, min: 1, max: 3600, label: 'Too soon: seconds after delivery', help: 'Clicks this soon after delivery (or after send when there is no delivery time) count against them; several different links count as early for four times as long.' },
  wave: { kind: 'switch', default: true, label: 'Wave rule', help: 'Flag many recipients at one company domain or IP range clicking within one short window soon after send.' },
  waveMinRecipients: { kind: 'number', default: 3, min: 2, max: 10000, label: 'Wave: fewest recipients', help: 'This many recipients of one domain or IP range within the window make a wave; two copies fetched alike seconds apart in the first wave are one too.' },
  waveWindowSeconds: { kind: 'number', default: 120, min: 1, max: 3600, label: 'Wave: window (s)', help: 'Clicks of one domain or IP range that follow each other within this many seconds belong to one wave.' },
  waveMinShare: { kind: 'number', default: 0.5, min: 0.05, max: 1, label: 'Wave: share of the domain\'s clickers', help: 'A wave must hold at least this share of the clickers at that domain or IP range, so that a big company\'s early readers are not a wave.' },
  firstWaveSeconds: { kind: 'number', default: 900, min: 0, max: 604800, label: 'First wave after send (s)', help: 'How long after send a wave may start: gateways scan copies as they are delivered.' },
  scannedDomain: { kind: 'switch', default: true, label: 'Scanning domains', help: 'Weigh clicks on copies at a company domain whose gateway is seen scanning many other copies of the same e-mail.' },
  scannedDomainShare: { kind: 'number', default: 0.3, min: 0.05, max: 1, label: 'Scanning domains: share scanned', help: 'The share of a domain\'s clicking recipients with a certain scan that marks its gateway as scanning.' },
  userAgent: { kind: 'switch', default: true, label: 'Scanner user agents', help: 'Flag clicks whose user agent is a known bot, scanner or link-preview fetcher.' },
  ipRange: { kind: 'switch', default: true, label: 'Mail-gateway IP ranges', help: 'Weigh clicks from published mail-security gateway address ranges.' },
  providerFlag: { kind: 'switch', default: true, label: 'Provider bot flag', help: 'Trust the e-mail platform\'s own bot flag (Mailgun, Klaviyo, HubSpot).' },
  trap: { kind: 'switch', default: true, label: 'Trap links', help: 'Flag clicks around a hit on a trap link.' },
  trapWindowSeconds: { kind: 'number', default: 300, min: 0, max: 86400, label: 'Trap: window (s)', help: 'Clicks by the same recipient this close to a trap hit are flagged too.' },
} satisfies Record<string, Spec>;

export type SettingName = keyof typeof SETTINGS_SPEC;
type ValueOf<S> = S extends { kind: 'number' } ? number : boolean;
export type RuleSettings = { [K in SettingName]: ValueOf<(typeof SETTINGS_SPEC)[K]> };

export interface Settings extends RuleSettings {
  preset: Preset;
  /** IANA zone for times written without one; empty means UTC. */
  timeZone: string;
  /** A send time for every campaign that has none in the data; empty means "from the data, or estimated". */
  sendTime: string;
  /** URLs (or URL beginnings) that only machines follow. */
  trapLinks: string[];
  /** Columns the user named: a header name or a column letter per role. */
  columns: Partial<Record<Role, string>>;
}

/** What a preset changes; a value the user sets wins over it. */
export const PRESET_VALUES: Record<Preset, Partial<RuleSettings>> = {
  cautious: { burstMaxClicks: 4, sweepMinShare: 0.9, sweepMinLinks: 4, tooSoonSeconds: 15, waveMinRecipients: 4, waveMinShare: 0.7 },
  balanced: {},
  strict: { sweepMinShare: 0.6, tooSoonSeconds: 60, waveMinShare: 0.3, waveWindowSeconds: 300, readerGuard: false },
};

export type SettingsInput = Partial<Record<SettingName | 'preset' | 'timeZone' | 'sendTime', unknown>> & {
  trapLinks?: unknown;
  columns?: unknown;
};

const SPEC_ENTRIES = Object.entries(SETTINGS_SPEC) as [SettingName, Spec][];

/** Validates settings from any adapter once, at the edge. Throws a one-line BotclickError. */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const preset = readPreset(input.preset);
  const values = {} as Record<SettingName, number | boolean>;
  for (const [name, spec] of SPEC_ENTRIES) {
    const given = input[name];
    const fallback = PRESET_VALUES[preset][name] ?? spec.default;
    values[name] = isBlank(given) ? fallback : spec.kind === 'number' ? readNumber(spec, given) : readSwitch(spec, given);
  }
  return {
    ...(values as RuleSettings),
    preset,
    timeZone: readTimeZone(input.timeZone),
    sendTime: readText(input.sendTime),
    trapLinks: readList(input.trapLinks),
    columns: readColumns(input.columns),
  };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function readPreset(value: unknown): Preset {
  if (isBlank(value)) return 'balanced';
  const text = String(value).trim().toLowerCase();
  if ((PRESETS as readonly string[]).includes(text)) return text as Preset;
  throw new BotclickError(`preset must be one of ${PRESETS.join(', ')}, not "${String(value)}".`);
}

function readNumber(spec: NumberSpec, value: unknown): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || n < spec.min || n > spec.max) {
    throw new BotclickError(`${spec.label} must be a number from ${spec.min} to ${spec.max}, not "${String(value)}".`);
  }
  return n;
}

function readSwitch(spec: SwitchSpec, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(text)) return true;
  if (['false', 'off', 'no', '0'].includes(text)) return false;
  throw new BotclickError(`${spec.label} must be on or off, not "${String(value)}".`);
}

function readTimeZone(value: unknown): string {
  const zone = readText(value);
  if (isValidTimeZone(zone)) return zone;
  throw new BotclickError(`"${zone}" is not a time zone; use a name like Europe/Berlin or America/New_York.`);
}

function readText(value: unknown): string {
  return isBlank(value) ? '' : String(value).trim();
}

function readList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : isBlank(value) ? [] : String(value).split(/[\n,;]/);
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

function readColumns(value: unknown): Partial<Record<Role, string>> {
  if (isBlank(value)) return {};
  if (typeof value !== 'object') throw new BotclickError('columns must name a column for each role, such as {"time": "Clicked at"}.');
  const columns: Partial<Record<Role, string>> = {};
  for (const [role, column] of Object.entries(value as Record<string, unknown>)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new BotclickError(`"${role}" is not a column role; the roles are ${ROLES.join(', ')}.`);
    }
    if (!isBlank(column)) columns[role as Role] = String(column).trim();
  }
  return columns;
}
