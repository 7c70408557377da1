/** The rules as SQL, for the CLI's `sql` command and DuckDB engine; the add-on never imports this. */
export { FINAL_TABLE, sqlQuery, type SqlQuery, type SqlQueryOptions } from './query';
export { DIALECT_NAMES, DIALECTS, dialectNamed, ROW_COLUMN, type Dialect, type DialectName } from './dialect';
