import { ipv4ToNumber, isIpv6 } from './ip';
import { looksLikeTime } from './time';
import type { Cell, Table } from './types';

/** How many non-blank rows are enough to judge what a column holds, however long the table. */
export const SAMPLE_ROWS = 200;

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function isBlankRow(row: readonly Cell[] | undefined): boolean {
  return !row || row.every(isBlank);
}

/** A cell as text, the way a user reads it. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).trim();
}

/**
 * A header name reduced to what tells names apart: `Clicked At`, `clicked_at`, `CLICKED-AT` and
 * `Clìcked at` are all `clickedat`. Dots stay, as the joints of a flattened JSON key
 * (`click.timestamp`), so that Mailchimp's `activity.type` is not Constant Contact's `activity_type`.
 */
export function normaliseHeader(text: string): string {
  return text
    .split('.')
    .map((part) =>
      part
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/ß/g, 'ss')
        .replace(/[^a-z0-9]/g, ''),
    )
    .filter((part) => part !== '')
    .join('.');
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The column index of letters such as `C` or `aa`, or -1 when the text is not column letters. */
export function columnIndex(letters: string): number {
  const text = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(text)) return -1;
  let index = 0;
  for (const char of text) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]{2,}$/.test(text);
}

export function looksLikeUrl(text: string): boolean {
  return /^(https?:\/\/|www\.)\S+$/i.test(text);
}

export function looksLikeIp(text: string): boolean {
  return ipv4ToNumber(text) >= 0 || isIpv6(text);
}

/** `Mozilla/5.0 (…)`, `python-requests/2.31`, `curl/8.4.0`: a product token with a version. */
export function looksLikeUserAgent(text: string): boolean {
  return /^[A-Za-z][\w-]*\/\d[\w.]*(\s|$)/.test(text);
}

/** Numbers, and lists of them (`305,306,300`). */
export function looksLikeNumber(cell: Cell): boolean {
  if (typeof cell === 'number') return true;
  return typeof cell === 'string' && /^[-+]?[\d\s.,;]*\d[\d\s.,;]*$/.test(cell.trim());
}

/** A hash, UUID or other id made of hex digits. */
function looksLikeId(text: string): boolean {
  return /^[0-9a-f]{8,}(-[0-9a-f]{4,})*$/i.test(text) && /\d/.test(text);
}

/** A cell that could be a column heading: short text with letters, not a value of any kind. */
function looksLikeLabel(cell: Cell): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  return (
    text.length > 0 &&
    text.length <= 100 &&
    /\p{L}/u.test(text) &&
    !looksLikeEmail(text) &&
    !looksLikeUrl(text) &&
    !looksLikeIp(text) &&
    !looksLikeUserAgent(text) &&
    !looksLikeNumber(text) &&
    !looksLikeId(text) &&
    !looksLikeTime(text)
  );
}

/** Up to `limit` non-blank rows from `start` on: what columns are judged by. */
export function sampleRows(table: Table, start: number, limit = SAMPLE_ROWS): (readonly Cell[])[] {
  const sample: (readonly Cell[])[] = [];
  for (let i = start; i < table.length && sample.length < limit; i += 1) {
    if (!isBlankRow(table[i])) sample.push(table[i]);
  }
  return sample;
}

/**
 * Whether the first row is a header: mostly non-empty text that does not look like data, and
 * whose headings do not recur as values in their own column (a data row of names and subjects
 * would). Numbers may head some columns (`Email,URL,Clicked at,2025,2026`) when words head at
 * least half of them: a data row has values (addresses, links, times) where a header has words.
 */
export function hasHeaderRow(table: Table): boolean {
  const first = table[0];
  if (isBlankRow(first)) return false;
  const filled = first.filter((cell) => !isBlank(cell));
  const labels = first.map((cell, column) => ({ cell, column })).filter(({ cell }) => looksLikeLabel(cell));
  const numbers = filled.filter(looksLikeNumber).length;
  if (labels.length < filled.length * 0.5 || labels.length + numbers < filled.length * 0.8) return false;
  const below = sampleRows(table, 1);
  const recurring = labels.filter(({ cell, column }) =>
    below.some((row) => cellText(row[column]) === cellText(cell)),
  );
  return recurring.length * 2 < labels.length || labels.length === 0;
}
