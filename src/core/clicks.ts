import { isBareAgent, machineAgent } from './agents';
import { FREEMAIL_DOMAINS } from './data/freemail';
import { Ids } from './ids';
import { networkOf } from './ip';
import { eventKind, isOtherChannel, isOtherChannelClick } from './events';
import { normaliseLink } from './links';
import type { Settings } from './settings';
import { roleCells } from './role-cells';
import { cellText } from './table';
import type { Cell, ColumnPlan, ColumnTable, Role, Table } from './types';

/** Headers that name a delivery time rather than a send time, in the languages we read. */
export const DELIVERY_HEADER = /deliver|zugestellt|zustell|livr|entreg|bezorg|afgeleverd/i;

/** What each data row is. */
export const ROW = { blank: 0, click: 1, delivery: 2, send: 3, other: 4 } as const;

export const OVERRIDE = { none: 0, bot: 1, human: 2 } as const;

/**
 * The columns with one value per row: grouping moves them all together (reorderRows), so every
 * per-row column belongs here and nowhere else in ClickTable.
 */
export interface RowColumns {
  kind: Uint8Array;
  recipient: Int32Array;
  campaign: Int32Array;
  link: Int32Array;
  /** Epoch ms; NaN when blank, unreadable, or the table has no time column. */
  time: Float64Array;
  /** A per-row send time (SES mail.timestamp, HubSpot sentBy.created, …), or delivery time. */
  sentAt: Float64Array | null;
  /**
   * The id of the message (one copy) the row is an event of, -1 blank; null without the column.
   * Deliveries date, and lend their campaign to, the clicks of their own message only.
   */
  message: Int32Array | null;
  /** User agents as ids (-1 blank); null without the column. */
  agent: Int32Array | null;
  /** IP addresses as ids (-1 blank); null without the column. */
  ip: Int32Array | null;
  botFlag: (string | null)[] | null;
  /** Clicks a row stands for (aggregate exports); null means one each. */
  count: Float64Array | null;
  override: Uint8Array;
}

/** Every row column, named once: the compiler holds this to RowColumns, so none is left unmoved. */
const ROW_COLUMNS = Object.keys({
  kind: 1, recipient: 1, campaign: 1, link: 1, time: 1, sentAt: 1, message: 1, agent: 1, ip: 1, botFlag: 1, count: 1, override: 1,
} satisfies Record<keyof RowColumns, 1>) as (keyof RowColumns)[];

/**
 * The table as normalised clicks, column by column (typed arrays keep 1M rows small and fast):
 * the row columns, and what the ids in them name. Strings are interned to ids; -1 stands for a
 * blank cell.
 */
export interface ClickTable extends RowColumns {
  size: number;
  recipientNames: string[];
  /** Per recipient id: its e-mail domain's id, -1 for contact ids without one. */
  recipientDomain: Int32Array;
  domainNames: string[];
  /** Per domain id: a mailbox provider of unrelated people (gmail.com), not a company. */
  freemail: Uint8Array;
  campaignNames: string[];
  linkNames: string[];
  /** The table has a link column: a row without a link there is a click on no known link. */
  hasLinks: boolean;
  /** The table has a click-time column: a row whose time is unreadable cannot be judged on timing. */
  hasTimes: boolean;
  /** The times are fine enough (minutes or better) for the timing rules; dates alone are not. */
  timing: boolean;
  resolutionMs: number;
  /** The text of each click time that could not be read, to quote it back to the user. */
  unreadableTimes: Map<number, string>;
  /** What the send-time column holds, by its header: a delivery time ("Delivered at") or a send time. */
  sentAtKind: 'delivery' | 'send';
  /** Per agent id: why it is a machine's, or '' for a browser. */
  machineAgentOf: string[];
  /** Per agent id: 1 for a bare product token such as `Mozilla/5.0`, which names no browser. */
  bareAgent: Uint8Array;
  ipNames: string[];
  /** Per IP id: the id of its network (/24 or /64), which gateways' nodes share. */
  networkOfIp: Int32Array;
  networkNames: string[];
  notes: string[];
}

