import { type Big, exactDecimal } from "./decimal";

/**
 * A JSON number exactly as written in the text (`12345678901234567.89`), never rounded to a double:
 * usage amounts past about 16 significant digits stay exact. `toBig()` gives the decimal to add up.
 */
export class JsonDecimal {
  constructor(readonly literal: string) {}
  toBig(): Big {
    return exactDecimal(normalise(this.literal));
  }
  /** The nearest double, for code that still wants a `number`. */
  toNumber(): number {
    return Number(this.literal);
  }
}

/** big.js takes `1.5e+3` as `1.5e3` and no leading `+`; JSON never writes one, but exponents may have it. */
function normalise(literal: string): string {
  return literal.replace(/e\+/i, "e");
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * Parses JSON text as `JSON.parse` does, except that every number is a {@link JsonDecimal} holding its
 * literal digits. Strings, objects, arrays, booleans and null come out as `JSON.parse` gives them.
 * Throws `SyntaxError` on text `JSON.parse` would refuse. For Credyt bodies whose amounts must be exact
 * (usage fees, summaries): call it on `UpstreamResponse.text` instead of reading `json`.
 */
export function parseJsonExact(text: string): unknown {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`Unexpected token in JSON at position ${at}`);
  };
  const space = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const value = (depth: number): unknown => {
    if (depth > 512) fail();
    space();
    const c = text[at];
    if (c === "{") {
      at += 1;
      const out: Record<string, unknown> = {};
      space();
      if (text[at] === "}") {
        at += 1;
        return out;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        const key = string();
        space();
        if (text[at] !== ":") fail();
        at += 1;
        // defineProperty: a "__proto__" key is data, as with JSON.parse, never the prototype.
        Object.defineProperty(out, key, {
          value: value(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        space();
        if (text[at] === ",") at += 1;
        else if (text[at] === "}") {
          at += 1;
          return out;
        } else fail();
      }
    }
    if (c === "[") {
      at += 1;
      const out: unknown[] = [];
      space();
      if (text[at] === "]") {
        at += 1;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        space();
        if (text[at] === ",") at += 1;
        else if (text[at] === "]") {
          at += 1;
          return out;
        } else fail();
      }
    }
    if (c === '"') return string();
    for (const [word, result] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) return fail();
    at = NUMBER.lastIndex;
    return new JsonDecimal(match[0]);
  };
  const string = (): string => {
    const start = at;
    at += 1;
    for (;;) {
      const c = text[at];
      if (c === undefined) fail();
      if (c === "\\") at += 2;
      else if (c === '"') break;
      else at += 1;
    }
    at += 1;
    // The string grammar (escapes, no raw control characters) is JSON.parse's own.
    return JSON.parse(text.slice(start, at)) as string;
  };
  const result = value(0);
  space();
  if (at !== text.length) fail();
  return result;
}
