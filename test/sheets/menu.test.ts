import { bookWith, LISTMONK_CSV, asPasted, readCsv } from './addon';

describe('the add-on menu', () => {
  test('loading the script calls no service: Apps Script runs the global scope before every call', () => {
    const { book } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    expect(book.log.total).toBe(0);
  });

  test('onOpen builds the botclick menu and does nothing else, so it works in AuthMode.NONE', () => {
    const { book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.onOpen({ authMode: 'NONE' });
    expect(book.menus).toHaveLength(1);
    expect(book.menus[0].items.map(([label]) => label)).toEqual(['Flag bot clicks', 'Build clean summary', 'Clear flags', 'Settings…', 'Help']);
    // Only the Ui service is touched: no spreadsheet, properties or lock before authorisation.
    expect([...book.log.counts.keys()].sort()).toEqual(['Menu.addItem', 'Menu.addToUi', 'SpreadsheetApp.getUi', 'Ui.createAddonMenu']);
  });

  test('every menu item calls a function the script declares at top level', () => {
    const { book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.onOpen();
    for (const [, handler] of book.menus[0].items) {
      expect(typeof (addon as unknown as Record<string, unknown>)[handler]).toBe('function');
    }
  });

  test('onInstall builds the same menu, for an add-on installed into an open file', () => {
    const { book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.onInstall({ authMode: 'FULL' });
    expect(book.menus).toHaveLength(1);
    expect(book.menus[0].items).toHaveLength(5);
  });

  test('Help explains every menu item and BOTCLICK in one alert', () => {
    const { book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.showHelp();
    expect(book.alerts).toHaveLength(1);
    const help = book.alerts[0].prompt;
    for (const item of ['Flag bot clicks', 'Build clean summary', 'Clear flags', 'Settings…', '=BOTCLICK(', 'never leaves']) {
      expect(help).toContain(item);
    }
  });

  test('Settings… opens the sidebar page from dist/', () => {
    const { book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV)));
    addon.showSettings();
    expect(book.alerts).toEqual([]);
    expect(book.sidebars).toHaveLength(1);
    expect(book.sidebars[0].title).toBe('botclick settings');
    expect(book.sidebars[0].content).toContain('getSettingsForm');
  });
});
