import { HEADER_NAMES, NOT_A_ROLE } from './data/headers';
import { ROLE_WORDS } from './data/roleWords';
import { BotclickError } from './errors';
import { eventKind, isKnownChannel, isKnownEvent } from './events';
import { BOT_CLICK_HEADER, WHY_HEADER } from './output';
import {
  cellText,
  columnIndex,
  columnLetter,
  hasHeaderRow,
  isBlank,
  looksLikeEmail,
  looksLikeIp,
  looksLikeNumber,
  looksLikeUrl,
  looksLikeUserAgent,
  normaliseHeader,
  sampleRows,
  SAMPLE_ROWS,
} from './table';
import { looksLikeTime, parseTime } from './time';
import { ROLES, type Cell, type ColumnPlan, type Role, type Table } from './types';
import { shorten } from './words';

/** Normalised header name → the role it means and its rank there (0 = best). */
const NAMED_ROLES = new Map<string, { role: Role; rank: number }>();
for (const role of ROLES) {
  HEADER_NAMES[role].forEach((name, rank) => NAMED_ROLES.set(normaliseHeader(name), { role, rank }));
}
const NOT_A_ROLE_KEYS = new Set(NOT_A_ROLE.map(normaliseHeader));

/** Roles that can be recognised by their values alone, in the order they claim columns. */
const CONTENT_TESTS: readonly { role: Role; test: (cell: Cell) => boolean }[] = [
  { role: 'recipient', test: (cell) => looksLikeEmail(cellText(cell)) },
  { role: 'link', test: (cell) => looksLikeUrl(cellText(cell)) },
  { role: 'ip', test: (cell) => looksLikeIp(cellText(cell)) },
  { role: 'userAgent', test: (cell) => looksLikeUserAgent(cellText(cell)) },
  // Ids longer than epoch milliseconds (MailerLite's 19 digits) pass for times in nanoseconds: no export writes those.
  { role: 'time', test: (cell) => looksLikeTime(cell) && !(looksLikeNumber(cell) && cellText(cell).replace(/\D/g, '').length > 13) },
];
/** The share of a column's values that must fit for its content to decide its role. */
const CONTENT_SHARE = 0.8;

/** What the planner knows about one column: its name and a sample of its values. */
interface Column {
  index: number;
  header: string;
  /** The role its name means, if the dictionary knows the name (even if another column takes the role). */
  meaning?: { role: Role; rank: number; byLastPart: boolean };
  /** botclick's own output columns and known non-roles: never an input role. */
  excluded: boolean;
  /** The sample's non-blank values. */
  values: Cell[];
}

/**
 * Finds the column of each role: the ones the user named, then by header name, then by content
 * for what the headers did not give. The table may or may not have a header row; a caller that
 * knows (a JSON log's keys are always names) says so.
 */
export function planColumns(table: Table, named: Partial<Record<Role, string>> = {}, hasHeader = hasHeaderRow(table)): ColumnPlan {
  const sample = sampleRows(table, hasHeader ? 1 : 0);
  const width = Math.max(hasHeader ? table[0].length : 0, 0, ...sample.map((row) => row.length));
  const header = Array.from({ length: width }, (_, i) =>
    hasHeader ? cellText(table[0][i]) : `Column ${columnLetter(i)}`,
  );
  const columns = header.map((name, index) => describeColumn(name, index, hasHeader, sample));
  const plan: ColumnPlan = { hasHeader, header, roles: {}, how: {} };
  const taken = new Set<number>();
  const assign = (role: Role, column: number, how: 'header' | 'content' | 'named') => {
    plan.roles[role] = column;
    plan.how[role] = how;
    taken.add(column);
  };

  for (const role of ROLES) {
    const name = named[role]?.trim();
    if (!name) continue;
    const column = findNamedColumn(name, role, columns, plan);
    const holder = ROLES.find((other) => plan.roles[other] === column);
    if (holder) {
      throw new BotclickError(
        `you named the column "${header[column]}" for both the ${ROLE_WORDS[holder].named} and the ${ROLE_WORDS[role].named}; a column can serve one role only.`,
      );
    }
    assign(role, column, 'named');
  }

  for (const match of headerMatches(columns)) {
    if (plan.roles[match.role] === undefined && !taken.has(match.column)) assign(match.role, match.column, 'header');
  }

  const unnamed = () => columns.filter((c) => !c.excluded && !c.meaning && !taken.has(c.index));
  for (const { role, test } of CONTENT_TESTS) {
    if (plan.roles[role] !== undefined) continue;
    const column = bestByContent(unnamed(), test);
    if (column !== undefined) assign(role, column, 'content');
  }
  if (plan.roles.sentAt === undefined && plan.how.time === 'content') {
    const column = sendTimesByContent(unnamed(), sample, plan.roles.time as number);
    if (column !== undefined) assign('sentAt', column, 'content');
  }
  if (plan.roles.eventType === undefined) {
    const column = eventsByContent(unnamed());
    if (column !== undefined) assign('eventType', column, 'content');
  }
  // Without a header nothing names the e-mail: a column of a few repeated names or ids does.
  if (!hasHeader && plan.roles.campaign === undefined) {
    const column = campaignByContent(unnamed(), columns[plan.roles.recipient ?? -1]);
    if (column !== undefined) assign('campaign', column, 'content');
  }
  return plan;
}

