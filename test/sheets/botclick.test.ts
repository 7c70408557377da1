import { detect, resolveSettings } from '../../src/core';
import { asPasted, bookWith, cliVerdicts, FIXTURES, LISTMONK_CSV, readCsv } from './addon';
import { join } from 'node:path';

const EXPORTS = ['listmonk-clicks.csv', 'sendgrid-activity.csv', 'mautic-page-hits.csv'];
const listmonk = readCsv(LISTMONK_CSV);

describe('=BOTCLICK() in a report formula', () => {
  test.each(EXPORTS)('gives the same verdicts as the botclick command line for %s', (file) => {
    const rows = readCsv(join(FIXTURES, file));
    const { addon } = bookWith([]);
    const column = addon.BOTCLICK(asPasted(rows));
    expect(column[0]).toEqual(['Bot click']);
    expect(column.slice(1).map(([verdict]) => verdict)).toEqual(cliVerdicts(rows).verdicts);
  });

  test.each(EXPORTS.slice(0, 2))('=BOTCLICK(A2:…), the range without its header row, gives the same verdicts for %s', (file) => {
    const pasted = asPasted(readCsv(join(FIXTURES, file)));
    const { addon } = bookWith([]);
    const withHeader = addon.BOTCLICK(pasted);
    expect(addon.BOTCLICK(pasted.slice(1))).toEqual(withHeader.slice(1));
    expect(addon.BOTCLICK_WHY(pasted.slice(1))).toEqual(addon.BOTCLICK_WHY(pasted).slice(1));
  });

  test('=BOTCLICK(A2:…) of a mailing of two campaigns keeps them apart, as with the header', () => {
    // The same newsletter sent again a week later as "Summer Newsletter 2026".
    const week = 7 * 86400000;
    const summer = listmonk.slice(1).map((row) => row.map((cell, i) => (i === 2 ? 'Summer Newsletter 2026' : i === 8 ? new Date(Date.parse(cell) + week).toISOString().replace('.000', '') : cell)));
    const pasted = asPasted([...listmonk, ...summer]);
    const { addon } = bookWith([]);
    expect(addon.BOTCLICK(pasted.slice(1))).toEqual(addon.BOTCLICK(pasted).slice(1));
    expect(addon.BOTCLICK_WHY(pasted.slice(1))).toEqual(addon.BOTCLICK_WHY(pasted).slice(1));
  });

  test('=BOTCLICK(A2:…) of contact ids, which content cannot tell, asks for the header row in one sentence', () => {
    const pasted = asPasted(readCsv(join(FIXTURES, 'mautic-page-hits.csv')));
    const { addon } = bookWith([]);
    expect(() => addon.BOTCLICK(pasted.slice(1))).toThrow(/^BOTCLICK: no recipient .*: include the header row, or name the columns\.$/);
  });

  test('BOTCLICK_WHY gives the command line\'s reasons', () => {
    const { addon } = bookWith([]);
    const column = addon.BOTCLICK_WHY(asPasted(listmonk));
    expect(column[0]).toEqual(['Why']);
    expect(column.slice(1).map(([reason]) => reason)).toEqual(cliVerdicts(listmonk).reasons);
  });

  test('agrees with the menu\'s Bot click column on the same sheet', () => {
    const pasted = asPasted(listmonk);
    const { sheet, addon } = bookWith(pasted);
    const formula = addon.BOTCLICK(pasted);
    addon.flagBotClicks();
    const menu = Array.from({ length: listmonk.length }, (_, i) => [sheet.cell(i + 1, listmonk[0].length + 1).value]);
    expect(formula).toEqual(menu);
  });

  test('a whole-column range keeps its height: blanks for blank rows, in the middle and after the data', () => {
    const pasted = asPasted(listmonk);
    const blank = pasted[0].map(() => '');
    const withGap = [...pasted.slice(0, 6), blank, ...pasted.slice(6)];
    const wholeColumn = [...withGap, ...Array.from({ length: 5000 }, () => [...blank])];
    const { addon } = bookWith([]);
    const column = addon.BOTCLICK(wholeColumn);
    expect(column).toHaveLength(wholeColumn.length);
    const verdicts = addon.BOTCLICK(pasted).slice(1).map(([v]) => v);
    expect(column.slice(1, withGap.length).map(([v]) => v)).toEqual([...verdicts.slice(0, 5), '', ...verdicts.slice(5)]);
    expect(column.slice(withGap.length).every(([v]) => v === '')).toBe(true);
  });

  test('reads date-time cells as Sheets hands them over, like the text times of the CSV', () => {
    const { book, addon } = bookWith([]);
    const time = listmonk[0].indexOf('created_at');
    const dated = asPasted(listmonk).map((row, i) => (i === 0 ? row : row.map((cell, c) => (c === time ? book.dateInRealm(Date.parse(String(cell))) : cell))));
    expect(addon.BOTCLICK(dated)).toEqual(addon.BOTCLICK(asPasted(listmonk)));
  });

  test('uses the settings saved for the document when it is given no thresholds', () => {
    const pasted = asPasted(listmonk);
    const { book, addon } = bookWith(pasted);
    const relaxed = { sweep: false, wave: false, tooSoon: false, rapid: false, rescan: false, scannedDomain: false, burstMaxClicks: 10 };
    addon.saveSettings(relaxed);
    const expected = detect(pasted, resolveSettings({ ...relaxed, timeZone: book.timeZone })).verdicts;
    expect(expected).not.toEqual(detect(pasted, resolveSettings({})).verdicts);
    expect(addon.BOTCLICK(pasted).slice(1).map(([v]) => v)).toEqual(expected);
  });

  test('thresholds given in the formula win over the saved ones; the other saved settings still apply', () => {
    const pasted = asPasted(listmonk);
    const { book, addon } = bookWith(pasted);
    addon.saveSettings({ sweep: false, wave: false, tooSoon: false, burstMaxClicks: 10 });
    const expected = detect(pasted, resolveSettings({ sweep: false, wave: false, tooSoon: false, burstMaxClicks: 2, burstWindowSeconds: 5, timeZone: book.timeZone }));
    expect(addon.BOTCLICK(pasted, 2, 5).slice(1).map(([v]) => v)).toEqual(expected.verdicts);
    // A blank argument (an empty cell, or one left out) keeps the saved value.
    expect(addon.BOTCLICK(pasted, '', 5)).toEqual(addon.BOTCLICK(pasted, undefined, 5));
  });

  test('errors read as sentences', () => {
    const { addon } = bookWith([]);
    const noTime = listmonk.map((row) => row.filter((_, c) => c !== listmonk[0].indexOf('created_at')));
    expect(() => addon.BOTCLICK(asPasted(noTime))).toThrow(/^BOTCLICK: no click-time column found.*headers seen: .*campaign_id/);
    expect(() => addon.BOTCLICK('frank.miller@corp.example.com')).toThrow('BOTCLICK: give it a range with a header row and the clicks below it, such as A1:F5000 or A:F.');
    expect(() => addon.BOTCLICK(asPasted(listmonk), 'many')).toThrow(/^BOTCLICK: Burst: most clicks allowed must be a number from 1 to 100, not "many"\.$/);
    expect(() => addon.BOTCLICK_WHY(asPasted(noTime))).toThrow(/^BOTCLICK_WHY: /);
  });
});
