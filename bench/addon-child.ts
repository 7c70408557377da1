// The add-on in the vm harness of test/sheets (the built dist/Code.js over an in-memory spreadsheet),
// on the bench's generated mailing pasted into a sheet: "Flag bot clicks", then =BOTCLICK() over the
// same cells. Prints one JSON line for bench/run.mjs. Usage: node addon-child.cjs <clicks>
import { asPasted, bookWith } from '../test/sheets/addon';
import { generateScenario } from '../scenarios/generator';

const clicks = Number(process.argv[2]);
const { table } = generateScenario({ seed: 2026, targetClicks: clicks, resolution: 'ms' });
const text = table.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell === null || cell === undefined ? '' : String(cell))));
const { book, addon } = bookWith(asPasted(text));
const cells = text.length * text[0].length;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
let start = process.hrtime.bigint();
addon.flagBotClicks();
const flag = seconds(start);
if (book.alerts.length > 0) throw new Error(`Flag bot clicks alerted: ${JSON.stringify(book.alerts[0])}`);
const values = book.active.values().map((row) => row.slice(0, text[0].length));
start = process.hrtime.bigint();
const verdicts = addon.BOTCLICK(values);
const custom = seconds(start);
console.log(JSON.stringify({ rows: text.length - 1, cells, flag, custom, verdicts: verdicts.length, peakRss: process.resourceUsage().maxRSS * 1024 }));
