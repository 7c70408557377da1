import { UTILITY_LINK_PATTERN } from './data/linkKinds';

/** Unsubscribe, preferences or view-online links. */
export function isUtilityLink(link: string): boolean {
  return UTILITY_LINK_PATTERN.test(link);
}

/**
 * Links that differ only in their query values (`/poll?answer=1`, `/poll?answer=2`) belong to one
 * family: the options of a poll. A person picks one or two; a scanner fetches them all.
 */
export function linkFamily(link: string): string {
  const query = link.indexOf('?');
  if (query < 0) return link;
  const keys = link
    .slice(query + 1)
    .split('&')
    .map((pair) => pair.split('=')[0])
    .sort();
  return `${link.slice(0, query)}?${keys.join('&')}`;
}

/** One spelling per link: surrounding space and the #fragment do not make another link. */
export function normaliseLink(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  return hash < 0 ? trimmed : trimmed.slice(0, hash);
}
