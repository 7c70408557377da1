import { duration } from '../../src/core/words';

describe('a duration in a reason, as people say it', () => {
  it.each([
    [0, '0 s'],
    [50, '0.1 s'],
    // toFixed rounds the binary value: 0.15 is a hair under, so it reads 0.1 s.
    [150, '0.1 s'],
    [340.5, '0.3 s'],
    [999, '1 s'],
    [-7400, '7 s'],
    [119_499, '119 s'],
    [120_000, '2 min'],
    [7_199_999, '120 min'],
    [7_200_000, '2 h'],
    [172_800_000, '2 days'],
  ])('%p ms reads "%s", the second time as the first', (ms, words) => {
    expect(duration(ms)).toBe(words);
    expect(duration(ms)).toBe(words);
  });
});
