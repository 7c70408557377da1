import { BOT_CLICK_HEADER, cellText, columnLetter, normaliseHeader, OVERRIDE_HEADER, WHY_HEADER, type Cell } from '../core';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** 1-based sheet columns of botclick's columns; 0 where a column is not there. */
export interface FlagColumns {
  bot: number;
  why: number;
  override: number;
}

/** Our columns after a run made sure of them, and how many it inserted. */
export interface PlacedFlagColumns extends FlagColumns {
  inserted: number;
}

const BOT = normaliseHeader(BOT_CLICK_HEADER);
const WHY = normaliseHeader(WHY_HEADER);
const OVERRIDE = normaliseHeader(OVERRIDE_HEADER);

/**
 * Finds botclick's columns in a header row. `Why` counts only right after `Bot click`, so a user's
 * own "Why" column elsewhere is never taken (or removed) for ours; `Override` is the user's and
 * counts wherever they put it.
 */
export function findFlagColumns(header: readonly Cell[]): FlagColumns {
  const names = header.map((cell) => normaliseHeader(cellText(cell)));
  const bot = names.indexOf(BOT) + 1;
  const why = bot > 0 && names[bot] === WHY ? bot + 1 : 0;
  const override = names.indexOf(OVERRIDE) + 1;
  return { bot, why, override };
}

/**
 * Makes sure the sheet has `Bot click`, `Why` and an `Override` column for the user, reusing the
 * ones an earlier run added. New columns are inserted (never written over empty-looking cells that
 * may carry the user's formatting), so Clear flags can delete them and leave the sheet as it was.
 */
export function ensureFlagColumns(sheet: Sheet, header: readonly Cell[]): PlacedFlagColumns {
  const found = findFlagColumns(header);
  if (found.bot === 0) {
    const after = header.length;
    const names = found.override ? [BOT_CLICK_HEADER, WHY_HEADER] : [BOT_CLICK_HEADER, WHY_HEADER, OVERRIDE_HEADER];
    insertHeaders(sheet, after, names);
    return { bot: after + 1, why: after + 2, override: found.override || after + 3, inserted: names.length };
  }
  const missing = [...(found.why ? [] : [WHY_HEADER]), ...(found.override ? [] : [OVERRIDE_HEADER])];
  if (missing.length === 0) return { ...found, inserted: 0 };
  const after = found.why || found.bot;
  insertHeaders(sheet, after, missing);
  const override = found.override > after ? found.override + missing.length : found.override || after + missing.length;
  return { bot: found.bot, why: found.why || after + 1, override, inserted: missing.length };
}

function insertHeaders(sheet: Sheet, after: number, names: string[]): void {
  sheet.insertColumnsAfter(after, names.length);
  sheet.getRange(1, after + 1, 1, names.length).setValues([names]);
}

/** Row colours keyed on the Bot click column: light red for bots, grey for clicks it cannot judge. */
const ROW_COLOURS = { bot: '#f4cccc', unknown: '#e0e0e0' } as const;
const OUR_FORMULA = /^=\$[A-Z]+2="(bot|unknown)"$/;

/**
 * Colours the data rows through conditional-format rules, which sit on top of the user's own
 * formatting instead of replacing it. Our earlier rules are replaced in place; the user's rules stay
 * where they are.
 */
export function colourRows(sheet: Sheet, botColumn: number, lastRow: number, lastColumn: number): void {
  const rows = sheet.getRange(2, 1, lastRow - 1, lastColumn);
  const letter = columnLetter(botColumn - 1);
  const ours = (Object.keys(ROW_COLOURS) as (keyof typeof ROW_COLOURS)[]).map((verdict) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=$${letter}2="${verdict}"`)
      .setBackground(ROW_COLOURS[verdict])
      .setRanges([rows])
      .build(),
  );
  const rules = sheet.getConditionalFormatRules();
  const mine = rules.map(isOurRule);
  const theirs = rules.filter((_, i) => !mine[i]);
  const firstOurs = mine.indexOf(true);
  const at = firstOurs === -1 ? theirs.length : firstOurs;
  sheet.setConditionalFormatRules([...theirs.slice(0, at), ...ours, ...theirs.slice(at)]);
}

/** Removes our row colours and reports whether there were any. */
export function removeRowColours(sheet: Sheet): boolean {
  const rules = sheet.getConditionalFormatRules();
  const theirs = rules.filter((rule) => !isOurRule(rule));
  if (theirs.length === rules.length) return false;
  sheet.setConditionalFormatRules(theirs);
  return true;
}

function isOurRule(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition || condition.getCriteriaType() !== SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA) return false;
  const formula = String(condition.getCriteriaValues()[0] ?? '');
  const background = (condition.getBackground() ?? '').toLowerCase();
  return OUR_FORMULA.test(formula) && (Object.values(ROW_COLOURS) as string[]).includes(background);
}
