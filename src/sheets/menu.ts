import ENTRY_POINTS from './entryPoints.json';
import { APP_TITLE } from './ui';

/** The menu items and the global functions they call (entryPoints.json; main.ts declares every one of them). */
export const MENU_ITEMS = ENTRY_POINTS.menu;

/**
 * Builds the add-on menu and nothing else: onOpen runs in AuthMode.NONE before the user has
 * authorised the add-on, when reading the spreadsheet or its properties is not allowed.
 */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.handler);
  menu.addToUi();
}

/** An add-on installed from the Marketplace gets no onOpen until the file is reopened. */
export function onInstall(): void {
  onOpen();
}

const HELP = [
  'botclick separates mail-security-scanner clicks (Microsoft Safe Links, Proofpoint, Mimecast and others, which open every link of an e-mail seconds after delivery) from real people\'s clicks in a click export.',
  '',
  'Flag bot clicks: judges every click of this sheet (or of the selected rows) and adds the columns Bot click (bot, human or unknown) and Why beside the data, colouring bot rows light red and unknown rows grey. Write bot or human in the Override column to overrule a verdict; re-runs respect it.',
  'Build clean summary: writes the sheet "Clean summary": how many real people clicked, charts of the links people click and of clicks over time, then per campaign, scanning domain and link the raw and human clicks and real people, and the rules used.',
  'Clear flags: removes the added columns and colours (an Override column you filled in is kept).',
  'Settings…: the preset, each rule and threshold, the send time, trap links and column choices, with a preview of what a change would flag.',
  '',
  'In formulas: =BOTCLICK(A:F) gives a verdict per row; =BOTCLICK_WHY(A:F) gives the reasons. Optional: =BOTCLICK(A:F, 3, 60) for at most 3 clicks within 60 seconds.',
  '',
  'Your data never leaves this spreadsheet: botclick makes no network calls and reads no other file.',
].join('\n');

/** Menu: Help. */
export function showHelp(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(`${APP_TITLE} help`, HELP, ui.ButtonSet.OK);
}
