import type { Counts } from './types';
import { formatCount, plural } from './words';

/** The sentences that answer "how many real people clicked?", the same in the CLI, the toast and the summary sheet. */

/** "142 real people clicked (not 329)." */
export function peopleAnswer(counts: Counts): string {
  const people = `${plural(counts.humanClickers, 'real person', 'real people')} clicked`;
  return counts.rawClickers === counts.humanClickers ? `${people}.` : `${people} (not ${formatCount(counts.rawClickers)}).`;
}

/** "3,045 of 3,350 clicks look like bots", "1 of 1 click looks like a bot". */
export function botShare(counts: Counts): string {
  const verb = counts.botClicks === 1 ? 'looks like a bot' : 'look like bots';
  return `${formatCount(counts.botClicks)} of ${plural(counts.rawClicks, 'click')} ${verb}`;
}
