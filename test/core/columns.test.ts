import { parse } from 'csv-parse/sync';
import { planColumns, requireRoles } from '../../src/core/columns';
import { HEADER_NAMES, NOT_A_ROLE } from '../../src/core/data/headers';
import { BotclickError } from '../../src/core/errors';
import { BOT_CLICK_HEADER, OVERRIDE_HEADER, WHY_HEADER } from '../../src/core/output';
import { columnIndex, columnLetter, hasHeaderRow, normaliseHeader } from '../../src/core/table';
import { ROLES, type Cell, type ColumnPlan, type Role, type Table } from '../../src/core/types';

// ---------------------------------------------------------------------------------------------
// Exports as the CLI reader hands them to the core: JSON flattened to dotted keys, one row per
// record, the header the union of keys in order of appearance. Records are taken from
// /work/shared/samples (the invented "Spring Newsletter 2026" scenario).

function flatten(value: unknown, prefix: string, into: Record<string, Cell>): void {
  if (Array.isArray(value)) {
    into[prefix] = value.every((item) => typeof item !== 'object') ? value.join(', ') : JSON.stringify(value);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = value as Cell;
  }
}

function jsonExport(records: readonly object[]): Table {
  const rows = records.map((record) => {
    const flat: Record<string, Cell> = {};
    flatten(record, '', flat);
    return flat;
  });
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return [header, ...rows.map((row) => header.map((key) => row[key] ?? null))];
}

function csvExport(text: string): Table {
  return parse(text.trim(), { relax_column_count: true }) as string[][];
}

/** The plan as header names per role, which is how a person checks it. */
function rolesByName(plan: ColumnPlan): Partial<Record<Role, string>> {
  const byName: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const column = plan.roles[role];
    if (column !== undefined) byName[role] = plan.header[column];
  }
  return byName;
}

function errorOf(action: () => unknown): BotclickError {
  try {
    action();
  } catch (error) {
    if (error instanceof BotclickError) return error;
    throw error;
  }
  throw new Error('expected a BotclickError');
}

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36';
const L1 = 'https://shop.example.com/spring-sale?utm_source=newsletter';
const L2 = 'https://shop.example.com/new-arrivals?utm_source=newsletter';
const SUBJECT = 'Spring is here: 20% off new arrivals';

const mailchimpActivity = jsonExport([
  // emails[].activity[] arrives as one row per activity
  { campaign_id: 'b2f81c9e4d', list_id: '7a1c3e5f90', list_is_active: true, email_id: '529a351c3cf3ded3370dffc263fee2fc', email_address: 'alice.jones@example.com', activity: { action: 'open', timestamp: '2026-03-10T15:11:58+00:00', ip: '203.0.113.24' } },
  { campaign_id: 'b2f81c9e4d', list_id: '7a1c3e5f90', list_is_active: true, email_id: '529a351c3cf3ded3370dffc263fee2fc', email_address: 'alice.jones@example.com', activity: { action: 'click', timestamp: '2026-03-10T15:12:41+00:00', url: L1, ip: '203.0.113.24' } },
  { campaign_id: 'b2f81c9e4d', list_id: '7a1c3e5f90', list_is_active: true, email_id: 'ef88527df8f9eb9ef4c8b9e85af19791', email_address: 'frank.miller@corp.example.com', activity: { action: 'bounce', type: 'soft', timestamp: '2026-03-10T14:00:05+00:00' } },
]);

const mailchimpMembers = jsonExport([
  { email_id: 'ef88527df8f9eb9ef4c8b9e85af19791', email_address: 'frank.miller@corp.example.com', merge_fields: { FNAME: 'Frank', LNAME: 'Miller' }, vip: false, clicks: 2, campaign_id: 'b2f81c9e4d', url_id: '52b1773e98', list_id: '7a1c3e5f90', list_is_active: true, contact_status: 'subscribed' },
  { email_id: '529a351c3cf3ded3370dffc263fee2fc', email_address: 'alice.jones@example.com', merge_fields: { FNAME: 'Alice', LNAME: 'Jones' }, vip: false, clicks: 1, campaign_id: 'b2f81c9e4d', url_id: '52b1773e98', list_id: '7a1c3e5f90', list_is_active: true, contact_status: 'subscribed' },
]);

const mandrill = jsonExport([
  { event: 'click', ts: 1773151267, url: L1, ip: '192.0.2.45', user_agent: CHROME, _id: 'af384ca697609db91b73612b10b65f96', msg: { ts: 1773151200, subject: SUBJECT, email: 'frank.miller@corp.example.com', sender: 'news@example.net', tags: ['spring-2026'], opens: [], clicks: [{ ts: 1773151267, url: L1 }], _id: 'af384ca697609db91b73612b10b65f96' } },
]);

