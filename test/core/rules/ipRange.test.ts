import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayRangeOf } from '../../../src/core/ip';
import { at, ruleFindings, STORIES } from './oneRule';

/** Published mail-gateway ranges: addresses in them and just outside them, IPv4 and IPv6. */
const { addresses } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'gateway-addresses.json'), 'utf8')) as { addresses: [string, string | null][] };

test.each(addresses)('%j is in the range of %s', (address, owner) => {
  expect(gatewayRangeOf(address)?.owner ?? null).toBe(owner);
});

const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'IP', 'Sent at'];

test('the rule: a gateway address while the e-mail is delivered is certain, hours later only weighs; a relay range is a hint', () => {
  const table = [
    HEADER,
    ['kim@corp.example.com', 'Spring', STORIES[0], at(20), '40.107.12.34', at(0)],
    ['lee@corp.example.com', 'Spring', STORIES[0], at(3 * 3600), '40.107.12.35', at(0)],
    ['mia@corp.example.com', 'Spring', STORIES[0], at(4 * 3600), '165.225.12.3', at(0)],
    ['ned@example.com', 'Spring', STORIES[0], at(30), '8.8.8.8', at(0)],
  ];
  expect(ruleFindings('ipRange', table)).toEqual([
    { weight: 1, reason: 'Microsoft Exchange Online gateway address, during delivery' },
    { weight: 0.5, reason: 'Microsoft Exchange Online gateway address' },
    { weight: 0.4, reason: 'Zscaler gateway address' },
    null,
  ]);
});
