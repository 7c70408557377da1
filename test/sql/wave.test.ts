import { at, ruleFindings, STORIES } from '../core/rules/oneRule';
import { duckdb, type Engine } from './engines';
import { sqlRuleFindings } from './ruleFindings';

/** The wave rule's SQL judges a company's copies as the core does. */
let engine: Engine;
beforeAll(async () => {
  engine = await duckdb();
});
afterAll(() => engine.close());

test("among copies a gateway swept link after link in no common order, a colleague's lone click on a story is theirs", async () => {
  const sent = at(0);
  const staff = ['ops', 'it', 'hr', 'pr', 'legal'].map((name) => `${name}@corp.example.com`);
  const swept = staff.flatMap((email, i) => [0, 1, 2].map((k) => [email, 'Spring', STORIES[(i + k) % 3], at(40 + i * 15 + k * 0.4), sent]));
  const table = [['Email', 'Campaign', 'URL', 'Clicked at', 'Sent at'], ...swept, ['bea@corp.example.com', 'Spring', STORIES[4], at(90), sent]];
  const core = ruleFindings('wave', table);
  expect(core.map((finding) => finding?.weight ?? null)).toEqual([...Array(15).fill(1), null]);
  expect(await sqlRuleFindings(engine, 'wave', table)).toEqual(core);
});
