import type { Cell } from './types';

/** What a row of a mixed event log is. Only clicks are judged; deliveries and sends give context. */
export type EventKind = 'click' | 'delivery' | 'send' | 'other';

const KIND_BY_NAME: Record<string, EventKind> = {
  click: 'click', clicked: 'click', clicks: 'click', emclicks: 'click', emailclick: 'click',
  clickedemail: 'click', linkclick: 'click', linkclicked: 'click', clickevent: 'click',
  delivered: 'delivery', delivery: 'delivery', emaildelivered: 'delivery', delivereddelivery: 'delivery',
  sent: 'send', send: 'send', sends: 'send', emsends: 'send', processed: 'send', accepted: 'send',
  emailsent: 'send', queued: 'send',
};

/** Reads an event-type cell; unknown names count as "other" events, which are neither judged nor used. */
export function eventKind(cell: Cell): EventKind {
  const name = String(cell ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (name === '') return 'click';
  return KIND_BY_NAME[name] ?? (name.includes('click') ? 'click' : 'other');
}
