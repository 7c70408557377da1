import type { Role } from '../types';

/**
 * Each column role in plain words: `label` where the user picks or reads a column (the sidebar, the
 * summary), `named` for a column the user named, `missing` for a column that could not be found.
 */
export const ROLE_WORDS: Record<Role, { label: string; named: string; missing: string }> = {
  recipient: { label: 'Recipient (e-mail address or contact id)', named: 'recipient', missing: 'recipient (e-mail address or contact id)' },
  time: { label: 'Click time', named: 'time', missing: 'click-time' },
  link: { label: 'Link (URL)', named: 'link', missing: 'link' },
  campaign: { label: 'Campaign or e-mail', named: 'campaign', missing: 'campaign (campaign or e-mail id, name or subject)' },
  userAgent: { label: 'User agent', named: 'user-agent', missing: 'user-agent' },
  ip: { label: 'IP address', named: 'IP address', missing: 'IP-address' },
  sentAt: { label: 'Send or delivery time', named: 'send-time', missing: 'send- or delivery-time' },
  messageId: { label: 'Message id (joins deliveries to clicks)', named: 'message-id', missing: 'message-id' },
  eventType: { label: 'Event type (click, delivery, open)', named: 'event-type', missing: 'event-type' },
  channel: { label: 'Channel (e-mail, SMS, push)', named: 'channel', missing: 'channel' },
  count: { label: 'Click count', named: 'click-count', missing: 'click-count' },
  botFlag: { label: "The e-mail platform's own bot flag", named: 'bot-flag', missing: "provider's bot-flag" },
  override: { label: 'Your override (bot or human)', named: 'override', missing: 'Override' },
};
