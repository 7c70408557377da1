/**
 * The add-on's entry points, and nothing else. Apps Script calls only top-level functions, so the
 * build (scripts/build-addon.mjs) turns every `global.X = …` below, with its JSDoc, into a
 * `function X() {}` declaration in front of the bundle; the bundle then points each name here.
 */
import { BOTCLICK, BOTCLICK_WHY } from './customFunction';
import { clearFlags, flagBotClicks } from './flag';
import { onInstall, onOpen, showHelp } from './menu';
import { getSettingsForm, previewSettings, saveSettings, showSettings } from './sidebar';
import { buildCleanSummary } from './summarySheet';

const global = globalThis as unknown as Record<string, unknown>;

/**
 * Adds the botclick menu when the spreadsheet opens. Builds the menu only, so it works before the
 * add-on is authorised (AuthMode.NONE).
 *
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e The open event.
 */
global.onOpen = onOpen;

/**
 * Adds the botclick menu right after the add-on is installed.
 *
 * @param {GoogleAppsScript.Events.AddonOnInstall} e The install event.
 */
global.onInstall = onInstall;

/** Menu: judges every click of the active sheet (or the selected rows) and adds Bot click and Why columns. */
global.flagBotClicks = flagBotClicks;

/** Menu: writes the "Clean summary" sheet: real clicks and people per campaign and link, rules used, a chart. */
global.buildCleanSummary = buildCleanSummary;

/** Menu: removes the Bot click and Why columns and the row colours from the active sheet. */
global.clearFlags = clearFlags;

/** Menu: opens the settings sidebar. */
global.showSettings = showSettings;

/** Menu: explains each menu item and BOTCLICK. */
global.showHelp = showHelp;

/**
 * Marks each click of an e-mail click export as "bot" (a mail-security scanner), "human" or
 * "unknown". Returns one column as tall as the range: "Bot click" against the header row, then a
 * verdict per row, blank for blank rows and for rows that are not clicks. Without thresholds, the
 * settings saved in Add-ons → botclick → Settings… apply.
 *
 * @param {A1:F1000} data The click export with its header row, for example A:F.
 * @param {3} max_clicks [optional] Burst rule: the most clicks one recipient may make on one e-mail within the window.
 * @param {60} window_seconds [optional] Burst rule: the window, in seconds.
 * @return One column: "Bot click", then bot, human or unknown for each row.
 * @customfunction
 */
global.BOTCLICK = BOTCLICK;

/**
 * The reason for each verdict of BOTCLICK, in words ("5 links in 2 s, 67 s after send"). Takes the
 * same arguments and returns one column as tall as the range: "Why", then a reason per row.
 *
 * @param {A1:F1000} data The click export with its header row, for example A:F.
 * @param {3} max_clicks [optional] Burst rule: the most clicks one recipient may make on one e-mail within the window.
 * @param {60} window_seconds [optional] Burst rule: the window, in seconds.
 * @return One column: "Why", then the reason for each row's verdict.
 * @customfunction
 */
global.BOTCLICK_WHY = BOTCLICK_WHY;

/** Sidebar: the settings form, built from the settings spec and filled with the saved settings. */
global.getSettingsForm = getSettingsForm;

/**
 * Sidebar: how many clicks draft settings would flag on the active sheet, before they are saved.
 *
 * @param {Object} draft The settings as the sidebar holds them.
 */
global.previewSettings = previewSettings;

/**
 * Sidebar: validates and saves settings in the document properties.
 *
 * @param {Object} draft The settings as the sidebar holds them.
 */
global.saveSettings = saveSettings;
