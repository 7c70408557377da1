import { closeSync, openSync, rmSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BotclickError, detect, plural, ROLES, type ColumnPlan, type Role, type Settings, type Summary } from '../core';
import { judgeWithDuckDb } from './duckdb-engine';
import { oneWorkThread } from './duckdb-memory';
import { fileError } from './input/file-errors';
import { openSource, type Source } from './input/source';
import { openInput } from './input/streamed';
import type { FlagOptions } from './program';
import { Progress } from './progress';
import { JudgedRows } from './row-verdicts';
import { resolveFlagSettings } from './setting-flags';
import { readTable, type ReadTable } from './read-table';
import { formatSummary } from './summary-table';
import { escapeControls, jsonForTerminal } from './terminal-text';
import { WriteBehind } from './write-behind';
import { outputKind, writeOutput, type Flags, type OutputKind } from './write-output';

const ENGINES = ['core', 'duckdb'];

export interface Streams {
  stdin: Readable & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `botclick flag`: pass 1 reads the role columns of every row, the detector judges them all at
 * once, pass 2 copies the rows with the verdicts added, and the summary is printed.
 */
export async function flagFile(file: string, options: FlagOptions, streams: Streams): Promise<void> {
  const settings = resolveFlagSettings(options.settings);
  if (!ENGINES.includes(options.engine)) throw new BotclickError(`--engine must be core or duckdb, not "${options.engine}".`);
  if (options.engine === 'duckdb') oneWorkThread();
  const output = options.output;
  if (output !== undefined && output !== '-') await checkOutputPath(output, file);
  if (file === '-' && streams.stdin.isTTY) {
    throw new BotclickError('"-" reads the export from stdin, but nothing is piped in; try botclick flag - < clicks.csv.');
  }
  const input = await openInput(file, streams.stdin);
  try {
    await flagInput(input.path, options, settings, streams);
  } catch (error) {
    throw input.named(error);
  } finally {
    input.remove();
  }
}

async function flagInput(file: string, options: FlagOptions, settings: Settings, streams: Streams): Promise<void> {
  const output = options.output;
  const progress = new Progress(streams.stderr, !options.quiet);
  progress.begin('reading');
  const source = await openSource(file, progress.row);
  const kind = output === undefined ? undefined : outputKind(output, source);
  // A CSV file written to a file may have its pass 2 shared with a worker, which starts meanwhile.
  const startWriter = output !== undefined && output !== '-' && kind === 'csv' ? () => WriteBehind.start(source) : () => undefined;
  let wrote: { file: string; rows: number } | undefined;
  const write =
    output === undefined || kind === undefined
      ? undefined
      : async (flags: Flags, behind?: WriteBehind) => {
          progress.begin('writing');
          if (output === '-') await writeOutput(source, flags, kind, streams.stdout as Writable, progress.row);
          else {
            await writeFile(output, (fd) => writeOutput(source, flags, kind, fd, progress.row, behind));
            wrote = { file: output, rows: dataRows(flags) };
          }
        };
  const { summary, notes, plan } = await judge(source, settings, options, kind, progress, write, startWriter);
  progress.done();

  const summaryStream = output === '-' ? streams.stderr : streams.stdout;
  if (options.json) summaryStream.write(`${jsonForTerminal(jsonSummary(summary, columnsJson(plan), notes, wrote))}\n`);
  else summaryStream.write(formatSummary(summary, notes, settings.timeZone) + (wrote ? `\nWrote ${plural(wrote.rows, 'row')} to ${escapeControls(wrote.file)}.\n` : ''));
}

/** The rows under the header: what the user calls the export's rows. */
function dataRows(read: Pick<ReadTable, 'rows' | 'plan'>): number {
  return read.rows - (read.plan.hasHeader ? 1 : 0);
}

/** --json: the Summary, with each send time as an ISO instant (whole milliseconds) beside its epoch, and where the rows went. */
function jsonSummary(summary: Summary, columns: object, notes: string[], output: { file: string; rows: number } | undefined): object {
  const campaigns = summary.campaigns.map(({ sendTime, ...campaign }) => {
    const epoch = sendTime === null ? null : Math.round(sendTime);
    return { ...campaign, sendTime: epoch === null ? null : new Date(epoch).toISOString().replace('.000Z', 'Z'), sendTimeEpochMs: epoch };
  });
  return { ...summary, campaigns, columns, notes, ...(output && { output }) };
}

type Judged = { summary: Summary; notes: string[]; plan: ColumnPlan };

/** Pass 1, the detector and pass 2 (`write`, when there is an output). */
async function judge(
  source: Source,
  settings: Settings,
  options: FlagOptions,
  kind: OutputKind | undefined,
  progress: Progress,
  write: ((flags: Flags, behind?: WriteBehind) => Promise<void>) | undefined,
  startWriter: () => WriteBehind | undefined,
): Promise<Judged> {
  progress.begin('reading');
  if (options.engine === 'duckdb') {
    // Its verdicts stream back in row order as the output is written, on this thread, so it calls `write` itself.
    const judged = await judgeWithDuckDb(source, settings, { memoryLimit: options.memoryLimit }, progress.row, write);
    return { summary: judged.summary, plan: judged.read.plan, notes: [...readingNotes(source, { ...judged.read, firstWidth: judged.read.width }, kind), ...judged.notes] };
  }
  const { writer, flags, ...judged } = await detectAll(source, settings, kind, progress, startWriter);
  try {
    await write?.(flags, writer);
  } finally {
    await writer?.stop();
  }
  return judged;
}

/**
 * The default engine's pass 1 and detector. Only the verdicts and the row layout leave this
 * function, so that the table of role columns can be freed before pass 2; and the worker for pass
 * 2, if any, started (by `startWriter`) once pass 1 no longer needs the second core.
 */
async function detectAll(source: Source, settings: Settings, kind: OutputKind | undefined, progress: Progress, startWriter: () => WriteBehind | undefined): Promise<Judged & { flags: Flags; writer?: WriteBehind }> {
  const { table, ...read } = await readTable(source, settings, progress.row);
  progress.begin(`judging ${plural(dataRows(read), 'row')}`);
  const writer = startWriter();
  try {
    const detection = detect(table, settings, { plan: read.plan });
    return {
      flags: { ...read, verdicts: new JudgedRows(detection.verdicts, detection.reasons) },
      summary: detection.summary,
      notes: [...readingNotes(source, read, kind), ...detection.notes],
      plan: read.plan,
      writer,
    };
  } catch (error) {
    await writer?.stop();
    throw error;
  }
}

/** Fails before the long read rather than after it: the output must not be the input, and its folder must exist. */
async function checkOutputPath(output: string, input: string): Promise<void> {
  if (resolve(output) === resolve(input)) {
    throw new BotclickError(`-o "${output}" would overwrite the export itself; write the flagged rows to another file.`);
  }
  const folder = dirname(resolve(output));
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) throw new BotclickError(`cannot write "${output}": the folder "${dirname(output)}" does not exist.`);
}

