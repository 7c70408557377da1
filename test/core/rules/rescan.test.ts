import { at, LINKS, ruleFindings } from './oneRule';

/** Once a copy is certainly scanned, the gateway's later visits at the scan's pace are scans too. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at'];
const sweep = (email: string, start: number) => LINKS.map((link, i) => [email, 'Spring', link, at(start + i * 0.4)]);

test("a gateway sweeping a copy again three hours after its first scan is re-scanning it", () => {
  const found = ruleFindings('rescan', [HEADER, ...sweep('kim@corp.example.com', 20), ...sweep('kim@corp.example.com', 3 * 3600)]);
  expect(found.slice(0, 5)).toEqual(Array(5).fill(null));
  expect(found.slice(5).map((f) => f?.weight)).toEqual([1, 1, 1, 1, 1]);
  expect(found[5]?.reason).toMatch(/^5 links in 2 s, 3 h after a first scan$/);
});

test("the reader's own click an hour after the scan is not part of it, and a copy never scanned has no re-scan", () => {
  const found = ruleFindings('rescan', [HEADER, ...sweep('kim@corp.example.com', 20), ['kim@corp.example.com', 'Spring', LINKS[1], at(3600)], ['lee@example.com', 'Spring', LINKS[0], at(900)], ['lee@example.com', 'Spring', LINKS[1], at(960)]]);
  expect(found.slice(5)).toEqual([null, null, null]);
});
