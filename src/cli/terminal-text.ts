/**
 * Text from a file on its way to a terminal: control characters would act instead of showing
 * (ESC[2J clears the screen, ESC]0;…BEL retitles the window, a line break splits a one-line
 * error), and bidi controls reorder what is shown. They are written as escapes instead. Files
 * written with -o keep the user's bytes; this is for what is printed.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => NAMED[char] ?? escapeCode(char.charCodeAt(0), 'terminal'));
}

/** What JSON.stringify leaves as it is: DEL, C1 and bidi controls (it escapes C0 itself). */
const JSON_CONTROLS = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal, still JSON that parses to the same values. */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_CONTROLS, (char) => escapeCode(char.charCodeAt(0), 'json'));
}

function escapeCode(code: number, kind: 'terminal' | 'json'): string {
  const hex = code.toString(16).padStart(kind === 'json' || code > 0xff ? 4 : 2, '0');
  return kind === 'json' ? `\\u${hex}` : code > 0xff ? `\\u{${hex}}` : `\\x${hex}`;
}
