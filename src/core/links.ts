import { UTILITY_LINK_PATTERN } from './data/linkKinds';
import { Ids } from './ids';
import { shorten } from './words';

/** Unsubscribe, preferences or view-online links. */
function isUtilityLink(link: string): boolean {
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

/** Utility links and poll families, per link id. */
export function linkKinds(linkNames: string[]): { utility: Uint8Array; family: Int32Array } {
  const names = linkNames;
  const utility = Uint8Array.from(names, (name) => (isUtilityLink(name) ? 1 : 0));
  const families = new Ids<string>();
  const membersOf: number[] = [];
  const familyOfLink = names.map((name) => {
    const id = families.idOf(linkFamily(name));
    membersOf[id] = (membersOf[id] ?? 0) + 1;
    return id;
  });
  // A "family" covering half the links or more is a tracking redirect, not a poll.
  const family = Int32Array.from(familyOfLink, (id) => (membersOf[id] >= 2 && membersOf[id] * 2 < names.length ? id : -1));
  return { utility, family };
}

/** Query parameters that only track the mailing; a poll's `answer=yes` is not one of them. */
const TRACKING = /^(utm_\w+|mc_[ce]id|_hs\w+|mkt_tok|fbclid|gclid)=/i;

/** A long link for a table or chart label: its tracking parameters dropped (shown as …), then cut at the end if still long. */
export function shortLink(link: string, max: number): string {
  if (link.length <= max) return link;
  const [address, query = ''] = link.split(/\?(.*)/s);
  const kept = query.split('&').filter((parameter) => parameter !== '' && !TRACKING.test(parameter));
  const dropped = kept.length < query.split('&').filter((parameter) => parameter !== '').length;
  return shorten(`${address}${kept.length > 0 ? `?${kept.join('&')}` : ''}${dropped ? (kept.length > 0 ? '&…' : '?…') : ''}`.replace(/\s+/g, ' '), max);
}
