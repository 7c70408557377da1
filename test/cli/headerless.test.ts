import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSource } from '../../src/cli/input/source';
import { BotclickError, detect, type Cell } from '../../src/core';
import { SAMPLES } from './cli';

/**
 * Each sample as the CLI reads it, with and without its header row: the rows a user selects below
 * the header in a sheet. (Sendy's links table has no recipient column even with its header.)
 */
describe('a header-less copy of every sample gives the same verdicts, or asks for the header row', () => {
  const files = readdirSync(SAMPLES).filter((file) => file !== 'README.md' && file !== 'sendy_links.csv');

  test.each(files)('%s', async (file) => {
    const source = await openSource(join(SAMPLES, file), () => undefined);
    const table: Cell[][] = [];
    for await (const { cells } of source.rows()) table.push([...cells]);
    const headed = detect(table);
    let bare: ReturnType<typeof detect>;
    try {
      bare = detect(table.slice(1));
    } catch (error) {
      // What content cannot tell (contact ids, counts) is asked for in one line.
      expect(error).toBeInstanceOf(BotclickError);
      expect((error as Error).message).toMatch(/the table has no header row .*: include the header row, or name the columns\.$/);
      return;
    }
    expect(bare.verdicts).toEqual(headed.verdicts);
  });
});
