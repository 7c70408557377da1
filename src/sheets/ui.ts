import { BotclickError } from '../core';

/** The title of every alert and toast, so the user sees at once where a message comes from. */
export const APP_TITLE = 'botclick';

/** How long a run waits for another run on the same spreadsheet to finish before giving up. */
const LOCK_WAIT_MS = 10_000;

/**
 * Runs a menu command. A problem with the user's data (a BotclickError) becomes an alert with its
 * one sentence; anything else is logged for the developer and shown in one line, never as a stack.
 */
export function runCommand(title: string, task: () => void): void {
  try {
    task();
  } catch (error) {
    const ui = SpreadsheetApp.getUi();
    if (error instanceof BotclickError) {
      ui.alert(title, error.message, ui.ButtonSet.OK);
    } else {
      console.error(error);
      ui.alert(title, `botclick stopped because of an unexpected problem: ${messageOf(error)}`, ui.ButtonSet.OK);
    }
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Keeps two runs (two people, or two clicks on the menu) from writing to one spreadsheet at once. */
export function withDocumentLock<T>(task: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new BotclickError('Another botclick run is still working on this spreadsheet; try again when it has finished.');
  }
  try {
    return task();
  } finally {
    lock.releaseLock();
  }
}

/** A toast that stays until the next one replaces it: the progress of a run. */
export function showProgress(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, message: string): void {
  spreadsheet.toast(message, APP_TITLE, -1);
}

/** The closing toast of a run, shown long enough to read. */
export function showResult(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, message: string): void {
  spreadsheet.toast(message, APP_TITLE, 20);
}

/** 1208 → "1,208", the way the toasts and the summary write counts. */

