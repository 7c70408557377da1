import type { Role } from '../core';

/** What each column role means to a marketer: the sidebar's column choices and the summary's list. */
export const ROLE_LABELS: Record<Role, string> = {
  recipient: 'Recipient (e-mail address or contact id)',
  time: 'Click time',
  link: 'Link (URL)',
  campaign: 'Campaign or e-mail',
  userAgent: 'User agent',
  ip: 'IP address',
  sentAt: 'Send or delivery time',
  eventType: 'Event type (click, delivery, open)',
  count: 'Click count',
  botFlag: "The e-mail platform's own bot flag",
  override: 'Your override (bot or human)',
};
