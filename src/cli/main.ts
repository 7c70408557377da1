import { CommanderError } from 'commander';
import { BotclickError } from '../core';
import { flagFile } from './flag';
import { buildProgram } from './program';
import { enableWorkers, isReadAheadWorker, runReadAhead } from './read-ahead';
import { printSql } from './sql';
import { isWriteBehindWorker, runWriteBehind } from './write-behind';
import { escapeControls } from './terminal-text';

/** Exit statuses: 0 done, 1 bad input, 2 bad command line, 3 a bug of ours. */
const EXIT = { ok: 0, badInput: 1, usage: 2, unexpected: 3 } as const;

async function main(): Promise<number> {
  // Output piped into `head` closes early; that is not an error worth a message.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });
  const program = buildProgram({
    flag: (file, options) => flagFile(file, options, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }),
    sql: async (options) => printSql(options, process.stdout),
  });
  try {
    await program.parseAsync(process.argv);
    return EXIT.ok;
  } catch (error) {
    return report(error);
  }
}

/** One line on stderr, never a stack trace (unless BOTCLICK_DEBUG is set). */
function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander has said why
  if (error instanceof BotclickError) {
    process.stderr.write(`botclick: ${escapeControls(error.message)}\n`);
    return EXIT.badInput;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `botclick: unexpected error (${escapeControls(detail.replace(/\s+/g, ' ').slice(0, 300))}); this is a bug, please report it with the command you ran (BOTCLICK_DEBUG=1 shows details).\n`,
  );
  if (process.env.BOTCLICK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.unexpected;
}

if (isReadAheadWorker()) void runReadAhead();
else if (isWriteBehindWorker()) void runWriteBehind();
else {
  enableWorkers(__filename);
  void main().then((code) => {
    process.exitCode = code;
  });
}
