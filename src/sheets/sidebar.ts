import { cellText, PRESETS, resolveSettings, ROLE_WORDS, ROLES, SETTING_SPECS, type Cell, type Preset, type Role, type SettingName, type Settings, type SettingsInput } from '../core';
import { readClickData } from './clickData';
import { findFlagColumns } from './flagColumns';
import { judge } from './flag';
import { documentSettings, saveSettingsInput } from './settingsStore';
import { runCommand } from './ui';

/** The sidebar's file in dist/, served as is by HtmlService. */
const SIDEBAR_FILE = 'Sidebar';

type RuleValues = Record<SettingName, number | boolean>;

/** The values the sidebar shows and sends back; the same names as the CLI flags and the core. */
export interface FormValues extends RuleValues {
  preset: Preset;
  sendTime: string;
  /** One trap link per line. */
  trapLinks: string;
  columns: Partial<Record<Role, string>>;
}

/** Everything the sidebar needs to draw itself: the fields come from SETTING_SPECS, never from a copy. */
export interface SettingsForm {
  fields: { name: SettingName; kind: 'number' | 'switch'; label: string; help: string; min?: number; max?: number }[];
  presets: readonly Preset[];
  /** What each preset sets every threshold and switch to, for when the user picks a preset. */
  presetValues: Record<Preset, RuleValues>;
  values: FormValues;
  roles: { role: Role; label: string }[];
  /** The active sheet's column names, to choose columns from. */
  headers: string[];
  timeZone: string;
}

/** What the current draft would do to the data, before the user applies it. */
export interface Preview {
  clicks: number;
  bots: number;
  unknown: number;
  people: number;
}

/** Menu: Settings… */
export function showSettings(): void {
  runCommand('Settings', () => {
    const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle('botclick settings');
    SpreadsheetApp.getUi().showSidebar(page);
  });
}

/** Sidebar server call: the form, filled with the saved settings. */
export function getSettingsForm(): SettingsForm {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = documentSettings();
  return {
    fields: SETTING_SPECS.map((spec) => ({
      name: spec.name,
      kind: spec.kind,
      label: spec.label,
      help: spec.help,
      ...(spec.kind === 'number' ? { min: spec.min, max: spec.max } : {}),
    })),
    presets: PRESETS,
    presetValues: Object.fromEntries(PRESETS.map((preset) => [preset, ruleValues(resolveSettings({ preset }))])) as Record<Preset, RuleValues>,
    values: formValues(settings),
    roles: ROLES.map((role) => ({ role, label: ROLE_WORDS[role].label })),
    headers: columnNames(spreadsheet.getActiveSheet()),
    timeZone: settings.timeZone,
  };
}

/** Sidebar server call: how many clicks the draft settings would flag on the active sheet's data. */
export function previewSettings(draft: SettingsInput): Preview {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = resolveSettings({ ...draft, timeZone: spreadsheet.getSpreadsheetTimeZone() });
  const { totals } = judge(readClickData(spreadsheet), settings).summary;
  return { clicks: totals.rawClicks, bots: totals.botClicks, unknown: totals.unknownClicks, people: totals.humanClickers };
}

/** Sidebar server call: validates and saves the draft; gives back the values as saved. */
export function saveSettings(draft: SettingsInput): FormValues {
  return formValues(saveSettingsInput(draft));
}

function ruleValues(settings: Settings): RuleValues {
  return Object.fromEntries(SETTING_SPECS.map(({ name }) => [name, settings[name]])) as RuleValues;
}

function formValues(settings: Settings): FormValues {
  return {
    ...ruleValues(settings),
    preset: settings.preset,
    sendTime: settings.sendTime,
    trapLinks: settings.trapLinks.join('\n'),
    columns: settings.columns,
  };
}

function columnNames(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width === 0) return [];
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[];
  const ours = findFlagColumns(header);
  return header
    .map((cell, index) => (index + 1 === ours.bot || index + 1 === ours.why ? '' : cellText(cell)))
    .filter((name) => name !== '');
}
