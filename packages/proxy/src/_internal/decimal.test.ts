import Big from "big.js";
import { describe, expect, it } from "vitest";
import {
  decimalOfNumber,
  exactDecimal,
  fitsMinorUnit,
  formatDecimal,
  minorUnit,
  parseDecimal,
  roundDown,
  smallestAmount,
} from "./decimal";

const d = (value: unknown) => {
  const parsed = parseDecimal(value);
  if (!parsed) throw new Error(`bad decimal ${String(value)}`);
  return parsed;
};

describe("decimal (big.js)", () => {
  it("reads a JSON number's own digits, exponent notation included, as a big.js decimal", () => {
    expect(decimalOfNumber(0.1)).toBeInstanceOf(Big);
    expect(formatDecimal(d(1e-7))).toBe("0.0000001");
    expect(formatDecimal(d(1.5e-9))).toBe("0.0000000015");
    expect(formatDecimal(d(1e21))).toBe("1000000000000000000000");
    expect(formatDecimal(d(2.5e22))).toBe("25000000000000000000000");
    expect(formatDecimal(d(14.566678))).toBe("14.566678");
    expect(formatDecimal(d(993450234))).toBe("993450234");
    expect(decimalOfNumber(Number.NaN)).toBeUndefined();
    expect(decimalOfNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it("compares without floating point", () => {
    expect(d(0.1).plus(d(0.2)).eq(d("0.3"))).toBe(true); // 0.1 + 0.2 !== 0.3 in floats
    expect(d("0.1").cmp(d("0.10"))).toBe(0);
    expect(d("10000").cmp(d("9999.99"))).toBe(1);
    expect(d("9999.999").cmp(d("10000"))).toBe(-1);
    expect(d("-1").cmp(d("0.01"))).toBe(-1);
    expect(d("-2").cmp(d("-1"))).toBe(-1);
    expect(d("0").cmp(d("-0"))).toBe(0);
    expect(d("12345678901234567890.5").cmp(d("12345678901234567890.49"))).toBe(1);
  });

  it("checks decimals against a minor unit", () => {
    expect(fitsMinorUnit(d(10.5), 2)).toBe(true);
    expect(fitsMinorUnit(d("10.500"), 2)).toBe(true);
    expect(fitsMinorUnit(d(10.001), 2)).toBe(false);
    expect(fitsMinorUnit(d(10.5), 0)).toBe(false);
    expect(fitsMinorUnit(d(1e21), 0)).toBe(true);
    expect(fitsMinorUnit(d(5.000000001), 2)).toBe(false);
    expect(formatDecimal(minorUnit(2))).toBe("0.01");
    expect(formatDecimal(minorUnit(0))).toBe("1");
    expect(formatDecimal(minorUnit(3))).toBe("0.001");
    expect(formatDecimal(smallestAmount(d("0.001"), 2))).toBe("0.01");
    expect(formatDecimal(smallestAmount(d("0.5"), 0))).toBe("1");
    expect(formatDecimal(smallestAmount(d("5"), 2))).toBe("5");
  });

  it("rejects what is not a plain decimal in a string", () => {
    for (const text of ["", "1e5", "0x10", "1.", ".5", "1,5", " 1", "Infinity", "NaN", "-"])
      expect(parseDecimal(text)).toBeUndefined();
    for (const other of [null, undefined, {}, [], true]) expect(parseDecimal(other)).toBeUndefined();
  });

  it("adds and multiplies exactly and rounds down without touching the global Big settings", () => {
    expect(formatDecimal(exactDecimal(0.1).plus(exactDecimal(0.2)))).toBe("0.3");
    expect(formatDecimal(exactDecimal(14.566678).plus(exactDecimal(993450234)))).toBe("993450248.566678");
    expect(formatDecimal(roundDown(exactDecimal("19.99").times(exactDecimal(1234.56789)), 0))).toBe("24679");
    expect(formatDecimal(roundDown(exactDecimal("-1.99"), 0))).toBe("-1");
    expect(Big.DP).toBe(20);
    expect(Big.RM).toBe(Big.roundHalfUp);
    expect(() => exactDecimal(Number.NaN)).toThrow();
  });
});
