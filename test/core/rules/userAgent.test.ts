import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineAgent } from '../../../src/core/agents';
import { at, ruleFindings, STORIES } from './oneRule';

/** Scanner and link-fetcher user agents are certain; real browsers and mail apps' in-app views are not touched. */
const list = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'agents', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));

test.each(list('scanners.txt'))('a scanner or fetcher is found by its agent: %s', (agent) => {
  expect(machineAgent(agent)).not.toBe('');
});

test.each(list('browsers.txt'))("a person's browser or mail app is not: %s", (agent) => {
  expect(machineAgent(agent)).toBe('');
});

const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'User agent'];
const CHROME = list('browsers.txt')[0];

test('the rule: a scanner agent is certain and names the scanner; a browser is nothing; a blank agent among filled ones is a hint', () => {
  const table = [
    HEADER,
    ['kim@example.com', 'Spring', STORIES[0], at(60), 'python-requests/2.31.0'],
    ['lee@example.com', 'Spring', STORIES[0], at(70), CHROME],
    ['mia@example.com', 'Spring', STORIES[0], at(80), CHROME],
    ['ned@example.com', 'Spring', STORIES[0], at(90), ''],
  ];
  expect(ruleFindings('userAgent', table)).toEqual([{ weight: 1, reason: 'scanner user agent (python-requests)' }, null, null, { weight: 0.4, reason: 'no user agent' }]);
});

test('a mostly empty agent column says nothing about its empty rows', () => {
  const table = [HEADER, ['kim@example.com', 'Spring', STORIES[0], at(60), CHROME], ['lee@example.com', 'Spring', STORIES[0], at(70), ''], ['mia@example.com', 'Spring', STORIES[0], at(80), '']];
  expect(ruleFindings('userAgent', table)).toEqual([null, null, null]);
});
