import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BotclickError } from '../../core';
import { fileError } from './file-errors';

/** The file botclick reads, and how messages name it. */
export interface Input {
  path: string;
  /** A message about the copy names what the user gave instead. */
  named(error: unknown): unknown;
  /** Removes the copy, if one was made. */
  remove(): void;
}

/**
 * Input that can only be read once — stdin (`-`), `/dev/stdin` on a pipe, `<(…)` — is copied to a
 * temporary file first: the passes read the file more than once, and a copy on disk keeps memory
 * as small as for any file.
 */
export async function openInput(file: string, stdin: Readable): Promise<Input> {
  const plain: Input = { path: file, named: (error) => error, remove: () => undefined };
  if (file !== '-' && !(await isStream(file))) return plain;
  const folder = mkdtempSync(join(tmpdir(), 'botclick-stdin-'));
  const path = join(folder, 'input');
  const remove = () => rmSync(folder, { recursive: true, force: true });
  // An interrupted run (Ctrl-C ends with process.exit) must not leave the copy behind either.
  process.once('exit', remove);
  const name = file === '-' ? 'stdin' : file;
  try {
    await pipeline(file === '-' ? stdin : createReadStream(file), createWriteStream(path));
  } catch (error) {
    remove();
    throw fileError(error, name);
  }
  return {
    path,
    named: (error) => (error instanceof BotclickError ? new BotclickError(error.message.split(`"${path}"`).join(`"${name}"`)) : error),
    remove() {
      remove();
      process.removeListener('exit', remove);
    },
  };
}

/** A pipe, socket or terminal rather than a file: readable once, from the start only. */
async function isStream(file: string): Promise<boolean> {
  const found = await stat(file).catch(() => undefined);
  return found !== undefined && (found.isFIFO() || found.isSocket() || found.isCharacterDevice());
}
