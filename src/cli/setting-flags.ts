import { BotclickError, PRESETS, resolveSettings, ROLES, SETTINGS_SPEC, type Settings, type SettingsInput } from '../core';

/** The command-line flag of each setting, so that an error names what the user typed. */
const OTHER_FLAGS: Record<string, string> = { preset: '--preset', timeZone: '--time-zone', sendTime: '--send-time', trapLinks: '--trap-link', columns: '--column' };

export function flagOf(setting: string): string {
  return OTHER_FLAGS[setting] ?? `--${kebab(setting)}`;
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * resolveSettings, with its error told in the command line's words: the core names a setting by its
 * label ("Burst: most clicks allowed must be …"); here the sentence starts with the flag instead,
 * and a misspelt preset or column role gets a suggestion, as a misspelt option does.
 */
export function resolveFlagSettings(input: SettingsInput): Settings {
  try {
    return resolveSettings(input);
  } catch (error) {
    if (!(error instanceof BotclickError)) throw error;
    const culprit = (Object.keys(input) as (keyof SettingsInput)[]).find((name) => input[name] !== undefined && failsAlone(name, input[name]));
    if (culprit === undefined) throw error;
    throw new BotclickError(`${namingTheFlag(culprit, error.message)}${suggestion(culprit, input[culprit])}`);
  }
}

function failsAlone(name: keyof SettingsInput, value: unknown): boolean {
  try {
    resolveSettings({ [name]: value });
    return false;
  } catch {
    return true;
  }
}

function namingTheFlag(name: string, message: string): string {
  const flag = flagOf(name);
  const label = name in SETTINGS_SPEC ? SETTINGS_SPEC[name as keyof typeof SETTINGS_SPEC].label : name;
  return message.startsWith(`${label} `) ? `${flag}${message.slice(label.length)}` : `${flag}: ${message}`;
}

function suggestion(name: string, value: unknown): string {
  if (name === 'preset') return didYouMean(String(value), PRESETS);
  if (name === 'columns' && value && typeof value === 'object') {
    const unknownRole = Object.keys(value).find((role) => !(ROLES as readonly string[]).includes(role));
    return unknownRole === undefined ? '' : didYouMean(unknownRole, ROLES);
  }
  return '';
}

/** " Did you mean strict?" when one choice is within a typo or two of the word, else ''. */
export function didYouMean(word: string, choices: readonly string[]): string {
  const typed = word.trim().toLowerCase();
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const distance = editDistance(typed, choice.toLowerCase());
    if (distance <= limit && distance < bestDistance) [best, bestDistance] = [choice, distance];
  }
  return best === undefined ? '' : ` Did you mean ${best}?`;
}

/** Edits between two words, a swap of neighbouring letters counting as one (strcit → strict). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
