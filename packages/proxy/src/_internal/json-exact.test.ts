// Threat: "usage amounts past about 16 significant digits are parsed as doubles although the docs say exact"
// (issue 25, item 5). parseJsonExact keeps every number's digits from the JSON text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonDecimal, parseJsonExact } from "./json-exact";

describe("amounts parsed as exact decimals from the JSON text", () => {
  it("keeps digits past 16 significant ones that JSON.parse rounds away", () => {
    const text = '{"fees":[{"amount":12345678901234567.891234567,"asset":"USD"},{"amount":0.1000000000000000055511}]}';
    const parsed = parseJsonExact(text) as { fees: { amount: JsonDecimal; asset?: string }[] };
    expect(parsed.fees[0]?.amount.literal).toBe("12345678901234567.891234567");
    expect(parsed.fees[0]?.amount.toBig().toFixed()).toBe("12345678901234567.891234567");
    expect(parsed.fees[0]?.asset).toBe("USD");
    // JSON.parse loses them: the threat this guards against.
    expect(String((JSON.parse(text) as { fees: { amount: number }[] }).fees[0]?.amount)).not.toBe(
      "12345678901234567.891234567",
    );
    const [first, second] = parsed.fees.map((fee) => fee.amount.toBig());
    const sum = first?.plus(second ?? 0);
    expect(sum?.toFixed()).toBe("12345678901234567.9912345670000000055511");
  });

  it("reads exponents, negatives and zero exactly", () => {
    expect((parseJsonExact("1.5e+3") as JsonDecimal).toBig().toFixed()).toBe("1500");
    expect((parseJsonExact("-2.5E-8") as JsonDecimal).toBig().toFixed()).toBe("-0.000000025");
    expect((parseJsonExact("0") as JsonDecimal).literal).toBe("0");
  });

  it("agrees with JSON.parse on everything but numbers, and refuses what it refuses", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const exact = JSON.stringify(parseJsonExact(text), (_, v) => (v instanceof JsonDecimal ? v.toNumber() : v));
        return exact === JSON.stringify(JSON.parse(text));
      }),
    );
    for (const bad of ["", "{", "[1,]", "01", "1.", "+1", "{'a':1}", '{"a":1}x', "nul", '"\u0001"', "NaN"]) {
      expect(() => JSON.parse(bad), bad).toThrow(SyntaxError);
      expect(() => parseJsonExact(bad), bad).toThrow(SyntaxError);
    }
    expect(Object.getPrototypeOf(parseJsonExact('{"__proto__":{"x":1}}'))).toBe(Object.prototype);
  });
});
