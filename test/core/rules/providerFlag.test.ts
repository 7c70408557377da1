import { at, ruleFindings, STORIES } from './oneRule';

/** The e-mail platform's own bot flag (Mailgun client-info.bot, Klaviyo Bot Click, HubSpot filteredEvent). */
const HEADER = ['Email', 'Campaign', 'URL', 'Clicked at', 'client-info.bot'];

test("a row the platform flags is certain, with the platform's kind of bot when it names one; an unflagged row is nothing", () => {
  const table = [HEADER, ['kim@example.com', 'Spring', STORIES[0], at(60), 'true'], ['lee@example.com', 'Spring', STORIES[0], at(70), 'generic'], ['mia@example.com', 'Spring', STORIES[0], at(80), 'false']];
  expect(ruleFindings('providerFlag', table)).toEqual([{ weight: 1, reason: 'flagged by the e-mail platform' }, { weight: 1, reason: 'flagged by the e-mail platform (generic)' }, null]);
});

test('the flag counts even for a row whose time cannot be read', () => {
  const table = [HEADER, ['kim@example.com', 'Spring', STORIES[0], 'yesterday-ish', 'true'], ['lee@example.com', 'Spring', STORIES[0], at(70), '']];
  expect(ruleFindings('providerFlag', table)[0]).toEqual({ weight: 1, reason: 'flagged by the e-mail platform' });
});
