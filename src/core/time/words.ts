/**
 * The words a written date may contain, lower-cased. Month names cover English plus the common
 * German, French, Spanish and Dutch forms; no word means two different months across these languages.
 */
const MONTH_WORDS: readonly (readonly string[])[] = [
  ['jan', 'january', 'januar', 'jän', 'jänner', 'janv', 'janvier', 'ene', 'enero', 'januari'],
  ['feb', 'february', 'februar', 'févr', 'fevr', 'fév', 'fev', 'février', 'fevrier', 'febrero', 'februari'],
  ['mar', 'march', 'mär', 'mrz', 'märz', 'maerz', 'mars', 'marzo', 'mrt', 'maart'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril'],
  ['may', 'mai', 'mayo', 'mei'],
  ['jun', 'june', 'juni', 'juin', 'junio'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'augustus'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'setiembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'decembre', 'dic', 'diciembre'],
];

const WEEKDAY_WORDS: readonly (readonly string[])[] = [
  ['sun', 'sunday'],
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
];

function indexWords(groups: readonly (readonly string[])[], base: number): Map<string, number> {
  const map = new Map<string, number>();
  groups.forEach((words, index) => words.forEach((word) => map.set(word, index + base)));
  return map;
}

/** Month word → 1..12. */
export const MONTHS = indexWords(MONTH_WORDS, 1);
/** Weekday word → 0 (Sunday) .. 6. */
export const WEEKDAYS = indexWords(WEEKDAY_WORDS, 0);

/** English month names, for notes that spell out how a date was read. */
export const MONTH_NAMES = MONTH_WORDS.map((words) => words[1].charAt(0).toUpperCase() + words[1].slice(1));

/**
 * Zone words with a fixed offset in minutes: UTC itself, the North American names RFC 2822 defines
 * for e-mail dates, and CET/CEST (Brevo's `date`). Other abbreviations name different zones in
 * different places (IST, BST), so a time carrying one is not read rather than guessed.
 */
export const ZONE_WORDS = new Map<string, number>([
  ['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0],
  ['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300],
  ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
  ['cet', 60], ['cest', 120],
]);

/** Words that may join a date to its clock time: "Nov 26, 2026 at 9:05 AM", "26. Nov 2026 um 09:05". */
export const CLOCK_JOINERS = new Set(['at', 'um', 'om', 'à']);
