import { GENERIC_DESKTOP_CHROME, PREVIEW_AGENTS, personAgent } from './agents';
import type { Click, Copy, Hit, HumanBehaviour, Link } from './model';
import { CLOUD_RANGES, homeIp, ipIn } from './network';
import type { Random } from './random';

/** How people click: minutes to days after delivery, one or two links, and the habits that look like bots. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Human ways of clicking that a test can ask for by name; left out, one is drawn. The others need a scan to follow. */
export type ReadingPlan = Exclude<HumanBehaviour, 'reader after scan' | 'early reader in a wave' | 'tabs after scan'>;

/** When a person first clicks: most within hours, a long tail over days, hardly anyone in the first minutes. */
function firstClickDelay(rng: Random, atLeast = 2 * MINUTE): number {
  return Math.min(6 * 24 * HOUR, Math.max(atLeast, rng.logNormal(75 * MINUTE, 1.5)));
}

/** Browser and address for a click at `time`: office desktop in working hours, otherwise mostly the phone. */
function device(copy: Copy, time: number, rng: Random): Pick<Hit, 'agent' | 'ip'> {
  const { person } = copy;
  const org = person.org;
  const hour = new Date(time).getUTCHours();
  const workHours = !org.freemail && hour >= 7 && hour < 18;
  const desktop = rng.chance(workHours ? 0.75 : org.freemail ? 0.4 : 0.3);
  if (desktop && workHours && org.isolationIps.length > 0) return { agent: GENERIC_DESKTOP_CHROME, ip: rng.pick(org.isolationIps) };
  if (desktop && workHours) return { agent: person.desktopAgent, ip: rng.pick(org.officeIps) };
  return { agent: desktop ? person.desktopAgent : person.mobileAgent, ip: person.homeIp };
}

/** Links a reader picks, the more appealing the likelier, without repeats. */
function chooseLinks(links: readonly Link[], count: number, rng: Random): number[] {
  const pool = links.map((link, i) => [i, link.appeal] as const).filter(([, appeal]) => appeal > 0);
  const chosen: number[] = [];
  while (chosen.length < count && chosen.length < pool.length) {
    const pick = rng.weighted(pool.filter(([i]) => !chosen.includes(i)));
    chosen.push(pick);
  }
  return chosen;
}

function pollOptions(links: readonly Link[]): number[] {
  return links.flatMap((link, i) => (link.kind === 'poll' ? [i] : []));
}

function stories(links: readonly Link[]): number[] {
  return links.flatMap((link, i) => (link.kind === 'story' ? [i] : []));
}

type Tagged = Hit & { behaviour: HumanBehaviour };

function at(copy: Copy, time: number, link: number, behaviour: HumanBehaviour, rng: Random): Tagged {
  return { time, link, behaviour, ...device(copy, time, rng) };
}

/** The same link again a fraction of a second later: an impatient double click. */
function doubled(click: Tagged, rng: Random): Tagged[] {
  const second = { ...click, time: click.time + rng.between(0.15, 1.2) * SECOND, behaviour: 'double click' as const };
  return [{ ...click, behaviour: 'double click' }, second];
}

/** A vote in the newsletter's poll, sometimes changed once or twice (each option is its own link). */
function vote(copy: Copy, time: number, change: boolean, rng: Random): Tagged[] {
  const options = rng.shuffle(pollOptions(copy.campaign.links));
  if (!change) return [at(copy, time, options[0], 'reader', rng)];
  const changes = rng.chance(0.2) && options.length > 2 ? 2 : 1;
  const votes = [at(copy, time, options[0], 'poll vote change', rng)];
  for (let i = 1; i <= changes; i++) {
    const previous = votes[i - 1];
    votes.push({ ...previous, link: options[i], time: previous.time + rng.between(5, 180) * SECOND });
  }
  return votes;
}

/** An ordinary reader: one to three links in one sitting, sometimes a vote, sometimes back days later. */
function reader(copy: Copy, rng: Random, wants: { double?: boolean; voteChange?: boolean } = {}): Tagged[] {
  const { links } = copy.campaign;
  const count = rng.weighted([[1, 62], [2, 26], [3, 12]] as const);
  let time = copy.deliveredAt + firstClickDelay(rng);
  const clicks: Tagged[] = [];
  for (const link of chooseLinks(links, count, rng)) {
    const click = at(copy, time, link, 'reader', rng);
    clicks.push(...(wants.double ?? rng.chance(0.04) ? doubled(click, rng) : [click]));
    wants = { ...wants, double: false };
    time += rng.chance(0.8) ? rng.between(15, 480) * SECOND : rng.logNormal(6 * HOUR, 1);
  }
  const hasPoll = pollOptions(links).length > 0;
  if (hasPoll && (wants.voteChange || rng.chance(0.2))) clicks.push(...vote(copy, time, wants.voteChange ?? rng.chance(0.15), rng));
  if (rng.chance(0.12)) clicks.push(at(copy, time + rng.between(1, 4) * 24 * HOUR, chooseLinks(links, 1, rng)[0], 'reader', rng));
  return clicks;
}

/** Four (sometimes five) stories opened in new tabs, a couple of seconds apart, long after delivery. */
function tabs(copy: Copy, rng: Random): Tagged[] {
  const all = stories(copy.campaign.links);
  const picked = rng.sample(all, all.length >= 8 && rng.chance(0.25) ? 5 : 4);
  const order = rng.chance(0.7) ? picked : rng.shuffle(picked);
  let time = copy.deliveredAt + firstClickDelay(rng, 10 * MINUTE);
  const where = device(copy, time, rng);
  return order.map((link) => {
    const click = { time, link, behaviour: 'tabs' as const, ...where };
    time += rng.between(1.2, 3.5) * SECOND;
    return click;
  });
}