const constantContact = jsonExport([
  { contact_id: 'b942274a-49be-5070-946e-99e975ff7ebb', campaign_activity_id: '6b4bb055-d908-58b0-a5a8-cde533623cd5', tracking_activity_type: 'em_clicks', email_address: 'erin.green@example.com', first_name: 'Erin', last_name: 'Green', device_type: 'computer', url_id: '1100400000001', link_url: L1, created_time: '2026-03-13T09:17:00.000Z' },
  { contact_id: '3895f8a9-3d23-5459-b861-c48ad42ed339', campaign_activity_id: '6b4bb055-d908-58b0-a5a8-cde533623cd5', tracking_activity_type: 'em_clicks', email_address: 'carol.white@example.com', first_name: 'Carol', last_name: 'White', device_type: 'mobile', url_id: '1100400000001', link_url: L1, created_time: '2026-03-12T21:10:00.000Z', deleted_at: '2026-04-01T00:00:00.000Z' },
]);

const campaignMonitor = jsonExport([
  { EmailAddress: 'frank.miller@corp.example.com', URL: L1, ListID: 'a92e45504f73d3cbe91156a6273bb71a', Date: '2026-03-10 14:01:00', IPAddress: '192.0.2.45' },
  { EmailAddress: 'alice.jones@example.com', URL: L2, ListID: 'a92e45504f73d3cbe91156a6273bb71a', Date: '2026-03-10 15:14:00', IPAddress: '203.0.113.24' },
]);

const sendgridWebhook = jsonExport([
  { email: 'alice.jones@example.com', event: 'delivered', timestamp: 1773151203, sg_event_id: 'df8314b0bab251b8406ee2', sg_message_id: 'd021ca7e6084ebdf69f3ca.filterdrecv-5f7c9d8b6-abcde-1-65EDB8A0-1.0', 'smtp-id': '<d021ca7e6084ebdf69f3ca@geopod-ismtpd-3>', response: '250 2.0.0 OK', tls: 1, category: ['newsletter'], mc_stats: 'singlesend', phase_id: 'send', send_at: '1773151200', singlesend_id: 'cb72cf91-5d6b-5015-ab62-ff8862cc665d', singlesend_name: 'Spring Newsletter 2026', template_id: 'd-0d7e24e6889b2feff2d7809e8e58f103' },
  { email: 'frank.miller@corp.example.com', timestamp: 1773151267, event: 'click', sg_event_id: '35db1b0a7739de72846c20', sg_message_id: '087a3c5c2b1caa253ded60.filterdrecv-5f7c9d8b6-abcde-1-65EDB8A0-1.0', useragent: CHROME, ip: '192.0.2.45', url: L1, url_offset: { index: 0, type: 'html' }, category: ['newsletter'], mc_stats: 'singlesend', phase_id: 'send', send_at: '1773151200', singlesend_id: 'cb72cf91-5d6b-5015-ab62-ff8862cc665d', singlesend_name: 'Spring Newsletter 2026', template_id: 'd-0d7e24e6889b2feff2d7809e8e58f103' },
  { email: 'grace.lee@corp.example.com', timestamp: 1773151290, event: 'open', sg_machine_open: true, sg_event_id: 'a1', sg_message_id: '773b80382b2a9e33202848.filterdrecv', useragent: 'Mozilla/5.0', ip: '192.0.2.46', category: ['newsletter'], send_at: '1773151200', singlesend_name: 'Spring Newsletter 2026' },
]);

const sendgridActivityCsv = csvExport(`
processed,message_id,event,api_key_id,recv_message_id,credential_id,subject,from,email,asm_group_id,template_id,originating_ip,reason,outbound_ip,outbound_ip_type,mx,attempt,url,user_agent,type,is_unique,username,categories,marketing_campaign_id,marketing_campaign_name,marketing_campaign_split_id,marketing_campaign_version,unique_args
2026-03-10T14:01:07Z,087a3c5c2b1caa253ded60.filterdrecv-5f7c9d8b6-abcde-1-65EDB8A0-1.0,click,,087a3c5c2b1caa253ded60,,${SUBJECT},news@example.net,frank.miller@corp.example.com,,,,,198.51.100.250,shared,,,${L1},"${CHROME}",,true,,newsletter,,,,,
2026-03-10T15:14:03Z,d021ca7e6084ebdf69f3ca.filterdrecv-5f7c9d8b6-abcde-1-65EDB8A0-1.0,click,,d021ca7e6084ebdf69f3ca,,${SUBJECT},news@example.net,alice.jones@example.com,,,,,198.51.100.250,shared,,,${L2},"${CHROME}",,true,,newsletter,,,,,
`);

const mailgun = jsonExport([
  { id: '40afa1b59bef058374dc95', timestamp: 1773151204.382117, 'log-level': 'info', event: 'delivered', recipient: 'frank.miller@corp.example.com', 'recipient-domain': 'corp.example.com', envelope: { sender: 'bounce@mg.example.net', targets: 'frank.miller@corp.example.com', transport: 'smtp', 'sending-ip': '198.51.100.250' }, 'delivery-status': { code: 250, message: 'OK', 'attempt-no': 1, 'session-seconds': 1.2 }, message: { headers: { 'message-id': '20260310140000.af384ca697609db9@mg.example.net', from: 'Example News <news@example.net>', to: 'frank.miller@corp.example.com', subject: SUBJECT } }, tags: ['spring-2026'], campaigns: [], 'user-variables': {} },
  { id: '1794c53a3baae0af5ab427', timestamp: 1773151267.412, 'log-level': 'info', event: 'clicked', recipient: 'frank.miller@corp.example.com', 'recipient-domain': 'corp.example.com', url: L1, ip: '192.0.2.45', geolocation: { country: 'US', region: 'VA', city: 'Ashburn' }, 'client-info': { 'client-type': 'browser', 'client-os': 'Windows', 'device-type': 'desktop', 'client-name': 'Chrome', 'user-agent': CHROME, bot: 'generic' }, message: { headers: { 'message-id': '20260310140000.af384ca697609db9@mg.example.net' } }, tags: ['spring-2026'], campaigns: [], 'user-variables': {} },
]);

