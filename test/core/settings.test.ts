import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BotclickError, PRESET_VALUES, resolveSettings, SETTINGS_SPEC } from '../../src/core';

describe('settings, as the CLI, the sidebar and =BOTCLICK() hand them over', () => {
  test('with nothing given, the balanced preset and the documented defaults apply', () => {
    const settings = resolveSettings({});
    expect(settings.preset).toBe('balanced');
    expect(settings.burstMaxClicks).toBe(3);
    expect(settings.burstWindowSeconds).toBe(60);
    expect(settings.timeZone).toBe('');
    expect(settings.trapLinks).toEqual([]);
  });

  test('a preset changes its values, and a value the user sets wins over the preset', () => {
    const strict = resolveSettings({ preset: 'strict' });
    expect(strict.readerGuard).toBe(false);
    expect(strict.sweepMinShare).toBe(PRESET_VALUES.strict.sweepMinShare);
    const mine = resolveSettings({ preset: 'cautious', burstMaxClicks: '5' });
    expect(mine.burstMaxClicks).toBe(5);
    expect(mine.sweepMinShare).toBe(PRESET_VALUES.cautious.sweepMinShare);
  });

  test('text from a form or a command line is read: numbers, on/off, lists of trap links, named columns', () => {
    const settings = resolveSettings({
      burstWindowSeconds: ' 90 ',
      wave: 'off',
      trapLinks: 'https://example.com/trap-1\nhttps://example.com/trap-2, https://example.com/trap-3',
      columns: { time: 'Clicked at', recipient: 'B' },
      timeZone: 'Europe/Berlin',
    });
    expect(settings.burstWindowSeconds).toBe(90);
    expect(settings.wave).toBe(false);
    expect(settings.trapLinks).toHaveLength(3);
    expect(settings.columns).toEqual({ time: 'Clicked at', recipient: 'B' });
    expect(settings.timeZone).toBe('Europe/Berlin');
  });

  test.each([
    [{ burstMaxClicks: 'many' }, /^Burst: most clicks allowed must be a number from 1 to 100, not "many"\.$/],
    [{ sweepMinShare: 2 }, /^Sweep: share of links must be a number from 0\.1 to 1, not "2"\.$/],
    [{ wave: 'maybe' }, /^Wave rule must be on or off, not "maybe"\.$/],
    [{ preset: 'paranoid' }, /^preset must be one of cautious, balanced, strict, not "paranoid"\.$/],
    [{ timeZone: 'Mars/Olympus' }, /^"Mars\/Olympus" is not a time zone/],
    [{ columns: { when: 'Date' } }, /^"when" is not a column role/],
  ])('a bad value gets one sentence: %j', (input, message) => {
    expect(() => resolveSettings(input)).toThrow(BotclickError);
    expect(() => resolveSettings(input)).toThrow(message);
  });

  test('docs/rules.md documents every setting', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    const missing = Object.keys(SETTINGS_SPEC).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});
