import { runInNewContext } from 'node:vm';
import { BotclickError } from '../../src/core/errors';
import { finishTimes, formatTime, isValidTimeZone, looksLikeTime, parseTime, readTimes, TimeBatches, TimeCellReader } from '../../src/core/time';
import type { Cell } from '../../src/core/types';

const utc = (text: string): number => Date.parse(text.endsWith('Z') ? text : `${text}Z`);
const inUtc = (cell: Cell): string => {
  const ms = parseTime(cell, '');
  return Number.isNaN(ms) ? 'NaN' : new Date(ms).toISOString();
};
const column = (cells: Cell[], zone = '') => readTimes(cells, zone);
const isoOf = (times: Float64Array): string[] => Array.from(times, (ms) => (Number.isNaN(ms) ? 'NaN' : new Date(ms).toISOString()));

describe('one value, in every form a marketer pastes', () => {
  it('takes a Date from the sheet as the instant it already is, even one made in another realm', () => {
    const clicked = new Date(Date.UTC(2026, 2, 10, 14, 1, 7));
    expect(parseTime(clicked, 'Europe/Berlin')).toBe(clicked.getTime());
    const foreign = runInNewContext('new Date(Date.UTC(2026, 2, 10, 14, 1, 7))') as Date;
    expect(parseTime(foreign, '')).toBe(clicked.getTime());
    expect(parseTime(new Date(NaN), '')).toBeNaN();
  });

  it('does not take a time-of-day cell (a Sheets Date on 1899-12-30) for a click time', () => {
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 9, 5)), '')).toBeNaN();
  });

  it('reads Sheets serial day numbers as wall-clock time in the sheet zone', () => {
    // 46091 = 2026-03-10; .5 = noon
    expect(inUtc(46091.5)).toBe('2026-03-10T12:00:00.000Z');
    expect(new Date(parseTime(46091.5, 'Europe/Berlin')).toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(inUtc('46091.25')).toBe('2026-03-10T06:00:00.000Z');
  });

  it.each([
    ['2026-03-10T14:01:07Z', '2026-03-10T14:01:07.000Z'],
    ['2026-03-10 14:01:07Z', '2026-03-10T14:01:07.000Z'],
    ['2026-03-10t14:01:07z', '2026-03-10T14:01:07.000Z'],
    ['2026-03-10T14:01:07+01:00', '2026-03-10T13:01:07.000Z'],
    ['2026-03-10T14:01:07+0100', '2026-03-10T13:01:07.000Z'],
    ['2026-03-10T14:01:07-04', '2026-03-10T18:01:07.000Z'],
    ['2026-03-10T14:01:07.412Z', '2026-03-10T14:01:07.412Z'],
    ['2026-03-10T14:01:07,412Z', '2026-03-10T14:01:07.412Z'],
    ['2026-03-10T14:01Z', '2026-03-10T14:01:00.000Z'],
    ['2026-03-10 14:01:07 +05:30', '2026-03-10T08:31:07.000Z'],
    ['2026-11-26 09:05:33 UTC', '2026-11-26T09:05:33.000Z'],
    ['2026-11-26 09:05:33 GMT', '2026-11-26T09:05:33.000Z'],
    ['2026/11/26 09:05', '2026-11-26T09:05:00.000Z'],
    ['  2026-03-10T14:01:07Z\n', '2026-03-10T14:01:07.000Z'],
  ])('reads the ISO 8601 time %j', (text, expected) => {
    expect(inUtc(text)).toBe(expected);
  });

  it('keeps every digit of a long fraction as fractional milliseconds', () => {
    expect(parseTime('2017-10-25T15:21:11.9065619Z', '')).toBeCloseTo(utc('2017-10-25T15:21:11') + 906.5619, 3);
    expect(parseTime('2026-03-10T14:01:07.123456789123456789Z', '')).toBeCloseTo(utc('2026-03-10T14:01:07') + 123.456789, 3);
  });

  it('picks the epoch unit by magnitude, for numbers and digit strings alike', () => {
    const at = utc('2026-03-10T14:00:04');
    expect(parseTime(1773151204, '')).toBe(at);
    expect(parseTime('1773151204', 'Europe/Berlin')).toBe(at);
    expect(parseTime(1773151204000, '')).toBe(at);
    expect(parseTime('1773151204000', '')).toBe(at);
    expect(parseTime(1773151204000000, '')).toBe(at);
    expect(parseTime(1773151204.382117, '')).toBeCloseTo(at + 382.117, 3);
    expect(parseTime('1773151204.382117', '')).toBeCloseTo(at + 382.117, 3);
  });

  it('keeps serial day numbers apart from epochs and other numbers', () => {
    expect(inUtc(46091)).toBe('2026-03-10T00:00:00.000Z');
    for (const notATime of [0, 12, 2026, 12345, 740195, 20261126, -1773151204, Infinity, NaN]) {
      expect(parseTime(notATime, '')).toBeNaN();
    }
  });

  it.each([
    ['11/26/2026 9:05:33 AM', '2026-11-26T09:05:33.000Z'],
    ['11/26/2026 9:05:33 PM', '2026-11-26T21:05:33.000Z'],
    ['11/26/2026 12:05 AM', '2026-11-26T00:05:00.000Z'],
    ['11/26/2026 12:05 p.m.', '2026-11-26T12:05:00.000Z'],
    ['26/11/2026 09:05', '2026-11-26T09:05:00.000Z'],
    ['26-11-2026 09:05', '2026-11-26T09:05:00.000Z'],
    ['26.11.2026 09:05:33', '2026-11-26T09:05:33.000Z'],
    ['26.11.26 09:05', '2026-11-26T09:05:00.000Z'],
    ['11/26/26 9:05 AM', '2026-11-26T09:05:00.000Z'],
    ['Nov 26, 2026 9:05 AM', '2026-11-26T09:05:00.000Z'],
    ['November 26th, 2026 at 9:05 PM', '2026-11-26T21:05:00.000Z'],
    ['26 Nov 2026 09:05', '2026-11-26T09:05:00.000Z'],
    ['26-Nov-26 09:05', '2026-11-26T09:05:00.000Z'],
    ['Thu, 26 Nov 2026 09:05:33 +0000', '2026-11-26T09:05:33.000Z'],
    ['Thu, 26 Nov 2026 09:05:33 EST', '2026-11-26T14:05:33.000Z'],
    ['Tue Mar 10 2026 14:01:07 GMT+0100 (Central European Standard Time)', '2026-03-10T13:01:07.000Z'],
    ['26. März 2026 um 09:05', '2026-03-26T09:05:00.000Z'],
    ['26 mrt 2026 09:05', '2026-03-26T09:05:00.000Z'],
    ['26 févr. 2026 à 09:05', '2026-02-26T09:05:00.000Z'],
    ['26 dic 2026 09:05', '2026-12-26T09:05:00.000Z'],
    ['3 okt. 2026 09:05', '2026-10-03T09:05:00.000Z'],
    ['2026-11-26', '2026-11-26T00:00:00.000Z'],
    ['3/10/2026, 2:01:07\u202fPM', '2026-03-10T14:01:07.000Z'], // what Intl writes for en-US
  ])('reads the written date %j', (text, expected) => {
    expect(inUtc(text)).toBe(expected);
  });

  it('reads a lone numeric date that fits either order month-first, as a column would', () => {
    expect(inUtc('03/04/2026 10:00')).toBe('2026-03-04T10:00:00.000Z');
    expect(inUtc('13/04/2026 10:00')).toBe('2026-04-13T10:00:00.000Z');
  });

  it.each([
    'soon',
    '=NOW()',
    '13/13/2026',
    '04/31/2026',
    '2026-13-01',
    '2026-02-30',
    '2026-02-29 10:00',
    '2026-11-26 25:00',
    '2026-11-26 09:60',
    '2026-11-26 09:05:61',
    '2026-11-26 13:05 PM',
    '2026-11-26 0:05 AM',
    '2026-11-26T09:05:33+15:00',
    '2026-11-26 09:05 IST',
    'Mon, 26 Nov 2026 09:05:33 +0000', // 26 Nov 2026 is a Thursday
    'Nov 26',
    '09:05',
    'May',
    '2026',
    '0026-11-26',
    '3026-11-26',
    '26/11/2026 09:05 and more',
    'x'.repeat(100000),
    `2026-03-10T14:01:07.${'1'.repeat(100000)}Z`,
    '',
    '   ',
    true,
    null,
    undefined,
  ])('never guesses: %j is not a time', (cell) => {
    expect(() => parseTime(cell as Cell, '')).not.toThrow();
    expect(parseTime(cell as Cell, '')).toBeNaN();
  });
});