export function readClicks(table: Table | ColumnTable, plan: ColumnPlan, settings: Settings): ClickTable {
  const source = roleCells(table, plan);
  const size = source.size;
  const column = (role: Role): Cell[] | null => source.cells(role);
  const notes: string[] = [];

  const kind = new Uint8Array(size);
  const eventCells = column('eventType');
  const channelCells = column('channel');
  // Rows of SMS, push or in-app messages are no e-mail events: their clicks are counted apart, and
  // their deliveries must not date an e-mail's clicks.
  let otherChannelClicks = 0;
  for (let i = 0; i < size; i++) {
    if (source.isBlank(i)) kind[i] = ROW.blank;
    else {
      const event = eventCells ? eventKind(eventCells[i]) : 'click';
      const otherChannel = channelCells !== null && isOtherChannel(channelCells[i]);
      kind[i] = otherChannel ? ROW.other : ROW[event];
      if ((otherChannel && event === 'click') || (eventCells && isOtherChannelClick(eventCells[i]))) otherChannelClicks++;
    }
  }
  if (otherChannelClicks > 0) {
    const one = otherChannelClicks === 1;
    notes.push(
      `${otherChannelClicks} ${one ? 'click in another channel' : 'clicks in other channels'} than e-mail (SMS, push, in-app) ${one ? 'was' : 'were'} left unjudged: scanners open e-mail, not texts or app notifications.`,
    );
  }

  const interned = (role: Role, normalise: (text: string) => string) => source.interned(role, normalise);
  const recipients = interned('recipient', (text) => text.toLowerCase());
  const campaigns = interned('campaign', (text) => text);
  // Every click belongs to a campaign: blank cells to one of their own, a table without the column to one for all.
  const blankCampaign = campaigns.names.length;
  campaigns.names.push(plan.roles.campaign === undefined ? 'All clicks' : '(no campaign)');
  for (let i = 0; i < size; i++) if (campaigns.ids[i] < 0) campaigns.ids[i] = blankCampaign;
  const messages = optional(plan.roles.messageId, interned('messageId', (text) => text));
  if (messages.ids) joinCampaigns(campaigns.ids, messages.ids, blankCampaign);
  const links = interned('link', normaliseLink);
  const agents = optional(plan.roles.userAgent, interned('userAgent', (text) => text));
  const ips = optional(plan.roles.ip, interned('ip', (text) => text));

  const times = source.times('time', settings.timeZone);
  if (times) notes.push(...times.notes);
  const sentAt = source.times('sentAt', settings.timeZone)?.times ?? null;

  return {
    size,
    kind,
    recipient: recipients.ids,
    recipientNames: recipients.names,
    ...domainsOf(recipients.names),
    campaign: campaigns.ids,
    campaignNames: campaigns.names,
    link: links.ids,
    linkNames: links.names,
    hasLinks: plan.roles.link !== undefined,
    time: times ? times.times : new Float64Array(size).fill(NaN),
    hasTimes: times !== null,
    timing: times !== null && times.resolutionMs <= 60000,
    resolutionMs: times ? times.resolutionMs : 1,
    unreadableTimes: new Map(times ? [...times.untimed].map(([row, cell]) => [row, cellText(cell)]) : []),
    sentAt,
    message: messages.ids,
    sentAtKind: sentAtKind(plan, sentAt, campaigns.ids),
    agent: agents.ids,
    machineAgentOf: agents.names.map(machineAgent),
    bareAgent: Uint8Array.from(agents.names, (name) => (isBareAgent(name) ? 1 : 0)),
    ip: ips.ids,
    ipNames: ips.names,
    ...networksOf(ips.names),
    botFlag: mapCached(column('botFlag'), readBotFlag),
    count: readCounts(column('count')),
    override: readOverrides(column('override'), size),
    notes,
  };
}

/**
 * Moves every row to its place in `inputRow` order (position i takes input row inputRow[i]), in
 * place: every row column moves, the table-wide fields stay. Each column is copied aside into one
 * scratch buffer, reused for all of them, and moved back by a loop of its own element type: a
 * fresh copy per column cost a million-row table more in the allocator than the moves themselves.
 */
export function reorderRows(clicks: ClickTable, inputRow: Int32Array): void {
  const scratch = new ArrayBuffer(inputRow.length * Float64Array.BYTES_PER_ELEMENT);
  for (const name of ROW_COLUMNS) {
    const values = clicks[name];
    if (values instanceof Float64Array) permuteFloat64(values, new Float64Array(scratch, 0, values.length), inputRow);
    else if (values instanceof Int32Array) permuteInt32(values, new Int32Array(scratch, 0, values.length), inputRow);
    else if (values instanceof Uint8Array) permuteUint8(values, new Uint8Array(scratch, 0, values.length), inputRow);
    else if (values) {
      const before = values.slice();
      for (let i = 0; i < inputRow.length; i++) values[i] = before[inputRow[i]];
    }
  }
  const positionOf = new Int32Array(inputRow.length);
  for (let i = 0; i < inputRow.length; i++) positionOf[inputRow[i]] = i;
  clicks.unreadableTimes = new Map([...clicks.unreadableTimes].map(([row, text]) => [positionOf[row], text]));
}

function permuteFloat64(values: Float64Array, before: Float64Array, order: Int32Array): void {
  before.set(values);
  for (let i = 0; i < order.length; i++) values[i] = before[order[i]];
}

function permuteInt32(values: Int32Array, before: Int32Array, order: Int32Array): void {
  before.set(values);
  for (let i = 0; i < order.length; i++) values[i] = before[order[i]];
}

function permuteUint8(values: Uint8Array, before: Uint8Array, order: Int32Array): void {
  before.set(values);
  for (let i = 0; i < order.length; i++) values[i] = before[order[i]];
}

