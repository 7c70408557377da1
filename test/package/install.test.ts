/**
 * botclick as a user installs it: the `npm pack` tarball, installed into an empty project, brings only
 * the runtime dependencies, and `npx botclick` works there.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

    const installed = JSON.parse(npm(['ls', '--all', '--json'], project)) as { dependencies: Record<string, { dependencies?: object }> };
    expect(installed.dependencies.botclick.dependencies && Object.keys(installed.dependencies.botclick.dependencies).sort()).toEqual(Object.keys(manifest.dependencies).sort());

    const help = npm(['exec', '--', 'botclick', '--help'], project);
    expect(help).toContain('flag [options] <file>');
    copyFileSync(join(ROOT, 'examples', 'newsletter-clicks.csv'), join(project, 'clicks.csv'));
    const summary = npm(['exec', '--', 'botclick', 'flag', 'clicks.csv'], project);
    expect(summary.split('\n').slice(0, 2)).toEqual(['3,350 clicks: 3,049 bot, 301 human, 0 unknown (91.0% removed).', '142 of 329 clickers are real people.']);
  }, 120_000);
});
