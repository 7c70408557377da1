import type { Random, Weighted } from './random';

/**
 * User agents as they appear in click exports in early 2026. Desktop Chrome sends the reduced
 * string (minor versions zeroed), so millions of people share one exact string, and so do most
 * scanners: the user agent alone rarely tells them apart.
 */
const CHROME_NOW = 145;

const windowsChrome = (v: number): string =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;

/** The single most common desktop string: what most people and most scanners send. */
export const GENERIC_DESKTOP_CHROME = windowsChrome(CHROME_NOW);

type Device = 'desktop' | 'mobile';

const DESKTOP: Weighted<(rng: Random) => string> = [
  [() => GENERIC_DESKTOP_CHROME, 30],
  [(rng) => windowsChrome(rng.int(CHROME_NOW - 5, CHROME_NOW - 1)), 12],
  [(rng) => {
    const v = rng.int(CHROME_NOW - 2, CHROME_NOW);
    return `${windowsChrome(v)} Edg/${v}.0.${rng.int(3100, 3900)}.${rng.int(40, 120)}`;
  }, 22],
  [(rng) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${rng.int(CHROME_NOW - 2, CHROME_NOW)}.0.0.0 Safari/537.36`, 10],
  [(rng) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.pick(['18.6', '26.1', '26.2', '26.3'])} Safari/605.1.15`, 9],
  [(rng) => {
    const v = rng.int(145, 148);
    return `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`;
  }, 6],
  [(rng) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${rng.int(CHROME_NOW - 3, CHROME_NOW)}.0.0.0 Safari/537.36`, 2],
];

const MOBILE: Weighted<(rng: Random) => string> = [
  [(rng) => `Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.pick(['26.1', '26.2', '26.3'])} Mobile/15E148 Safari/604.1`, 24],
  [(rng) => `Mozilla/5.0 (iPhone; CPU iPhone OS ${rng.pick(['17_7', '18_5', '18_6'])} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148`, 14],
  [(rng) => `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${rng.int(CHROME_NOW - 2, CHROME_NOW)}.0.0.0 Mobile Safari/537.36`, 20],
  [(rng) => `Mozilla/5.0 (Linux; Android 14; SM-S921B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${CHROME_NOW}.0.${rng.int(7000, 7700)}.${rng.int(40, 140)} Mobile Safari/537.36`, 8],
  [(rng) => `Mozilla/5.0 (Linux; Android ${rng.pick(['14', '15'])}; SAMSUNG SM-A556B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${rng.pick(['28.0', '29.0'])} Chrome/${CHROME_NOW - 10}.0.0.0 Mobile Safari/537.36`, 8],
  [(rng) => `Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.pick(['26.1', '26.2'])} Mobile/15E148 Safari/604.1`, 4],
];

/** One person's browser on one device; people keep their devices from one e-mail to the next. */
export function personAgent(device: Device, rng: Random): string {
  return rng.weighted(device === 'desktop' ? DESKTOP : MOBILE)(rng);
}

/** What scanners send. Most pose as today's desktop Chrome; a few give themselves away. */
export const SCANNER_AGENTS = {
  generic: () => GENERIC_DESKTOP_CHROME,
  pinnedChrome: (rng: Random) => windowsChrome(rng.pick([109, 116, 120, 126])),
  edge: () => `${GENERIC_DESKTOP_CHROME} Edg/${CHROME_NOW}.0.3800.70`,
  headless: () => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${CHROME_NOW}.0.0.0 Safari/537.36`,
  script: (rng: Random) => rng.pick(['python-requests/2.32.3', 'Go-http-client/1.1', 'curl/8.5.0', 'Java/17.0.12']),
  empty: () => '',
} satisfies Record<string, (rng: Random) => string>;
export type ScannerAgent = keyof typeof SCANNER_AGENTS;

/** Chat and social apps fetch a pasted link to draw its preview card. */
export const PREVIEW_AGENTS = [
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'WhatsApp/2.24.25.84 A',
];
