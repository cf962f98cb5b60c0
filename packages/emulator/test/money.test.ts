import { describe, expect, it } from "vitest";
import { Decimal, dec, decimalPlaces, toJsonNumber, toPrecision, ZERO } from "../src/_internal/money";
import { createEmulator, DEMO_CUSTOMER_ID } from "../src/index";

describe("money (big.js)", () => {
  it("reads a JSON number's own digits and writes them back unchanged", () => {
    for (const n of [14.566678, 993450234, 0.000001, 1e-12, -999999999999.999, 1e12]) {
      expect(toJsonNumber(dec(n))).toBe(n);
    }
    expect(dec(0.1).plus(dec(0.2)).toString()).toBe("0.3");
    expect(JSON.stringify({ a: dec(14.566678) })).toBe('{"a":"14.566678"}');
  });

  it("refuses JS numbers inside arithmetic (strict mode), so no float slips into a balance", () => {
    expect(() => dec(1).plus(0.1 as unknown as Decimal)).toThrow(/big\.js/);
    expect(() => new Decimal(0.1 as unknown as string)).toThrow(/big\.js/);
    expect(() => Number(dec(1))).toThrow(/big\.js/);
  });

  it("divides to at least 60 significant digits, even for the smallest quotient within the limits", () => {
    const q = dec("1e-12").div(dec("3e11"));
    const digits = q.c.length;
    expect(digits).toBeGreaterThanOrEqual(60);
    expect(q.times(dec("3e11")).minus(dec("1e-12")).abs().lt(dec("1e-72"))).toBe(true);
    expect(dec(10).div(dec(0.000001)).toString()).toBe("10000000");
  });

  it("rounds half to even, and precision rounds down", () => {
    expect(dec("0.125").toFixed(2)).toBe("0.12");
    expect(dec("0.135").toFixed(2)).toBe("0.14");
    expect(toPrecision(dec("2.999"), 0).toString()).toBe("2");
    expect(toPrecision(dec("-2.999"), 2).toString()).toBe("-2.99");
    expect(toPrecision(dec("2.5"), undefined).toString()).toBe("2.5");
  });

  it("counts decimal places as written without trailing zeros", () => {
    expect(decimalPlaces(dec("1.50"))).toBe(1);
    expect(decimalPlaces(dec(100))).toBe(0);
    expect(decimalPlaces(dec(1e-12))).toBe(12);
    expect(decimalPlaces(dec(14.566678))).toBe(6);
    expect(decimalPlaces(ZERO)).toBe(0);
  });

  it("refuses a top-up that buys less than one unit (nothing goes pending)", async () => {
    const emulator = createEmulator();
    const headers = { "x-credyt-api-key": emulator.apiKey, "content-type": "application/json" };
    const res = await emulator.fetch(
      new Request("http://emulator.test/top-ups", {
        method: "POST",
        headers,
        body: JSON.stringify({
          customer_id: DEMO_CUSTOMER_ID,
          amount: 0.0000001,
          currency: "USD",
          destination: { asset: "TOK" },
          return_url: "https://app.example/ok",
          failure_url: "https://app.example/failed",
        }),
      }),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      errors: { amount: ["The amount buys less than one unit of the asset."] },
    });
    expect(emulator.listTopUps()).toEqual([]);
    expect(emulator.getAccount(DEMO_CUSTOMER_ID, "default:TOK")?.pending_in).toBe(0);
  });
});
