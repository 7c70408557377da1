// Bundles a TypeScript entry (and what it imports) into .bench-tmp/ with esbuild, so that plain
// `node` can run the generator and the core without a TypeScript runtime.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TMP = join(ROOT, '.bench-tmp');

/**
 * Bundles `entry` (a path from the project root) to .bench-tmp/<name>.cjs and returns that file's
 * path; `define` replaces globals, such as the `__dirname` a test helper finds its files by.
 */
export async function bundle(entry, define = {}) {
  mkdirSync(TMP, { recursive: true });
  const outfile = join(TMP, `${basename(entry).replace(/\.ts$/, '')}.cjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    define,
  });
  return outfile;
}

/** Bundles `entry` and imports it. */
export async function importTs(entry) {
  const file = await bundle(entry);
  return import(pathToFileURL(file).href);
}
