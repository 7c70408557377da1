import { BotclickError } from '../../core';

const PROBLEMS: Record<string, string> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a folder, not a file',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: permission denied',
  ENOSPC: 'cannot be written: the disk is full',
  EROFS: 'cannot be written: the disk is read-only',
  ENOTDIR: 'has a path through something that is not a folder',
};

/** A file-system error as a one-line message about the file, or the error itself when it is not one. */
export function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const problem = code ? PROBLEMS[code] : undefined;
  return problem ? new BotclickError(`"${path}" ${problem}.`) : error;
}
