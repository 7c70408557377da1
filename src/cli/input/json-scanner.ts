import { BotclickError } from '../../core';
import { jsonErrorAt, parseKeepingNumbers } from './json-values';

/** What the scanner hands over, in file order. */
export interface JsonPieces {
  /** Whether the array under this key of a top-level object holds the records, to be streamed one by one. */
  isRecordsKey(key: string): boolean;
  /** An element of a top-level array, or of the records array inside a top-level object. */
  element(value: unknown): void;
  /** Any other member of a top-level object. */
  member(key: string, value: unknown): void;
  /** A top-level object has ended. */
  objectEnd(): void;
}

/**
 * The deepest nesting read. Click logs nest a handful of levels; far deeper values would overflow
 * the stack of the recursive steps after the scanner (flattening, JSON.stringify), so the scanner
 * stops there with a message.
 */
export const MAX_JSON_DEPTH = 512;

const enum Char {
  Tab = 9,
  LineFeed = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Comma = 44,
  Colon = 58,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Where the scanner is among the shallow levels it follows itself (deeper levels are captured whole). */
const enum State {
  Top,
  ArrayValueOrEnd,
  ArrayValue,
  ArrayCommaOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  MemberValue,
  MemberCommaOrEnd,
}

const enum Capture {
  None,
  Element,
  Member,
  Key,
}

/**
 * Splits JSON text into the values a click log is made of without holding the whole document:
 * the elements of a top-level array, the members of a top-level object, and the elements of the
 * array that holds an envelope's records ({"items": [...]}). Several top-level values (NDJSON, or
 * concatenated webhook bodies) are read one after another. Each piece is parsed by JSON.parse;
 * the scanner itself only follows strings and brackets, and reports errors with line and column.
 */
export class JsonScanner {
  private state = State.Top;
  /** Open containers at the shallow levels: 1 inside a top-level value, 2 inside its records array. */
  private depth = 0;
  private capture = Capture.None;
  /** Open brackets inside the captured value. */
  private nesting = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private parts: string[] = [];
  private captureLine = 0;
  private captureColumn = 0;
  private key = '';
  private line = 1;
  /** Offset in the text (over all chunks) of the current chunk and of the current line. */
  private chunkOffset = 0;
  private lineOffset = 0;
  /** Index in the current chunk of the character the shallow state machine is at. */
  private at = 0;

  constructor(
    private readonly name: string,
    private readonly pieces: JsonPieces,
  ) {}

  feed(chunk: string): void {
    let start = this.capture === Capture.None ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const char = chunk.charCodeAt(i);
      if (char === Char.LineFeed) {
        this.line++;
        this.lineOffset = this.chunkOffset + i + 1;
      }
      if (this.capture !== Capture.None) {
        const end = this.captureEnd(char, i);
        if (end === 0) continue;
        // end 1: the value ends with this character; end -1: it ended just before it.
        const last = end === 1 ? i + 1 : i;
        this.parts.push(chunk.slice(start, last));
        this.finishCapture();
        if (end === 1) continue;
      }
      if (this.isSpace(char)) continue;
      this.at = i;
      if (this.step(char)) {
        start = i;
        this.startCapture(char);
      }
    }
    if (this.capture !== Capture.None) this.parts.push(chunk.slice(start));
    this.chunkOffset += chunk.length;
    this.at = 0;
  }

  end(): void {
    if (this.capture !== Capture.None || this.state !== State.Top) {
      this.fail('the file ends before its JSON is complete (a [, { or " is never closed)');
    }
  }

  /** Follows one character of a captured value: 1 when the value ends with it, -1 just before it, else 0. */
  private captureEnd(char: number, at: number): number {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (char === Char.Backslash) this.escaped = true;
      else if (char === Char.Quote) {
        this.inString = false;
        if (this.nesting === 0) return 1;
      }
      return 0;
    }
    if (this.scalar) {
      return char === Char.Comma || char === Char.CloseBracket || char === Char.CloseBrace || this.isSpace(char) ? -1 : 0;
    }
    if (char === Char.Quote) this.inString = true;
    else if (char === Char.OpenBrace || char === Char.OpenBracket) {
      if (++this.nesting + this.depth > MAX_JSON_DEPTH) {
        this.at = at;
        throw new BotclickError(
          `"${this.name}" nests values more than ${MAX_JSON_DEPTH} levels deep at line ${this.line}, column ${this.column()}; botclick reads up to ${MAX_JSON_DEPTH} (click logs use a handful): remove or flatten that field first, for instance with jq.`,
        );
      }
    } else if (char === Char.CloseBrace || char === Char.CloseBracket) {
      this.nesting--;
      if (this.nesting === 0) return 1;
    }
    return 0;
  }

  /** Moves the shallow state machine over one non-space character; true when a value to capture starts. */
  private step(char: number): boolean {
    switch (this.state) {
      case State.Top:
        if (char === Char.OpenBracket) this.open(State.ArrayValueOrEnd);
        else if (char === Char.OpenBrace) this.open(State.KeyOrEnd);
        else this.fail('expected a JSON object or array');
        return false;
      case State.ArrayValueOrEnd:
      case State.ArrayCommaOrEnd:
        if (char === Char.CloseBracket) return this.close();
        if (this.state === State.ArrayCommaOrEnd) {
          if (char !== Char.Comma) this.fail('expected , or ] after a list element');
          this.state = State.ArrayValue;
          return false;
        }
        return this.valueStarts(char, Capture.Element);
      case State.ArrayValue:
        return this.valueStarts(char, Capture.Element);
      case State.KeyOrEnd:
      case State.Key:
        if (char === Char.CloseBrace && this.state === State.KeyOrEnd) return this.close();
        if (char !== Char.Quote) this.fail('expected a quoted property name');
        this.capture = Capture.Key;
        return true;
      case State.Colon:
        if (char !== Char.Colon) this.fail('expected : after a property name');
        this.state = State.MemberValue;
        return false;
      case State.MemberValue:
        if (char === Char.OpenBracket && this.pieces.isRecordsKey(this.key)) {
          this.open(State.ArrayValueOrEnd);
          return false;
        }
        return this.valueStarts(char, Capture.Member);
      case State.MemberCommaOrEnd:
        if (char === Char.CloseBrace) return this.close();
        if (char !== Char.Comma) this.fail('expected , or } after a property value');
        this.state = State.Key;
        return false;
    }
  }

  private valueStarts(char: number, capture: Capture): boolean {
    if (char === Char.Comma || char === Char.Colon || char === Char.CloseBrace || char === Char.CloseBracket) {
      this.fail(`unexpected ${String.fromCharCode(char)} where a value should be`);
    }
    this.capture = capture;
    return true;
  }

  private open(state: State): void {
    this.depth++;
    this.state = state;
  }

  /** A shallow container closes: back to the object holding a records array, or to the top. */
  private close(): false {
    this.depth--;
    if (this.depth === 0) {
      if (this.state === State.KeyOrEnd || this.state === State.MemberCommaOrEnd) this.pieces.objectEnd();
      this.state = State.Top;
    } else {
      this.state = State.MemberCommaOrEnd;
    }
    return false;
  }

  private startCapture(char: number): void {
    this.parts = [];
    this.captureLine = this.line;
    this.captureColumn = this.column();
    this.inString = char === Char.Quote;
    this.escaped = false;
    this.nesting = char === Char.OpenBrace || char === Char.OpenBracket ? 1 : 0;
    this.scalar = !this.inString && this.nesting === 0;
  }

  private finishCapture(): void {
    const kind = this.capture;
    this.capture = Capture.None;
    const text = this.parts.join('');
    this.parts = [];
    const value = this.parse(text);
    if (kind === Capture.Key) {
      this.key = value as string;
      this.state = State.Colon;
    } else if (kind === Capture.Member) {
      this.pieces.member(this.key, value);
      this.state = State.MemberCommaOrEnd;
    } else {
      this.pieces.element(value);
      this.state = State.ArrayCommaOrEnd;
    }
  }

  private parse(text: string): unknown {
    try {
      return parseKeepingNumbers(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const offset = Math.max(0, jsonErrorAt(text));
      const before = text.slice(0, offset);
      const lineBreaks = before.split('\n').length - 1;
      const line = this.captureLine + lineBreaks;
      const column = lineBreaks === 0 ? this.captureColumn + offset : offset - before.lastIndexOf('\n');
      const reason = error.message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
      throw this.error(`${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, line, column);
    }
  }

  /** The column of the character the shallow state machine is at. */
  private column(): number {
    return this.chunkOffset + this.at - this.lineOffset + 1;
  }

  private isSpace(char: number): boolean {
    return char === Char.Space || char === Char.LineFeed || char === Char.Return || char === Char.Tab;
  }

  private fail(what: string): never {
    throw this.error(what, this.line, this.column());
  }

  private error(what: string, line: number, column: number): BotclickError {
    return new BotclickError(`"${this.name}" is not valid JSON: ${what} at line ${line}, column ${column}.`);
  }
}
