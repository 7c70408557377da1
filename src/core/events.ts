import type { Cell } from './types';

/** What a row of a mixed event log is. Only clicks are judged; deliveries and sends give context. */
export type EventKind = 'click' | 'delivery' | 'send' | 'other';

const KIND_BY_NAME: Record<string, EventKind> = {
  click: 'click', clicked: 'click', clicks: 'click', emclicks: 'click', emailclick: 'click',
  clickedemail: 'click', linkclick: 'click', linkclicked: 'click', clickevent: 'click', clickemail: 'click',
  delivered: 'delivery', delivery: 'delivery', emaildelivered: 'delivery', delivereddelivery: 'delivery',
  sent: 'send', send: 'send', sends: 'send', emsends: 'send', processed: 'send', accepted: 'send',
  emailsent: 'send', queued: 'send', injection: 'send', emailsend: 'send', sendemail: 'send', receivedemail: 'send',
};

/**
 * Events that are known to be no click, so that a column holding only them (a log of opens, of
 * deliveries) is still read as the event type: opens, bounces, complaints, unsubscribes and the
 * like, in the names SendGrid, Mailgun, SES, SparkPost, Postmark, Mandrill, Mailjet, Brevo,
 * HubSpot, Klaviyo, Iterable, Customer.io, Braze, Mailchimp and Constant Contact give them.
 */
const NOT_CLICKS = new Set([
  'open', 'opened', 'opens', 'opened email', 'emopens', 'emailopen', 'open email', 'initialopen', 'ampopen', 'uniqueopened',
  'bounce', 'bounced', 'bounces', 'hardbounce', 'softbounce', 'emailbounce', 'emailbounced', 'outofband', 'blocked', 'failed',
  'dropped', 'deferred', 'delay', 'delayed', 'reject', 'rejected', 'rendering failure', 'renderingfailure', 'error', 'invalid',
  'spam', 'spamreport', 'complaint', 'complained', 'markedemailasspam', 'emailmarkedasspam', 'emailcomplaint',
  'unsub', 'unsubscribe', 'unsubscribed', 'unsubscribedfromemail', 'emailunsubscribe', 'listunsubscribe', 'linkunsubscribe',
  'groupunsubscribe', 'groupresubscribe', 'subscribe', 'subscribed', 'optin', 'optout', 'emsubscribe', 'emunsubscribe',
  'policyrejection', 'generationfailure', 'generationrejection', 'subscriptionchange', 'statuschange', 'print', 'forward',
  'forwarded', 'reply', 'replied', 'view', 'viewed', 'pagehit', 'formsubmit', 'converted', 'conversion', 'purchase',
  'emailopened', 'openedemail', 'bouncedemail', 'droppedemail',
].map((name) => name.replace(/[^a-z]/g, '')));

function eventName(cell: Cell): string {
  return String(cell ?? '').toLowerCase().replace(/[^a-z]/g, '');
}

/** Clicks in other channels (Klaviyo "Clicked SMS", Iterable `smsClick`, `inAppClick`, `pushClick`) are no e-mail clicks. */
export const OTHER_CHANNEL_WORDS: readonly string[] = ['sms', 'push', 'inapp', 'whatsapp'];
const OTHER_CHANNEL = new RegExp(OTHER_CHANNEL_WORDS.join('|'));

/** Channels other than e-mail, as a channel column names them (Customer.io `object_type`, Mautic `source`). */
export const OTHER_CHANNELS: ReadonlySet<string> = new Set(['sms', 'mms', 'push', 'mobilepush', 'webpush', 'inapp', 'inappmessage', 'whatsapp', 'slack', 'webhook']);

/** Whether a channel cell names a channel we know, e-mail or another. */
export function isKnownChannel(cell: Cell): boolean {
  const name = eventName(cell);
  return name === 'email' || OTHER_CHANNELS.has(name);
}

/** Whether a channel cell names a channel other than e-mail; blank and unknown values do not. */
export function isOtherChannel(cell: Cell): boolean {
  return OTHER_CHANNELS.has(eventName(cell));
}

/** Whether an event name is a click in another channel ("Clicked SMS", `pushClick`). */
export function isOtherChannelClick(cell: Cell): boolean {
  const name = eventName(cell);
  return OTHER_CHANNEL.test(name) && name.includes('click');
}

/** Reads an event-type cell; unknown names count as "other" events, which are neither judged nor used. */
export function eventKind(cell: Cell): EventKind {
  const name = eventName(cell);
  if (name === '') return 'click';
  return KIND_BY_NAME[name] ?? (NOT_CLICKS.has(name) || OTHER_CHANNEL.test(name) ? 'other' : name.includes('click') ? 'click' : 'other');
}

/** Whether the cell names an event we know, click or not (Klaviyo's top-level `type` "event" is none). */
export function isKnownEvent(cell: Cell): boolean {
  const name = eventName(cell);
  return name in KIND_BY_NAME || NOT_CLICKS.has(name) || name.includes('click');
}
