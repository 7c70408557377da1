import { BotclickError } from '../errors';

/**
 * What differs between the SQL engines the rules run on. Everything else in the query is the SQL
 * the three share: CTEs, window functions (ROWS frames only), CASE, COALESCE, string_agg, ||.
 *
 * | what                      | DuckDB                 | Postgres                  | BigQuery                       |
 * |---------------------------|------------------------|---------------------------|--------------------------------|
 * | quoted identifier         | "name"                 | "name"                    | `name`                         |
 * | string literal            | 'it''s'                | 'it''s'                   | 'it\'s' (backslash escapes)    |
 * | epoch ms of a TIMESTAMP   | epoch_ms(t)            | extract(epoch from t)*1000| UNIX_MILLIS(t)                 |
 * | regex test                | regexp_matches(s, p)   | s ~ p (\y for \b)         | REGEXP_CONTAINS(s, p)          |
 * | regex replace, every match| regexp_replace(…,'g')  | regexp_replace(…, 'g')    | REGEXP_REPLACE(…)              |
 * | boolean aggregates        | bool_and / bool_or     | bool_and / bool_or        | LOGICAL_AND / LOGICAL_OR       |
 * | order by character codes  | (the default)          | t COLLATE "C"             | (the default)                  |
 * | n-th part of a split      | split_part(s, d, n)    | split_part(s, d, n)       | SPLIT(s, d)[SAFE_OFFSET(n-1)]  |
 * | a link's query keys sorted| list_sort(…)           | string_agg(… ORDER BY …)  | ARRAY(SELECT … ORDER BY …)     |
 * | types                     | DOUBLE, VARCHAR        | DOUBLE PRECISION, TEXT    | FLOAT64, STRING                |
 * | CTE computed once         | AS MATERIALIZED        | AS MATERIALIZED           | (not available: see rowId)     |
 * | the input's every column  | * EXCLUDE (…)          | (whole row).*             | * EXCEPT (…)                   |
 */
export interface Dialect {
  name: DialectName;
  ident(name: string): string;
  text(value: string): string;
  /** A number as a double, so that arithmetic on settings is JavaScript's (0.7 * 10 is not 7 there). */
  num(value: number): string;
  textType: string;
  floatType: string;
  epochMs(timestamp: string): string;
  /** Whether `text` matches `pattern` (RE2 syntax, as DuckDB and BigQuery take it). */
  matches(text: string, pattern: string, caseInsensitive?: boolean): string;
  replaceAll(text: string, pattern: string, replacement: string): string;
  boolAnd(condition: string): string;
  boolOr(condition: string): string;
  /** A text ordered by its characters' codes, as JavaScript compares strings (Postgres sorts by its locale otherwise). */
  byCode(text: string): string;
  splitPart(text: string, delimiter: string, index: number): string;
  /** A link's family (see core/links linkFamily): the address before `?`, then its query keys sorted. */
  linkFamily(link: string): string;
  materialized: string;
  /** The input with a row number and whatever the final select needs to give every column back. */
  input(table: string): string;
  /** Every column of the input row `alias`, as the user's table has them. */
  inputColumns(alias: string): string;
}

export const DIALECT_NAMES = ['duckdb', 'postgres', 'bigquery'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** The row number botclick adds to the input and the whole input row (Postgres); no user column is likely to be called this. */
export const ROW_COLUMN = '_botclick_row';
const WHOLE_COLUMN = '_botclick_whole';

const doubleQuoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const standardText = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Doubles print in full (17 digits at most); a literal never carries a user's text. */
function number(value: number, type: string): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return `CAST(${String(value)} AS ${type})`;
}