describe('the real click-export formats', () => {
  it('Amazon SES: click.timestamp minus mail.timestamp is the time since send, to the millisecond', () => {
    const clicks = column(['2017-08-09T23:51:25.570Z']);
    const sends = column(['2017-08-09T21:59:49.927Z']);
    expect(clicks.times[0] - sends.times[0]).toBe(((1 * 60 + 51) * 60 + 35) * 1000 + 643);
    expect(clicks.resolutionMs).toBe(1);
    expect(clicks.notes).toEqual([]);
  });

  it('Postmark: 7-digit fractions, with Z or an offset', () => {
    const read = column(['2017-10-25T15:21:11.9065619Z', '2016-04-27T16:21:41.2493688-04:00', '2026-03-10T14:01:07.4120000Z']);
    expect(isoOf(read.times)).toEqual(['2017-10-25T15:21:11.906Z', '2016-04-27T20:21:41.249Z', '2026-03-10T14:01:07.412Z']);
    expect(read.resolutionMs).toBeLessThan(1000);
  });

  it('Mailgun: float epoch seconds keep their microseconds', () => {
    const read = column([1534109600.089676, 1773151204.382117, 1773151267.31]);
    expect(read.times[0]).toBeCloseTo(1534109600089.676, 3);
    expect(read.times[2]).toBe(1773151267310);
    expect(read.resolutionMs).toBe(1);
  });

  it('HubSpot and Brevo: epoch milliseconds (created, ts_epoch)', () => {
    const read = column([1773151200000, 1773151201000, 1520363423000]);
    expect(isoOf(read.times)).toEqual(['2026-03-10T14:00:00.000Z', '2026-03-10T14:00:01.000Z', '2018-03-06T19:10:23.000Z']);
    expect(read.resolutionMs).toBe(1000);
  });

  it('Brevo: date_event in the account zone is the same instant as ts_event in UTC seconds', () => {
    const local = column(['2026-03-10 15:01:07', '2026-03-10 15:01:08'], 'Europe/Paris');
    const epoch = column([1773151267, 1773151268]);
    expect(Array.from(local.times)).toEqual(Array.from(epoch.times));
    expect(local.notes).toEqual(['Times without a time zone, such as "2026-03-10 15:01:07", were read as Europe/Paris time.']);
  });

  it('SendGrid: send_at strings in seconds or milliseconds; activity CSV processed in ISO', () => {
    expect(column(['1639468221', '1591726752372']).times).toEqual(new Float64Array([1639468221000, 1591726752372]));
    expect(parseTime('2026-03-10T14:01:07Z', '')).toBe(utc('2026-03-10T14:01:07'));
  });

  it('Campaign Monitor and Constant Contact: whole minutes make a minute-resolution column', () => {
    const campaignMonitor = column(['2010-10-11 08:29:00', '2010-10-11 08:31:00', '2010-10-12 12:58:00']);
    expect(campaignMonitor.resolutionMs).toBe(60000);
    expect(campaignMonitor.times[0]).toBe(utc('2010-10-11T08:29:00'));
    const constantContact = column(['2019-04-25T11:08:00.000Z', '2019-05-16T21:14:00.000Z', '2026-03-10T14:01:00.000Z', '']);
    expect(constantContact.resolutionMs).toBe(60000);
    expect(constantContact.notes).toEqual([]);
  });

  it('Mailchimp, Klaviyo, listmonk, Mautic and Mandrill: whole seconds', () => {
    expect(column(['2026-03-10T14:01:07+00:00', '2024-01-01T00:01:00+00:00', '2026-03-10T14:01:08+00:00']).resolutionMs).toBe(1000);
    expect(column(['2026-03-10T14:01:07Z', '2026-03-10T14:01:07Z']).resolutionMs).toBe(1000);
    expect(column(['2026-03-10 14:01:07', '2026-03-10 14:01:08']).resolutionMs).toBe(1000);
    expect(column([1773151200, 1773151267, 1773151268]).resolutionMs).toBe(1000);
  });
});