/**
 * What the send-time column holds: by its header, or, found by its content, by its values: one
 * time for a whole campaign is its send, a time per copy a delivery.
 */
function sentAtKind(plan: ColumnPlan, sentAt: Float64Array | null, campaign: Int32Array): 'delivery' | 'send' {
  if (plan.roles.sentAt === undefined || !sentAt) return 'send';
  if (plan.how.sentAt !== 'content') return DELIVERY_HEADER.test(plan.header[plan.roles.sentAt] ?? '') ? 'delivery' : 'send';
  const first = new Map<number, number>();
  for (let i = 0; i < sentAt.length; i++) {
    if (Number.isNaN(sentAt[i])) continue;
    const known = first.get(campaign[i]);
    if (known === undefined) first.set(campaign[i], sentAt[i]);
    else if (known !== sentAt[i]) return 'delivery';
  }
  return 'send';
}

/**
 * A click that lacks the campaign its message's other events carry (Mailgun puts the subject on
 * deliveries, not on clicks) takes it from them.
 */
function joinCampaigns(campaign: Int32Array, message: Int32Array, blank: number): void {
  const campaignOf = new Map<number, number>();
  for (let i = 0; i < campaign.length; i++) if (message[i] >= 0 && campaign[i] !== blank) campaignOf.set(message[i], campaign[i]);
  if (campaignOf.size === 0) return;
  for (let i = 0; i < campaign.length; i++) if (campaign[i] === blank && message[i] >= 0) campaign[i] = campaignOf.get(message[i]) ?? blank;
}

/**
 * When a delivery or send event happened: its time, or else its own delivery time (SES puts a
 * Delivery record's time in `delivery.timestamp`, where a click has `click.timestamp`).
 */
export function eventTime(clicks: ClickTable, row: number): number {
  const t = clicks.time[row];
  return Number.isFinite(t) || !clicks.sentAt || clicks.kind[row] === ROW.click ? t : clicks.sentAt[row];
}

/**
 * Whether two clicks came from different clients: another browser and another network. A scanner
 * keeps its agent through a visit, and mostly its network; a person who clicks during a gateway's
 * fetch of the same copy does so from their own browser and office or phone.
 */
export function anotherClient(clicks: ClickTable, row: number, other: number): boolean {
  const { agent, ip, networkOfIp } = clicks;
  if (!agent || !ip || agent[row] < 0 || agent[other] < 0 || ip[row] < 0 || ip[other] < 0) return false;
  return agent[row] !== agent[other] && networkOfIp[ip[row]] !== networkOfIp[ip[other]];
}

function domainsOf(recipients: string[]) {
  const domains = new Ids<string>();
  const recipientDomain = Int32Array.from(recipients, (recipient) => {
    const at = recipient.lastIndexOf('@');
    return at < 0 ? -1 : domains.idOf(recipient.slice(at + 1));
  });
  const freemail = Uint8Array.from(domains.keys, (domain) => (FREEMAIL_DOMAINS.has(domain) ? 1 : 0));
  return { recipientDomain, domainNames: domains.keys, freemail };
}

function networksOf(ips: string[]) {
  const networks = new Ids<string>();
  const networkOfIp = Int32Array.from(ips, (ip) => networks.idOf(networkOf(ip)));
  return { networkOfIp, networkNames: networks.keys };
}

function optional(index: number | undefined, interned: { ids: Int32Array; names: string[] }) {
  return { ids: index === undefined ? null : interned.ids, names: interned.names };
}

/** Maps each cell's text through fn, computing fn once per distinct text (user agents repeat a lot). */
function mapCached<T>(cells: Cell[] | null, fn: (text: string) => T): T[] | null {
  if (!cells) return null;
  const cache = new Map<string, T>();
  return cells.map((cell) => {
    const text = cellText(cell);
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      cache.set(text, value);
    }
    return value;
  });
}

/** A provider's bot flag: true, "yes", "1", or a bot kind such as Mailgun's "generic". */
function readBotFlag(text: string): string | null {
  const value = text.toLowerCase();
  if (['', 'false', 'no', '0', 'none', 'null', 'n', 'f'].includes(value)) return null;
  return ['true', 'yes', '1', 'y', 't'].includes(value) ? 'yes' : value;
}

function readCounts(cells: Cell[] | null): Float64Array | null {
  if (!cells) return null;
  return Float64Array.from(cells, (cell) => {
    const n = typeof cell === 'number' ? cell : Number(cellText(cell));
    return Number.isFinite(n) && n >= 1 ? Math.round(n) : 1;
  });
}

function readOverrides(cells: Cell[] | null, size: number): Uint8Array {
  const overrides = new Uint8Array(size);
  if (!cells) return overrides;
  for (let i = 0; i < size; i++) {
    const text = cellText(cells[i]).toLowerCase();
    if (text === 'bot') overrides[i] = OVERRIDE.bot;
    else if (text === 'human') overrides[i] = OVERRIDE.human;
  }
  return overrides;
}
