// Writes examples/newsletter-clicks.csv, the bundled example export that `npm start` flags: a small
// scanner-heavy business mailing from the labelled scenario generator, as a click export with user
// agent and IP columns and ISO times. Prints the truth, so the README can compare. Run once:
//   node scripts/make-example.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTs, ROOT } from '../bench/load-ts.mjs';

const SEED = 2026;
const { generateScenario, csvLine } = await importTs('bench/fixtures.ts');
const scenario = generateScenario({ seed: SEED, recipients: 900, campaigns: 2, delivery: 'none' });
const file = join(ROOT, 'examples', 'newsletter-clicks.csv');
writeFileSync(file, scenario.table.map(csvLine).join('\n') + '\n');

const bots = scenario.labels.filter((label) => label === 'bot').length;
console.log(`${file}: ${scenario.table.length - 1} clicks, ${bots} of them by scanners (seed ${SEED}).`);
for (const c of scenario.campaigns) {
  console.log(`  ${c.name}: ${c.botClicks + c.humanClicks} clicks, ${c.rawClickers} recipients clicked, ${c.humanClickers} of them people.`);
}
