/** What botclick says around the summary: its help for switches, where the rows went, and JSON a program can read. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_SPEC } from '../../src/core';
import { botclick, buildCli, ROOT, tempDir } from './cli';

const EXAMPLE = join(ROOT, 'examples', 'newsletter-clicks.csv');

beforeAll(() => buildCli());

test('--no-burst says that it turns the burst rule off, and what the rule does when on', () => {
  const help = botclick(['flag', '--help']).stdout.replace(/\s+/g, ' ');
  expect(help).toContain('--no-burst Turn off "Burst rule" (on by default; --burst turns it on again). When on: flag more than N clicks');
  for (const [name, spec] of Object.entries(SETTINGS_SPEC)) {
    if (spec.kind !== 'switch') continue;
    const flag = `--no-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    expect(help).toContain(`${flag} Turn off "${spec.label}"`);
  }
});

test('-o says how many rows went where; --json keeps that in the JSON, with send times as ISO instants', () => {
  const dir = tempDir();
  const out = join(dir, 'flagged.csv');
  const text = botclick(['flag', EXAMPLE, '-o', out, '--quiet']);
  expect(text.status).toBe(0);
  expect(text.stdout.trimEnd().split('\n').pop()).toBe(`Wrote 3,350 rows to ${out}.`);
  expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(3351);

  const json = botclick(['flag', EXAMPLE, '-o', out, '--json', '--quiet']);
  expect(json.stderr).toBe('');
  const summary = JSON.parse(json.stdout);
  expect(summary.output).toEqual({ file: out, rows: 3350 });
  expect(summary.campaigns.map((c: { sendTime: string; sendTimeEpochMs: number }) => [c.sendTime, c.sendTimeEpochMs])).toEqual([
    ['2026-03-02T12:22:02Z', Date.UTC(2026, 2, 2, 12, 22, 2)],
    ['2026-03-09T09:57:07Z', Date.UTC(2026, 2, 9, 9, 57, 7)],
  ]);
});