const duckdb: Dialect = {
  name: 'duckdb',
  ident: doubleQuoted,
  text: standardText,
  num: (value) => number(value, 'DOUBLE'),
  textType: 'VARCHAR',
  floatType: 'DOUBLE',
  epochMs: (t) => `CAST(epoch_ms(${t}) AS DOUBLE)`,
  matches: (text, pattern, ci = false) => `regexp_matches(${text}, ${standardText(pattern)}${ci ? ", 'i'" : ''})`,
  replaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${standardText(pattern)}, ${standardText(replacement)}, 'g')`,
  boolAnd: (c) => `bool_and(${c})`,
  boolOr: (c) => `bool_or(${c})`,
  byCode: (text) => text,
  splitPart: (text, delimiter, index) => `split_part(${text}, ${standardText(delimiter)}, ${index})`,
  linkFamily: (link) =>
    `CASE WHEN strpos(${link}, '?') = 0 THEN ${link} ELSE split_part(${link}, '?', 1) || '?' || ` +
    `array_to_string(list_sort(list_transform(string_split(substr(${link}, strpos(${link}, '?') + 1), '&'), p -> split_part(p, '=', 1))), '&') END`,
  materialized: 'MATERIALIZED ',
  input: (table) => `SELECT t.*, row_number() OVER () AS ${ROW_COLUMN} FROM ${table} AS t`,
  inputColumns: (alias) => `${alias}.* EXCLUDE (${ROW_COLUMN})`,
};

const postgres: Dialect = {
  name: 'postgres',
  ident: doubleQuoted,
  text: standardText,
  num: (value) => number(value, 'DOUBLE PRECISION'),
  textType: 'TEXT',
  floatType: 'DOUBLE PRECISION',
  epochMs: (t) => `CAST(extract(epoch FROM ${t}) * 1000 AS DOUBLE PRECISION)`,
  matches: (text, pattern, ci = false) => `(${text} ${ci ? '~*' : '~'} ${standardText(postgresPattern(pattern))})`,
  replaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${standardText(pattern)}, ${standardText(replacement)}, 'g')`,
  boolAnd: (c) => `bool_and(${c})`,
  boolOr: (c) => `bool_or(${c})`,
  byCode: (text) => `${text} COLLATE "C"`,
  splitPart: (text, delimiter, index) => `split_part(${text}, ${standardText(delimiter)}, ${index})`,
  linkFamily: (link) =>
    `CASE WHEN strpos(${link}, '?') = 0 THEN ${link} ELSE split_part(${link}, '?', 1) || '?' || ` +
    `COALESCE((SELECT string_agg(split_part(p, '=', 1), '&' ORDER BY split_part(p, '=', 1) COLLATE "C") FROM unnest(string_to_array(substr(${link}, strpos(${link}, '?') + 1), '&')) AS p), '') END`,
  materialized: 'MATERIALIZED ',
  input: (table) => `SELECT t AS ${WHOLE_COLUMN}, t.*, row_number() OVER () AS ${ROW_COLUMN} FROM ${table} AS t`,
  inputColumns: (alias) => `(${alias}.${WHOLE_COLUMN}).*`,
};

/**
 * An RE2 pattern in Postgres' own syntax: a word boundary is \y there (\b is a backspace), and
 * inside brackets \w \d \s are POSIX classes and other escapes plain characters (a dash last).
 */
function postgresPattern(pattern: string): string {
  const CLASSES: Record<string, string> = { w: '[:alnum:]_', d: '[:digit:]', s: '[:space:]' };
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      out += pattern[i + 1] === 'b' ? '\\y' : `\\${pattern[i + 1]}`;
      i++;
    } else if (char === '[') {
      const end = bracketEnd(pattern, i);
      let inside = '';
      let dash = false;
      let afterClass = false;
      for (let j = i + 1; j < end; j++) {
        const escaped = pattern[j] === '\\';
        const c = escaped ? pattern[++j] : pattern[j];
        // A dash next to a class (\w-.) is a dash in JavaScript, a bad range in Postgres.
        if (c === '-' && (escaped || afterClass || pattern[j + 1] === '\\')) dash = true;
        else inside += escaped ? (CLASSES[c] ?? c) : c;
        afterClass = escaped && c in CLASSES;
      }
      out += `[${inside}${dash ? '-' : ''}]`;
      i = end;
    } else out += char;
  }
  return out;
}

