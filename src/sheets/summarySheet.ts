import { columnLetter, formatCount, plainText, plural, ROLE_WORDS, SETTING_SPECS, type Counts, type Detection, type Role, type SendTimeSource, type Settings } from '../core';
import { SUMMARY_SHEET_NAME } from './clickData';
import { withJudgedData } from './flag';
import { showProgress, showResult } from './ui';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Row = (string | number | Date)[];

/** The chart shows the first three hours after send, where scanners and readers part ways. */
const CHART_MINUTES = 180;
const TABLE_HEADER = [
  'Campaign',
  'Link',
  'Raw clicks',
  'Bot clicks',
  'Human clicks',
  'Unknown',
  'Unique clickers',
  'Unique human clickers',
  'Share removed',
  'Send time',
  'Send time from',
];
const WIDTH = TABLE_HEADER.length;
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
    this.boldRanges.push(`A${this.add(text)}`);
  }

  header(cells: string[]): void {
    const row = this.add(...cells);
    this.boldRanges.push(`A${row}:${columnLetter(cells.length - 1)}${row}`);
  }
}

/** Writes the whole summary with one setValues, formats applied before it so user text stays text. */
export function writeSummary(sheet: Sheet, title: string, detection: Detection, settings: Settings): void {
  const grid = new Grid();
  grid.title(plainText(title));
  const { totals } = detection.summary;
  grid.add(
    `${formatCount(totals.botClicks)} of ${plural(totals.rawClicks, 'click')} look like bots; ${plural(totals.humanClickers, 'real person', 'real people')} clicked.`,
  );
  grid.textRanges.push('A1:A2');
  grid.add();

  addCampaignTable(grid, detection);
  grid.add();
  addSettingsTable(grid, detection, settings);
  grid.add();
  const timeline = addTimeline(grid, detection);

  const maxRows = sheet.getMaxRows();
  if (grid.rows.length > maxRows) sheet.insertRowsAfter(maxRows, grid.rows.length - maxRows);
  sheet.getRangeList(grid.textRanges).setNumberFormat('@');
  if (grid.percentRanges.length) sheet.getRangeList(grid.percentRanges).setNumberFormat('0.0%');
  if (grid.dateRanges.length) sheet.getRangeList(grid.dateRanges).setNumberFormat('yyyy-mm-dd hh:mm:ss');
  sheet.getRange(1, 1, grid.rows.length, WIDTH).setValues(grid.rows);
  sheet.getRangeList(grid.boldRanges).setFontWeight('bold');
  sheet.setColumnWidths(1, 2, 260);
  insertTimelineChart(sheet, timeline);
}

function addCampaignTable(grid: Grid, detection: Detection): void {
  grid.title('Clicks per campaign and link');
  grid.header(TABLE_HEADER);
  const first = grid.next;
  grid.add('All campaigns', 'All links', ...counts(detection.summary.totals));
  for (const campaign of detection.summary.campaigns) {
    const sendTime = campaign.sendTime === null ? '' : new Date(campaign.sendTime);
    grid.add(plainText(campaign.campaign), 'All links', ...counts(campaign), sendTime, SEND_TIME_SOURCES[campaign.sendTimeSource]);
    for (const link of campaign.links) grid.add(plainText(campaign.campaign), plainText(link.link), ...counts(link));
  }
  const last = grid.next - 1;
  grid.textRanges.push(`A${first}:B${last}`, `K${first}:K${last}`);
  grid.percentRanges.push(`I${first}:I${last}`);
  grid.dateRanges.push(`J${first}:J${last}`);
}

function counts(c: Counts): number[] {
  return [c.rawClicks, c.botClicks, c.humanClicks, c.unknownClicks, c.rawClickers, c.humanClickers, c.removedShare];
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

interface TimelinePlace {
  firstRow: number;
  rows: number;
}

function addTimeline(grid: Grid, detection: Detection): TimelinePlace {
  grid.title('Clicks by minutes since send');
  const shown = detection.summary.timeline.filter((bucket) => bucket.minute < CHART_MINUTES);
  const later = detection.summary.timeline.filter((bucket) => bucket.minute >= CHART_MINUTES);
  if (later.length > 0) {
    const bots = later.reduce((sum, bucket) => sum + bucket.bot, 0);
    const humans = later.reduce((sum, bucket) => sum + bucket.human, 0);
    grid.add(`Later than ${CHART_MINUTES / 60} hours after send (not in the chart): ${plural(bots, 'bot click')} and ${plural(humans, 'human click')}.`);
  }
  const firstRow = grid.next;
  grid.header(['Minutes since send', 'Bot clicks', 'Human clicks']);
  for (const bucket of shown) grid.add(bucket.minute, bucket.bot, bucket.human);
  if (shown.length === 0) grid.add('No clicks with a time and a send time to chart.');
  return { firstRow, rows: shown.length + 1 };
}

function insertTimelineChart(sheet: Sheet, timeline: TimelinePlace): void {
  if (timeline.rows < 2) return;
  const chart = sheet
    .newChart()
    .asColumnChart()
    .setStacked()
    .setColors(['#e06666', '#6aa84f'])
    .setTitle('Clicks by minutes since send: bots vs humans')
    .setXAxisTitle('Minutes since send')
    .setYAxisTitle('Clicks')
    .addRange(sheet.getRange(timeline.firstRow, 1, timeline.rows, 3))
    .setNumHeaders(1)
    .setPosition(4, WIDTH + 2, 0, 0)
    .build();
  sheet.insertChart(chart);
}