const sesClick = {
  eventType: 'Click',
  mail: {
    timestamp: '2026-03-10T14:00:00.250Z', source: 'news@example.net', sendingAccountId: '123456789012',
    messageId: '0100018eaf384ca6-f298b55e-c9c1-52d1-976d-89df1e422e13-000000', destination: ['frank.miller@corp.example.com'],
    headersTruncated: false,
    commonHeaders: { from: ['Example News <news@example.net>'], to: ['frank.miller@corp.example.com'], messageId: '0100018eaf384ca6-f298b55e-c9c1-52d1-976d-89df1e422e13-000000', subject: SUBJECT },
    tags: { 'ses:configuration-set': ['newsletter'], 'ses:from-domain': ['example.net'], campaign: ['spring-2026'] },
  },
  click: { ipAddress: '192.0.2.45', link: L1, linkTags: { link: ['l1'] }, timestamp: '2026-03-10T14:01:07.412Z', userAgent: CHROME },
};
const amazonSes = jsonExport([sesClick]);
// Yandex Cloud Postbox, SES-compatible, says click.url where SES says click.link
const postbox = jsonExport([{ ...sesClick, click: { ipAddress: '192.0.2.45', url: L1, timestamp: '2026-03-10T17:01:07.412+03:00', userAgent: CHROME } }]);

const postmark = jsonExport([
  { RecordType: 'Click', MessageStream: 'broadcast', ClickLocation: 'HTML', Client: { Name: 'Chrome 109.0.0.0', Company: 'Google', Family: 'Chrome' }, OS: { Name: 'Windows 10', Company: 'Microsoft Corporation', Family: 'Windows 10' }, Platform: 'Desktop', UserAgent: CHROME, OriginalLink: L1, Geo: { CountryISOCode: 'US', Country: 'United States', RegionISOCode: 'VA', Region: 'Virginia', City: 'Ashburn', Zip: '00000', Coords: '0.0,0.0', IP: '192.0.2.45' }, MessageID: '069a9cb2-09ef-5858-adb7-fbabc5420310', Metadata: { campaign: 'spring-2026' }, ReceivedAt: '2026-03-10T14:01:07.4120000Z', Tag: 'spring-newsletter', Recipient: 'frank.miller@corp.example.com' },
]);

const brevo = jsonExport([
  { id: 1239108, camp_id: 417, email: 'frank.miller@corp.example.com', 'campaign name': 'Spring Newsletter 2026', date_sent: '2026-03-10 15:00:00', date_event: '2026-03-10 15:01:07', URL: L1, event: 'click', tag: '', segment_ids: [3, 12], ts_sent: 1773151200, ts_event: 1773151267, ts: 1773154867 },
]);

const klaviyo = jsonExport([
  { type: 'event', id: '4Zxbff94d833e54', attributes: { timestamp: 1773151267, event_properties: { Subject: SUBJECT, 'Campaign Name': 'Spring Newsletter 2026', URL: L1, 'Email Domain': 'corp.example.com', 'Client Name': 'Chrome', 'Client OS': 'Windows 10', 'Client OS Family': 'Windows', 'Client Type': 'Webmail', 'Bot Click': true, $message: '01HRKLMSG8Q2Z3SPRING26', $message_interaction: '01HRKLMSG8Q2Z3SPRING26', $event_id: 'f4e7210b0eb56b254f18' }, datetime: '2026-03-10T14:01:07+00:00', uuid: '891a4e38-4461-5d06-9014-4e80693959b7' }, relationships: { profile: { data: { type: 'profile', id: '01HRB461D7E20C03DDCA16DCAB' } }, metric: { data: { type: 'metric', id: 'Xk3pQz' } } } },
]);

const hubspot = jsonExport([
  { appId: 113, appName: 'Batch', created: 1773151267412, emailCampaignId: 268734511, id: '21b45faf-90ea-52c7-820b-91aab5e85b51', portalId: 4455667, recipient: 'frank.miller@corp.example.com', type: 'CLICK', url: L1, userAgent: CHROME, browser: { name: 'Chrome', family: 'Chrome', producer: 'Google Inc.', producerUrl: 'https://www.google.com/about/company/', type: 'Browser', url: 'https://www.google.com/chrome/', version: ['122.0.0.0'] }, location: { country: 'United States', state: 'VA', city: 'ashburn', latitude: 0.0, longitude: 0.0 }, deviceType: 'COMPUTER', sentBy: { id: '9b41cbde-5700-53a9-b8f1-bd7befb166ba', created: 1773151205000 }, filteredEvent: true },
]);