/** Where the bracket expression starting at `from` closes (an escaped ] does not close it). */
function bracketEnd(pattern: string, from: number): number {
  let j = from + 1;
  if (pattern[j] === '^') j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern[j] === ']') return j;
  }
  throw new Error(`unclosed [ in ${pattern}`);
}

/** BigQuery's literals and quoted identifiers take backslash escapes. */
const bigQueryEscape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

const bigquery: Dialect = {
  name: 'bigquery',
  ident: (name) => `\`${bigQueryEscape(name).replace(/`/g, '\\`')}\``,
  text: (value) => `'${bigQueryEscape(value).replace(/'/g, "\\'")}'`,
  num: (value) => number(value, 'FLOAT64'),
  textType: 'STRING',
  floatType: 'FLOAT64',
  epochMs: (t) => `CAST(UNIX_MILLIS(${t}) AS FLOAT64)`,
  matches: (text, pattern, ci = false) => `REGEXP_CONTAINS(${text}, ${bigquery.text(`${ci ? '(?i)' : ''}${pattern}`)})`,
  replaceAll: (text, pattern, replacement) => `REGEXP_REPLACE(${text}, ${bigquery.text(pattern)}, ${bigquery.text(replacement)})`,
  boolAnd: (c) => `LOGICAL_AND(${c})`,
  boolOr: (c) => `LOGICAL_OR(${c})`,
  byCode: (text) => text,
  splitPart: (text, delimiter, index) => `SPLIT(${text}, ${bigquery.text(delimiter)})[SAFE_OFFSET(${index - 1})]`,
  linkFamily: (link) =>
    `CASE WHEN STRPOS(${link}, '?') = 0 THEN ${link} ELSE SPLIT(${link}, '?')[OFFSET(0)] || '?' || ` +
    `ARRAY_TO_STRING(ARRAY(SELECT SPLIT(p, '=')[OFFSET(0)] FROM UNNEST(SPLIT(SUBSTR(${link}, STRPOS(${link}, '?') + 1), '&')) AS p ORDER BY 1), '&') END`,
  // BigQuery may evaluate a CTE once per reference: the row number must come out the same each
  // time, so it orders by the row's content (identical rows are interchangeable).
  materialized: '',
  input: (table) => `SELECT t.*, ROW_NUMBER() OVER (ORDER BY TO_JSON_STRING(t)) AS ${ROW_COLUMN} FROM ${table} AS t`,
  inputColumns: (alias) => `${alias}.* EXCEPT (${ROW_COLUMN})`,
};

export const DIALECTS: Record<DialectName, Dialect> = { duckdb, postgres, bigquery };

export function dialectNamed(name: string): Dialect {
  const found = DIALECTS[name.trim().toLowerCase() as DialectName];
  if (!found) throw new BotclickError(`--dialect must be one of ${DIALECT_NAMES.join(', ')}, not "${name}".`);
  return found;
}

/** A part of a table name: letters, digits, _ $ - and inner spaces (BigQuery projects have dashes). */
const NAME_PART = /^[\p{L}\p{N}_$-]([\p{L}\p{N}_$ -]*[\p{L}\p{N}_$-])?$/u;

/** `project.dataset.table` with each part quoted; odd characters are refused rather than quoted. */
export function tableName(dialect: Dialect, name: string): string {
  const parts = name.trim().split('.');
  const odd = parts.find((part) => !NAME_PART.test(part));
  if (name.trim() === '' || odd !== undefined) {
    throw new BotclickError(
      `--table "${printable(name)}" is not a table name: use letters, digits, _ $ - and dots between parts, such as analytics.email_clicks.`,
    );
  }
  return parts.map((part) => dialect.ident(part)).join('.');
}

/** Text quoted back to the user without control characters. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 80);
}
