/**
 * JSON numbers the way the file wrote them. JSON.parse turns 288230400011483212 (a Mailjet
 * MessageID) into 288230400011483200 and 1.50 into 1.5; we must write the user's values back
 * unchanged, so such numbers are kept as their text behind a mark.
 */
const EXACT_MARK = '\u0000#';
const EXACT_MARK_JSON = /"\\u0000#([^"]*)"/g;
/** Text that may hold a number JSON.parse would not give back as written (false alarms are fine). */
const MAY_CHANGE = /(?:\d\.?){16}|\.\d*0(?!\d)|\d[eE]|-0(?![.\d])/;
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

export function parseKeepingNumbers(text: string): unknown {
  if (!MAY_CHANGE.test(text)) return JSON.parse(text);
  return JSON.parse(
    text.replace(STRING_OR_NUMBER, (token) =>
      token.charCodeAt(0) === 34 || String(Number(token)) === token ? token : `"\\u0000#${token}"`,
    ),
  );
}

/** How deep the brackets of JSON text nest, strings skipped: to refuse what the recursive steps cannot take. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92) i++;
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 || char === 123) deepest = Math.max(deepest, ++depth);
    else if (char === 93 || char === 125) depth--;
  }
  return deepest;
}

/** A parsed JSON string as a cell: a kept number is its original text. */
export function exactText(value: string): string {
  return value.startsWith(EXACT_MARK) ? value.slice(EXACT_MARK.length) : value;
}

/** JSON.stringify that writes kept numbers back as the numbers they were. */
export function stringifyKeepingNumbers(value: unknown): string {
  return JSON.stringify(value).replace(EXACT_MARK_JSON, '$1');
}

/**
 * The offset of the first error in text that JSON.parse rejected (Node's own message does not
 * always say where), found by a small strict parser; -1 if it finds none.
 */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const fail: () => never = () => {
    throw new JsonErrorOffset(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const char = text.charCodeAt(i);
      if (char === 34) {
        i++;
        return;
      }
      if (char < 32) fail();
      if (char === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal[0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof JsonErrorOffset) return error.offset;
    throw error;
  }
}

class JsonErrorOffset {
  constructor(readonly offset: number) {}
}
