import { describe, expect, it } from "vitest";
import { createCredytClient } from "./client";
import { isCredytError } from "./errors";
import { fetchQuote, fetchUsage, fetchUsageSummary } from "./usage-client";
import { checkQuote, checkUsagePage, checkUsageSummary } from "./usage-validate";

const page = {
  items: [
    {
      id: "e1",
      event_type: "video_promoted",
      occurred_at: "2026-11-20T14:50:00.000Z",
      subject: "video_1",
      fees: [{ amount: 14.566678, asset: "USD", product_code: "std" }],
    },
  ],
  next_cursor: "v1.abc.1",
};

function clientAnswering(body: unknown, seen: string[] = []) {
  return createCredytClient({
    baseUrl: "https://app.example/api/credyt",
    fetch: async (input) => {
      seen.push(String(input));
      return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
    },
  });
}

describe("usage wire checks", () => {
  it("accepts the protocol's shapes", () => {
    expect(checkUsagePage(page)).toEqual([]);
    expect(checkUsagePage({ items: [], next_cursor: null })).toEqual([]);
    expect(
      checkUsageSummary({
        period: "month",
        tz: "UTC",
        from: "a",
        to: "b",
        totals: [{ asset: "USD", amount: 1 }],
        days: [{ date: "2026-11-01", totals: [] }],
        event_count: 1,
        complete: true,
      }),
    ).toEqual([]);
    expect(checkQuote({ asset: "TOK", currency: "USD", amount: 10, units: 1e7, rate_source: "credyt" })).toEqual([]);
  });

  it.each([
    [checkUsagePage, { items: "no" }],
    [
      checkUsagePage,
      {
        items: [{ id: "e", event_type: "x", occurred_at: "t", fees: [{ amount: "1", asset: "USD" }] }],
        next_cursor: null,
      },
    ],
    [checkUsagePage, { items: [], next_cursor: 5 }],
    [checkUsageSummary, { period: "year" }],
    [checkUsageSummary, null],
    [checkQuote, { asset: "TOK", currency: "USD", amount: 10, units: Number.NaN, rate_source: "credyt" }],
    [checkQuote, { asset: "TOK", currency: "USD", amount: 10, units: 1, rate_source: "browser" }],
  ])("%o refuses %j", (check, body) => {
    expect((check as (b: unknown) => string[])(body).length).toBeGreaterThan(0);
  });
});

describe("usage fetchers", () => {
  it("read a page with its cursor and keep amounts digit for digit", async () => {
    const seen: string[] = [];
    const result = await fetchUsage(clientAnswering(page, seen), { limit: 5, cursor: "v1.abc.1" });
    expect(seen[0]).toBe("https://app.example/api/credyt/usage?limit=5&cursor=v1.abc.1");
    expect(result.nextCursor).toBe("v1.abc.1");
    expect(result.items[0]).toEqual({
      id: "e1",
      eventType: "video_promoted",
      occurredAt: "2026-11-20T14:50:00.000Z",
      subject: "video_1",
      fees: [{ amount: 14.566678, asset: "USD", productCode: "std" }],
    });
  });

  it("ask for the summary in a time zone and a quote, encoded", async () => {
    const seen: string[] = [];
    await fetchUsageSummary(
      clientAnswering(
        {
          period: "month",
          tz: "America/New_York",
          from: "a",
          to: "b",
          totals: [],
          days: [],
          event_count: 0,
          complete: true,
        },
        seen,
      ),
      "America/New_York",
    );
    expect(seen[0]).toBe("https://app.example/api/credyt/usage/summary?period=month&tz=America%2FNew_York");
    const quote = await fetchQuote(
      clientAnswering({ asset: "TOK", currency: "USD", amount: 10, units: 10000000, rate_source: "app" }, seen),
      { asset: "TOK", currency: "USD", amount: 10 },
    );
    expect(seen[1]).toBe("https://app.example/api/credyt/quote?asset=TOK&currency=USD&amount=10");
    expect(quote).toEqual({ asset: "TOK", currency: "USD", amount: 10, units: 10000000, rateSource: "app" });
  });

  it("reject a wrong shape as invalid_response, and a client without get with a fix", async () => {
    const error = await fetchUsage(clientAnswering({ items: 3 })).catch((e: unknown) => e);
    expect(isCredytError(error) && error.code).toBe("invalid_response");
    const { get: _get, ...bare } = clientAnswering(page);
    const refused = await fetchUsage(bare).catch((e: unknown) => e);
    expect(String((refused as Error).message)).toMatch(/needs a client with a `get` method/);
  });
});