const mailjet = jsonExport([
  { event: 'click', time: 1773151267, MessageID: '288230400011483212', Message_GUID: 'f1e7f873-ab35-579c-b67e-a51c15975b6d', email: 'frank.miller@corp.example.com', mj_campaign_id: 7471893201, mj_contact_id: 1600044856, customcampaign: 'mj.nl=10442031', CustomID: '', Payload: '', url: L1, ip: '192.0.2.45', geo: 'US', agent: CHROME },
]);

const listmonk = csvExport(`
campaign_id,campaign_uuid,campaign_name,subscriber_id,subscriber_uuid,email,subscriber_name,url,created_at
12,22f11e48-7345-525c-8b8c-37aef125d9d4,Spring Newsletter 2026,1005,747a1188-c96e-54c0-9570-57c8dd972ad2,frank.miller@corp.example.com,Frank Miller,${L1},2026-03-10T14:01:07Z
12,22f11e48-7345-525c-8b8c-37aef125d9d4,Spring Newsletter 2026,0,,,,${L2},2026-03-10T14:05:00Z
`);

const mauticPageHits = csvExport(`
id,page_id,redirect_id,email_id,lead_id,ip_id,device_id,date_hit,date_left,country,region,city,isp,organization,code,referer,url,url_title,user_agent,remote_host,page_language,browser_languages,tracking_id,source,source_id,query
7000,,30,21,505,90,41,2026-03-10 14:01:07,,United States,VA,Ashburn,,,302,,${L1},,"${CHROME}",,,"a:1:{i:0;s:5:""en-US"";}",177572ca8578bd4b92867de,email,21,"a:1:{s:2:""ct"";s:12:""<redacted>"";}"
`);

const mailerlite = jsonExport([
  { id: '1100000004100350018', opens_count: 1, clicks_count: 2, subscriber: { id: '1200000001805916416', email: 'alice.jones@example.com', status: 'active', fields: { name: 'Alice', last_name: 'Jones' } } },
]);

const activeCampaign: Table = [
  ['Email', 'Contact', 'Link', 'Clicked', 'Date', 'Campaign', 'Message'],
  ['alice.jones@example.com', 'Alice Jones', L1, 'Yes', '2026-03-10 15:12:41', 'Spring Newsletter 2026', SUBJECT],
];

