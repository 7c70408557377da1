import { isbot } from 'isbot';
import { SCANNER_AGENT_FRAGMENTS } from './data/scannerAgents';
import { shorten } from './words';

/** A product token alone, such as `Mozilla/5.0`, with nothing of the browser or machine behind it. */
export function isBareAgent(userAgent: string): boolean {
  return /^mozilla\/[\d.]+$/i.test(userAgent.trim());
}

/**
 * Why a user agent belongs to a machine, in a few words, or '' for a browser. Scanner fragments
 * first, since they name the scanner; then isbot's maintained list of crawlers and fetchers.
 */
export function machineAgent(userAgent: string): string {
  const text = userAgent.trim();
  // A bare "Mozilla/5.0" names no browser, but proxies and privacy tools send it too: a hint only.
  if (isBareAgent(text)) return '';
  const lower = text.toLowerCase();
  const fragment = SCANNER_AGENT_FRAGMENTS.find((f) => lower.includes(f));
  if (fragment) return fragment.replace(/\/$/, '');
  if (isbot(text)) return shorten(text);
  return '';
}
