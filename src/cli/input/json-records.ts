import type { Cell } from '../../core';
import { MAX_JSON_DEPTH } from './json-scanner';
import { exactText, nestingDepth, parseKeepingNumbers, stringifyKeepingNumbers } from './json-values';

type JsonObject = Record<string, unknown>;

/** One row made from a JSON record: its cells by dotted key, and the object that row stands for. */
export interface FlatRow {
  fields: Map<string, Cell>;
  /** The record itself, or the activity inside it this row was made from. */
  event: JsonObject;
}

/**
 * Keys under which API responses and webhook batches keep their records (Mailgun `items`,
 * Klaviyo `data`, HubSpot `events`, Campaign Monitor `Results`, Constant Contact
 * `tracking_activities`, Mailchimp `emails` and `members`, …), compared in lower case.
 */
const ENVELOPE_KEYS = new Set([
  'items',
  'data',
  'events',
  'results',
  'records',
  'rows',
  'entries',
  'tracking_activities',
  'emails',
  'members',
  'messages',
  'hits',
  'value',
  'mandrill_events',
]);

/** Names of a record's own time or event-type field: such a record already is one event. */
const EVENT_KEYS = new Set([
  'event', 'eventtype', 'type', 'recordtype', 'action', 'timestamp', 'ts', 'time', 'date', 'datetime',
  'created', 'createdat', 'createdtime', 'receivedat', 'occurredat', 'clickedat', 'datehit', 'tsevent',
]);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function isEnvelopeKey(key: string): boolean {
  return ENVELOPE_KEYS.has(key.toLowerCase());
}

/**
 * What a top-level object that holds no known records array is: the records, when it reads as an
 * envelope under another name (one big list of objects beside paging fields), or else a record.
 * `listKey` names the list read and `leftOut` the shorter lists of objects beside it, for a note.
 */
export function recordsOfObject(object: JsonObject, oneDocument: boolean): { records: unknown[]; listKey?: string; leftOut: string[] } {
  if (!oneDocument || looksLikeRecord(object)) return { records: [object], leftOut: [] };
  const lists = Object.keys(object).filter((key) => isObjectList(object[key]));
  if (lists.length === 0) return { records: [object], leftOut: [] };
  const longest = lists.reduce((best, key) => ((object[key] as unknown[]).length > (object[best] as unknown[]).length ? key : best));
  return { records: object[longest] as unknown[], listKey: longest, leftOut: lists.filter((key) => key !== longest) };
}

/**
 * A record as rows: an SNS notification is replaced by the message it carries; a record that is
 * not itself an event but holds a list of them (Mailchimp's `emails[].activity[]`) becomes one row
 * per activity, carrying the record's own fields; everything else becomes one row.
 */
export function recordRows(value: unknown): { record: JsonObject; rows: FlatRow[] } {
  const record = unwrapSparkPost(unwrapNotification(isObject(value) ? value : { value }));
  const activityKey = looksLikeEvent(record) ? undefined : Object.keys(record).find((key) => isObjectList(record[key]));
  if (activityKey === undefined) return { record, rows: [{ fields: flatten(record), event: record }] };
  const activities = record[activityKey] as JsonObject[];
  const rows = activities.map((activity) => {
    const fields = new Map<string, Cell>();
    for (const [key, field] of Object.entries(record)) {
      if (key === activityKey) flattenInto(fields, activity, key);
      else flattenInto(fields, field, key);
    }
    return { fields, event: activity };
  });
  return { record, rows };
}

/** Amazon SES (and others) deliver events through SNS: the event is a JSON string in `Message`. */
function unwrapNotification(record: JsonObject): JsonObject {
  if (typeof record.Message !== 'string' || !(record.Type === 'Notification' || 'TopicArn' in record)) return record;
  // The message is JSON the scanner has not seen: kept as text when it nests deeper than the file may.
  if (nestingDepth(record.Message) > MAX_JSON_DEPTH) return record;
  try {
    const message = parseKeepingNumbers(record.Message);
    return isObject(message) ? message : record;
  } catch {
    return record;
  }
}

/**
 * SparkPost wraps each event as `{"msys": {"track_event": {…}}}` (or `message_event`,
 * `unsubscribe_event`): the event itself is the record, so that clicks and deliveries share columns.
 */
function unwrapSparkPost(record: JsonObject): JsonObject {
  const keys = Object.keys(record);
  if (keys.length !== 1 || keys[0] !== 'msys' || !isObject(record.msys)) return record;
  const inner = Object.entries(record.msys);
  return inner.length === 1 && inner[0][0].endsWith('_event') && isObject(inner[0][1]) ? inner[0][1] : record;
}

function flatten(record: JsonObject): Map<string, Cell> {
  const fields = new Map<string, Cell>();
  for (const [key, value] of Object.entries(record)) flattenInto(fields, value, key);
  return fields;
}

/**
 * Nested objects become dotted keys (`click.timestamp`); a list of plain values becomes one text
 * ("a, b"); a list holding objects stays JSON text, so nothing is lost.
 */
function flattenInto(fields: Map<string, Cell>, value: unknown, key: string): void {
  if (value === null || value === undefined) fields.set(key, null);
  else if (typeof value === 'string') fields.set(key, exactText(value));
  else if (typeof value === 'number' || typeof value === 'boolean') fields.set(key, value);
  else if (Array.isArray(value)) {
    fields.set(key, value.every(isScalar) ? value.map((item) => (item === null ? '' : exactText(String(item)))).join(', ') : stringifyKeepingNumbers(value));
  } else {
    for (const [inner, field] of Object.entries(value as JsonObject)) flattenInto(fields, field, `${key}.${inner}`);
  }
}

function looksLikeEvent(record: JsonObject): boolean {
  return Object.entries(record).some(([key, value]) => isScalar(value) && EVENT_KEYS.has(key.toLowerCase().replace(/[^a-z0-9]/g, '')));
}

function looksLikeRecord(object: JsonObject): boolean {
  return looksLikeEvent(object) || Object.values(object).some((value) => typeof value === 'string' && EMAIL.test(value));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectList(value: unknown): value is JsonObject[] {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}