describe('the header names of each provider export find the right columns', () => {
  const cases: [string, Table, Partial<Record<Role, string>>][] = [
    ['Mailchimp email-activity', mailchimpActivity, { recipient: 'email_address', time: 'activity.timestamp', link: 'activity.url', campaign: 'campaign_id', ip: 'activity.ip', eventType: 'activity.action' }],
    ['Mailchimp click-details members (aggregate)', mailchimpMembers, { recipient: 'email_address', link: 'url_id', campaign: 'campaign_id', count: 'clicks' }],
    ['Mandrill', mandrill, { recipient: 'msg.email', time: 'ts', link: 'url', campaign: 'msg.subject', userAgent: 'user_agent', ip: 'ip', sentAt: 'msg.ts', eventType: 'event' }],
    ['Constant Contact', constantContact, { recipient: 'email_address', time: 'created_time', link: 'link_url', campaign: 'campaign_activity_id', eventType: 'tracking_activity_type' }],
    // ListID is a list, not a campaign
    ['Campaign Monitor', campaignMonitor, { recipient: 'EmailAddress', time: 'Date', link: 'URL', ip: 'IPAddress' }],
    ['SendGrid event webhook', sendgridWebhook, { recipient: 'email', time: 'timestamp', link: 'url', campaign: 'singlesend_name', userAgent: 'useragent', ip: 'ip', sentAt: 'send_at', eventType: 'event', messageId: 'sg_message_id' }],
    // marketing_campaign_name is empty, so the subject names the e-mail; outbound_ip is SendGrid's own server
    ['SendGrid activity CSV', sendgridActivityCsv, { recipient: 'email', time: 'processed', link: 'url', campaign: 'subject', userAgent: 'user_agent', eventType: 'event', messageId: 'message_id' }],
    // the subject is only on delivered events, the tags are on every event
    ['Mailgun', mailgun, { recipient: 'recipient', time: 'timestamp', link: 'url', campaign: 'tags', userAgent: 'client-info.user-agent', ip: 'ip', eventType: 'event', botFlag: 'client-info.bot', messageId: 'message.headers.message-id' }],
    ['Amazon SES', amazonSes, { recipient: 'mail.destination', time: 'click.timestamp', link: 'click.link', campaign: 'mail.tags.campaign', userAgent: 'click.userAgent', ip: 'click.ipAddress', sentAt: 'mail.timestamp', eventType: 'eventType', messageId: 'mail.messageId' }],
    ['Yandex Postbox (SES-compatible)', postbox, { recipient: 'mail.destination', time: 'click.timestamp', link: 'click.url', campaign: 'mail.tags.campaign', userAgent: 'click.userAgent', ip: 'click.ipAddress', sentAt: 'mail.timestamp', eventType: 'eventType', messageId: 'mail.messageId' }],
    ['Postmark', postmark, { recipient: 'Recipient', time: 'ReceivedAt', link: 'OriginalLink', campaign: 'Metadata.campaign', userAgent: 'UserAgent', ip: 'Geo.IP', eventType: 'RecordType', messageId: 'MessageID' }],
    ['Brevo', brevo, { recipient: 'email', time: 'ts_event', link: 'URL', campaign: 'campaign name', sentAt: 'ts_sent', eventType: 'event' }],
    // the top-level "type" is just "event", not an event type
    ['Klaviyo', klaviyo, { recipient: 'relationships.profile.data.id', time: 'attributes.datetime', link: 'attributes.event_properties.URL', campaign: 'attributes.event_properties.Campaign Name', botFlag: 'attributes.event_properties.Bot Click' }],
    ['HubSpot', hubspot, { recipient: 'recipient', time: 'created', link: 'url', campaign: 'emailCampaignId', userAgent: 'userAgent', sentAt: 'sentBy.created', eventType: 'type', botFlag: 'filteredEvent' }],
    ['Mailjet', mailjet, { recipient: 'email', time: 'time', link: 'url', campaign: 'mj_campaign_id', userAgent: 'agent', ip: 'ip', eventType: 'event', messageId: 'MessageID' }],
    ['listmonk', listmonk, { recipient: 'email', time: 'created_at', link: 'url', campaign: 'campaign_name' }],
    // ip_id is a key into another table, not an address
    ['Mautic page_hits', mauticPageHits, { recipient: 'lead_id', time: 'date_hit', link: 'url', campaign: 'email_id', userAgent: 'user_agent', channel: 'source' }],
    ['MailerLite subscriber activity (aggregate)', mailerlite, { recipient: 'subscriber.email', count: 'clicks_count' }],
    ['ActiveCampaign', activeCampaign, { recipient: 'Email', time: 'Date', link: 'Link', campaign: 'Campaign' }],
  ];

  test.each(cases)('%s', (_name, table, expected) => {
    const plan = planColumns(table);
    expect(plan.hasHeader).toBe(true);
    expect(rolesByName(plan)).toEqual(expected);
    for (const role of Object.keys(expected) as Role[]) expect(plan.how[role]).toBe('header');
  });

  test('ActiveCampaign with only "Clicked" takes it as the click time', () => {
    const plan = planColumns([
      ['Email', 'Link', 'Clicked', 'Campaign'],
      ['alice.jones@example.com', L1, '2026-03-10 15:12:41', 'Spring Newsletter 2026'],
    ]);
    expect(rolesByName(plan).time).toBe('Clicked');
  });

  test("Brevo's shifted `ts` and local `date_event` serve as the time only when `ts_event` is missing", () => {
    const [header, row] = brevo;
    const without = (name: string): Table => {
      const keep = header.map((_, i) => i).filter((i) => header[i] !== name);
      return [keep.map((i) => header[i]), keep.map((i) => row[i])];
    };
    expect(rolesByName(planColumns(without('ts_event'))).time).toBe('ts');
  });

  test('Sendy\'s "clicks" holds subscriber ids, not a count', () => {
    const sendy = csvExport(`
id,campaign_id,link,clicks
80,25,${L1},"305,306,300,305,302,302,304"
81,25,${L2},"305,306,300,303"
`);
    expect(rolesByName(planColumns(sendy))).toEqual({ campaign: 'campaign_id', link: 'link' });
  });
});

describe('headings in other languages', () => {
  const row = ['anna.schmidt@example.de', '10.03.2026 15:12:41', L1, 'Frühlings-Newsletter', SUBJECT];
  test.each([
    ['German', ['E-Mail-Adresse', 'Klickzeitpunkt', 'Link', 'Kampagne', 'Betreff'], 'Kampagne'],
    ['German, subject only', ['Empfänger', 'Datum', 'Geklickter Link', 'Aussendung', 'Betreff'], 'Aussendung'],
    ['French', ['Adresse e-mail', 'Date du clic', 'Lien', 'Campagne', 'Objet'], 'Campagne'],
    ['Spanish', ['Correo electrónico', 'Fecha', 'Enlace', 'Campaña', 'Asunto'], 'Campaña'],
    ['Dutch', ['E-mailadres', 'Tijdstip', 'Koppeling', 'Campagne', 'Onderwerp'], 'Campagne'],
  ])('%s', (_language, header, campaign) => {
    const plan = planColumns([header, row]);
    expect(rolesByName(plan)).toEqual({ recipient: header[0], time: header[1], link: header[2], campaign });
  });

  test('the subject names the e-mail when there is no campaign column', () => {
    const plan = planColumns([['Correo electrónico', 'Fecha', 'Enlace', 'Asunto'], row.filter((_, i) => i !== 3)]);
    expect(rolesByName(plan).campaign).toBe('Asunto');
  });

  test('case, spaces, accents and punctuation do not matter', () => {
    for (const name of ['Clicked At', 'clicked_at', 'CLICKED-AT', ' clicked  at ', 'Clìcked at']) {
      const plan = planColumns([['Email', name], ['a@example.com', '2026-03-10 14:01:07']]);
      expect(rolesByName(plan).time).toBe(name.trim());
    }
    expect(rolesByName(planColumns([['FECHA DEL CLIC', 'correo electronico'], ['2026-03-10', 'a@example.com']]))).toEqual({
      time: 'FECHA DEL CLIC',
      recipient: 'correo electronico',
    });
  });
});

