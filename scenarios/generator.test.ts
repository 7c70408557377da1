import { isbot } from 'isbot';
import { behaviourCase } from './cases';
import { generateScenario, simulateMailing } from './generator';
import { HUMAN_BEHAVIOURS, SCANNER_BEHAVIOURS, labelOf, type Behaviour, type Click, type Copy } from './model';
import { ALL_GATEWAY_RANGES, inRanges } from './network';
import { noFilter, plainMinuteRule, score } from './scoring';
import { renderExport } from './table';

// The evidence is only as good as its truth: these check the generator itself, not the detector.

const mailings = [1, 2, 3].map((seed) => simulateMailing({ seed }));
const clicksOf = (behaviour: Behaviour): Click[] => mailings.flatMap((m) => m.clicks.filter((c) => c.behaviour === behaviour));
const byCopy = new Map<Copy, Click[]>();
for (const click of mailings.flatMap((m) => m.clicks)) byCopy.set(click.copy, [...(byCopy.get(click.copy) ?? []), click]);
const gaps = (clicks: Click[]): number[] => clicks.slice(1).map((click, i) => (click.time - clicks[i].time) / 1000);

/** One scan's clicks: one copy, one gateway (a scan keeps to one /24; stacked gateways are told apart by it). */
function groupByScan(clicks: Click[]): Click[][] {
  const groups = new Map<string, Click[]>();
  for (const click of clicks) {
    const key = `${click.copy.campaign.name} ${click.copy.person.email} ${click.ip.split('.').slice(0, 3).join('.')}`;
    groups.set(key, [...(groups.get(key) ?? []), click]);
  }
  return [...groups.values()];
}

