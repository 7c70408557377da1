import { burst } from './burst';
import type { Rule } from './context';
import { ipRange, providerFlag, userAgent } from './fingerprints';
import { sweep } from './sweep';
import { tooSoon } from './tooSoon';
import { trap } from './trap';
import { wave } from './wave';

/** Every rule, each switchable and tunable through the settings of the same name. */
export const RULES: readonly Rule[] = [burst, sweep, tooSoon, wave, userAgent, ipRange, providerFlag, trap];
export type { Rule, RuleContext } from './context';