describe('a table without a header row', () => {
  const rows: Table = [
    ['frank.miller@corp.example.com', L1, '2026-03-10 14:01:07', '192.0.2.45', CHROME, 'Spring Newsletter 2026', 'news@example.net'],
    ['frank.miller@corp.example.com', L2, '2026-03-10 14:01:07', '192.0.2.45', CHROME, 'Spring Newsletter 2026', 'news@example.net'],
    ['alice.jones@example.com', L1, '2026-03-10 15:12:41', '2001:db8::24', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)', 'Spring Newsletter 2026', 'news@example.net'],
    ['grace.lee@corp.example.com', L2, '2026-03-10 14:01:11', '192.0.2.46', 'python-requests/2.31.0', 'Spring Newsletter 2026', 'news@example.net'],
  ];

  test('gets generated column names and its roles by content', () => {
    const plan = planColumns(rows);
    expect(plan.hasHeader).toBe(false);
    expect(plan.header).toEqual(['Column A', 'Column B', 'Column C', 'Column D', 'Column E', 'Column F', 'Column G']);
    // the sender's address is the same on every row; the recipients differ; the repeated name is the e-mail
    expect(plan.roles).toEqual({ recipient: 0, link: 1, time: 2, ip: 3, userAgent: 4, campaign: 5 });
    expect(plan.how).toEqual({ recipient: 'content', link: 'content', time: 'content', ip: 'content', userAgent: 'content', campaign: 'content' });
  });

  test('Sheets values (Date objects, numbers) are read by content too', () => {
    const plan = planColumns([
      [new Date('2026-03-10T14:01:07Z'), 'frank.miller@corp.example.com', L1, 3],
      [new Date('2026-03-10T15:12:41Z'), 'alice.jones@example.com', L2, 1],
    ]);
    expect(plan.hasHeader).toBe(false);
    expect(plan.roles).toMatchObject({ time: 0, recipient: 1, link: 2 });
  });

  test('a first row of names and subjects that recur below is data, not a header', () => {
    const names: Table = [
      ['Alice Jones', 'Spring Newsletter 2026', 'Spring sale'],
      ['Bob Smith', 'Spring Newsletter 2026', 'Spring sale'],
      ['Carol White', 'Spring Newsletter 2026', 'New arrivals'],
    ];
    expect(hasHeaderRow(names)).toBe(false);
  });

  test('a header-only table is a header; an empty or blank-first table is not', () => {
    expect(hasHeaderRow([['Email', 'Link', 'Date']])).toBe(true);
    expect(hasHeaderRow([])).toBe(false);
    expect(hasHeaderRow([[null, '', '  '], ['a@example.com', L1, '2026-03-10']])).toBe(false);
    expect(planColumns([])).toEqual({ hasHeader: false, header: [], roles: {}, how: {} });
  });
});

describe('content fills in what the headers do not give', () => {
  test('unknown headings are judged by their values', () => {
    const plan = planColumns([
      ['Wer', 'Wohin', 'Wann', 'Kampagne'],
      ['frank.miller@corp.example.com', L1, '10.03.2026 14:01:07', 'Frühling'],
      ['alice.jones@example.com', L2, '10.03.2026 15:12:41', 'Frühling'],
    ]);
    expect(rolesByName(plan)).toEqual({ recipient: 'Wer', link: 'Wohin', time: 'Wann', campaign: 'Kampagne' });
    expect(plan.how).toEqual({ recipient: 'content', link: 'content', time: 'content', campaign: 'header' });
  });

  test('a blank-headed column of addresses is the recipient', () => {
    const plan = planColumns([
      ['', 'Link', 'Date'],
      ['frank.miller@corp.example.com', L1, '2026-03-10 14:01:07'],
    ]);
    expect(plan.roles.recipient).toBe(0);
    expect(plan.how.recipient).toBe('content');
  });

  test("the sender's address and the sending server's IP are not taken for the recipient's", () => {
    const plan = planColumns([
      ['From', 'To whom', 'Link', 'Clicked at', 'Sending IP', 'Where from'],
      ['news@example.net', 'frank.miller@corp.example.com', L1, '2026-03-10 14:01:07', '198.51.100.250', '192.0.2.45'],
      ['news@example.net', 'alice.jones@example.com', L2, '2026-03-10 15:12:41', '198.51.100.250', '203.0.113.24'],
    ]);
    expect(rolesByName(plan)).toEqual({ recipient: 'To whom', link: 'Link', time: 'Clicked at', ip: 'Where from' });
    expect(plan.how).toMatchObject({ recipient: 'content', ip: 'content' });
  });
});

