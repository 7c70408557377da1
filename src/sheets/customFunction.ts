import { BOT_CLICK_HEADER, detect, isBlankRow, plainText, WHY_HEADER, type Cell, type Detection } from '../core';
import { documentSettings } from './settingsStore';
import { messageOf } from './ui';

type Column = string[][];

/** =BOTCLICK(data, [max_clicks], [window_seconds]): "Bot click", then a verdict per row. */
export function BOTCLICK(data: unknown, maxClicks?: unknown, windowSeconds?: unknown): Column {
  return asSentences('BOTCLICK', () => {
    const { table, detection } = judgeRange(data, maxClicks, windowSeconds);
    return column(table.length, BOT_CLICK_HEADER, detection, (i) => detection.verdicts[i] ?? '');
  });
}

/** =BOTCLICK_WHY(data, [max_clicks], [window_seconds]): "Why", then the reason for each verdict. */
export function BOTCLICK_WHY(data: unknown, maxClicks?: unknown, windowSeconds?: unknown): Column {
  return asSentences('BOTCLICK_WHY', () => {
    const { table, detection } = judgeRange(data, maxClicks, windowSeconds);
    return column(table.length, WHY_HEADER, detection, (i) => plainText(detection.reasons[i] ?? ''));
  });
}

/**
 * Judges a range argument. A whole-column range (A:F) brings thousands of blank rows after the
 * data; they are cut off before detection and given back as blanks, so the answer keeps the height
 * of the range and the time goes to the clicks only.
 */
function judgeRange(data: unknown, maxClicks: unknown, windowSeconds: unknown): { table: Cell[][]; detection: Detection } {
  if (!Array.isArray(data) || !Array.isArray(data[0])) {
    throw new Error('give it a range with a header row and the clicks below it, such as A1:F5000 or A:F.');
  }
  const table = data as Cell[][];
  let end = table.length;
  while (end > 0 && isBlankRow(table[end - 1])) end--;
  const settings = documentSettings({ burstMaxClicks: maxClicks, burstWindowSeconds: windowSeconds });
  return { table, detection: detect(table.slice(0, end), settings) };
}

function column(height: number, header: string, detection: Detection, cell: (dataRow: number) => string): Column {
  const offset = detection.plan.hasHeader ? 1 : 0;
  const result: Column = new Array(height);
  for (let row = 0; row < height; row++) {
    const dataRow = row - offset;
    result[row] = [row < offset ? header : dataRow < detection.verdicts.length ? cell(dataRow) : ''];
  }
  return result;
}

/** Errors in a cell read as a sentence, "BOTCLICK: no click-time column found; headers seen: …". */
function asSentences(name: string, task: () => Column): Column {
  try {
    return task();
  } catch (error) {
    const sentence = error instanceof Error ? error : new Error(messageOf(error));
    sentence.message = `${name}: ${sentence.message}`;
    throw sentence;
  }
}
