import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_NAMES } from '../../src/core/rules';
import { SQL_RULES } from '../../src/core/sql/rules';
import { DIST } from '../sheets/fakeApps';

const ROOT = join(__dirname, '..', '..');

test.each(Object.entries(SQL_RULES))('the SQL of %s lives beside its rule and answers to its name', (name, rule) => {
  expect(RULE_NAMES).toContain(name);
  expect(rule?.name).toBe(name);
  expect(existsSync(join(ROOT, 'src', 'core', 'rules', `${name}.sql.ts`))).toBe(true);
});

test('the add-on carries no SQL: its bundle has none of the query\'s CTEs', () => {
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  expect(code).toContain('BOTCLICK');
  expect(code).not.toMatch(/bc_raw|bc_clicks|REGEXP_CONTAINS|epoch_ms/);
});
