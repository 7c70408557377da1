/**
 * An input problem the user can fix. Its message is one plain sentence; adapters show it as is
 * (CLI stderr line, Sheets alert, custom-function error) and never show a stack trace for it.
 */
export class BotclickError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BotclickError';
  }
}
