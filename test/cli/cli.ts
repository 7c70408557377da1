/** Runs the built `botclick` the way a user does: a separate node process, exit code, stdout, stderr. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'build/botclick.cjs');
export const SAMPLES = join(ROOT, 'test/fixtures/samples');

/** Builds build/botclick.cjs from the current sources (the build renames into place, so parallel test files are safe). */
export function buildCli(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export function botclick(args: string[], cwd = ROOT, input?: string | Buffer): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'botclick-cli-'));
}

/**
 * For a test file that writes its own inputs: builds the CLI once before its tests and gives it a
 * folder of its own. `write` puts an input there and returns its path, `at` names a file there,
 * `folder` is the folder itself.
 */
export function cliFolder() {
  let dir = '';
  beforeAll(() => {
    buildCli();
    dir = tempDir();
  });
  return {
    write: (name: string, content: string | Buffer): string => writeInto(dir, name, content),
    at: (name: string): string => join(dir, name),
    folder: (): string => dir,
  };
}

/** Writes a test's input file into its folder and returns the file's path. */
export function writeInto(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** CSV text (or a file) as rows of cells, read the way a spreadsheet would. */
export function csvRows(text: string, delimiter = ','): string[][] {
  // Any line break ends a row, as in a spreadsheet: botclick keeps each record's own.
  return parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
}

export function csvFile(path: string, delimiter = ','): string[][] {
  return csvRows(readFileSync(path, 'utf8'), delimiter);
}

/** A failure message: exactly one line on stderr, with no stack trace. */
export function oneLine(run: Run): string {
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  return lines[0];
}