describe('day-first or month-first, decided once per column', () => {
  it('a European export: one day over 12 shows the whole column is day-first', () => {
    const read = column(['03/04/2026 10:00', '26/11/2026 09:05', '05/06/2026 11:30']);
    expect(read.order).toBe('day-first');
    expect(isoOf(read.times)).toEqual(['2026-04-03T10:00:00.000Z', '2026-11-26T09:05:00.000Z', '2026-06-05T11:30:00.000Z']);
    expect(read.notes).toContain('Dates such as "03/04/2026 10:00" were read day-first (3 April 2026), because dates such as "26/11/2026 09:05" can only be day-first.');
  });

  it('a US export: a second part over 12 shows the whole column is month-first', () => {
    const read = column(['03/04/2026 10:00 AM', '11/26/2026 9:05 AM']);
    expect(read.order).toBe('month-first');
    expect(isoOf(read.times)).toEqual(['2026-03-04T10:00:00.000Z', '2026-11-26T09:05:00.000Z']);
    expect(read.notes[0]).toBe('Dates such as "03/04/2026 10:00 AM" were read month-first (March 4, 2026), because dates such as "11/26/2026 9:05 AM" can only be month-first.');
  });

  it('the order is one for the column, not chosen row by row', () => {
    // Row by row, 13/04 would be read day-first and 04/05 month-first; the column reads both day-first.
    const read = column(['13/04/2026 10:00', '04/05/2026 10:00']);
    expect(isoOf(read.times)).toEqual(['2026-04-13T10:00:00.000Z', '2026-05-04T10:00:00.000Z']);
  });

  it('when nothing decides, reads month-first and says so', () => {
    const read = column(['03/04/2026 10:00', '05/06/2026 09:05']);
    expect(read.order).toBe('month-first');
    expect(isoOf(read.times)).toEqual(['2026-03-04T10:00:00.000Z', '2026-05-06T09:05:00.000Z']);
    expect(read.notes[0]).toBe('Dates such as "03/04/2026 10:00" could be day-first or month-first and nothing in the column decides; they were read month-first (March 4, 2026).');
  });

  it('a column that contradicts itself is read in its majority order; the dates that do not fit are left unread', () => {
    const read = column(['26/11/2026 09:05', '27/11/2026 09:05', '28/11/2026 09:05', '11/29/2026 09:05', '01/02/2026 09:05']);
    expect(read.order).toBe('day-first');
    expect(isoOf(read.times)).toEqual([
      '2026-11-26T09:05:00.000Z',
      '2026-11-27T09:05:00.000Z',
      '2026-11-28T09:05:00.000Z',
      'NaN',
      '2026-02-01T09:05:00.000Z',
    ]);
    expect(read.notes[0]).toBe(
      'The dates contradict each other: 3 dates can only be day-first (such as "26/11/2026 09:05") but 1 only month-first (such as "11/29/2026 09:05"). ' +
        'The column was read day-first, so 1 date was left unread.',
    );
  });

  it('dotted dates are day-first by convention and need no decision', () => {
    const read = column(['03.04.2026 10:00', '05.06.2026 11:00']);
    expect(read.order).toBeNull();
    expect(isoOf(read.times)).toEqual(['2026-04-03T10:00:00.000Z', '2026-06-05T11:00:00.000Z']);
    expect(column(['11.26.2026 10:00']).times[0]).toBeNaN();
  });

  it('needs no order, and adds no note, when no date depends on it', () => {
    expect(column(['2026-03-04T10:00:00Z', 1773151200]).order).toBeNull();
    const same = column(['03/03/2026 10:00', '04/04/2026 10:00']);
    expect(same.order).toBeNull();
    expect(same.notes.filter((note) => note.includes('first'))).toEqual([]);
    const onlyDayFirst = column(['26/11/2026 09:05', '27/11/2026 09:05']);
    expect(onlyDayFirst.order).toBe('day-first');
    expect(onlyDayFirst.notes.filter((note) => note.includes('first'))).toEqual([]);
  });
});

