/**
 * botclick as a user installs it: the `npm pack` tarball, installed into an empty project, brings only
 * the runtime dependencies, and `npx botclick` works there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, ROOT } from '../cli/cli';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; private?: boolean };

describe('the installable package', () => {
  let work: string;
  let packed: { filename: string; size: number; files: { path: string }[] };
  const npm = (args: string[], cwd: string): string => execFileSync(NPM, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    buildCli();
    work = mkdtempSync(join(tmpdir(), 'botclick-package-'));
    // The build above is what ships; packing does not rebuild it.
    [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('is not private and ships the built CLI, README and licence: no sources, tests or fixtures', () => {
    expect(manifest.private).toBeUndefined();
    expect(packed.files.map((file) => file.path).sort()).toEqual(['LICENSE', 'README.md', 'build/botclick.cjs', 'package.json']);
    expect(packed.size).toBeLessThan(200_000);
  });

  test('installs into an empty project with its runtime dependencies only, where npx botclick works', () => {
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "a-marketing-team", "private": true }\n');
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);

    const installed = JSON.parse(npm(['ls', '--all', '--json'], project)) as { dependencies: Record<string, { dependencies?: Record<string, object> }> };
    // npm ls names the optional DuckDB peer with an empty entry when it is not installed.
    const present = Object.entries(installed.dependencies.botclick.dependencies ?? {}).filter(([, entry]) => Object.keys(entry).length > 0);
    expect(present.map(([name]) => name).sort()).toEqual(Object.keys(manifest.dependencies).sort());
    expect(existsSync(join(project, 'node_modules', '@duckdb'))).toBe(false);

    const help = npm(['exec', '--', 'botclick', '--help'], project);
    expect(help).toContain('flag [options] <file>');
    copyFileSync(join(ROOT, 'examples', 'newsletter-clicks.csv'), join(project, 'clicks.csv'));
    const summary = npm(['exec', '--', 'botclick', 'flag', 'clicks.csv'], project);
    expect(summary.split('\n').slice(0, 2)).toEqual(['3,350 clicks: 3,045 bot, 305 human, 0 unknown (90.9% removed).', '142 of 329 clickers are real people.']);

    // DuckDB stays opt-in: without it, its engine says how to get it in one line.
    const duckdb = spawnSync(NPM, ['exec', '--', 'botclick', 'flag', 'clicks.csv', '--engine', 'duckdb'], { cwd: project, encoding: 'utf8' });
    expect(duckdb.status).toBe(1);
    expect(duckdb.stderr.trim()).toBe('botclick: --engine duckdb needs DuckDB, which is not installed: run npm i @duckdb/node-api, or leave out --engine.');
  }, 120_000);
});
