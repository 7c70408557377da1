import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_NAMES, RULES } from '../../../src/core/rules';
import { SETTINGS_SPEC } from '../../../src/core/settings';

/** A rule is one module and one registry line: everything else about it follows from its declaration. */
const ROOT = join(__dirname, '..', '..', '..');

test.each(RULES.map((rule) => [rule.meta.name, rule] as const))('%s has its module, its own test file and its switch', (name, rule) => {
  expect(existsSync(join(ROOT, 'src', 'core', 'rules', `${name}.ts`))).toBe(true);
  expect(existsSync(join(ROOT, 'test', 'core', 'rules', `${name}.test.ts`))).toBe(true);
  expect(SETTINGS_SPEC[rule.meta.name].kind).toBe('switch');
  for (const setting of Object.keys(rule.meta.settings)) expect(SETTINGS_SPEC).toHaveProperty(setting);
});

test('each rule runs after every rule whose findings it reads', () => {
  const order: string[] = RULES.map((rule) => rule.meta.name);
  for (const rule of RULES) {
    for (const read of rule.meta.reads) expect(order.indexOf(read)).toBeGreaterThanOrEqual(0);
    for (const read of rule.meta.reads) expect(order.indexOf(read)).toBeLessThan(order.indexOf(rule.meta.name));
  }
});

test('reasons of equal weight are shown in the order of the places the rules declare', () => {
  expect(RULE_NAMES).toEqual(['providerFlag', 'trap', 'userAgent', 'tooSoon', 'sweep', 'burst', 'rapid', 'rescan', 'wave', 'ipRange', 'scannedDomain']);
});