/** Columns a reader in parts or batches must read as it reads them whole: mixed orders, junk, a weekday, resolutions. */
const COLUMNS_TO_CUT: Cell[][] = [
  ['26/11/2026 09:05', 'n/a', '', '11/29/2026 09:05', '26/11/2026 09:05', '01/02/2026 09:05', null, '2026-03-04 10:00:00', 'n/a', '27/11/2026 09:05'],
  ['03/04/2026 10:00', '05/06/2026 11:30', '04/05/2026', '11/29/2026 09:05'],
  ['Fri 03/04/2026 10:00', 'Sat 04/04/2026 10:00', '13/04/2026 10:00'],
  ['26/11/2026 09:05:01.123', '27/11/2026 09:05:02.456', '28/11/2026 09:05:03.789'],
  ['2026-03-02T12:22:03.240Z', '2026-03-02T12:22:03.240Z', '', '2026-03-02T12:22:05Z', 'soon', '2026-03-02 12:23:00', '2026-03-02T12:24:00.000Z'],
  ['2026-03-02T12:22:00Z', '2026-03-02T12:23:00Z', '2026-03-02T12:25:00Z', '2026-03-02T12:29:00Z'],
];

describe('a column read in parts, as the command line reads a large file on two threads', () => {
  /** Each part read by its own reader and posted as a worker posts it (structured clone), then finished together. */
  const inParts = (parts: Cell[][], zone = '') =>
    finishTimes(
      parts.map((cells) => {
        const reader = new TimeCellReader(zone);
        for (const cell of cells) reader.add(cell);
        return structuredClone(reader.reading());
      }),
      zone,
    );

  it('decides the day/month order for the whole column, even when the deciding date is in the other part', () => {
    const read = inParts([['03/04/2026 10:00', '05/06/2026 11:30'], ['26/11/2026 09:05']]);
    expect(read.order).toBe('day-first');
    expect(isoOf(read.times)).toEqual(['2026-04-03T10:00:00.000Z', '2026-06-05T11:30:00.000Z', '2026-11-26T09:05:00.000Z']);
  });

  it('reads a large US export, every date waiting for the order, whole or in parts', () => {
    const cells = Array.from({ length: 200_000 }, (_, row) => `03/${String(1 + (row % 28)).padStart(2, '0')}/2026 9:05 AM`);
    const whole = readTimes(cells, '');
    expect(whole.order).toBe('month-first');
    expect(isoOf(whole.times.subarray(199_998))).toEqual(['2026-03-23T09:05:00.000Z', '2026-03-24T09:05:00.000Z']);
    expect(inParts([cells.slice(0, 70_000), cells.slice(70_000)])).toEqual(whole);
  });

  it('gives the same times, resolution, notes and unread cells as reading it whole, wherever it is cut', () => {
    for (const cells of COLUMNS_TO_CUT) {
      const whole = readTimes(cells, 'Europe/Berlin');
      for (let cut = 0; cut <= cells.length; cut++) {
        expect(inParts([cells.slice(0, cut), cells.slice(cut)], 'Europe/Berlin')).toEqual(whole);
      }
    }
  });
});

