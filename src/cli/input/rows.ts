/** What every input source hands over: rows, and the source that reads them. A leaf, so that the sources and their opener do not import each other. */
import type { Cell } from '../../core';
import type { CsvRecord } from './csv-scanner';
import type { FileFormat } from './sniff';

/** One row of the input as the detector sees it, plus what the writer needs to copy it unchanged. */
export interface InputRow {
  cells: readonly Cell[];
  /** CSV: the offset just after the record (and its line break) in the file's UTF-8 content. */
  end?: number;
  /** CSV: how many bytes of line break end the record (0 for the last record without one). */
  lineBreak?: number;
  /** JSON: the event object this row came from (a record, or one activity nested in it). */
  event?: Record<string, unknown>;
  /** JSON: the record to write back, set on the last row made from it. */
  record?: Record<string, unknown>;
}

/**
 * Where the content may be cut in two for reading the halves side by side: `at` is the offset just
 * after a line break, which starts a record unless it falls inside a quoted field. Once the records
 * before it are read, and they end there, `takeRest` is asked whether the rest has been read
 * otherwise (true) or must still be read here (false).
 */
export interface Split {
  at: number;
  takeRest(): Promise<boolean>;
}

/** A file that can be read as rows any number of times, so that it never has to sit in memory. */
export interface Source {
  path: string;
  format: FileFormat;
  /** Size and modification time when opened: the passes must all read the same file. */
  stamp: string;
  /** Every row in file order. A JSON source starts with the header row it built from the keys. */
  rows(): AsyncIterable<InputRow>;
  /**
   * CSV: every record as byte ranges, for a reader that makes strings only of the cells it keeps;
   * with a split, the rest after it may be read otherwise (see Split).
   */
  records?(onRecord: (record: CsvRecord) => void, split?: Split): Promise<void>;
  /** What the user should know about how the records were found (JSON). */
  notes: string[];
}