describe('when several columns could serve one role', () => {
  test('the higher-ranked name wins and each column serves one role', () => {
    const plan = planColumns([
      ['Date', 'Clicked at', 'Email', 'Sent at', 'Link'],
      ['2026-03-10', '2026-03-10 14:01:07', 'a@example.com', '2026-03-10 14:00:00', L1],
    ]);
    expect(rolesByName(plan)).toEqual({ time: 'Clicked at', recipient: 'Email', sentAt: 'Sent at', link: 'Link' });
  });

  test('a column with values beats an empty one', () => {
    const plan = planColumns([
      ['Email', 'Campaign', 'Subject', 'Link', 'Date'],
      ['a@example.com', '', SUBJECT, L1, '2026-03-10 14:01:07'],
      ['b@example.com', null, SUBJECT, L2, '2026-03-10 14:02:07'],
    ]);
    expect(rolesByName(plan).campaign).toBe('Subject');
  });

  test('duplicate and blank headers do not crash, and the duplicate with values is taken', () => {
    const table: Table = [
      ['Email', 'Email', '', 'Link', '', 'Date', 'Date'],
      ['', 'a@example.com', 'x', L1, null, '2026-03-10 14:01:07', '2026-03-10 14:01:07'],
      [null, 'b@example.com', 'y', L2, null, '2026-03-10 14:02:07', '2026-03-10 14:02:07'],
    ];
    const plan = planColumns(table);
    expect(plan.roles).toEqual({ recipient: 1, link: 3, time: 5 });
    expect(plan.header).toEqual(['Email', 'Email', '', 'Link', '', 'Date', 'Date']);
    expect(() => requireRoles(plan, ['recipient', 'time', 'link'])).not.toThrow();
  });

  test('rows wider than the header get blank names', () => {
    const plan = planColumns([['Email', 'Link'], ['a@example.com', L1, '2026-03-10 14:01:07']]);
    expect(plan.header).toEqual(['Email', 'Link', '']);
    expect(plan.roles.time).toBe(2);
  });
});

describe("botclick's own columns and the user's Override column", () => {
  const flagged: Table = [
    ['Email', 'Link', 'Date', BOT_CLICK_HEADER, WHY_HEADER, OVERRIDE_HEADER],
    ['frank.miller@corp.example.com', L1, '2026-03-10 14:01:07', 'bot', '5 links in 2 s, 67 s after delivery', ''],
    ['alice.jones@example.com', L2, '2026-03-10 15:12:41', 'human', 'one click, 72 min after send', 'human'],
  ];

  test('"Bot click" and "Why" are never read as input, "Override" is found', () => {
    const plan = planColumns(flagged);
    expect(rolesByName(plan)).toEqual({ recipient: 'Email', link: 'Link', time: 'Date', override: OVERRIDE_HEADER });
    expect(plan.roles.botFlag).toBeUndefined();
  });

  test('an empty Override column is still found', () => {
    const plan = planColumns([['Email', 'Date', 'Override'], ['a@example.com', '2026-03-10 14:01:07', null]]);
    expect(rolesByName(plan).override).toBe('Override');
  });

  test('a provider\'s "Bot Click" column (Klaviyo) is its bot flag', () => {
    const plan = planColumns([['Email', 'Date', 'Bot Click'], ['a@example.com', '2026-03-10 14:01:07', 'TRUE']]);
    expect(rolesByName(plan).botFlag).toBe('Bot Click');
  });

  test('naming one of our columns is refused in words', () => {
    expect(errorOf(() => planColumns(flagged, { botFlag: 'Bot click' })).message).toBe(
      'the bot-flag column "Bot click" you named is one botclick adds; name a column of your data.',
    );
  });
});

describe('columns the user names', () => {
  const table: Table = [
    ['Email', 'Link', 'Date', 'Clicked on', 'Segment'],
    ['a@example.com', L1, '2026-03-01', '2026-03-10 14:01:07', 'VIP'],
  ];

  test('by header, in any spelling, winning over the dictionary', () => {
    const plan = planColumns(table, { time: 'clicked-on', campaign: 'SEGMENT' });
    expect(rolesByName(plan)).toMatchObject({ time: 'Clicked on', campaign: 'Segment', recipient: 'Email', link: 'Link' });
    expect(plan.how).toMatchObject({ time: 'named', campaign: 'named', recipient: 'header' });
  });

  test('by column letter', () => {
    const plan = planColumns(table, { time: 'D', campaign: 'e' });
    expect(plan.roles).toMatchObject({ time: 3, campaign: 4 });
    const wide: Table = [Array.from({ length: 30 }, (_, i) => `Field ${i + 1}`), Array.from({ length: 30 }, () => 'x')];
    expect(planColumns(wide, { recipient: 'AB' }).roles.recipient).toBe(27);
  });

  test('in a table without a header, by letter or generated name', () => {
    const rows: Table = [['a@example.com', L1, '2026-03-10 14:01:07', 'Spring']];
    const plan = planColumns(rows, { campaign: 'D', time: 'Column C' });
    expect(plan.roles).toMatchObject({ campaign: 3, time: 2, recipient: 0, link: 1 });
    expect(plan.how).toMatchObject({ campaign: 'named', time: 'named', recipient: 'content' });
  });

  test('a blank name means "find it yourself"', () => {
    expect(planColumns(table, { time: '  ' }).how.time).toBe('header');
  });

  test('a name that matches nothing says so and lists the headers', () => {
    const plain: Table = [['Email', 'Link', 'Date'], ['a@example.com', L1, '2026-03-10 14:01:07']];
    expect(errorOf(() => planColumns(plain, { time: 'Clicked on' })).message).toBe(
      'the time column "Clicked on" you named is not in the table; headers seen: Email, Link, Date.',
    );
    expect(errorOf(() => planColumns(plain, { link: 'Q' })).message).toBe(
      'the link column "Q" you named is not in the table; headers seen: Email, Link, Date.',
    );
  });

  test('one column named for two roles is refused', () => {
    expect(errorOf(() => planColumns(table, { time: 'Date', sentAt: 'C' })).message).toBe(
      'you named the column "Date" for both the time and the send-time; a column can serve one role only.',
    );
  });
});

