import { at, LINKS, ruleFindings, STORIES } from './oneRule';

/** A company whose gateway scans copies of the e-mail: an early click on another of its copies is likely a scan. */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'Sent at'];
const SENT = at(0);
const sweep = (email: string, start: number) => LINKS.map((link, i) => [email, 'Spring', link, at(start + i * 0.4), SENT]);

test("a lone click seconds after send on a copy at a domain whose gateway swept the others weighs as a scan's", () => {
  const table = [HEADER, ...sweep('ops@corp.example.com', 20), ...sweep('it@corp.example.com', 40), ['hr@corp.example.com', 'Spring', STORIES[0], at(50), SENT]];
  const found = ruleFindings('scannedDomain', table);
  expect(found[10]).toEqual({ weight: 0.5, reason: "corp.example.com's gateway scanned 2 of 3 copies" });
});

test('the same click at a domain with one scan, or hours later, finds nothing', () => {
  const oneScan = [HEADER, ...sweep('ops@corp.example.com', 20), ['hr@corp.example.com', 'Spring', STORIES[0], at(50), SENT]];
  expect(ruleFindings('scannedDomain', oneScan)[5]).toBeNull();
  const late = [HEADER, ...sweep('ops@corp.example.com', 20), ...sweep('it@corp.example.com', 40), ['hr@corp.example.com', 'Spring', STORIES[0], at(3 * 3600), SENT]];
  expect(ruleFindings('scannedDomain', late)[10]).toBeNull();
});
