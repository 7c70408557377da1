import { columnLetter, formatCount, peopleAnswer, plainText, plural, ROLE_WORDS, shortLink, SETTING_SPECS, type Counts, type Detection, type Role, type SendTimeSource, type Settings, type Summary } from '../core';
import { SUMMARY_SHEET_NAME } from './clickData';
import { withJudgedData } from './flag';
import { showProgress, showResult } from './ui';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Row = (string | number | Date)[];

/** The count columns in the command line's words and order. */
const COUNT_HEADER = ['Clicks', 'Bot', 'Human', 'Unknown', 'Removed', 'Clickers', 'Real people'];
const WIDTH = 1 + COUNT_HEADER.length + 2;
/** The charts stand on the first screen, under the answer: rows 5 to 20 are kept free for them. */
const CHART_ROW = 5;
const CHART_ROWS = 16;
const CHART_HEIGHT = 320;
/** Column A holds names (campaigns, links, domains); the rest hold numbers. */
const NAME_WIDTH = 300;
const NUMBER_WIDTH = 90;
const SENT_WIDTH = 130;
const SOURCE_WIDTH = 190;
/** The links chart shows the most-clicked links; the timeline at most this many bars' worth of buckets. */
const CHART_LINKS = 12;
/** A chart label longer than this squeezes the bars. */
const CHART_LABEL = 40;
const TIMELINE_BUCKETS = 60;
const BUCKET_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
const COLOURS = { bot: '#cc4125', human: '#3c78d8' };
const SEND_TIME_SOURCES: Record<SendTimeSource, string> = {
  column: 'the data',
  setting: 'your settings',
  deliveries: 'delivery events',
  estimated: 'estimated from the first clicks',
  none: '',
};
const HOW_FOUND = { header: 'found by its header', content: 'found by its contents', named: 'named by you' } as const;

/** Menu: Build clean summary. Judges the data like Flag bot clicks and writes the "Clean summary" sheet. */
export function buildCleanSummary(): void {
  withJudgedData('Build clean summary', (spreadsheet, data, detection, settings) => {
    showProgress(spreadsheet, 'Writing the clean summary…');
    const sheet = freshSummarySheet(spreadsheet);
    writeSummary(sheet, `Clean summary of "${data.sheet.getName()}", rows ${formatCount(data.firstRow)} to ${formatCount(data.lastRow)}`, detection, settings);
    spreadsheet.setActiveSheet(sheet);
    const { totals } = detection.summary;
    showResult(spreadsheet, `Clean summary built: ${plural(totals.humanClickers, 'real person', 'real people')} clicked, ${formatCount(totals.humanClicks)} human clicks.`);
  });
}

/** The summary sheet, emptied for a new summary: replaced in place so other sheets' references to it hold. */
function freshSummarySheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet {
  const existing = spreadsheet.getSheetByName(SUMMARY_SHEET_NAME);
  if (!existing) return spreadsheet.insertSheet(SUMMARY_SHEET_NAME);
  existing.clear();
  for (const chart of existing.getCharts()) existing.removeChart(chart);
  return existing;
}

/** A grid of rows under construction, remembering where each kind of cell went so it can be formatted. */
class Grid {
  readonly rows: Row[] = [];
  readonly textRanges: string[] = [];
  readonly boldRanges: string[] = [];
  readonly countRanges: string[] = [];
  readonly percentRanges: string[] = [];
  readonly dateRanges: string[] = [];

  get next(): number {
    return this.rows.length + 1;
  }

  add(...cells: Row): number {
    this.rows.push([...cells, ...Array<string>(WIDTH - cells.length).fill('')]);
    return this.rows.length;
  }

  title(text: string): void {
    this.add();
    this.boldRanges.push(`A${this.add(text)}`);
  }

  header(cells: string[]): void {
    const row = this.add(...cells);
    this.boldRanges.push(`A${row}:${columnLetter(cells.length - 1)}${row}`);
  }

  /** Rows first..last of a table whose column A is a name and B to H the counts of COUNT_HEADER. */
  counted(first: number, last: number): void {
    if (last < first) return;
    this.textRanges.push(`A${first}:A${last}`);
    this.countRanges.push(`B${first}:E${last}`, `G${first}:H${last}`);
    this.percentRanges.push(`F${first}:F${last}`);
  }
}

/**
 * Writes the whole summary with one setValues, formats applied before it so user text stays text.
 * The first screen answers the question: real people in large type, then the two charts; the
 * tables (campaigns, scanning domains, links, rules) follow below.
 */
