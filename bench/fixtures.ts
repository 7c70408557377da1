/** What the benchmark and the example script take from the scenario generator, in one bundle. */
export { generateScenario } from '../test/scenarios/generator';
export { csvLine } from '../test/scenarios/table';