/**
 * Beside click times found by content, another column of times that never come after the click in
 * the same row is the send or delivery time.
 */
function sendTimesByContent(columns: readonly Column[], sample: readonly (readonly Cell[])[], timeColumn: number): number | undefined {
  const timeTest = CONTENT_TESTS.find((test) => test.role === 'time')!.test;
  return columns.find((column) => {
    const fitting = column.values.filter(timeTest);
    if (fitting.length === 0 || fitting.length < column.values.length * CONTENT_SHARE) return false;
    // A scanner may fetch a link before its copy is marked delivered: a few later ones are allowed.
    let compared = 0;
    let later = 0;
    for (const row of sample) {
      const sent = parseTime(row[column.index], 'UTC');
      const clicked = parseTime(row[timeColumn], 'UTC');
      if (Number.isNaN(sent) || Number.isNaN(clicked)) continue;
      compared++;
      if (sent > clicked + 60000) later++;
    }
    return compared > 0 && later <= compared * 0.05;
  })?.index;
}

/** A column of event names we know, clicks among them (a mixed log's `event`), leftmost first. */
function eventsByContent(columns: readonly Column[]): number | undefined {
  return columns.find(({ values }) => values.length > 0 && values.every((cell) => typeof cell === 'string' && isKnownEvent(cell)) && values.some((cell) => eventKind(cell) === 'click'))?.index;
}

/**
 * The e-mail's column in a table without headers: names or ids (text, or numbers too long to be
 * counts) in nearly every row, repeated, with far fewer values than there are recipients, and none
 * of them an address, link, time, IP, user agent, event or yes/no. Of several, the one that tells
 * the most e-mails apart (a constant list id tells none), then the leftmost.
 */
function campaignByContent(columns: readonly Column[], recipients: Column | undefined): number | undefined {
  const recipientCount = recipients ? new Set(recipients.values.map(cellText)).size : 0;
  let best: { index: number; distinct: number } | undefined;
  for (const column of columns) {
    if (column.values.length < 2 || column.values.length < sampleSize(columns) * CONTENT_SHARE) continue;
    if (!column.values.every(looksLikeName)) continue;
    const distinct = new Set(column.values.map(cellText)).size;
    if (distinct > 1 && distinct * 2 > recipientCount) continue;
    if (!best || distinct > best.distinct) best = { index: column.index, distinct };
  }
  return best?.index;
}

/** The most filled column's count of sampled values: how many rows the sample holds. */
function sampleSize(columns: readonly Column[]): number {
  return Math.max(0, ...columns.map((column) => column.values.length));
}

const YES_NO = /^(true|false|yes|no|y|n|t|f|null|none)$/i;

/** A campaign's name or id: no other role's kind of value, and not a small number such as a count. */
function looksLikeName(cell: Cell): boolean {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1000;
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  if (looksLikeNumber(text)) return /^\d{4,}$/.test(text);
  return !(YES_NO.test(text) || looksLikeEmail(text) || looksLikeUrl(text) || looksLikeIp(text) || looksLikeUserAgent(text) || looksLikeTime(text) || isKnownEvent(text));
}

/** Throws a one-line BotclickError naming the first of `roles` the plan lacks. */
export function requireRoles(plan: ColumnPlan, roles: readonly Role[]): void {
  const missing = roles.find((role) => plan.roles[role] === undefined);
  if (!missing) return;
  // A warehouse's click-details table (HubSpot's email_event_click) holds the link but leaves the
  // recipient and the time to the events table it shares its id with.
  if (missing === 'recipient' && plan.roles.time === undefined && plan.roles.link !== undefined) {
    throw new BotclickError(
      `no recipient or click-time column found, only links: join this table to the events table that names the recipient and time (on their shared id, such as HubSpot's email_event_click to email_event), then flag the joined table; ${headersSeen(plan)}.`,
    );
  }
  throw new BotclickError(`no ${ROLE_WORDS[missing].missing} column found; ${headersSeen(plan)}.`);
}

/** A record's parts that describe the person: their stored agent, IP or sign-up date are not the click's. */
const PROFILE_PARTS = new Set(['subscriber', 'profile', 'person', 'contact', 'lead', 'customer', 'member', 'user', 'identifiers']);

/**
 * A column's meaning by its name: the whole name if the dictionary (or the list of non-roles)
 * knows it, else its longest known ending (`data.click.timestamp` is `click.timestamp`), the last
 * part alone counting least. A profile's field (Drip's `subscriber.user_agent`) names nothing of
 * the click, though it can name the recipient.
 */
