/** What the benchmark, the equality check and the example script take from the scenario generator, in one bundle. */
export { generateScenario, simulateMailing } from '../test/scenarios/generator';
export { behaviourCase } from '../test/scenarios/cases';
export { HUMAN_BEHAVIOURS, SCANNER_BEHAVIOURS } from '../test/scenarios/model';
export { csvLine, renderExport } from '../test/scenarios/table';
