// TEMPORARY contract stub: replaced by the real pipeline in this session.
import { resolveSettings, type Settings, type SettingsInput } from './settings';
import type { ColumnPlan, Detection, Table } from './types';

export interface DetectOptions {
  /** A column plan made earlier (the CLI plans on a sample, then projects rows). */
  plan?: ColumnPlan;
}

export function detect(table: Table, input: SettingsInput | Settings = {}, options: DetectOptions = {}): Detection {
  resolveSettings(input as SettingsInput);
  const hasHeader = options.plan?.hasHeader ?? true;
  const rows = hasHeader ? table.slice(1) : table;
  const empty = { rawClicks: 0, botClicks: 0, humanClicks: 0, unknownClicks: 0, rawClickers: 0, humanClickers: 0, removedShare: 0 };
  return {
    plan: options.plan ?? { hasHeader, header: (table[0] ?? []).map(String), roles: {}, how: {} },
    verdicts: rows.map(() => 'unknown'),
    reasons: rows.map(() => 'stub'),
    summary: { totals: empty, campaigns: [], domains: [], timeline: [] },
    notes: [],
  };
}
