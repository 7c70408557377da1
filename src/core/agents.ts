import { isbot } from 'isbot';
import { SCANNER_AGENT_FRAGMENTS } from './data/scannerAgents';
import { shorten } from './words';

/**
 * Why a user agent belongs to a machine, in a few words, or '' for a browser. Scanner fragments
 * first, since they name the scanner; then isbot's maintained list of crawlers and fetchers.
 */
export function machineAgent(userAgent: string): string {
  const text = userAgent.trim();
  const lower = text.toLowerCase();
  const fragment = SCANNER_AGENT_FRAGMENTS.find((f) => lower.includes(f));
  if (fragment) return fragment.replace(/\/$/, '');
  if (isbot(text)) return shorten(text);
  return '';
}
