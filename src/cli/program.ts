import { Command, Option } from 'commander';
import { BotclickError, PRESET_VALUES, PRESETS, ROLES, SETTING_SPECS, type SettingName, type SettingsInput } from '../core';
import { version } from '../../package.json';
import { kebab } from './setting-flags';
import { escapeControls } from './terminal-text';

/** What `botclick flag` was asked to do; the settings are validated later by resolveSettings. */
export interface FlagOptions {
  /** 'core' (the TypeScript detector, in memory) or 'duckdb' (the rules' SQL on embedded DuckDB). */
  engine: string;
  /** DuckDB's memory limit, such as 2GB. */
  memoryLimit?: string;
  /** Where the flagged rows go: a file, '-' for stdout, or nowhere (summary only). */
  output?: string;
  json: boolean;
  quiet: boolean;
  settings: SettingsInput;
}

const INPUT_OUTPUT = 'Input and output:';
const READING = 'Reading the export:';
const RULES = 'Rules (every rule threshold and switch):';

const EXAMPLES = `
Examples:
  botclick flag clicks.csv                      print the summary: how many real people clicked
  botclick flag clicks.csv -o flagged.csv       also write every row with "Bot click" and "Why"
  botclick flag events.json -o - > out.csv      rows to stdout, summary to stderr
  botclick flag clicks.csv --preset cautious --burst-max-clicks 5 --no-wave
  botclick flag export.csv --column time="Clicked at" --time-zone Europe/Berlin

Input: CSV or TSV (delimiter , ; tab or | found from the content; UTF-8, UTF-16 or Windows-1252),
or JSON / NDJSON event logs (envelopes such as {"items": [...]} unwrapped, nested fields read as
dotted names like click.timestamp). Output rows are the input rows, unchanged and in order, with
"Bot click" (bot, human or unknown; empty for rows that are not clicks) and "Why" added; a .json or
.ndjson output of a JSON log gets the records back with those two keys added. Exit status: 0 done,
1 bad input, 2 bad command line, 3 unexpected error.`;

/** What `botclick sql` was asked to print. */
export interface SqlOptions {
  dialect: string;
  table: string;
  settings: SettingsInput;
}

export interface Commands {
  flag(file: string, options: FlagOptions): Promise<void>;
  sql(options: SqlOptions): Promise<void>;
}

const SQL_EXAMPLES = `
Examples:
  botclick sql --dialect bigquery --table analytics.email_clicks --column recipient=email --column time=clicked_at --column link=url > flag.sql
  bq query --use_legacy_sql=false < flag.sql
  botclick sql --dialect postgres --table clicks --column recipient=email --column time=clicked_at --column campaign=campaign_id --no-wave

The time column must be a TIMESTAMP (cast text or epoch numbers first: see docs/warehouse.md). The
query returns every row of the table with its columns plus bot_click (bot, human or unknown; NULL for
rows that are not clicks) and why. Its header comment says which rules it ran.`;

/** The `botclick` command line; each command's handler is called with its validated-later options. */
export function buildProgram(commands: Commands): Command {
  const program = new Command('botclick')
    .description("Separate mail-security-scanner clicks from real people's clicks in e-mail click exports.")
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`botclick: ${escapeControls(oneLine(text.replace(/^error: /, '')))} (see botclick flag --help)\n`) });

  const flag = program
    .command('flag')
    .description('Flag every click as bot, human or unknown, and print how many real people clicked.')
    .argument('<file>', 'the click export: CSV, TSV, JSON or NDJSON; - reads it from stdin')
    .addHelpText('after', EXAMPLES);

  for (const option of [
    new Option('--engine <name>', 'core (default): the detector in memory; duckdb: the rules as SQL on embedded DuckDB, for files larger than memory (needs npm i @duckdb/node-api)').default('core'),
    new Option('--memory-limit <size>', 'with --engine duckdb: the whole run\'s memory budget, such as 2GB; DuckDB gets half of what botclick leaves and spills the rest to disk'),
    new Option('-o, --output <file>', 'write every row with the "Bot click" and "Why" columns added to this file, or to stdout with "-" (the summary then goes to stderr)'),
    new Option('--json', 'print the summary as JSON instead of tables'),
    new Option('-q, --quiet', 'no progress on stderr during long runs'),
  ]) flag.addOption(option.helpGroup(INPUT_OUTPUT));

  addSettingOptions(flag);
  flag.action((file: string, options: Record<string, unknown>) => commands.flag(file, flagOptions(options)));

  const sql = program
    .command('sql')
    .description('Print the detector as one SQL query for BigQuery, Postgres or DuckDB: every row of a table with bot_click and why.')
    .requiredOption('--dialect <name>', 'bigquery, duckdb or postgres')
    .requiredOption('--table <name>', 'the table or view of click events, such as analytics.email_clicks')
    .addHelpText('after', SQL_EXAMPLES);
  addSettingOptions(sql);
  sql.action((options: Record<string, unknown>) =>
    commands.sql({ dialect: options.dialect as string, table: options.table as string, settings: settingsOf(options) }),
  );
  return program;
}