/** The reader forwards the e-mail; colleagues click its links hours later, from their own machines. */
function forwarded(copy: Copy, rng: Random): Tagged[] {
  const own = reader(copy, rng);
  const sharedAt = Math.max(...own.map((click) => click.time));
  const colleagues = Array.from({ length: rng.int(1, 4) }, () => {
    const time = sharedAt + rng.between(0.5, 28) * HOUR;
    const onPhone = rng.chance(0.4);
    const agent = personAgent(onPhone ? 'mobile' : 'desktop', rng);
    const org = copy.person.org;
    const ip = !onPhone && org.officeIps.length > 0 && rng.chance(0.7) ? rng.pick(org.officeIps) : homeIp(rng);
    return chooseLinks(copy.campaign.links, rng.int(1, 2), rng).map((link, i) => ({
      time: time + i * rng.between(20, 300) * SECOND,
      link,
      agent,
      ip,
      behaviour: 'forwarded' as const,
    }));
  });
  return [...own, ...colleagues.flat()];
}

/** Someone at their desk when it arrives: one link, about a minute after delivery. */
function fastReader(copy: Copy, rng: Random): Tagged[] {
  const time = copy.deliveredAt + rng.between(40, 150) * SECOND;
  return [at(copy, time, chooseLinks(copy.campaign.links, 1, rng)[0], 'fast reader', rng)];
}

const PLANS: Record<ReadingPlan, (copy: Copy, rng: Random) => Tagged[]> = {
  reader: (copy, rng) => reader(copy, rng, { double: false, voteChange: false }),
  'double click': (copy, rng) => reader(copy, rng, { double: true, voteChange: false }),
  'poll vote change': (copy, rng) => reader(copy, rng, { double: false, voteChange: true }),
  tabs,
  forwarded,
  'fast reader': fastReader,
  // Through a remote browser every click arrives from the service's address, in the service's browser.
  'browser isolation': (copy, rng) => {
    const { isolationIps } = copy.person.org;
    if (isolationIps.length === 0) throw new Error(`${copy.person.org.domain} browses through no isolation service`);
    return reader(copy, rng, { double: false, voteChange: false }).map((click) => ({ ...click, agent: GENERIC_DESKTOP_CHROME, ip: rng.pick(isolationIps) }));
  },
};

function drawPlan(copy: Copy, rng: Random): (copy: Copy, rng: Random) => Tagged[] {
  const r = rng.next();
  if (r < 0.02) return fastReader;
  if (r < 0.06 && stories(copy.campaign.links).length >= 5) return tabs;
  if (r < 0.085) return forwarded;
  return (c, g) => reader(c, g);
}

/** A click through a remote browser is labelled so whatever the person was doing. */
function labelled(copy: Copy, tagged: Tagged[]): Click[] {
  const isolated = copy.person.org.isolationIps;
  return tagged.map(({ behaviour, ...hit }) => ({ ...hit, copy, label: 'human', behaviour: isolated.includes(hit.ip) ? 'browser isolation' : behaviour }));
}

/**
 * Someone at a company whose gateway is fetching one link of every copy reads the e-mail while the
 * wave goes on: one link, sometimes a second, at a hand's pace, chosen as any reader chooses (so
 * often not the link the wave fetched).
 */
export function earlyReader(copy: Copy, time: number, rng: Random): Click[] {
  const [first, second] = chooseLinks(copy.campaign.links, rng.chance(0.35) ? 2 : 1, rng);
  const clicks = [at(copy, time, first, 'early reader in a wave', rng)];
  if (second !== undefined) clicks.push(at(copy, time + rng.between(20, 240) * SECOND, second, 'early reader in a wave', rng));
  return labelled(copy, clicks);
}

/** The e-mail's content links: what a person opens in tabs (never the footer's). */
export function contentLinks(links: readonly Link[]): number[] {
  return links.flatMap((link, i) => (link.kind === 'story' || link.kind === 'cta' ? [i] : []));
}

/**
 * Hours after the gateway scanned the copy, its reader opens two to four stories in tabs, one to six
 * seconds apart: quick, but a person's pick of content links, not the scan again.
 */
export function tabsAfterScan(copy: Copy, scannedAt: number, rng: Random): Click[] {
  const content = contentLinks(copy.campaign.links);
  const picked = rng.sample(content, Math.min(content.length, rng.int(2, 4)));
  const order = rng.chance(0.7) ? picked : rng.shuffle(picked);
  let time = Math.max(scannedAt, copy.deliveredAt) + rng.between(1, 30) * HOUR;
  const where = device(copy, time, rng);
  return labelled(
    copy,
    order.map((link) => {
      const click = { time, link, behaviour: 'tabs after scan' as const, ...where };
      time += rng.between(1, 6) * SECOND;
      return click;
    }),
  );
}

/** A chat app fetches a link the reader pasted, to draw its preview: a machine, at a human time. */
export function linkPreview(after: Click, rng: Random): Click {
  return {
    time: after.time + rng.between(20, 2400) * SECOND,
    link: after.link,
    agent: rng.pick(PREVIEW_AGENTS),
    ip: ipIn(rng.pick(CLOUD_RANGES), rng),
    copy: after.copy,
    label: 'bot',
    behaviour: 'link preview',
  };
}

/** Everything one recipient (and whoever they forward it to) clicks in one copy. */
export function readCopy(copy: Copy, rng: Random, plan?: ReadingPlan): Click[] {
  const tagged = (plan ? PLANS[plan] : drawPlan(copy, rng))(copy, rng);
  const clicks = labelled(copy, tagged);
  // Sometimes the reader pastes a link into a chat; a case that asks for one habit gets only that habit.
  if (!plan && rng.chance(0.02)) clicks.push(linkPreview(clicks[0], rng));
  return clicks;
}
