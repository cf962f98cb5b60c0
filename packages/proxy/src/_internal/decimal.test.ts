import { describe, expect, it } from "vitest";
import { compareDecimal, currencyDigits, numberToDecimalString, parseDecimal } from "./decimal";

const d = (text: string) => {
  const parsed = parseDecimal(text);
  if (!parsed) throw new Error(`bad decimal ${text}`);
  return parsed;
};

describe("decimal", () => {
  it("expands exponent notation exactly", () => {
    expect(numberToDecimalString(1e-7)).toBe("0.0000001");
    expect(numberToDecimalString(1.5e-9)).toBe("0.0000000015");
    expect(numberToDecimalString(1e21)).toBe("1000000000000000000000");
    expect(numberToDecimalString(2.5e22)).toBe("25000000000000000000000");
    expect(numberToDecimalString(14.566678)).toBe("14.566678");
    expect(numberToDecimalString(993450234)).toBe("993450234");
  });

  it("compares without floating point", () => {
    expect(compareDecimal(d("0.1"), d("0.10"))).toBe(0);
    expect(compareDecimal(d("10000"), d("9999.99"))).toBe(1);
    expect(compareDecimal(d("9999.999"), d("10000"))).toBe(-1);
    expect(compareDecimal(d("-1"), d("0.01"))).toBe(-1);
    expect(compareDecimal(d("-2"), d("-1"))).toBe(-1);
    expect(compareDecimal(d("0"), d("-0"))).toBe(0);
    expect(compareDecimal(d("12345678901234567890.5"), d("12345678901234567890.49"))).toBe(1);
  });

  it("knows each currency's minor unit", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
  });

  it("rejects what is not a plain decimal", () => {
    for (const text of ["", "1e5", "0x10", "1.", ".5", "1,5", " 1", "Infinity", "NaN"])
      expect(parseDecimal(text)).toBeUndefined();
  });
});