describe('a column read batch by batch, as the DuckDB engine appends a large file', () => {
  /** The batches' times as the engine stores them, with the day-first readings taken when the column ends up day-first. */
  const inBatches = (batches: Cell[][], zone = '') => {
    const column = new TimeBatches(zone);
    const read = batches.map((cells) => column.add(cells));
    const { order, resolutionMs, notes } = column.finish();
    const times = read.flatMap(({ times, dayFirst }) => [...times].map((time, k) => (order === 'day-first' ? (dayFirst.get(k) ?? time) : time)));
    return { times, order, resolutionMs, notes };
  };
  const asWhole = (cells: Cell[], zone = '') => {
    const { times, order, resolutionMs, notes } = readTimes(cells, zone);
    return { times: [...times], order, resolutionMs, notes };
  };

  it('reads a European export day-first throughout, though its first batch holds only dates that read either way', () => {
    const cells = [...Array.from({ length: 12 }, (_, day) => `${String(day + 1).padStart(2, '0')}/03/2026 10:00`), '13/03/2026 10:00', '20/03/2026 10:00'];
    const read = inBatches([cells.slice(0, 12), cells.slice(12)]);
    expect(read.order).toBe('day-first');
    expect(isoOf(Float64Array.from(read.times)).slice(0, 2)).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.000Z']);
    expect(read).toEqual(asWhole(cells));
  });

  it('gives the same times, order, resolution and notes as reading it whole, wherever it is cut', () => {
    for (const cells of COLUMNS_TO_CUT) {
      const whole = asWhole(cells, 'Europe/Berlin');
      for (let cut = 0; cut <= cells.length; cut++) {
        expect(inBatches([cells.slice(0, cut), cells.slice(cut)], 'Europe/Berlin')).toEqual(whole);
      }
    }
  });
});