function describeColumn(header: string, index: number, hasHeader: boolean, sample: readonly (readonly Cell[])[]): Column {
  const key = hasHeader ? normaliseHeader(header) : '';
  const parts = key === '' ? [] : key.split('.');
  let at = parts.findIndex((_, i) => {
    const name = parts.slice(i).join('.');
    return NAMED_ROLES.has(name) || NOT_A_ROLE_KEYS.has(name);
  });
  const known = at < 0 ? undefined : parts.slice(at).join('.');
  let entry = known === undefined ? undefined : NAMED_ROLES.get(known);
  if (entry && at > 0 && entry.role !== 'recipient' && PROFILE_PARTS.has(parts[at - 1])) {
    entry = undefined;
    at = 0;
  }
  const ours = hasHeader && (header === BOT_CLICK_HEADER || header === WHY_HEADER);
  return {
    index,
    header,
    meaning: entry && { ...entry, byLastPart: at > 0 && at === parts.length - 1 },
    excluded: ours || (known !== undefined && !entry),
    values: sample.map((row) => row[index]).filter((cell) => !isBlank(cell)),
  };
}

/**
 * The user's name for a column: its header (normalised like the dictionary), its letter (`C`,
 * `AA`) or its generated name (`Column C`).
 */
function findNamedColumn(name: string, role: Role, columns: readonly Column[], plan: ColumnPlan): number {
  // looser than the dictionary: "click timestamp" names `click.timestamp` too
  const loose = (text: string) => normaliseHeader(text).replace(/\./g, '');
  const key = loose(name);
  const byHeader = columns.filter((c) => c.header === name || (key !== '' && loose(c.header) === key));
  const letters = /^column\s+([a-z]{1,3})$/i.exec(name)?.[1] ?? name;
  const byLetter = columns[columnIndex(letters)];
  const found = byHeader.find((c) => c.values.length > 0) ?? byHeader[0] ?? byLetter;
  if (!found) {
    throw new BotclickError(
      `the ${ROLE_WORDS[role].named} column "${name}" you named is not in the table; ${headersSeen(plan)}.`,
    );
  }
  if (plan.hasHeader && (found.header === BOT_CLICK_HEADER || found.header === WHY_HEADER)) {
    throw new BotclickError(
      `the ${ROLE_WORDS[role].named} column "${name}" you named is one botclick adds; name a column of your data.`,
    );
  }
  return found.index;
}

/**
 * The columns whose names mean a role, best first: a column with values before an empty one (the
 * SendGrid CSV's empty `marketing_campaign_name` gives way to `subject`); then a whole-name match
 * before a last-part match; then the dictionary's rank; then the leftmost.
 */
function headerMatches(columns: readonly Column[]): { role: Role; column: number }[] {
  const matches = columns.flatMap(({ meaning, excluded, values, index }) =>
    meaning && !excluded && fitsRole(meaning.role, values) ? [{ ...meaning, column: index, filled: values.length > 0 }] : [],
  );
  return matches.sort(
    (a, b) =>
      Number(b.filled) - Number(a.filled) ||
      Number(a.byLastPart) - Number(b.byLastPart) ||
      a.rank - b.rank ||
      a.column - b.column,
  );
}

/**
 * Values that rule a named column out of a role: an event-type column must hold some event we
 * know (Klaviyo's top-level `type` is just "event"); a channel only channels (a `source` of
 * "newsletter" is a UTM source, not a channel); a count must be whole numbers (Sendy's
 * `clicks` is a list of subscriber ids).
 */
function fitsRole(role: Role, values: readonly Cell[]): boolean {
  if (values.length === 0) return true;
  if (role === 'eventType') return values.some(isKnownEvent);
  if (role === 'channel') return values.every(isKnownChannel);
  if (role === 'count') return values.every((cell) => /^\d+$/.test(cellText(cell)));
  return true;
}

/**
 * Of the columns whose values mostly pass the test, the one with the most distinct values (the
 * recipients, not the one sender); bare numbers count last, since ids can pass for epoch times.
 */
function bestByContent(columns: readonly Column[], test: (cell: Cell) => boolean): number | undefined {
  let best: { index: number; score: number } | undefined;
  for (const column of columns) {
    const fitting = column.values.filter(test);
    if (fitting.length === 0 || fitting.length < column.values.length * CONTENT_SHARE) continue;
    const distinct = new Set(fitting.map(cellText)).size;
    const score = fitting.every(looksLikeNumber) ? distinct : SAMPLE_ROWS + distinct;
    if (!best || score > best.score) best = { index: column.index, score };
  }
  return best?.index;
}

/** The headers as a short list for a message: blanks shown as such, long lists cut. */
function headersSeen(plan: ColumnPlan): string {
  const shown = 12;
  const names = plan.header.map((name) => (name === '' ? '(blank)' : shorten(name)));
  while (names.length > 0 && names[names.length - 1] === '(blank)') names.pop();
  if (names.length === 0) return 'the table is empty';
  const list = names.length > shown ? `${names.slice(0, shown).join(', ')} and ${names.length - shown} more` : names.join(', ');
  return plan.hasHeader
    ? `headers seen: ${list}`
    : `the table has no header row (columns seen: ${list}): include the header row, or name the columns`;
}

/** The roles detection cannot do without: a recipient, and click times unless the export counts clicks instead. */
export function requiredRoles(plan: ColumnPlan): Role[] {
  return plan.roles.count !== undefined && plan.roles.time === undefined ? ['recipient'] : ['recipient', 'time'];
}
