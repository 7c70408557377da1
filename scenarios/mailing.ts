import type { Campaign, Link, LinkKind, Person } from './model';
import type { Random } from './random';

/** The sender's campaigns: B2B newsletters with stories, a poll and the usual footer links, and short e-mails. */

const BRANDS = ['Corvane', 'Telvaro', 'Quillmark', 'Brenthaus', 'Ostrima', 'Valdence', 'Kestrova', 'Nimbrel'];
const TOPICS = [
  'supply-chain-outlook', 'cutting-cloud-costs', 'customer-story-logistics', 'ai-in-procurement', 'new-reporting-dashboard',
  'security-checklist', 'pricing-update', 'event-recap', 'hiring-engineers', 'quarterly-benchmark', 'case-study-retail',
  'integration-guide', 'data-retention-rules', 'webinar-recording', 'product-roadmap', 'partner-program', 'energy-prices',
  'compliance-deadlines', 'faster-invoicing', 'team-spotlight',
];
const SHORT_SUBJECTS = [
  ['Webinar invitation', 'webinar/register', 'webinar/agenda'],
  ['Your invoice portal is changing', 'portal/login', 'help/portal-faq'],
  ['Last seats for the roadshow', 'events/roadshow', 'events/roadshow/venues'],
  ['Product update: faster exports', 'releases/latest', 'docs/exports'],
] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Monday 2 March 2026, 00:00 UTC: the mailing's first week. */
const FIRST_DAY = Date.UTC(2026, 2, 2);
const DAY = 86_400_000;

export interface Sender {
  brand: string;
  site: string;
  mailHost: string;
}

export function pickSender(rng: Random): Sender {
  const brand = rng.pick(BRANDS);
  const slug = brand.toLowerCase();
  return { brand, site: `www.${slug}.com`, mailHost: `news.${slug}.com` };
}

const link = (kind: LinkKind, url: string, appeal: number, personal = false): Link => ({ kind, url, appeal, personal });

function newsletterLinks(sender: Sender, slug: string, rng: Random): Link[] {
  const utm = `utm_source=newsletter&utm_medium=email&utm_campaign=${slug}`;
  const hasPoll = rng.chance(0.65);
  const pollOptions = hasPoll ? rng.int(3, 5) : 0;
  const socials = rng.sample(['https://www.linkedin.com/company/' + sender.brand.toLowerCase(), `https://x.com/${sender.brand.toLowerCase()}`, `https://www.youtube.com/@${sender.brand.toLowerCase()}`], rng.int(1, 3));
  const footer = 3 + socials.length + pollOptions; // view online, preferences, unsubscribe
  const stories = rng.int(Math.max(2, 6 - footer), Math.max(3, 15 - footer));
  const storyLinks = rng
    .sample(TOPICS, stories)
    .map((topic, i) => link('story', `https://${sender.site}/blog/${topic}?${utm}`, 10 / (i + 1.5)));
  const poll = Array.from({ length: pollOptions }, (_, i) =>
    link('poll', `https://${sender.site}/poll/${slug}?answer=${i + 1}&${utm}`, 0));
  return [
    link('viewOnline', `https://${sender.mailHost}/view/${slug}`, 0.25, true),
    ...storyLinks,
    ...poll,
    ...socials.map((url) => link('social', url, 0.15)),
    link('preferences', `https://${sender.mailHost}/preferences`, 0.08, true),
    link('unsubscribe', `https://${sender.mailHost}/unsubscribe`, 0.2, true),
  ];
}

function shortLinks(sender: Sender, slug: string, paths: readonly [string, string], rng: Random): Link[] {
  const utm = `utm_source=email&utm_medium=email&utm_campaign=${slug}`;
  const count = rng.int(2, 4);
  const links = [link('cta', `https://${sender.site}/${paths[0]}?${utm}`, 10)];
  if (count >= 3) links.push(link('story', `https://${sender.site}/${paths[1]}?${utm}`, 2));
  if (count === 4) links.unshift(link('viewOnline', `https://${sender.mailHost}/view/${slug}`, 0.2, true));
  links.push(link('unsubscribe', `https://${sender.mailHost}/unsubscribe`, 0.3, true));
  return links;
}

/** A campaign's send time: a working day, during office hours in Europe or the US. */
function sendTimeFor(index: number, rng: Random): number {
  let day = FIRST_DAY + (index * rng.int(3, 6) + rng.int(0, 2)) * DAY;
  while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
  return day + rng.int(6 * 60, 15 * 60) * 60_000;
}

export function makeCampaigns(count: number, sender: Sender, rng: Random): Campaign[] {
  let newsletters = 0;
  return Array.from({ length: count }, (_, index) => {
    const sendTime = sendTimeFor(index, rng);
    const month = new Date(sendTime);
    const isNewsletter = index === 0 || rng.chance(0.6);
    const common = { sendTime, sendRate: rng.between(15, 90), audienceShare: rng.between(0.75, 1) };
    if (isNewsletter) {
      newsletters++;
      const slug = `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}-${newsletters}`;
      return {
        ...common,
        name: `${sender.brand} Briefing #${newsletters}: ${MONTHS[month.getUTCMonth()]} ${month.getUTCFullYear()}`,
        kind: 'newsletter' as const,
        links: newsletterLinks(sender, slug, rng),
        clickRate: rng.between(0.05, 0.1),
      };
    }
    const [subject, ...paths] = rng.pick(SHORT_SUBJECTS);
    const slug = `${paths[0].split('/')[0]}-${month.getUTCDate()}-${month.getUTCMonth() + 1}`;
    return {
      ...common,
      name: `${subject} (${month.getUTCDate()} ${MONTHS[month.getUTCMonth()].slice(0, 3)})`,
      kind: 'short' as const,
      links: shortLinks(sender, slug, paths as [string, string], rng),
      clickRate: rng.between(0.03, 0.07),
    };
  });
}

/** The URL as the export shows it for this recipient. */
export function urlFor(link: Link, person: Person, personalLinks: boolean): string {
  if (!link.personal || !personalLinks) return link.url;
  return `${link.url}${link.url.includes('?') ? '&' : '?'}u=${person.token}`;
}
