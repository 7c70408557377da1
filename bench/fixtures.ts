/** What the benchmark and the example script take from the scenario generator, in one bundle. */
export { generateScenario } from '../scenarios/generator';
export { csvLine } from '../scenarios/table';
