import { resolveSettings } from '../core';
import { dialectNamed, sqlQuery } from '../core/sql';
import type { SqlOptions } from './program';

/** `botclick sql`: the detector as one query for the dialect, on stdout. */
export function printSql(options: SqlOptions, stdout: NodeJS.WritableStream): void {
  const dialect = dialectNamed(options.dialect);
  const settings = resolveSettings(options.settings);
  stdout.write(sqlQuery({ dialect, table: options.table, columns: settings.columns, settings }).sql);
}