describe('the labelled mailing', () => {
  test('the same seed gives the same export, another seed another one', () => {
    expect(generateScenario({ seed: 7, recipients: 800 }).table).toEqual(generateScenario({ seed: 7, recipients: 800 }).table);
    expect(generateScenario({ seed: 8, recipients: 800 }).table).not.toEqual(generateScenario({ seed: 7, recipients: 800 }).table);
  });

  test('is a scanner-heavy business mailing: several campaigns, thousands of people, most clicks from machines', () => {
    for (const mailing of mailings) {
      expect(mailing.campaigns.length).toBeGreaterThanOrEqual(3);
      expect(mailing.people.length).toBeGreaterThanOrEqual(3000);
      const bots = mailing.clicks.filter((c) => c.label === 'bot').length;
      expect(bots / mailing.clicks.length).toBeGreaterThan(0.6);
      const companies = mailing.people.filter((p) => !p.org.freemail);
      expect(companies.filter((p) => p.org.layers.length > 0).length / companies.length).toBeGreaterThan(0.5);
    }
  });

  test('newsletters have 6-15 links with a poll sharing one path, short e-mails 2-4', () => {
    for (const campaign of mailings.flatMap((m) => m.campaigns)) {
      const count = campaign.links.length;
      if (campaign.kind === 'newsletter') expect(count).toBeGreaterThanOrEqual(6);
      if (campaign.kind === 'newsletter') expect(count).toBeLessThanOrEqual(15);
      if (campaign.kind === 'short') expect([2, 3, 4]).toContain(count);
      expect(campaign.links.some((link) => link.kind === 'unsubscribe')).toBe(true);
      const poll = campaign.links.filter((link) => link.kind === 'poll').map((link) => new URL(link.url));
      expect(new Set(poll.map((url) => url.pathname)).size).toBeLessThanOrEqual(1);
      expect(new Set(poll.map((url) => url.searchParams.get('answer'))).size).toBe(poll.length);
    }
  });

  test('every behaviour the issue names occurs, each click labelled by what made it', () => {
    const seen = new Set(mailings.flatMap((m) => m.clicks.map((c) => c.behaviour)));
    for (const behaviour of [...SCANNER_BEHAVIOURS, ...HUMAN_BEHAVIOURS]) expect([behaviour, seen.has(behaviour)]).toEqual([behaviour, true]);
    expect(mailings.flatMap((m) => m.clicks).filter((click) => click.label !== labelOf(click.behaviour))).toEqual([]);
  });

  test('the truth per campaign counts the distinct people with a human click', () => {
    const scenario = renderExport(mailings[0], {});
    for (const truth of scenario.campaigns) {
      const humans = new Set(scenario.rows.filter((c) => c?.label === 'human' && c.copy.campaign.name === truth.name).map((c) => c?.copy.person.email));
      expect(truth.humanClickers).toBe(humans.size);
      expect(truth.humanClickers).toBeGreaterThan(100);
      expect(truth.rawClickers).toBeGreaterThan(truth.humanClickers * 1.5);
    }
    const perfect = score(scenario, scenario.labels.map((label) => label ?? null));
    expect(perfect).toMatchObject({ recall: 1, precision: 1, worstClickerError: 0 });
  });

  test('nothing is clicked before it was sent; people click at least half a minute after delivery', () => {
    const all = mailings.flatMap((m) => m.clicks);
    expect(all.filter((click) => click.time < click.copy.campaign.sendTime).map((click) => click.behaviour)).toEqual([]);
    expect(all.filter((click) => click.label === 'human' && click.time - click.copy.deliveredAt < 30_000).map((click) => click.behaviour)).toEqual([]);
    const early = clicksOf('pre-delivery scan');
    expect(early.filter((c) => c.time < c.copy.deliveredAt).length).toBeGreaterThan(early.length / 2);
  });

  test('scanners sweep within seconds, pace themselves at 15-25 s, or fetch every link twice', () => {
    for (const sweep of groupByScan(clicksOf('sweep'))) expect(Math.max(...gaps(sweep))).toBeLessThanOrEqual(2);
    for (const paced of groupByScan(clicksOf('paced sweep'))) {
      for (const gap of gaps(paced)) expect(gap).toBeGreaterThanOrEqual(15);
      for (const gap of gaps(paced)) expect(gap).toBeLessThanOrEqual(25);
      expect(new Set(paced.map((c) => c.link)).size).toBe(paced[0].copy.campaign.links.length);
    }
    for (const twice of groupByScan(clicksOf('two requests per link'))) expect(twice.length).toBe(2 * new Set(twice.map((c) => c.link)).size);
    for (const partial of groupByScan(clicksOf('partial sweep'))) expect(new Set(partial.map((c) => c.link)).size).toBeLessThan(partial[0].copy.campaign.links.length);
  });

  test('a gateway taking one link per copy does it for many copies at one domain', () => {
    const waves = new Map<string, Set<string>>();
    for (const click of clicksOf('one link per copy')) {
      const key = `${click.copy.campaign.name} ${click.copy.person.org.domain}`;
      waves.set(key, (waves.get(key) ?? new Set()).add(click.copy.person.email));
    }
    for (const recipients of waves.values()) expect(recipients.size).toBeGreaterThanOrEqual(2);
    for (const copy of groupByScan(clicksOf('one link per copy'))) expect(copy).toHaveLength(1);
  });

  test('tab readers open 4-5 stories within seconds, long after delivery', () => {
    for (const tabs of groupByScan(clicksOf('tabs'))) {
      expect([4, 5]).toContain(tabs.length);
      expect((tabs[tabs.length - 1].time - tabs[0].time) / 1000).toBeLessThanOrEqual(15);
      expect(tabs[0].time - tabs[0].copy.deliveredAt).toBeGreaterThanOrEqual(10 * 60_000);
      for (const tab of tabs) expect(tab.copy.campaign.links[tab.link].kind).toBe('story');
    }
  });

  test('early readers at a waved company click one or two links at a hand\'s pace while the wave goes on', () => {
    const readers = groupByScan(clicksOf('early reader in a wave'));
    expect(readers.length).toBeGreaterThan(20);
    const waves = clicksOf('one link per copy');
    let otherLink = 0;
    for (const clicks of readers) {
      expect([1, 2]).toContain(clicks.length);
      if (clicks.length === 2) expect(gaps(clicks)[0]).toBeGreaterThanOrEqual(20);
      const copy = clicks[0].copy;
      const wave = waves.filter((c) => c.copy.campaign === copy.campaign && c.copy.person.org === copy.person.org);
      const waveTimes = wave.map((c) => c.time);
      // Within the wave's span or a little after it, minutes after send.
      expect(clicks[0].time).toBeGreaterThan(Math.min(...waveTimes));
      expect(clicks[0].time).toBeLessThan(Math.max(...waveTimes) + 5 * 60_000);
      if (clicks[0].link !== wave[0].link) otherLink++;
    }
    expect(otherLink / readers.length).toBeGreaterThan(0.4);
  });

  test('tabs after a scan: 2-4 content links 1-6 s apart, 1-30 h after the scan; a re-scan repeats its scan\'s links', () => {
    const tabs = groupByScan(clicksOf('tabs after scan'));
    expect(tabs.length).toBeGreaterThan(20);
    for (const run of tabs) {
      expect(run.length).toBeGreaterThanOrEqual(2);
      expect(run.length).toBeLessThanOrEqual(4);
      for (const gap of gaps(run)) expect(gap).toBeGreaterThanOrEqual(1);
      for (const gap of gaps(run)) expect(gap).toBeLessThanOrEqual(6);
      for (const tab of run) expect(['story', 'cta']).toContain(tab.copy.campaign.links[tab.link].kind);
      const scans = byCopy.get(run[0].copy)!.filter((c) => c.label === 'bot');
      const hours = (run[0].time - Math.min(...scans.map((c) => c.time))) / 3_600_000;
      expect(hours).toBeGreaterThanOrEqual(1);
      expect(hours).toBeLessThanOrEqual(31);
    }
    const network = (click: Click) => click.ip.split('.').slice(0, 3).join('.');
    const links = (clicks: Click[]) => [...new Set(clicks.map((c) => c.link))].sort((a, b) => a - b);
    let compared = 0;
    for (const again of groupByScan(clicksOf('re-scan'))) {
      // The first scan from the same network (a gateway's nodes for one company may span networks).
      const first = byCopy.get(again[0].copy)!.filter((c) => c.label === 'bot' && c.behaviour !== 're-scan' && c.behaviour !== 'link preview' && network(c) === network(again[0]));
      if (first.length === 0) continue;
      compared++;
      expect(links(again)).toEqual(links(first));
    }
    expect(compared).toBeGreaterThan(50);
  });

  test('a typical B2B mailing: scanners make 10-30 % of the clicks', () => {
    for (const seed of [1, 2]) {
      const { clicks } = simulateMailing({ seed, scanning: 'typical' });
      const share = clicks.filter((c) => c.label === 'bot').length / clicks.length;
      expect(share).toBeGreaterThan(0.1);
      expect(share).toBeLessThan(0.3);
    }
  });

  test('user agents: people use real browsers, most scanners the same desktop Chrome, a few give themselves away', () => {
    const all = mailings.flatMap((m) => m.clicks);
    expect(all.filter((c) => c.label === 'human' && isbot(c.agent)).map((c) => c.agent)).toEqual([]);
    const scanners = all.filter((c) => c.label === 'bot');
    const giveaway = scanners.filter((c) => c.agent === '' || isbot(c.agent)).length / scanners.length;
    expect(giveaway).toBeGreaterThan(0.02);
    expect(giveaway).toBeLessThan(0.3);
    const humanAgents = new Set(all.filter((c) => c.label === 'human').map((c) => c.agent));
    expect(scanners.filter((c) => humanAgents.has(c.agent)).length / scanners.length).toBeGreaterThan(0.5);
  });

  test('addresses: many scans from published gateway ranges, people from ISPs and offices (except through isolation)', () => {
    const all = mailings.flatMap((m) => m.clicks);
    const scanners = all.filter((c) => c.label === 'bot');
    const fromGateways = scanners.filter((c) => inRanges(c.ip, ALL_GATEWAY_RANGES)).length / scanners.length;
    expect(fromGateways).toBeGreaterThan(0.4);
    expect(fromGateways).toBeLessThan(0.95);
    const humans = all.filter((c) => c.label === 'human');
    expect(humans.filter((c) => inRanges(c.ip, ALL_GATEWAY_RANGES) !== (c.behaviour === 'browser isolation')).map((c) => c.ip)).toEqual([]);
  });

  test('export options: columns, time formats and resolutions, header, order', () => {
    const mailing = simulateMailing({ seed: 5, recipients: 600, campaigns: 2 });
    const full = renderExport(mailing, { resolution: 'ms' });
    expect(full.table[0]).toEqual(['Campaign', 'Email', 'URL', 'Clicked at', 'Delivered at', 'User agent', 'IP address']);
    expect(full.table.slice(1).some((row) => /\.\d{3}Z$/.test(String(row[3])))).toBe(true);

    const bare = renderExport(mailing, { userAgent: false, ip: false, delivery: 'none', resolution: 'min' });
    expect(bare.table[0]).toEqual(['Campaign', 'Email', 'URL', 'Clicked at']);
    for (const row of bare.table.slice(1)) expect(String(row[3])).toMatch(/T\d\d:\d\d:00Z$/);

    const sent = renderExport(mailing, { delivery: 'sent', timeFormat: 'epoch' });
    sent.rows.forEach((click, i) => expect(sent.table[i + 1][4]).toBe(click ? click.copy.campaign.sendTime / 1000 : null));

    const log = renderExport(mailing, { delivery: 'events', timeFormat: 'date' });
    expect(log.table[0]).toEqual(['Event', 'Campaign', 'Email', 'URL', 'Timestamp', 'User agent', 'IP']);
    expect(log.rows.filter((row) => row === null)).toHaveLength(mailing.copies.length);
    log.rows.forEach((click, i) => expect([log.table[i + 1][0], log.labels[i]]).toEqual(click ? ['click', click.label] : ['delivered', null]));
    expect(log.table.slice(1).every((row) => row[4] instanceof Date)).toBe(true);

    const text = renderExport(mailing, { header: false, timeFormat: 'text', order: 'newest-first' });
    expect(text.table).toHaveLength(mailing.clicks.length);
    expect(String(text.table[0][3])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(text.rows[0]).toBe(mailing.clicks[mailing.clicks.length - 1]);

    const personal = renderExport(mailing, { personalLinks: true, order: 'shuffled' });
    const unsubscribes = personal.table.slice(1).map((row) => String(row[2])).filter((url) => url.includes('/unsubscribe'));
    expect(unsubscribes.every((url) => /[?&]u=[0-9a-f]{10}$/.test(url))).toBe(true);
    expect(personal.rows).not.toEqual(full.rows);
  });

  test('the benchmark can ask for a size in clicks', () => {
    expect(simulateMailing({ seed: 4, targetClicks: 20_000 }).clicks).toHaveLength(20_000);
  });

  test('the plain minute rule catches quick sweeps and tab-opening readers alike; no filter catches nothing', () => {
    const flaggedShare = (behaviour: 'sweep' | 'tabs', seed: number): number => {
      const { scenario, focus } = behaviourCase(behaviour, seed);
      const plain = plainMinuteRule(scenario);
      const rows = scenario.rows.map((_, i) => i).filter((i) => focus[i] && scenario.rows[i]?.behaviour === behaviour);
      return rows.filter((i) => plain[i] === 'bot').length / rows.length;
    };
    const seeds = [1, 2, 3, 4, 5];
    expect(seeds.map((seed) => flaggedShare('sweep', seed)).every((share) => share >= 0.5)).toBe(true);
    expect(seeds.filter((seed) => flaggedShare('tabs', seed) === 1).length).toBeGreaterThanOrEqual(3);
    const { scenario } = behaviourCase('sweep', 1);
    expect(score(scenario, noFilter(scenario))).toMatchObject({ recall: 0, precision: null });
  });
});

describe('behaviour cases', () => {
  test.each([...SCANNER_BEHAVIOURS, ...HUMAN_BEHAVIOURS.filter((b) => b !== 'reader')])('%s: the case holds it, labelled right', (behaviour) => {
    const { scenario, focus } = behaviourCase(behaviour, 3);
    const focused = scenario.rows.filter((_, i) => focus[i]);
    expect(focused.some((click) => click?.behaviour === behaviour)).toBe(true);
    for (const click of focused) expect(click?.label).toBe(click && labelOf(click.behaviour));
  });
});
