import { botShare, BotclickError, cellText, detect, isBlankRow, plainText, plural, type Cell, type Detection, type Settings } from '../core';
import { readClickData, type ClickData } from './clickData';
import { colourRows, ensureFlagColumns, findFlagColumns, removeRowColours } from './flagColumns';
import { documentSettings } from './settingsStore';
import { runCommand, showProgress, showResult, withDocumentLock } from './ui';

/** Menu: Flag bot clicks. One read, one detection, batched writes: the calls do not grow with rows. */
export function flagBotClicks(): void {
  withJudgedData('Flag bot clicks', (spreadsheet, data, detection) => {
    showProgress(spreadsheet, 'Writing the Bot click and Why columns…');
    const columns = ensureFlagColumns(data.sheet, data.table[0]);
    const flags = detection.verdicts.map((verdict, i) => [verdict ?? '', plainText(detection.reasons[i] ?? '')]);
    data.sheet.getRange(data.firstRow, columns.bot, flags.length, 2).setValues(flags);
    colourRows(data.sheet, columns.bot, data.regionLastRow, Math.max(data.width + columns.inserted, columns.override));
    showResult(spreadsheet, flagReport(data, detection));
  });
}

/**
 * How the menu commands that judge the sheet begin: under the document lock, read the active
 * sheet's click data once and run the detector with the document's settings.
 */
export function withJudgedData(
  command: string,
  work: (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, data: ClickData, detection: Detection, settings: Settings) => void,
): void {
  runCommand(command, () =>
    withDocumentLock(() => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      const data = readClickData(spreadsheet);
      showProgress(spreadsheet, `Judging ${plural(data.lastRow - data.firstRow + 1, 'row')}…`);
      const settings = documentSettings();
      work(spreadsheet, data, judge(data, settings), settings);
    }),
  );
}

/** Runs the detector on a sheet's click data; the sheet needs a header row to hold our columns. */
export function judge(data: ClickData, settings: Settings): Detection {
  const detection = detect(data.table, settings);
  if (!detection.plan.hasHeader) {
    throw new BotclickError(
      'Row 1 does not look like a header row: insert a row above the data with the column names (such as Email, Link, Clicked at), then try again.',
    );
  }
  return detection;
}

/** "312 of 1,208 clicks look like bots; 96 real people clicked." and what else the user should know. */
function flagReport(data: ClickData, detection: Detection): string {
  const { totals } = detection.summary;
  const parts = [`${botShare(totals)}; ${plural(totals.humanClickers, 'real person', 'real people')} clicked.`];
  if (totals.unknownClicks > 0) parts.push(`${plural(totals.unknownClicks, 'click')} could not be judged (see Why).`);
  if (data.filtered) parts.push('Rows hidden by the filter were judged too.');
  if (data.formulaCells > 0) parts.push(`${plural(data.formulaCells, 'cell')} with formulas ${data.formulaCells === 1 ? 'was' : 'were'} read by ${data.formulaCells === 1 ? 'its value' : 'their values'}.`);
  const untouched = otherColumns(data.table[0], detection);
  if (untouched.length > 0) parts.push(`Columns it does not read were left alone: ${listNames(untouched)}.`);
  parts.push(...detection.notes);
  return parts.join(' ');
}

/**
 * Columns to the right of everything the detector read, other than ours: typically another tool's
 * columns beside the export. They are neither read nor changed, and the toast says so.
 */
function otherColumns(header: readonly Cell[], detection: Detection): string[] {
  const used = Object.values(detection.plan.roles).filter((index): index is number => index !== undefined);
  if (used.length === 0) return [];
  const ours = findFlagColumns(header);
  const oursIndexes = new Set([ours.bot, ours.why, ours.override].filter((column) => column > 0).map((column) => column - 1));
  return header
    .map((cell, index) => ({ name: cellText(cell), index }))
    .filter(({ name, index }) => index > Math.max(...used) && !oursIndexes.has(index) && name !== '')
    .map(({ name }) => name);
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** Menu: Clear flags. Removes our columns and row colours; keeps an Override column the user filled in. */
export function clearFlags(): void {
  runCommand('Clear flags', () =>
    withDocumentLock(() => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      const sheet = spreadsheet.getActiveSheet();
      const lastRow = sheet.getLastRow();
      const lastColumn = sheet.getLastColumn();
      const columns = lastRow > 0 ? findFlagColumns(sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as Cell[]) : { bot: 0, why: 0, override: 0 };
      const hadColours = removeRowColours(sheet);
      if (columns.bot === 0) {
        showResult(spreadsheet, hadColours ? 'Removed the row colours; this sheet had no Bot click column.' : 'Nothing to clear: this sheet has no botclick flags.');
        return;
      }
      const block = [columns.bot, columns.why].filter((column) => column > 0);
      let keptOverride = false;
      if (columns.override > 0 && columns.override === Math.max(...block) + 1) {
        const overrides = lastRow > 1 ? (sheet.getRange(2, columns.override, lastRow - 1, 1).getValues() as Cell[][]) : [];
        keptOverride = !overrides.every((row) => isBlankRow(row));
        if (!keptOverride) block.push(columns.override);
      }
      sheet.deleteColumns(block[0], block.length);
      showResult(
        spreadsheet,
        keptOverride
          ? 'Removed the Bot click and Why columns and the row colours. Your Override column was kept because it holds your choices.'
          : 'Removed the Bot click, Why and Override columns and the row colours.',
      );
    }),
  );
}