export function writeSummary(sheet: Sheet, title: string, detection: Detection, settings: Settings): void {
  const { summary } = detection;
  const grid = new Grid();
  grid.add(peopleAnswer(summary.totals));
  grid.add(scannerShare(summary.totals));
  grid.add(plainText(title));
  grid.textRanges.push('A1:A3');
  for (let row = grid.next; row < CHART_ROW + CHART_ROWS; row++) grid.add();

  addCampaignTable(grid, summary);
  addDomainTable(grid, summary);
  addLinkTables(grid, summary);
  const linkChart = addLinkChartData(grid, summary);
  const timeline = addTimeline(grid, summary);
  addSettingsTable(grid, detection, settings);

  const maxRows = sheet.getMaxRows();
  if (grid.rows.length > maxRows) sheet.insertRowsAfter(maxRows, grid.rows.length - maxRows);
  sheet.getRangeList(grid.textRanges).setNumberFormat('@');
  sheet.getRangeList(grid.countRanges).setNumberFormat('#,##0');
  sheet.getRangeList(grid.percentRanges).setNumberFormat('0.0%');
  if (grid.dateRanges.length) sheet.getRangeList(grid.dateRanges).setNumberFormat('yyyy-mm-dd hh:mm');
  sheet.getRange(1, 1, grid.rows.length, WIDTH).setValues(grid.rows);
  sheet.getRangeList(['A1', ...grid.boldRanges]).setFontWeight('bold');
  sheet.getRange('A1').setFontSize(20);
  sheet.getRange('A2').setFontSize(13);
  sheet.setColumnWidth(1, NAME_WIDTH);
  sheet.setColumnWidths(2, COUNT_HEADER.length, NUMBER_WIDTH);
  sheet.setColumnWidth(WIDTH - 1, SENT_WIDTH);
  sheet.setColumnWidth(WIDTH, SOURCE_WIDTH);
  insertCharts(sheet, linkChart, timeline);
}

/** "3,045 of 3,350 clicks were scanners." */
function scannerShare(totals: Counts): string {
  return `${formatCount(totals.botClicks)} of ${plural(totals.rawClicks, 'click')} ${totals.botClicks === 1 ? 'was a scanner' : 'were scanners'}.`;
}

function counts(c: Counts): (number | string)[] {
  return [c.rawClicks, c.botClicks, c.humanClicks, c.unknownClicks, c.removedShare, c.rawClickers, c.humanClickers];
}

function addCampaignTable(grid: Grid, summary: Summary): void {
  grid.title('Campaigns');
  grid.header(['Campaign', ...COUNT_HEADER, 'Sent', 'Send time from']);
  const first = grid.next;
  for (const campaign of summary.campaigns) {
    const sendTime = campaign.sendTime === null ? '' : new Date(campaign.sendTime);
    grid.add(plainText(campaign.campaign), ...counts(campaign), sendTime, SEND_TIME_SOURCES[campaign.sendTimeSource]);
  }
  if (summary.campaigns.length > 1) grid.add('All campaigns', ...counts(summary.totals));
  const last = grid.next - 1;
  grid.counted(first, last);
  grid.dateRanges.push(`I${first}:I${last}`);
  grid.textRanges.push(`J${first}:J${last}`);
}

/** Whose gateways scan: what a user asks support about. */
function addDomainTable(grid: Grid, summary: Summary): void {
  grid.title('Recipient domains with bot clicks');
  const scanning = summary.domains.filter((domain) => domain.botClicks > 0).sort((a, b) => b.botClicks - a.botClicks);
  if (scanning.length === 0) {
    grid.add('none');
    return;
  }
  grid.header(['Domain', 'Bot clicks', 'Human clicks', 'Scanned copies', 'Recipients']);
  const first = grid.next;
  for (const domain of scanning) grid.add(plainText(domain.domain), domain.botClicks, domain.humanClicks, domain.scannedCopies, domain.recipients);
  const last = grid.next - 1;
  grid.textRanges.push(`A${first}:A${last}`);
  grid.countRanges.push(`B${first}:E${last}`);
}

function addLinkTables(grid: Grid, summary: Summary): void {
  for (const campaign of summary.campaigns) {
    grid.title(`Links in ${plainText(campaign.campaign)}`);
    grid.header(['Link', ...COUNT_HEADER]);
    const first = grid.next;
    for (const link of [...campaign.links].sort((a, b) => b.rawClicks - a.rawClicks)) grid.add(plainText(link.link), ...counts(link));
    grid.counted(first, grid.next - 1);
  }
}

interface ChartData {
  firstRow: number;
  rows: number;
}

/** The most-clicked links over all campaigns, all clicks beside the human ones: the chart of what people click. */
function addLinkChartData(grid: Grid, summary: Summary): ChartData {
  const byLink = new Map<string, { raw: number; human: number }>();
  for (const link of summary.campaigns.flatMap((campaign) => campaign.links)) {
    const sum = byLink.get(link.link) ?? { raw: 0, human: 0 };
    byLink.set(link.link, { raw: sum.raw + link.rawClicks, human: sum.human + link.humanClicks });
  }
  const links = [...byLink].sort(([, a], [, b]) => b.raw - a.raw).slice(0, CHART_LINKS);
  grid.title(`Chart data: the ${plural(links.length, 'most-clicked link')}`);
  const firstRow = grid.next;
  grid.header(['Link', 'All clicks', 'Human clicks']);
  for (const [link, { raw, human }] of links) grid.add(plainText(shortLink(link.replace(/^https?:\/\/(www\.)?/, ''), CHART_LABEL)), raw, human);
  grid.textRanges.push(`A${firstRow + 1}:A${grid.next - 1}`);
  grid.countRanges.push(`B${firstRow + 1}:C${grid.next - 1}`);
  return { firstRow, rows: links.length + 1 };
}