describe('time zones and daylight saving', () => {
  const berlin = (text: string) => new Date(parseTime(text, 'Europe/Berlin')).toISOString();
  const newYork = (text: string) => new Date(parseTime(text, 'America/New_York')).toISOString();

  it('reads a Berlin newsletter sent around the spring switch (29 March 2026, 02:00 → 03:00)', () => {
    expect(berlin('2026-03-29 01:59:59')).toBe('2026-03-29T00:59:59.000Z');
    expect(berlin('2026-03-29 03:00:00')).toBe('2026-03-29T01:00:00.000Z');
    // 02:30 never happened that night: read it like a clock that was not yet put forward (03:30).
    expect(berlin('2026-03-29 02:30:00')).toBe('2026-03-29T01:30:00.000Z');
    // One real hour passed between 01:30 and 03:30 on the wall clock.
    expect(parseTime('29.03.2026 03:30', 'Europe/Berlin') - parseTime('29.03.2026 01:30', 'Europe/Berlin')).toBe(3600000);
  });

  it('reads Berlin around the autumn switch (25 October 2026, 03:00 → 02:00), taking the first of the repeated hour', () => {
    expect(berlin('2026-10-25 01:59:00')).toBe('2026-10-24T23:59:00.000Z');
    expect(berlin('2026-10-25 02:30:00')).toBe('2026-10-25T00:30:00.000Z');
    expect(berlin('2026-10-25 03:00:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(berlin('2026-07-01 12:00:00')).toBe('2026-07-01T10:00:00.000Z');
    expect(berlin('2026-12-01 12:00:00')).toBe('2026-12-01T11:00:00.000Z');
  });

  it('reads New York around both of its switches (8 March and 1 November 2026)', () => {
    expect(newYork('03/08/2026 1:59 AM')).toBe('2026-03-08T06:59:00.000Z');
    expect(newYork('03/08/2026 3:00 AM')).toBe('2026-03-08T07:00:00.000Z');
    expect(newYork('03/08/2026 2:30 AM')).toBe('2026-03-08T07:30:00.000Z');
    expect(newYork('11/01/2026 1:30 AM')).toBe('2026-11-01T05:30:00.000Z');
    expect(newYork('11/01/2026 2:00 AM')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('reads a whole column of naive times across a switch, each with its own offset', () => {
    const read = readTimes(['2026-10-24 12:00:00', '2026-10-25 12:00:00', '2026-10-26 12:00:00'], 'Europe/Berlin');
    expect(isoOf(read.times)).toEqual(['2026-10-24T10:00:00.000Z', '2026-10-25T11:00:00.000Z', '2026-10-26T11:00:00.000Z']);
  });

  it('leaves times that carry their own zone, epochs and Dates alone', () => {
    const cells: Cell[] = ['2026-03-10T14:01:07Z', '2026-03-10T14:01:07-05:00', 1773151267, new Date(1773151267000)];
    expect(Array.from(readTimes(cells, 'Asia/Tokyo').times)).toEqual(Array.from(readTimes(cells, '').times));
  });

  it('knows IANA names, takes empty for UTC, and names a bad zone in one line', () => {
    expect(isValidTimeZone('')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Berln')).toBe(false);
    expect(isValidTimeZone('CET+1')).toBe(false);
    expect(() => readTimes(['2026-03-10 14:01:07'], 'Europe/Berln')).toThrow(BotclickError);
    expect(() => parseTime('2026-03-10 14:01:07', 'Mars/Olympus')).toThrow(/^"Mars\/Olympus" is not a time zone[^\n]*$/);
  });

  it('formats instants in the reader\'s zone for reasons and summaries', () => {
    const at = utc('2026-03-29T01:00:00');
    expect(formatTime(at, '')).toBe('2026-03-29 01:00:00');
    expect(formatTime(at - 1000, 'Europe/Berlin')).toBe('2026-03-29 01:59:59');
    expect(formatTime(at, 'Europe/Berlin')).toBe('2026-03-29 03:00:00');
    expect(formatTime(utc('2026-11-26T09:05:33') + 999, 'America/New_York')).toBe('2026-11-26 04:05:33');
    expect(formatTime(NaN, '')).toBe('');
    expect(() => formatTime(at, 'Nowhere/Else')).toThrow(BotclickError);
  });

  it('turns what it formats back into the same instant', () => {
    for (const zone of ['', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (let at = utc('2026-01-01T00:00:00'); at < utc('2027-01-01T00:00:00'); at += 7 * 3600 * 1000 + 17 * 60 * 1000 + 13000) {
        const written = formatTime(at, zone);
        const back = parseTime(written, zone);
        // Only a time inside an autumn repeated hour may come back as its first occurrence.
        if (back !== at) expect(at - back).toBeGreaterThan(0);
        expect(formatTime(back, zone)).toBe(written);
      }
    }
  });
});

describe('the column\'s resolution', () => {
  it('is whole minutes when the text has no seconds, however few the values', () => {
    expect(column(['26/11/2026 09:05']).resolutionMs).toBe(60000);
    expect(column(['Nov 26, 2026 9:05 AM', 'Nov 26, 2026 9:07 AM']).resolutionMs).toBe(60000);
  });

  it('is whole seconds when seconds are written and too few values show they are always :00', () => {
    expect(column(['2026-11-26 09:05:00', '2026-11-26 09:07:00']).resolutionMs).toBe(1000);
    expect(column(['2026-11-26 09:05:00', '2026-11-26 09:07:00', '2026-11-26 09:08:00']).resolutionMs).toBe(60000);
  });

  it('is whole seconds as soon as one value has seconds that are not :00', () => {
    const cells = ['2026-11-26 09:05:00', '2026-11-26 09:06:00', '2026-11-26 09:07:00', '2026-11-26 09:07:31'];
    expect(column(cells).resolutionMs).toBe(1000);
  });

  it('is sub-second when fractions appear, as fine as they go', () => {
    expect(column(['2026-03-10T14:01:07.5Z', '2026-03-10T14:01:08.2Z']).resolutionMs).toBe(100);
    expect(column(['2026-03-10T14:01:07.25Z', '2026-03-10T14:01:08.5Z']).resolutionMs).toBe(10);
    expect(column(['2026-03-10T14:01:07.412Z', '2026-03-10T14:01:08Z']).resolutionMs).toBe(1);
  });

  it('is a whole day for dates without a clock time, and says what that means', () => {
    const read = column(['2026-03-10', '2026-03-11', 46094]);
    expect(read.resolutionMs).toBe(86400000);
    expect(read.notes).toContain('These times are dates without a clock time, so they cannot tell how soon after sending or how close together the clicks came.');
  });

  it('ignores blank and unreadable cells, and defaults to seconds when nothing is readable', () => {
    expect(column(['2010-10-11 08:29:00', 'n/a', '', '2010-10-11 08:31:00', null, '2010-10-12 12:58:00']).resolutionMs).toBe(60000);
    const nothing = column([]);
    expect(nothing).toEqual({ times: new Float64Array(0), resolutionMs: 1000, order: null, notes: [], untimed: new Map() });
  });
});

describe('junk in a time column', () => {
  it('gives NaN for each unreadable cell, keeps every row, and says what it could not read', () => {
    const cells: Cell[] = ['2026-03-10T14:01:07Z', 'soon', '=NOW()', '13/13/2026', 'x'.repeat(100000), true, null, '', '  ', 12, '2026-03-10T14:01:09Z'];
    const read = column(cells);
    expect(read.times).toHaveLength(cells.length);
    expect(isoOf(read.times)).toEqual(['2026-03-10T14:01:07.000Z', ...Array(9).fill('NaN'), '2026-03-10T14:01:09.000Z']);
    expect(read.notes).toEqual(['6 values could not be read as times, such as "soon".']);
    expect(column(['x'.repeat(100000)]).notes).toEqual([`1 value could not be read as a time: "${'x'.repeat(39)}…".`]);
  });

  it('says which naive times were read as UTC, so the user can set the zone', () => {
    expect(column(['2026-03-10 14:01:07', '2026-03-10 14:01:08']).notes).toEqual(['Times without a time zone, such as "2026-03-10 14:01:07", were read as UTC.']);
  });
});

describe('finding a time column by its content', () => {
  it.each([
    ['2026-03-10T14:01:07Z', true],
    ['26/11/2026 09:05', true],
    ['03/04/2026', true],
    ['Nov 26, 2026 9:05 AM', true],
    [1773151267, true],
    ['1773151267412', true],
    [new Date(Date.UTC(2026, 2, 10)), true],
    [46091.5, false], // a bare serial number is as likely a postcode or a price
    [1005, false],
    ['12', false],
    ['frank.miller@corp.example.com', false],
    ['https://shop.example.com/spring-sale', false],
    ['Spring Newsletter 2026', false],
    ['1985-06-01', false], // a birthday, not a click
    ['', false],
    [null, false],
    [true, false],
  ])('%j looks like a time: %s', (cell, expected) => {
    expect(looksLikeTime(cell as Cell)).toBe(expected);
  });
});
