/**
 * A large export is read on two cores: a worker reads the second half while the main thread reads
 * the first. The table the detector gets must be the one a single thread reads, cell for cell and
 * record for record, also when the middle of the file falls inside a quoted field that runs over
 * several lines (the main thread then reads on alone).
 */
import { readFileSync } from 'node:fs';
import { ROLES } from '../../src/core';
import { openSource } from '../../src/cli/input/source';
import { enableWorkers, splitPoint } from '../../src/cli/read-ahead';
import { readTable, type ReadTable } from '../../src/cli/read-table';
import { BIN, botclick, cliFolder, oneLine } from './cli';

const { write, at } = cliFolder();

afterEach(() => enableWorkers(undefined));

/** A click export of about 17 MB, past the size from which a worker reads ahead. */
function bigExport(noteAt: (row: number) => string): string {
  const lines = ['Email,Clicked at,URL,Campaign,Delivered at,Note'];
  for (let row = 0; lines.length < 200_000; row++) {
    const minute = String(row % 60).padStart(2, '0');
    // Delivery times repeat per recipient, and a few are junk: both halves read them as the whole column would.
    const delivered = row % 4999 === 3 ? 'pending' : `03/10/2026 14:${String((row % 5000) % 60).padStart(2, '0')}`;
    lines.push(`reader${row % 5000}@example${row % 40}.com,2026-03-10T14:${minute}:${String(row % 57).padStart(2, '0')}Z,https://example.com/l${row % 9}?utm=${row % 3},"Issue ${row % 4}",${delivered},${noteAt(row)}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** Every role's cells row by row (the times as read), and where each record ends: what the detector and pass 2 see. */
function seen(read: ReadTable): object {
  const cells: Record<string, unknown> = {};
  for (const role of ROLES) {
    const column = read.table.columns[role];
    if (!column) continue;
    if ('read' in column) cells[role] = column.read;
    else cells[role] = 'cells' in column ? [...column.cells] : Array.from(column.ids, (id) => (id < 0 ? null : column.names[id]));
  }
  const spans = read.spans!;
  return { cells, blank: [...read.table.blank], ends: [...spans.ends.subarray(0, spans.count)], lineBreaks: [...spans.lineBreaks.subarray(0, spans.count)], rows: read.rows, width: read.width, firstWidth: read.firstWidth };
}

async function readWith(path: string, worker: boolean): Promise<{ read: ReadTable; at: number | undefined }> {
  enableWorkers(worker ? BIN : undefined);
  const source = await openSource(path, () => undefined);
  return { read: await readTable(source, { columns: {}, timeZone: '' }, () => undefined), at: splitPoint(source) };
}

describe('a large CSV export read on two cores', () => {
  it('gives the detector the same table as one thread, ragged rows and blank rows included', async () => {
    const text = bigExport((row) => (row % 1000 === 7 ? 'extra,cells' : ''));
    const path = write('two-halves.csv', text.replace(/\r\n(?=reader1234@)/g, '\r\n\r\n'));
    const [alone, together] = [await readWith(path, false), await readWith(path, true)];
    expect(alone.at).toBeUndefined();
    // The cut is just after a line break near the middle, where a record starts.
    expect(together.at).toBeGreaterThan(readFileSync(path).length / 2 - 1);
    expect(readFileSync(path).subarray(together.at! - 2, together.at!).toString()).toBe('\r\n');
    expect(seen(together.read)).toEqual(seen(alone.read));
    expect(together.read.table.size).toBe(199_999 + 40);
  });

  it('reads on alone when the middle falls inside a quoted field of several lines', async () => {
    // Notes of many short lines: the first line break after the middle is one of theirs, text and not a record's end.
    const text = bigExport((row) => `"${Array.from({ length: 9 }, (_, line) => `${line}${row % 10}`).join('\n')}"`);
    const path = write('quoted-middle.csv', text);
    const at = (await readWith(path, true)).at!;
    const before = text.slice(0, at);
    // The cut is inside a quoted field: an odd number of quotes lies before it.
    expect((before.match(/"/g) ?? []).length % 2).toBe(1);
    const [alone, together] = [await readWith(path, false), await readWith(path, true)];
    expect(seen(together.read)).toEqual(seen(alone.read));
    expect(together.read.rows).toBe(200_000);
    expect(together.read.table.size).toBe(199_999);
  });

  it('reports a broken record in the second half with its line, as one thread does', () => {
    const lines = bigExport(() => '').split('\r\n');
    lines[150_000] += ','.repeat(25_000);
    const path = write('wide-row-late.csv', lines.join('\r\n'));
    const run = botclick(['flag', path, '-q']);
    expect(run.status).toBe(1);
    expect(oneLine(run)).toContain('the record on line 150,001 has more than 20,000 cells');
  });
});

describe('a large CSV export written on two cores', () => {
  it('writes the same bytes as one thread: ragged rows padded, the last record without its line break', () => {
    // Rows with extra cells make the others padded; the file ends without a line break, in the worker's half.
    const text = bigExport((row) => (row % 1000 === 7 ? 'extra,cells' : row % 3 === 0 ? '"a ""quoted"", note"' : '')).replace(/\r\n$/, '');
    const path = write('write-halves.csv', text);
    // Written to stdout, pass 2 runs on the main thread alone; written to a file, a worker writes the second half.
    const alone = botclick(['flag', path, '-o', '-', '-q']);
    const together = botclick(['flag', path, '-o', at('write-halves.out.csv'), '-q']);
    expect([alone.status, together.status]).toEqual([0, 0]);
    const written = readFileSync(at('write-halves.out.csv'), 'utf8');
    expect(written.length).toBeGreaterThan(text.length);
    expect(written.endsWith('\r\n')).toBe(true);
    expect(written).toBe(alone.stdout);
  });
});
