/** What the benchmark, the CLI equality check and the example script take from the scenario generator, in one bundle. */
export { generateScenario, simulateMailing } from '../scenarios/generator';
export { behaviourCase } from '../scenarios/cases';
export { HUMAN_BEHAVIOURS, SCANNER_BEHAVIOURS } from '../scenarios/model';
export { csvLine, renderExport } from '../scenarios/table';
