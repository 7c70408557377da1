import { BotclickError, resolveSettings, type Settings, type SettingsInput } from '../core';

/** Where the settings saved from the sidebar live: the spreadsheet's document properties. */
const SETTINGS_KEY = 'botclick.settings';

/** The settings saved for this spreadsheet, as the sidebar last stored them ({} when never saved). */
export function savedSettingsInput(): SettingsInput {
  const text = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  if (!text) return {};
  try {
    return JSON.parse(text) as SettingsInput;
  } catch {
    throw new BotclickError('The saved botclick settings could not be read; open Settings… and save them again.');
  }
}

/**
 * Validates settings with the core's one validation and saves them. The spreadsheet's time zone is
 * not saved: it is read afresh on every run, so changing it in File → Settings takes effect.
 */
export function saveSettingsInput(input: SettingsInput): Settings {
  const settings = resolveSettings({ ...input, timeZone: '' });
  const saved: Partial<Settings> = { ...settings };
  delete saved.timeZone;
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, JSON.stringify(saved));
  return settings;
}

/**
 * The settings a run uses: the saved ones, then any value given here (blank values do not count, so
 * an omitted BOTCLICK argument keeps the saved threshold), with naive times read in the spreadsheet's
 * time zone.
 */
export function documentSettings(overrides: SettingsInput = {}): Settings {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return resolveSettings({ ...savedSettingsInput(), ...given, timeZone });
}
