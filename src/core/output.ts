/** The names of the columns botclick adds, the same in the CLI output and the sheet. */
export const BOT_CLICK_HEADER = 'Bot click';
export const WHY_HEADER = 'Why';
/** The column where a user overrules a verdict with "bot" or "human". */
export const OVERRIDE_HEADER = 'Override';

/**
 * Text we add to a sheet or CSV must never be read as a formula, so a leading =, +, - or @
 * (or a tab or carriage return, which some spreadsheet apps strip) gets an apostrophe in front.
 */
export function plainText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