/** Writes to a temporary file beside the output and renames it at the end, so a failed run leaves no half file. */
async function writeFile(output: string, write: (fd: number) => Promise<void>): Promise<void> {
  const temporary = `${output}.botclick-${process.pid}.tmp`;
  // Ctrl-C in the middle of a long write should not leave the temporary file behind either.
  const interrupted = () => {
    rmSync(temporary, { force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    await write(fd);
    closeSync(fd);
    fd = undefined;
    await rename(temporary, output);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    await unlink(temporary).catch(() => undefined);
    throw fileError(error, output);
  } finally {
    process.removeListener('SIGINT', interrupted);
  }
}

/** What the user should know about how the file itself was read. */
function readingNotes(source: Source, read: Omit<ReadTable, 'table'>, kind: OutputKind | undefined): string[] {
  const notes = [`Columns used: ${columnsUsed(read.plan)}.`, ...source.notes];
  const { format } = source;
  if (format.encoding === 'windows-1252') notes.push('The file is not UTF-8, so it was read as Windows-1252 text; the output is UTF-8.');
  if (format.encoding.startsWith('utf-16')) notes.push('The file was read as UTF-16 text; the output is UTF-8.');
  if (!read.plan.hasHeader && kind === 'csv') notes.push(`The file has no header row, so the output starts with one (${read.plan.header.slice(0, 3).join(', ')}, …).`);
  if (read.plan.hasHeader && read.width > read.firstWidth) {
    notes.push('Some rows have more cells than the header; the added columns start after the longest row so that they line up.');
  }
  return notes;
}

/** The columns used, for `--json`: each role's column name and how it was found, as the notes say. */
function columnsJson(plan: ColumnPlan): Partial<Record<Role, { column: string; found: 'header' | 'content' | 'named' }>> {
  const columns: Partial<Record<Role, { column: string; found: 'header' | 'content' | 'named' }>> = {};
  for (const role of ROLES) {
    const index = plan.roles[role];
    if (index !== undefined) columns[role] = { column: plan.header[index] ?? '', found: plan.how[role] ?? 'header' };
  }
  return columns;
}

function columnsUsed(plan: ColumnPlan): string {
  const how = { header: '', content: ' (by its content)', named: ' (named by you)' };
  return ROLES.filter((role) => plan.roles[role] !== undefined)
    .map((role) => `${role} = ${plan.header[plan.roles[role] as number] || '(blank)'}${how[plan.how[role] ?? 'header']}`)
    .join(', ');
}
