import { bookWith, asPasted, syntheticClicks } from './addon';
import type { FakeBook } from './fakeApps';
import type { Addon } from './addon';

/** The service calls one command makes, by "Service.method", on a fresh sheet of `clicks` rows. */
function callsFor(clicks: number, command: (addon: Addon, book: FakeBook) => void): [string, number][] {
  const { book, addon } = bookWith(asPasted(syntheticClicks(clicks)));
  command(addon, book);
  expect(book.alerts).toEqual([]);
  return book.log.sorted();
}

describe('Spreadsheet service calls do not grow with the number of rows', () => {
  // A first run, a re-run, the summary, Clear flags and the custom function, each at 10 and 100,000 rows.
  const commands: [string, (addon: Addon, book: FakeBook) => void][] = [
    ['Flag bot clicks', (addon) => addon.flagBotClicks()],
    [
      'Flag bot clicks again',
      (addon, book) => {
        addon.flagBotClicks();
        book.log.reset();
        addon.flagBotClicks();
      },
    ],
    ['Build clean summary', (addon) => addon.buildCleanSummary()],
    [
      'Clear flags',
      (addon, book) => {
        addon.flagBotClicks();
        book.log.reset();
        addon.clearFlags();
      },
    ],
    ['=BOTCLICK()', (addon, book) => void addon.BOTCLICK(book.active.values())],
  ];

  test.each(commands)('%s makes the same calls for 10 rows as for 100,000', (_, command) => {
    const small = callsFor(10, command);
    const large = callsFor(100_000, command);
    expect(large).toEqual(small);
    expect(small.length).toBeGreaterThan(0);
  });

  test('flagging reads the data once and writes the flags with one call', () => {
    const calls = new Map(callsFor(100_000, (addon) => addon.flagBotClicks()));
    expect(calls.get('Range.getValues')).toBe(2); // the header row, then every data row at once
    expect(calls.get('Range.getFormulas')).toBe(1);
    expect(calls.get('Range.setValues')).toBe(2); // the three new headers, then every flag at once
  });
});
