import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ENTRY_POINTS from '../../src/sheets/entryPoints.json';
import { DIST } from './fakeApps';

const ROOT = join(__dirname, '..', '..');
const code = () => readFileSync(join(DIST, 'Code.js'), 'utf8');

/** Runs the add-on build on a changed copy of the entry file, in a scratch folder. */
function buildWith(entry: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'botclick-build-'));
  mkdirSync(join(dir, 'src', 'sheets'), { recursive: true });
  writeFileSync(join(dir, 'src', 'sheets', 'main.ts'), entry);
  writeFileSync(join(dir, 'src', 'sheets', 'entryPoints.json'), JSON.stringify(ENTRY_POINTS));
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-addon.mjs')], { cwd: dir, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  return { status: run.status, stderr: run.stderr };
}

describe('the Apps Script build (dist/)', () => {
  const entry = readFileSync(join(ROOT, 'src', 'sheets', 'main.ts'), 'utf8');

  test('Code.js starts with a top-level declaration, with its JSDoc, for every entry point', () => {
    const text = code();
    const { triggers, menu, customFunctions, sidebarCalls } = ENTRY_POINTS;
    for (const name of [...triggers, ...menu.map((item) => item.handler), ...customFunctions, ...sidebarCalls]) {
      expect(text).toMatch(new RegExp(`\\*/\\nfunction ${name}\\(\\) \\{\\n\\}`));
    }
    const botclickDoc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nfunction BOTCLICK\(\)/.exec(text)?.[1] ?? '';
    expect(botclickDoc).toContain('@customfunction');
    expect(botclickDoc).toMatch(/@param \{[^}]+\} data /);
    expect(botclickDoc).toMatch(/@param \{[^}]+\} max_clicks /);
    expect(botclickDoc).toMatch(/@param \{[^}]+\} window_seconds /);
  });

  test('Code.js is one classic script: no import or export, nothing that reaches the network', () => {
    const text = code();
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    for (const service of ['UrlFetchApp', 'GmailApp', 'MailApp', 'DriveApp', 'XMLHttpRequest', 'fetch(']) expect(text).not.toContain(service);
  });

  test('the sidebar loads nothing from the network', () => {
    const page = readFileSync(join(DIST, 'Sidebar.html'), 'utf8');
    expect(page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  });

  test('the manifest asks for V8 and the two narrow scopes only, with no other service', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual(['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui']);
    expect(manifest.dependencies?.enabledAdvancedServices ?? []).toEqual([]);
    expect(manifest.timeZone).toBeTruthy();
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  test('clasp pushes dist/: the example project file says so', () => {
    expect(JSON.parse(readFileSync(join(ROOT, '.clasp.json.example'), 'utf8')).rootDir).toBe('dist');
  });

  test('fails, saying why, when BOTCLICK loses its @customfunction JSDoc', () => {
    const result = buildWith(entry.replace(/ \* @customfunction\n \*\/\nglobal\.BOTCLICK = /, ' */\nglobal.BOTCLICK = '));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('build-addon: BOTCLICK has no @customfunction JSDoc in src/sheets/main.ts, so Sheets would not offer it in formulas.');
  });

  test('fails, saying why, when an entry point is not declared', () => {
    const result = buildWith(entry.replace(/global\.saveSettings = saveSettings;/, ''));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('build-addon: src/sheets/main.ts declares no global saveSettings: add `global.saveSettings = …` with its JSDoc.');
  });
});