describe('requireRoles', () => {
  test('names the missing column in plain words and lists the headers seen', () => {
    const plan = planColumns([['Email', 'Link', 'Campaign'], ['a@example.com', L1, 'Spring']]);
    expect(errorOf(() => requireRoles(plan, ['recipient', 'time', 'link'])).message).toBe(
      'no click-time column found; headers seen: Email, Link, Campaign.',
    );
    expect(() => requireRoles(plan, ['recipient', 'link', 'campaign'])).not.toThrow();
  });

  test('reports the first missing role in the order asked', () => {
    const plan = planColumns([['Notes', 'Segment'], ['hello there', 'VIP']]);
    expect(errorOf(() => requireRoles(plan, ['recipient', 'time'])).message).toBe(
      'no recipient (e-mail address or contact id) column found; headers seen: Notes, Segment.',
    );
  });

  test('shortens long header lists and long names, and shows blank headers', () => {
    const header = ['', ...Array.from({ length: 29 }, (_, i) => `Custom field number ${i + 1}`), 'A very long heading that goes on and on and on'];
    const plan = planColumns([header, header.map(() => 'x')]);
    const message = errorOf(() => requireRoles(plan, ['time'])).message;
    expect(message).toBe(
      'no click-time column found; headers seen: (blank), Custom field number 1, Custom field number 2, Custom field number 3, ' +
        'Custom field number 4, Custom field number 5, Custom field number 6, Custom field number 7, Custom field number 8, ' +
        'Custom field number 9, Custom field number 10, Custom field number 11 and 19 more.',
    );
    const long = planColumns([['Email', 'A very long heading that goes on and on and on forever'], ['a@example.com', 'x']]);
    expect(errorOf(() => requireRoles(long, ['link'])).message).toBe(
      'no link column found; headers seen: Email, A very long heading that goes on and on….',
    );
  });

  test('a table of clicks without recipients or times says what it must be joined to', () => {
    // Fivetran's HubSpot email_event_click: the click's details, keyed by the email_event id.
    const plan = planColumns([
      ['id', '_fivetran_synced', 'referer', 'browser', 'location', 'ip_address', 'url', 'user_agent'],
      ['01be3c8b-2b01-3c60-8f21-052674dd46aa', '2020-01-14 18:17:43.872', '', 'Chrome', 'US', '203.0.113.24', L1, CHROME],
    ]);
    expect(errorOf(() => requireRoles(plan, ['recipient', 'time'])).message).toMatch(
      /^no recipient or click-time column found, only links: join this table to the events table .* then flag the joined table; headers seen: id, /,
    );
  });

  test('a table without a header row says so', () => {
    const plan = planColumns([['a@example.com', 'hello', 'Spring']]);
    expect(errorOf(() => requireRoles(plan, ['recipient', 'link'])).message).toBe(
      'no link column found; the table has no header row (columns seen: Column A, Column B, Column C): include the header row, or name the columns.',
    );
  });

  test('an empty table says so', () => {
    expect(errorOf(() => requireRoles(planColumns([]), ['time'])).message).toBe(
      'no click-time column found; the table is empty.',
    );
  });
});

describe('the header dictionary', () => {
  test('every name means one role only, and known non-roles are none of them', () => {
    const seen = new Map<string, string>();
    for (const role of ROLES) {
      for (const name of HEADER_NAMES[role]) {
        const key = normaliseHeader(name);
        expect({ name, clash: seen.get(key) }).toEqual({ name, clash: undefined });
        seen.set(key, `${role}: ${name}`);
      }
    }
    for (const name of NOT_A_ROLE) expect({ name, role: seen.get(normaliseHeader(name)) }).toEqual({ name, role: undefined });
  });

  test('column letters go both ways', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(['A', 'z', 'AA', 'ab', 'ZZ', 'AAA'].map(columnIndex)).toEqual([0, 25, 26, 27, 701, 702]);
    expect(columnIndex('A1')).toBe(-1);
  });
});
