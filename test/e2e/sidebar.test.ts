/**
 * The settings sidebar as a user meets it: the real page from dist/ in headless Chromium (chromium.ts
 * says which one), with google.script.run answered by the real server functions of the built add-on,
 * loaded in node:vm over the in-memory spreadsheet. Every call the page makes is recorded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SETTINGS_SPEC } from '../../src/core';
import { asPasted, bookWith, LISTMONK_CSV, readCsv, type Addon } from '../sheets/addon';
import { DIST, type FakeBook } from '../sheets/fakeApps';
import { findChromium } from './chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--remote-debugging-port=0'];

/** Starts Chromium with a fresh profile and resolves with its DevTools WebSocket address. */
async function startChromium(profile: string): Promise<{ process: ChildProcess; endpoint: string }> {
  const binary = await findChromium();
  return new Promise((resolve, reject) => {
    const child = spawn(binary.path, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...binary.env },
      // Its own process group, so that its helper processes can be ended with it.
      detached: true,
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium (${binary.source}) did not open its DevTools port within 30 s:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, endpoint: match[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium (${binary.source}) exited (${code}) before it opened its DevTools port:\n${output}`));
    });
  });
}

/** Ends Chromium and its helpers (zygote, renderers, GPU), which outlive the main process otherwise. */
async function endGroup(chrome: ChildProcess): Promise<void> {
  const group = -(chrome.pid as number);
  const exited = chrome.exitCode === null ? new Promise((resolve) => chrome.once('exit', resolve)) : Promise.resolve();
  try {
    process.kill(group, 'SIGKILL');
  } catch {
    return; // already gone
  }
  await exited;
  for (let waited = 0; waited < 5000; waited += 100) {
    try {
      process.kill(group, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** google.script.run as Apps Script gives it to a sidebar: chained handlers, then the server call. */
function stubScriptRun(): void {
  type Handler = (value: unknown) => void;
  const server = (globalThis as unknown as { botclickServer: (name: string, argument: unknown) => Promise<unknown> }).botclickServer;
  const runner = (success?: Handler, failure?: Handler): unknown =>
    new Proxy(
      {},
      {
        get(_, name: string) {
          if (name === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure);
          if (name === 'withFailureHandler') return (handler: Handler) => runner(success, handler);
          return (argument: unknown) => {
            server(name, argument).then(
              (result) => success?.(result),
              (error: Error) => failure?.(new Error(error.message.replace(/^Error: /, ''))),
            );
          };
        },
      },
    );
  (globalThis as unknown as { google: unknown }).google = { script: { run: runner() } };
}

describe('the settings sidebar in Chromium', () => {
  let chrome: ChildProcess;
  let profile: string;
  let browser: Browser;
  let page: Page;
  let book: FakeBook;
  let addon: Addon;
  const calls: { name: string; argument: unknown }[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'botclick-chromium-'));
    const started = await startChromium(profile);
    chrome = started.process;
    browser = await chromium.connectOverCDP(started.endpoint);
  });

  afterAll(async () => {
    await browser?.close();
    if (chrome?.pid !== undefined) await endGroup(chrome);
    // Chromium's helper processes may still be writing to the profile for a moment after they end.
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  });

  beforeEach(async () => {
    ({ book, addon } = bookWith(asPasted(readCsv(LISTMONK_CSV))));
    calls.length = 0;
    const context = browser.contexts()[0] ?? (await browser.newContext());
    page = await context.newPage();
    await page.exposeFunction('botclickServer', (name: string, argument: unknown) => {
      calls.push({ name, argument });
      const serverFunction = (addon as unknown as Record<string, (argument?: unknown) => unknown>)[name];
      if (typeof serverFunction !== 'function') throw new Error(`Script function not found: ${name}`);
      // Apps Script passes plain data both ways, as JSON.
      return JSON.parse(JSON.stringify(serverFunction(argument) ?? null));
    });
    await page.addInitScript(stubScriptRun);
    await page.goto(pathToFileURL(join(DIST, 'Sidebar.html')).href);
    await page.locator('#settings').waitFor({ state: 'visible' });
  });

  afterEach(async () => {
    await page?.close();
  });

  /** Opens a collapsed group by its title, as a user clicks it. */
  async function openGroup(group: string): Promise<void> {
    await page.locator(`${group} > summary .title, ${group} > summary`).first().click();
    await page.locator(`${group}[open]`).waitFor();
  }

  /** Whether the element is wholly inside the sidebar's window. */
  async function inView(selector: string): Promise<boolean> {
    const box = await page.locator(selector).boundingBox();
    const { height } = page.viewportSize() ?? { height: 0 };
    return box !== null && box.y >= 0 && box.y + box.height <= height;
  }

  test('shows every setting of the spec, filled with the saved values, and what they flag now', async () => {
    expect(calls[0]).toEqual({ name: 'getSettingsForm', argument: undefined });
    for (const [name, spec] of Object.entries(SETTINGS_SPEC)) {
      const input = page.locator(`#rule-${name}`);
      if (spec.kind === 'switch') {
        expect(await input.isChecked()).toBe(spec.default);
        expect(await input.getAttribute('aria-label')).toBe(spec.label);
      } else {
        expect(Number(await input.inputValue())).toBe(spec.default);
        await expect(page.locator(`label[for="rule-${name}"]`).textContent()).resolves.toContain(spec.label);
      }
    }
    expect(await page.locator('#preset').inputValue()).toBe('balanced');
    expect(await page.locator('#timeZone').textContent()).toBe('Etc/UTC');
    // The column choices offer the sheet's own headers, and say which column botclick found.
    expect(await page.locator('#column-time option').allTextContents()).toContain('created_at');
    expect(await page.locator('#column-time option').first().textContent()).toBe('Found: created_at');
    expect(await page.locator('#column-recipient option').first().textContent()).toBe('Found: email');
    expect(await page.locator('#column-userAgent option').first().textContent()).toBe('Not found');
    await page.locator('#preview', { hasText: 'With these settings: 10 of 18 clicks flagged as bots' }).waitFor();
  });

  test('previews a change before it is saved, then saves it to the document properties', async () => {
    await page.locator('#preview', { hasText: 'With these settings' }).waitFor();
    await page.locator('#rule-sweep').uncheck();
    await openGroup('#group-burst');
    await page.locator('#rule-burstMaxClicks').fill('5');
    await page.locator('#rule-burstMaxClicks').dispatchEvent('change');
    await page.locator('#preview', { hasText: 'With the saved settings: 10 bots' }).waitFor();
    const previews = calls.filter((call) => call.name === 'previewSettings');
    expect(previews[previews.length - 1].argument).toMatchObject({ sweep: false, burstMaxClicks: 5 });
    expect(book.properties.size).toBe(0);

    await page.locator('#save').click();
    await page.locator('#status', { hasText: 'Saved.' }).waitFor();
    const saved = calls.filter((call) => call.name === 'saveSettings');
    expect(saved).toHaveLength(1);
    expect(saved[0].argument).toMatchObject({ preset: 'balanced', sweep: false, burstMaxClicks: 5, sendTime: '', trapLinks: '', columns: {} });
    expect(JSON.parse(book.properties.get('botclick.settings') ?? '{}')).toMatchObject({ sweep: false, burstMaxClicks: 5 });
    expect(addon.getSettingsForm().values).toMatchObject({ sweep: false, burstMaxClicks: 5 });
  });

  test('picking a preset fills in its thresholds; trap links and a column choice are saved too', async () => {
    await page.locator('#preset').selectOption('strict');
    expect(Number(await page.locator('#rule-sweepMinShare').inputValue())).toBe(0.6);
    expect(await page.locator('#rule-readerGuard').isChecked()).toBe(false);
    await openGroup('#trapGroup');
    await page.locator('#trapLinks').fill('https://shop.example.com/hidden-trap\nhttps://shop.example.com/trap-2');
    await openGroup('#columnGroup');
    await page.locator('#column-time').selectOption('created_at');
    await page.locator('#save').click();
    await page.locator('#status', { hasText: 'Saved.' }).waitFor();
    const [saved] = calls.filter((call) => call.name === 'saveSettings');
    expect(saved.argument).toMatchObject({ preset: 'strict', sweepMinShare: 0.6, readerGuard: false, columns: { time: 'created_at' } });
    expect(addon.getSettingsForm().values).toMatchObject({
      preset: 'strict',
      trapLinks: 'https://shop.example.com/hidden-trap\nhttps://shop.example.com/trap-2',
      columns: { time: 'created_at' },
    });
  });

  test('a value the core refuses is not saved, and the sidebar says why in the core\'s sentence', async () => {
    await openGroup('#group-burst');
    await page.locator('#rule-burstMaxClicks').fill('500');
    await page.locator('#rule-burstMaxClicks').dispatchEvent('change');
    await page.locator('#preview.error').waitFor();
    await page.locator('#save').click();
    await page.locator('#status.error').waitFor();
    expect(await page.locator('#status').textContent()).toBe('Not saved: Burst: most clicks allowed must be a number from 1 to 100, not "500".');
    await page.locator('#preview', { hasText: 'No preview' }).waitFor();
    expect(await page.locator('#preview').textContent()).toBe('No preview: Burst: most clicks allowed must be a number from 1 to 100, not "500".');
    expect(book.properties.size).toBe(0);
  });

  test('fits a 300 px sidebar: the preset, send time and every rule within one screen, the preview and Save always in view', async () => {
    // A laptop's sidebar: 300 px wide, about 700 px tall under the spreadsheet's menus.
    await page.setViewportSize({ width: 300, height: 700 });
    const main = await page.locator('#main').evaluate((node) => ({ content: node.scrollHeight }));
    const footer = (await page.locator('#footer').boundingBox())?.height ?? 0;
    // Was 3,233 px with every threshold open; collapsed groups keep it to about one screen.
    expect(main.content + footer).toBeLessThan(900);
    for (const selector of ['#preset', '#rule-burst', '#preview', '#save']) expect(await inView(selector)).toBe(true);

    await page.locator('#preset').selectOption('strict');
    await page.locator('#preview', { hasText: 'With the saved settings' }).waitFor();
    expect(await inView('#preview')).toBe(true);
    expect(await inView('#save')).toBe(true);

    // Opening a rule's thresholds and changing one, far down the list, keeps them in view too.
    await openGroup('#group-trap');
    await page.locator('#rule-trapWindowSeconds').fill('120');
    await page.locator('#rule-trapWindowSeconds').dispatchEvent('change');
    expect(await inView('#rule-trapWindowSeconds')).toBe(true);
    expect(await inView('#preview')).toBe(true);
    expect(await inView('#save')).toBe(true);
    if (process.env.BOTCLICK_SCREENSHOTS) await page.screenshot({ path: join(process.env.BOTCLICK_SCREENSHOTS, 'sidebar.png') });
  });
});
