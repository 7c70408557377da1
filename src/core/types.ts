import type { TimeColumn } from './time';

/** A cell exactly as Sheets' getValues() or a custom function's range argument hands it over. */
export type Cell = string | number | boolean | Date | null | undefined;

/** A table of cells; the first row may or may not be a header. */
export type Table = readonly (readonly Cell[])[];

/**
 * One role's cells: ids into the column's distinct values (-1 for a missing cell), the cells
 * themselves, or (a time column) the cells already read as times.
 */
export type RoleColumn = { ids: Int32Array; names: readonly Cell[] } | { cells: readonly Cell[] } | { read: TimeColumn };

/**
 * A table already cut into its role columns, data rows only: what the command line's first pass
 * keeps of a file (detect then needs the file's column plan).
 */
export interface ColumnTable {
  size: number;
  /** 1 for a row with nothing in any of its cells. */
  blank: Uint8Array;
  columns: Partial<Record<Role, RoleColumn>>;
}

export type Verdict = 'bot' | 'human' | 'unknown';

/** The parts of a click export the detector can use. */
export const ROLES = [
  'recipient',
  'time',
  'link',
  'campaign',
  'userAgent',
  'ip',
  'sentAt',
  'messageId',
  'eventType',
  'channel',
  'count',
  'botFlag',
  'override',
] as const;
export type Role = (typeof ROLES)[number];

/** Where each role was found: a column index into the table's rows. */
export type ColumnMap = Partial<Record<Role, number>>;

export interface ColumnPlan {
  /** Whether the table's first row is a header row. */
  hasHeader: boolean;
  /** The header as seen, or generated names ("Column A") when the table has none. */
  header: string[];
  roles: ColumnMap;
  /** How each role was found, for notes and error messages: "header", "content" or "named by you". */
  how: Partial<Record<Role, 'header' | 'content' | 'named'>>;
}

export interface Counts {
  rawClicks: number;
  botClicks: number;
  humanClicks: number;
  unknownClicks: number;
  /** Distinct recipients with any click. */
  rawClickers: number;
  /** Distinct recipients with at least one human click: the real people. */
  humanClickers: number;
  /** Share of clicks removed as bots, 0..1. */
  removedShare: number;
}

export interface LinkSummary extends Counts {
  link: string;
}

export type SendTimeSource = 'column' | 'setting' | 'deliveries' | 'estimated' | 'none';

export interface CampaignSummary extends Counts {
  campaign: string;
  /** Epoch ms, or null when unknown. */
  sendTime: number | null;
  sendTimeSource: SendTimeSource;
  links: LinkSummary[];
}

export interface DomainSummary {
  domain: string;
  botClicks: number;
  humanClicks: number;
  /** Recipients at this domain with at least one bot click: copies a gateway scanned. */
  scannedCopies: number;
  recipients: number;
}

/** Judged clicks per minute since their campaign's send (minutes with clicks only, in order; negative before the send), for the charts. */
export interface TimelineBucket {
  minute: number;
  bot: number;
  human: number;
}

export interface Summary {
  totals: Counts;
  campaigns: CampaignSummary[];
  domains: DomainSummary[];
  timeline: TimelineBucket[];
}

export interface Detection {
  plan: ColumnPlan;
  /** One per data row (rows after the header): null for blank rows and rows that are not clicks. */
  verdicts: (Verdict | null)[];
  /** One per data row: why, in words a marketer understands; empty where the verdict is null. */
  reasons: string[];
  summary: Summary;
  /** Things the user should know about how the data was read ("times read day-first"). */
  notes: string[];
}
