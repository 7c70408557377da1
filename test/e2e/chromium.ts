/**
 * Which Chromium the browser tests drive: CHROMIUM_PATH, else a Chromium or Chrome on the PATH, else
 * the one npm brought with the dev dependencies (@sparticuz/chromium ships it brotli-packed in its
 * tarball), so `npm install && npm test` is all a fresh Linux x64 machine needs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export interface Chromium {
  path: string;
  /** Extra environment the binary needs (the bundled one: its own NSS libraries and fonts). */
  env: Record<string, string>;
  source: string;
}

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<Chromium> {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist.`);
    return { path: env.CHROMIUM_PATH, env: {}, source: 'CHROMIUM_PATH' };
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) {
      if (existsSync(join(dir, name))) return { path: join(dir, name), env: {}, source: `${name} on the PATH` };
    }
  }
  return bundledChromium();
}

/**
 * Unpacks @sparticuz/chromium once into node_modules/.cache (it unpacks into os.tmpdir(), so it runs
 * in a child process with TMPDIR pointing at a staging folder that is renamed into place when
 * complete: parallel test runs never see half a binary).
 */
async function bundledChromium(): Promise<Chromium> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('No Chromium found: set CHROMIUM_PATH, or put chromium or google-chrome on the PATH (the bundled one is for Linux x64 only).');
  }
  let version: string;
  try {
    version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    throw new Error('No Chromium found and @sparticuz/chromium is not installed: run `npm install`, or set CHROMIUM_PATH.');
  }
  const dir = join(ROOT, 'node_modules', '.cache', 'botclick-chromium', version);
  if (!existsSync(join(dir, 'chromium'))) {
    const staging = `${dir}.${process.pid}.tmp`;
    mkdirSync(staging, { recursive: true });
    const unpack = [
      "import chromium, { inflate } from '@sparticuz/chromium';",
      "await chromium.executablePath();",
      "await inflate(new URL('../bin/al2023.tar.br', import.meta.resolve('@sparticuz/chromium')).pathname);",
    ].join('\n');
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', unpack], { cwd: ROOT, env: { ...process.env, TMPDIR: staging } });
    // The package's fonts.conf names /tmp/fonts; ours names the unpacked fonts and the system's.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(dir, 'chromium'))) throw error;
    }
  }
  const libraries = [join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
  return { path: join(dir, 'chromium'), env: { LD_LIBRARY_PATH: libraries, FONTCONFIG_FILE: join(dir, 'fonts.conf') }, source: `@sparticuz/chromium ${version}` };
}
