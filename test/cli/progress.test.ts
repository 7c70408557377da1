/** Progress shows on stderr only in long runs, once a second, and clears its line on a terminal. */
import { Progress } from '../../src/cli/progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WritableStream & { isTTY: boolean; written: string[] };
}

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

function rows(progress: Progress, count: number) {
  for (let i = 0; i < count; i++) progress.row();
}

test('a run of under a second prints nothing', () => {
  const err = stream(false);
  const progress = new Progress(err, true);
  progress.begin('reading');
  rows(progress, 500_000);
  jest.setSystemTime(900);
  rows(progress, 500_000);
  progress.done();
  expect(err.written).toEqual([]);
});

test('a long run reports rows read about once a second, as lines in a log', () => {
  const err = stream(false);
  const progress = new Progress(err, true);
  progress.begin('reading');
  for (let second = 1; second <= 3; second++) {
    jest.setSystemTime(second * 1000);
    rows(progress, 200_000);
  }
  progress.begin('writing');
  expect(err.written).toEqual([
    'botclick: reading: 8,192 rows (1 s)\n',
    'botclick: reading: 204,800 rows (2 s)\n',
    'botclick: reading: 401,408 rows (3 s)\n',
    'botclick: writing (3 s)\n',
  ]);
});

test('on a terminal it rewrites one line and clears it at the end', () => {
  const err = stream(true);
  const progress = new Progress(err, true);
  progress.begin('reading');
  jest.setSystemTime(1500);
  rows(progress, 8192);
  progress.done();
  expect(err.written).toEqual(['\rbotclick: reading: 8,192 rows (2 s)\x1b[K', '\r\x1b[K']);
});

test('--quiet silences it', () => {
  const err = stream(true);
  const progress = new Progress(err, false);
  jest.setSystemTime(5000);
  progress.begin('reading');
  rows(progress, 100_000);
  progress.done();
  expect(err.written).toEqual([]);
});