/** The options every command that runs the rules takes: reading and every rule threshold and switch. */
function addSettingOptions(command: Command): void {
  for (const option of [
    new Option('--preset <name>', `thresholds to start from: ${PRESETS.join(', ')} (default: balanced); options below override it`),
    new Option('--time-zone <zone>', 'IANA time zone of times written without one').default('UTC'),
    new Option('--send-time <time>', 'send time for campaigns whose send time is not in the data, such as 2026-03-10T14:00:00Z'),
    new Option('--trap-link <url>', 'a link only machines follow (hidden in the e-mail); repeat for several').argParser(collect),
    new Option('--column <role=header>', `the column to use for a role, by header or letter (--column time="Clicked at"); repeat for several. Roles: ${ROLES.join(', ')}`).argParser(collect),
  ]) command.addOption(option.helpGroup(READING));

  for (const spec of SETTING_SPECS) {
    const name = spec.name;
    const flagName = kebab(name);
    if (spec.kind === 'number') {
      const placeholder = name.endsWith('Seconds') ? 'seconds' : name.endsWith('Share') ? 'share' : 'n';
      const range = `${spec.min}–${spec.max}, default ${spec.default}${presetValues(name)}`;
      command.addOption(new Option(`--${flagName} <${placeholder}>`, `${spec.help} (${range})`).helpGroup(RULES));
    } else {
      // Both forms exist, unset by default, so that a preset's choice stands unless the user overrides it.
      const [shown, hidden] = spec.default ? [`--no-${flagName}`, `--${flagName}`] : [`--${flagName}`, `--no-${flagName}`];
      // The shown form changes the default, so its help says that first: "--no-burst" turns the rule off.
      const change = `Turn ${spec.default ? 'off' : 'on'} "${spec.label}"`;
      const state = `${spec.default ? 'on' : 'off'} by default${presetValues(name)}; ${hidden} turns it ${spec.default ? 'on' : 'off'} again`;
      command.addOption(new Option(shown, `${change} (${state}). When on: ${lowerFirst(spec.help)}`).helpGroup(RULES));
      command.addOption(new Option(hidden).hideHelp());
    }
  }
}

function flagOptions(options: Record<string, unknown>): FlagOptions {
  return {
    engine: options.engine as string,
    memoryLimit: options.memoryLimit as string | undefined,
    output: options.output as string | undefined,
    json: options.json === true,
    quiet: options.quiet === true,
    settings: settingsOf(options),
  };
}

function settingsOf(options: Record<string, unknown>): SettingsInput {
  const settings: SettingsInput = {
    preset: options.preset,
    timeZone: options.timeZone,
    sendTime: options.sendTime,
    trapLinks: options.trapLink,
    columns: columnsByRole(options.column as string[] | undefined),
  };
  for (const { name } of SETTING_SPECS) settings[name] = options[name];
  return settings;
}

/** `--column time="Clicked at"` → { time: 'Clicked at' }; resolveSettings checks the roles. */
function columnsByRole(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs) return undefined;
  const columns: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new BotclickError(`--column needs role=header, such as --column time="Clicked at", not "${pair}".`);
    columns[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return columns;
}

function presetValues(name: SettingName): string {
  const values = PRESETS.filter((preset) => PRESET_VALUES[preset][name] !== undefined).map((preset) => {
    const value = PRESET_VALUES[preset][name];
    return `${preset} ${typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value)}`;
  });
  return values.length > 0 ? `; ${values.join(', ')}` : '';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}
