import { formatCount, formatTime, plural, shortLink, shorten, type CampaignSummary, type Counts, type SendTimeSource, type Summary } from '../core';
import { escapeControls } from './terminal-text';

/** Rows shown per list before "… and N more"; --json gives them all. */
const LIST_LIMIT = 15;
/** Text cells longer than this are cut. */
const CELL_LIMIT = 60;

const SEND_TIME_SOURCES: Record<SendTimeSource, string> = {
  column: 'from the data',
  setting: 'as you gave it',
  deliveries: 'from deliveries',
  estimated: 'estimated',
  none: 'unknown',
};

interface Column {
  title: string;
  right?: boolean;
}

const COUNT_COLUMNS: Column[] = [
  { title: 'Clicks', right: true },
  { title: 'Bot', right: true },
  { title: 'Human', right: true },
  { title: 'Unknown', right: true },
  { title: 'Removed', right: true },
  { title: 'Clickers', right: true },
  { title: 'Real people', right: true },
];

/** The summary as plain-text tables for a terminal: campaigns, links, scanning domains, notes. */
export function formatSummary(summary: Summary, notes: readonly string[], timeZone: string): string {
  const { totals } = summary;
  const lines = [
    `${plural(totals.rawClicks, 'click')}: ${formatCount(totals.botClicks)} bot, ${formatCount(totals.humanClicks)} human, ${formatCount(totals.unknownClicks)} unknown (${percent(totals.removedShare)} removed).`,
    totals.humanClicks === 0 && totals.unknownClicks > 0
      ? `No click could be judged a real person's: ${plural(totals.unknownClicks, 'click is', 'clicks are')} unknown (see Notes).`
      : `${formatCount(totals.humanClickers)} of ${plural(totals.rawClickers, 'clicker')} ${totals.humanClickers === 1 ? 'is a real person' : 'are real people'}.`,
    '',
    'Campaigns',
    ...table(
      [{ title: 'Campaign' }, ...COUNT_COLUMNS, { title: 'Sent' }],
      [
        ...limited(summary.campaigns).map((campaign) => [campaign.campaign, ...countCells(campaign), sendTime(campaign, timeZone)]),
        ...(summary.campaigns.length > 1 ? [['All campaigns', ...countCells(totals), '']] : []),
      ],
    ),
    // A year of campaigns (or 40,000 of them) would print pages no one reads.
    ...more(summary.campaigns.length, 'campaigns'),
  ];
  for (const campaign of limited(summary.campaigns)) {
    const links = [...campaign.links].sort((a, b) => b.rawClicks - a.rawClicks);
    lines.push('', `Links in ${escapeControls(campaign.campaign)}`);
    lines.push(...table([{ title: 'Link' }, ...COUNT_COLUMNS], limited(links).map((link) => [shortLink(link.link, CELL_LIMIT), ...countCells(link)])));
    lines.push(...more(links.length, 'links'));
  }
  const scanning = summary.domains.filter((domain) => domain.botClicks > 0).sort((a, b) => b.botClicks - a.botClicks);
  lines.push('', 'Recipient domains with bot clicks');
  if (scanning.length === 0) lines.push('  none');
  else {
    lines.push(
      ...table(
        [{ title: 'Domain' }, { title: 'Bot clicks', right: true }, { title: 'Human clicks', right: true }, { title: 'Scanned copies', right: true }, { title: 'Recipients', right: true }],
        limited(scanning).map((domain) => [domain.domain, formatCount(domain.botClicks), formatCount(domain.humanClicks), formatCount(domain.scannedCopies), formatCount(domain.recipients)]),
      ),
      ...more(scanning.length, 'domains'),
    );
  }
  if (notes.length > 0) lines.push('', 'Notes', ...notes.map((note) => `  - ${escapeControls(note)}`));
  return `${lines.join('\n')}\n`;
}

function countCells(counts: Counts): string[] {
  return [
    formatCount(counts.rawClicks),
    formatCount(counts.botClicks),
    formatCount(counts.humanClicks),
    formatCount(counts.unknownClicks),
    percent(counts.removedShare),
    formatCount(counts.rawClickers),
    formatCount(counts.humanClickers),
  ];
}

function sendTime(campaign: CampaignSummary, timeZone: string): string {
  if (campaign.sendTime === null) return SEND_TIME_SOURCES.none;
  return `${formatTime(campaign.sendTime, timeZone)} ${timeZone || 'UTC'} (${SEND_TIME_SOURCES[campaign.sendTimeSource]})`;
}

function table(columns: Column[], rows: string[][]): string[] {
  const cells = [columns.map((column) => column.title), ...rows.map((row) => row.map(fitCell))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map(
    (row) => `  ${row.map((cell, i) => (columns[i].right ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()}`,
  );
}

function limited<T>(items: T[]): T[] {
  return items.slice(0, LIST_LIMIT);
}

function more(total: number, what: string): string[] {
  return total > LIST_LIMIT ? [`  … and ${formatCount(total - LIST_LIMIT)} more ${what} (--json lists them all)`] : [];
}

/** A table cell on one line, its control characters escaped, cut to the column limit. */
function fitCell(text: string): string {
  return shorten(escapeControls(text.replace(/\s+/g, ' ')), CELL_LIMIT);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
