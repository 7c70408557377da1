import type { Cell, Table } from '../src/core';
import type { Mailing } from './generator';
import { urlFor } from './mailing';
import type { Click, Copy, Label } from './model';
import { Random } from './random';

/** How the mailing is exported: which columns, which time format and resolution, which row order. */
export interface ExportOptions {
  /** A user-agent column (default true). */
  userAgent?: boolean;
  /** An IP-address column (default true). */
  ip?: boolean;
  /**
   * Where delivery shows up: a per-row "Delivered at" column, the campaign's "Sent at" on every row,
   * separate `delivered` events in an event log (with an Event column), or nowhere (default 'column').
   */
  delivery?: 'column' | 'sent' | 'events' | 'none';
  /** Times cut to milliseconds, whole seconds or whole minutes (default 's'). */
  resolution?: 'ms' | 's' | 'min';
  /** ISO 8601 text, Date objects (as Sheets hands them over), epoch seconds, or "2026-03-10 14:01:07" (default 'iso'). */
  timeFormat?: 'iso' | 'date' | 'epoch' | 'text';
  /** A header row (default true). */
  header?: boolean;
  /** Row order (default 'time'). */
  order?: 'time' | 'newest-first' | 'shuffled';
  /** Unsubscribe, preference and view-online links carry each recipient's token (default false). */
  personalLinks?: boolean;
}

export interface CampaignTruth {
  name: string;
  sendTime: number;
  links: number;
  copies: number;
  botClicks: number;
  humanClicks: number;
  /** Distinct recipients with any click. */
  rawClickers: number;
  /** Distinct recipients with at least one human click: what the marketer wants to know. */
  humanClickers: number;
}

export interface Scenario {
  mailing: Mailing;
  options: Required<ExportOptions>;
  table: Table;
  /** One per data row (after the header): the labelled click, or null for a row that is not a click. */
  rows: (Click | null)[];
  labels: (Label | null)[];
  campaigns: CampaignTruth[];
}

const DEFAULTS: Required<ExportOptions> = {
  userAgent: true,
  ip: true,
  delivery: 'column',
  resolution: 's',
  timeFormat: 'iso',
  header: true,
  order: 'time',
  personalLinks: false,
};

const STEP = { ms: 1, s: 1000, min: 60_000 } as const;

function timeCell(ms: number, options: Required<ExportOptions>): Cell {
  const t = Math.floor(ms / STEP[options.resolution]) * STEP[options.resolution];
  const iso = new Date(t).toISOString();
  const text = options.resolution === 'ms' ? iso : iso.replace('.000', '');
  switch (options.timeFormat) {
    case 'date':
      return new Date(t);
    case 'epoch':
      return t / 1000;
    case 'text':
      return text.replace('T', ' ').replace('Z', '');
    case 'iso':
      return text;
  }
}

interface Entry {
  time: number;
  copy: Copy;
  click: Click | null;
}

function columns(options: Required<ExportOptions>): string[] {
  const events = options.delivery === 'events';
  return [
    ...(events ? ['Event'] : []),
    'Campaign',
    'Email',
    'URL',
    events ? 'Timestamp' : 'Clicked at',
    ...(options.delivery === 'column' ? ['Delivered at'] : options.delivery === 'sent' ? ['Sent at'] : []),
    ...(options.userAgent ? ['User agent'] : []),
    ...(options.ip ? [events ? 'IP' : 'IP address'] : []),
  ];
}

function row({ time, copy, click }: Entry, options: Required<ExportOptions>): Cell[] {
  const cells: Cell[] = [];
  if (options.delivery === 'events') cells.push(click ? 'click' : 'delivered');
  cells.push(copy.campaign.name, copy.person.email, click ? urlFor(copy.campaign.links[click.link], copy.person, options.personalLinks) : '');
  cells.push(timeCell(time, options));
  if (options.delivery === 'column') cells.push(timeCell(copy.deliveredAt, options));
  if (options.delivery === 'sent') cells.push(timeCell(copy.campaign.sendTime, options));
  if (options.userAgent) cells.push(click ? click.agent : '');
  if (options.ip) cells.push(click ? click.ip : '');
  return cells;
}

function ordered(entries: Entry[], options: Required<ExportOptions>, seed: number): Entry[] {
  const byTime = entries.sort((a, b) => a.time - b.time);
  if (options.order === 'newest-first') return byTime.reverse();
  if (options.order === 'shuffled') return new Random(seed).shuffle(byTime);
  return byTime;
}

export function campaignTruth(mailing: Mailing): CampaignTruth[] {
  return mailing.campaigns.map((campaign, index) => {
    const clicks = mailing.clicks.filter((click) => click.copy.campaignIndex === index);
    const clickers = (label?: Label): number =>
      new Set(clicks.filter((click) => !label || click.label === label).map((click) => click.copy.person.email)).size;
    return {
      name: campaign.name,
      sendTime: campaign.sendTime,
      links: campaign.links.length,
      copies: mailing.copies.filter((copy) => copy.campaignIndex === index).length,
      botClicks: clicks.filter((click) => click.label === 'bot').length,
      humanClicks: clicks.filter((click) => click.label === 'human').length,
      rawClickers: clickers(),
      humanClickers: clickers('human'),
    };
  });
}

export function renderExport(mailing: Mailing, given: ExportOptions & { seed?: number }): Scenario {
  const options: Required<ExportOptions> = { ...DEFAULTS, ...definedOnly(given) };
  const clicks: Entry[] = mailing.clicks.map((click) => ({ time: click.time, copy: click.copy, click }));
  const deliveries: Entry[] = options.delivery === 'events' ? mailing.copies.map((copy) => ({ time: copy.deliveredAt, copy, click: null })) : [];
  const entries = clicks.concat(deliveries);
  const rows = ordered(entries, options, given.seed ?? 0);
  const body = rows.map((entry) => row(entry, options));
  return {
    mailing,
    options,
    table: options.header ? [columns(options), ...body] : body,
    rows: rows.map((entry) => entry.click),
    labels: rows.map((entry) => entry.click?.label ?? null),
    campaigns: campaignTruth(mailing),
  };
}

function definedOnly(options: ExportOptions): ExportOptions {
  const keys = Object.keys(DEFAULTS) as (keyof ExportOptions)[];
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
}

/** One CSV line (RFC 4180 quoting); Dates are written as ISO 8601. */
export function csvLine(cells: readonly Cell[]): string {
  return cells
    .map((cell) => {
      const text = cell instanceof Date ? cell.toISOString() : cell === null || cell === undefined ? '' : String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
