/** What a setting is, as data: rules declare theirs with these, and settings.ts assembles them. */

export interface NumberSpec {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  label: string;
  help: string;
}

export interface SwitchSpec {
  kind: 'switch';
  default: boolean;
  label: string;
  help: string;
}

export type Spec = NumberSpec | SwitchSpec;

/** Settings by name, as a rule or the grouping declares them. */
export type Specs = Record<string, Spec>;
