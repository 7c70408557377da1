import { burst } from './burst';
import type { Rule } from './context';
import { ipRange, providerFlag, userAgent } from './fingerprints';
import { rapid } from './rapid';
import { rescan } from './rescan';
import { scannedDomain } from './scannedDomain';
import { sweep } from './sweep';
import { tooSoon } from './tooSoon';
import { trap } from './trap';
import { wave } from './wave';

/** Every rule, each switchable and tunable through the settings of the same name. scannedDomain reads the others' findings, and rescan all of them, so they come last. */
export const RULES: readonly Rule[] = [burst, sweep, tooSoon, wave, userAgent, ipRange, providerFlag, trap, rapid, scannedDomain, rescan];
export type { Rule, RuleContext } from './context';
