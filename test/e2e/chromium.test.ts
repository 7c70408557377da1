/** A fresh machine needs no Chromium of its own; one the developer names or has installed comes first. */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium';

describe('the Chromium the browser tests drive', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'botclick-path-'));
    writeFileSync(join(bin, 'google-chrome'), '#!/bin/sh\n');
    chmodSync(join(bin, 'google-chrome'), 0o755);
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  test('CHROMIUM_PATH wins, and a wrong one is named', async () => {
    const named = join(bin, 'google-chrome');
    await expect(findChromium({ CHROMIUM_PATH: named, PATH: '' })).resolves.toMatchObject({ path: named, source: 'CHROMIUM_PATH' });
    await expect(findChromium({ CHROMIUM_PATH: '/nowhere/chrome', PATH: bin })).rejects.toThrow('CHROMIUM_PATH is /nowhere/chrome, which does not exist.');
  });

  test('a Chrome on the PATH comes next', async () => {
    await expect(findChromium({ PATH: `/nowhere:${bin}` })).resolves.toMatchObject({ path: join(bin, 'google-chrome'), source: 'google-chrome on the PATH' });
  });

  test('with none installed, the one npm brought is unpacked and used with its own libraries', async () => {
    const chromium = await findChromium({ PATH: '' });
    expect(chromium.source).toMatch(/^@sparticuz\/chromium \d+/);
    expect(existsSync(chromium.path)).toBe(true);
    expect(chromium.env.LD_LIBRARY_PATH).toContain(join('al2023', 'lib'));
    expect(existsSync(chromium.env.FONTCONFIG_FILE)).toBe(true);
  });
});
