import { describe, expect, it } from "vitest";
import { currencyDigits, formatAmount, isCurrencyCode } from "./format";

// Intl separates number and symbol with a no-break space; write it out so the table reads plainly.
const nb = (s: string) => s.replace(/ /g, "\u00a0");

describe("formatAmount", () => {
  it.each([
    [14.566678, "USD", "en-US", "$14.57"],
    [14.566678, "USD", "de-DE", nb("14,57 $")],
    [993450234, "TOK", "en-US", nb("993,450,234 TOK")],
    [993450234, "TOK", "de-DE", nb("993.450.234 TOK")],
    [-3.5, "USD", "en-US", "-$3.50"],
    [0, "USD", "en-US", "$0.00"],
    [0, "TOK", "en-US", nb("0 TOK")],
    [1234.5, "JPY", "en-US", "¥1,235"],
    [1234, "JPY", "ja-JP", "￥1,234"],
    [12.5, "EUR", "fr-FR", nb("12,50 €")],
    [1.005, "USD", "en-US", "$1.01"], // exact decimal rounding, not the binary value 1.00499…
    ["14.566678", "USD", "en-US", "$14.57"],
    [12.345, "XYZ", "en-US", nb("12.35 XYZ")], // unknown code: a number and the code
  ])("%s %s in %s → %s", (amount, asset, locale, expected) => {
    expect(formatAmount(amount, asset, { locale })).toBe(expected);
  });

  it("formats a number as its shortest decimal, exactly as that decimal written as a string", () => {
    // Numbers go to Intl as they are (no String(n) per call): ECMA-402 formats a Number as Number::toString(x), so
    // binary ties round as their decimals do. Checked across currencies, custom assets, locales and compact.
    const ties = [1.005, 2.675, 1.255, 0.615, 8.345, -1.005, 0.125, 0.1 + 0.2, 0.000001, 123456.785, 2 ** 53 + 2];
    const cases: [string, Parameters<typeof formatAmount>[2]][] = [
      ["USD", { locale: "en-US" }],
      ["KWD", { locale: "ar-EG" }],
      ["JPY", { locale: "ja-JP", compact: true }],
      ["TOK", { locale: "de-DE", assets: { TOK: { decimals: 2 } } }],
      ["TOK", { locale: "fr-FR", assets: { TOK: { compact: true, label: "tokens" } } }],
    ];
    for (const [asset, options] of cases)
      for (const n of ties) expect(formatAmount(n, asset, options)).toBe(formatAmount(String(n), asset, options));
  });

  it("shows a zero unsigned, as its decimal string does", () => {
    expect(formatAmount(-0, "USD", { locale: "en-US" })).toBe("$0.00");
    expect(formatAmount(-0, "TOK", { locale: "en-US" })).toBe(nb("0 TOK"));
  });

  it("keeps formatters apart by locale and notation", () => {
    // The formatter cache is keyed per locale, then by asset (and notation): none answers for another.
    expect(formatAmount(1234.5, "USD", { locale: "en-US" })).toBe("$1,234.50");
    expect(formatAmount(1234.5, "USD", { locale: "de-DE" })).toBe(nb("1.234,50 $"));
    expect(formatAmount(1234.5, "USD", { locale: "en-US", compact: true })).toBe("$1.2K");
    expect(formatAmount(1234.5, "USD", { locale: "en-US" })).toBe("$1,234.50");
    expect(formatAmount(1234.5, "EUR", { locale: "de-DE" })).toBe(nb("1.234,50 €"));
    expect(currencyDigits("JPY")).toBe(0);
    expect(formatAmount(1234.5, "JPY", { locale: "en" })).toBe("¥1,235");
  });

  it("uses a custom asset's label, decimals and compact notation", () => {
    const assets = { TOK: { label: "tokens", decimals: 0, compact: true }, MIN: { label: "min", decimals: 2 } };
    expect(formatAmount(993450234, "TOK", { locale: "en-US", assets })).toBe(nb("993M tokens"));
    expect(formatAmount(7, "MIN", { locale: "en-US", assets })).toBe(nb("7.00 min"));
    expect(formatAmount(-2.5, "MIN", { locale: "de-DE", assets })).toBe(nb("-2,50 min"));
  });

  it("keeps every digit of large balances", () => {
    expect(formatAmount(993450234, "TOK", { locale: "en-US", assets: { TOK: { decimals: 0 } } })).toBe(
      nb("993,450,234 TOK"),
    );
    expect(formatAmount("12345678901234567.5", "USD", { locale: "en-US" })).toBe("$12,345,678,901,234,567.50");
  });

  it("accepts lower-case asset codes", () => {
    expect(formatAmount(1, "usd", { locale: "en-US" })).toBe("$1.00");
  });

  it("rejects values it cannot format with a clear message", () => {
    expect(() => formatAmount(Number.NaN, "USD")).toThrow(/finite number/);
    expect(() => formatAmount(Number.POSITIVE_INFINITY, "USD")).toThrow(/finite number/);
    expect(() => formatAmount("1e3", "USD")).toThrow(/decimal string/);
    expect(() => formatAmount(1, "")).toThrow(/asset code/);
  });

  it("knows each currency's minor unit", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
    expect(currencyDigits("TOK")).toBe(2);
    expect(currencyDigits("bogus!")).toBe(2);
  });

  it("knows ISO currencies from custom assets", () => {
    expect(isCurrencyCode("USD")).toBe(true);
    expect(isCurrencyCode("JPY")).toBe(true);
    expect(isCurrencyCode("TOK")).toBe(false);
    expect(isCurrencyCode("usd")).toBe(false);
    for (const code of ["US", "USDT", "", " USD", "U$D"]) expect(isCurrencyCode(code)).toBe(false);
  });
});
