import { cellText, planColumns, PRESETS, resolveSettings, ROLE_WORDS, ROLES, SETTING_SPECS, type Cell, type Preset, type Role, type SettingName, type Settings, type SettingsInput } from '../core';
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
  /** The column botclick finds for each role on its own, shown in the column pickers. */
  found: Partial<Record<Role, string>>;
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
    ...columnsOf(spreadsheet.getActiveSheet()),
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

/** How many rows the column finder looks at for the pickers; the flagging run looks at its own. */
const SAMPLE_ROWS = 200;

/** The sheet's column names (without ours), and the column found for each role, from one read of its first rows. */
function columnsOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): { headers: string[]; found: Partial<Record<Role, string>> } {
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return { headers: [], found: {} };
  const rows = sheet.getRange(1, 1, Math.min(sheet.getLastRow(), SAMPLE_ROWS + 1), lastColumn).getValues() as Cell[][];
  const ours = findFlagColumns(rows[0]);
  const isOurs = (index: number) => index + 1 === ours.bot || index + 1 === ours.why;
  const headers = rows[0].map((cell, index) => (isOurs(index) ? '' : cellText(cell))).filter((name) => name !== '');
  const found: Partial<Record<Role, string>> = {};
  if (rows.length > 1) {
    const plan = planColumns(rows.map((row) => row.map((cell, index) => (isOurs(index) ? '' : cell))));
    for (const role of ROLES) {
      const index = plan.roles[role];
      if (plan.hasHeader && index !== undefined && plan.header[index]) found[role] = plan.header[index];
    }
  }
  return { headers, found };
}
