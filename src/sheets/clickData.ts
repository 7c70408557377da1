import { BotclickError, formatCount, isBlankRow, type Cell } from '../core';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet botclick writes its summary to; it is never read as click data. */
export const SUMMARY_SHEET_NAME = 'Clean summary';

/**
 * Past this many cells (rows × columns) one run may not finish within Apps Script's 6 minutes:
 * it reads every cell twice (values and formulas), judges the clicks and writes two columns.
 */
export const MAX_CELLS_PER_RUN = 2_000_000;

/** The click data of one run, read in one go, and what the closing toast should mention about it. */
export interface ClickData {
  sheet: Sheet;
  /** The header row, then the data rows read; cells as getValues() gives them. */
  table: Cell[][];
  /** Sheet rows (1-based) of the first and last data rows read. */
  firstRow: number;
  lastRow: number;
  /** The sheet's last row holding anything: the data region's height, selection or not. */
  regionLastRow: number;
  /** The last column holding anything: the data region's width. */
  width: number;
  /** Cells of the data that hold formulas; they are judged by their values. */
  formulaCells: number;
  /** Whether a filter hides rows; hidden rows are judged like the others. */
  filtered: boolean;
}

/**
 * Reads the click data of the active sheet: its whole data region, or the rows the user selected
 * (always with the header row in row 1). Refuses, with a sentence saying what to do, anything a run
 * cannot or should not work on; nothing is written before this has passed.
 */
export function readClickData(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ClickData {
  const sheet = spreadsheet.getActiveSheet();
  if (sheet.getName() === SUMMARY_SHEET_NAME) {
    throw new BotclickError(`"${SUMMARY_SHEET_NAME}" is botclick's own summary; go to the sheet with your click export first.`);
  }
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (lastRow === 0) {
    throw new BotclickError('This sheet is empty: paste or import a click export into it first.');
  }
  if (lastRow === 1) {
    throw new BotclickError('This sheet has only a header row and no clicks below it: paste the export\'s rows under the header first.');
  }
  const [firstRow, lastDataRow] = selectedRows(sheet, lastRow, width);
  checkSize(lastDataRow - firstRow + 1, width);
  const header = sheet.getRange(1, 1, 1, width);
  checkHeaderNotMerged(header);

  const body = sheet.getRange(firstRow, 1, lastDataRow - firstRow + 1, width);
  const bodyValues = body.getValues() as Cell[][];
  const formulas = body.getFormulas();
  const table = [...(header.getValues() as Cell[][]), ...bodyValues];
  if (bodyValues.every((row) => isBlankRow(row))) {
    throw new BotclickError('The rows to flag are all blank: select rows that hold clicks, or click any cell of the data to flag it all.');
  }
  return {
    sheet,
    table,
    firstRow,
    lastRow: lastDataRow,
    regionLastRow: lastRow,
    width,
    formulaCells: countFormulas(formulas),
    filtered: sheet.getFilter() !== null,
  };
}

/**
 * The data rows a run works on. A selection of one cell inside the data means "all of it" (as in
 * any spreadsheet's sort or filter); a selection of rows means those rows. One cell outside the data
 * is refused: the user most likely meant another sheet or another place.
 */
function selectedRows(sheet: Sheet, lastRow: number, width: number): [number, number] {
  const selection = sheet.getActiveRange();
  if (!selection) return [2, lastRow];
  const top = selection.getRow();
  const bottom = top + selection.getNumRows() - 1;
  if (selection.getNumRows() === 1 && selection.getNumColumns() === 1) {
    const column = selection.getColumn();
    if (top <= lastRow && column <= width) return [2, lastRow];
    throw new BotclickError(
      'Only one cell outside the click data is selected: click any cell inside the data to flag all of it, or select the rows to flag, then try again.',
    );
  }
  const first = Math.max(top, 2);
  const last = Math.min(bottom, lastRow);
  if (first > last) {
    throw new BotclickError(
      top === 1 && bottom === 1
        ? 'Only the header row is selected: select the rows to flag, or click any cell of the data to flag it all.'
        : 'The selected rows hold no click data: select rows inside the data, or click any cell of the data to flag it all.',
    );
  }
  return [first, last];
}

function checkSize(rows: number, width: number): void {
  if ((rows + 1) * width <= MAX_CELLS_PER_RUN) return;
  const maxRows = Math.floor(MAX_CELLS_PER_RUN / width) - 1;
  throw new BotclickError(
    `These ${formatCount(rows)} rows × ${width} columns are more than one run can read, judge and write within Apps Script's ` +
      `6-minute limit (about ${formatCount(maxRows)} rows at this width). Select up to ${formatCount(maxRows)} rows at a time, ` +
      `keeping each campaign's rows together, and flag each part in turn; or download the sheet as CSV and run the botclick ` +
      'command line, which has no such limit.',
  );
}

function checkHeaderNotMerged(header: GoogleAppsScript.Spreadsheet.Range): void {
  const merged = header.getMergedRanges();
  if (merged.length === 0) return;
  const cells = merged.map((range) => range.getA1Notation()).join(', ');
  throw new BotclickError(
    `The header row has merged cells (${cells}): unmerge them (Format → Merge cells → Unmerge) so that every column has its own name, then try again.`,
  );
}

function countFormulas(formulas: string[][]): number {
  let count = 0;
  for (const row of formulas) for (const formula of row) if (formula !== '') count++;
  return count;
}