/** Clicks over the whole time since send, in buckets wide enough to show every click in one chart. */
function addTimeline(grid: Grid, summary: Summary): ChartData {
  const { timeline } = summary;
  grid.title('Chart data: clicks over time since send');
  const firstRow = grid.next;
  grid.header(['Hours since send', 'Bot clicks', 'Human clicks']);
  if (timeline.length === 0) {
    grid.add('No clicks with a time and a send time to chart.');
    return { firstRow, rows: 1 };
  }
  const from = Math.min(...timeline.map((bucket) => bucket.minute));
  const to = Math.max(...timeline.map((bucket) => bucket.minute));
  const size = BUCKET_MINUTES.find((minutes) => (to - from) / minutes < TIMELINE_BUCKETS) ?? BUCKET_MINUTES[BUCKET_MINUTES.length - 1];
  const buckets = new Map<number, { bot: number; human: number }>();
  for (let start = Math.floor(from / size) * size; start <= to; start += size) buckets.set(start, { bot: 0, human: 0 });
  for (const bucket of timeline) {
    const into = buckets.get(Math.floor(bucket.minute / size) * size) as { bot: number; human: number };
    into.bot += bucket.bot;
    into.human += bucket.human;
  }
  for (const [start, { bot, human }] of buckets) grid.add(Math.round((start / 60) * 100) / 100, bot, human);
  grid.countRanges.push(`B${firstRow + 1}:C${grid.next - 1}`);
  return { firstRow, rows: buckets.size + 1 };
}

function addSettingsTable(grid: Grid, detection: Detection, settings: Settings): void {
  grid.title('Rules and thresholds used');
  grid.header(['Setting', 'Value', 'What it does']);
  const first = grid.next;
  grid.add('Preset', settings.preset, 'Cautious, balanced or strict: the starting values of the thresholds below.');
  grid.add('Time zone', settings.timeZone || 'UTC', 'Times written without a zone are read in this zone (the spreadsheet\'s).');
  grid.add('Send time', plainText(settings.sendTime) || 'from the data, or estimated', 'The send time of campaigns whose data has none.');
  grid.add('Trap link URLs', plainText(settings.trapLinks.join(', ')) || 'none', 'Links only machines follow: a hit on one marks the clicks around it.');
  for (const spec of SETTING_SPECS) {
    const value = settings[spec.name];
    grid.add(spec.label, typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value), spec.help);
  }
  const { plan } = detection;
  for (const [role, index] of Object.entries(plan.roles) as [Role, number][]) {
    const how = plan.how[role];
    grid.add(`Column: ${ROLE_WORDS[role].label}`, plainText(plan.header[index] ?? ''), how ? HOW_FOUND[how] : '');
  }
  for (const note of detection.notes) grid.add('Note', plainText(note));
  grid.textRanges.push(`A${first}:C${grid.next - 1}`);
}

/**
 * Two charts side by side under the answer. People are few beside the scanners, so each chart gives
 * them room: the links chart puts human clicks beside all clicks, and the timeline gives human
 * clicks an axis of their own.
 */
function insertCharts(sheet: Sheet, links: ChartData, timeline: ChartData): void {
  if (links.rows > 1) {
    sheet.insertChart(
      sheet
        .newChart()
        .asBarChart()
        .setColors(['#b7b7b7', COLOURS.human])
        .setTitle('Most-clicked links: all clicks and human clicks')
        .addRange(sheet.getRange(links.firstRow, 1, links.rows, 3))
        .setNumHeaders(1)
        .setOption('legend', { position: 'top' })
        .setOption('width', 470)
        .setOption('height', CHART_HEIGHT)
        .setPosition(CHART_ROW, 1, 0, 0)
        .build(),
    );
  }
  if (timeline.rows > 1) {
    sheet.insertChart(
      sheet
        .newChart()
        .asLineChart()
        .setColors([COLOURS.bot, COLOURS.human])
        .setTitle('Clicks over time: bots (left axis) and people (right axis)')
        .setXAxisTitle('Hours since send')
        .addRange(sheet.getRange(timeline.firstRow, 1, timeline.rows, 3))
        .setNumHeaders(1)
        .setOption('series', { 0: { targetAxisIndex: 0 }, 1: { targetAxisIndex: 1 } })
        .setOption('vAxes', { 0: { title: 'Bot clicks' }, 1: { title: 'Human clicks' } })
        .setOption('legend', { position: 'top' })
        .setOption('width', 560)
        .setOption('height', CHART_HEIGHT)
        // Column D starts at NAME_WIDTH + 2 × NUMBER_WIDTH = 480 px, right of the 470 px links chart.
        .setPosition(CHART_ROW, 4, 0, 0)
        .build(),
    );
  }
}
