import { BotclickError } from './errors';
import { isValidTimeZone } from './time';
import { RULE_SETTINGS, type RuleSpecs } from './rules';
import type { NumberSpec, Specs, SwitchSpec } from './spec';
import { ROLES, type Role } from './types';

/**
 * Every setting, as data. The CLI flags, the sidebar fields and the custom-function arguments all
 * use these names, so one validation serves them all.
 */
export const PRESETS = ['cautious', 'balanced', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

/** Settings of the grouping itself rather than of one rule. */
const GROUPING_SPEC = {
  repeatSeconds: { kind: 'number', default: 10, min: 0, max: 600, label: 'Repeat clicks count once within (s)', help: 'Clicks on the same link this close together count as one (double clicks).' },
} as const satisfies Specs;

/** Every setting by name: the grouping's, then each rule's (its switch and thresholds), as the rules declare them. */
export const SETTINGS_SPEC: typeof GROUPING_SPEC & RuleSpecs = Object.assign({}, GROUPING_SPEC, ...RULE_SETTINGS);

export type SettingName = keyof typeof SETTINGS_SPEC;
type ValueOf<S> = S extends { kind: 'number' } ? number : boolean;
export type RuleSettings = { [K in SettingName]: ValueOf<(typeof SETTINGS_SPEC)[K]> };

/** One setting's spec with its name: a number with its range, or a switch. */
export type SettingSpec = (NumberSpec | SwitchSpec) & { name: SettingName };

/** Every setting, in the order the adapters show them: what the CLI flags, the sidebar fields and the summary sheet are made from. */
export const SETTING_SPECS: readonly SettingSpec[] = Object.entries(SETTINGS_SPEC).map(([name, spec]) => ({ ...spec, name: name as SettingName }));

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

/** Validates settings from any adapter once, at the edge. Throws a one-line BotclickError. */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const preset = readPreset(input.preset);
  const values = {} as Record<SettingName, number | boolean>;
  for (const spec of SETTING_SPECS) {
    const name = spec.name;
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
