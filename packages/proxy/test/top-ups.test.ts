import { describe, expect, it } from "vitest";
import { CUSTOMER } from "./fake-upstream";
import { BASE, expectError, ORIGIN, setup, topUpRequest } from "./helpers";

const limits = { currencies: ["USD", "JPY", "KWD"], assets: ["USD", "JPY", "KWD", "TOK"], min: 5, max: "500" };

describe("top-up bodies are validated before anything reaches Credyt", () => {
  it.each([
    ["amount missing", { currency: "USD" }, "amount"],
    ["amount a string", { amount: "10", currency: "USD" }, "amount"],
    ["amount zero", { amount: 0, currency: "USD" }, "amount"],
    ["amount negative", { amount: -10, currency: "USD" }, "amount"],
    ["amount below min", { amount: 4.99, currency: "USD" }, "amount"],
    ["amount above max", { amount: 500.01, currency: "USD" }, "amount"],
    ["amount huge", { amount: 1e300, currency: "USD" }, "amount"],
    ["three decimals in USD", { amount: 10.001, currency: "USD" }, "amount"],
    ["decimals in JPY", { amount: 10.5, currency: "JPY" }, "amount"],
    ["four decimals in KWD", { amount: 10.0001, currency: "KWD" }, "amount"],
    ["tiny exponent", { amount: 5.000000001, currency: "USD" }, "amount"],
    ["currency not allowed", { amount: 10, currency: "EUR" }, "currency"],
    ["currency lower case", { amount: 10, currency: "usd" }, "currency"],
    ["asset not allowed", { amount: 10, currency: "USD", asset: "GOLD" }, "asset"],
    ["description too long", { amount: 10, currency: "USD", description: "x".repeat(201) }, "description"],
    ["unknown field", { amount: 10, currency: "USD", coupon: "FREE" }, "coupon"],
    ["account name with a slash", { amount: 10, currency: "USD", account_name: "a/b" }, "account_name"],
    ["exchange_rate from the browser", { amount: 10, currency: "USD", exchange_rate: 1000 }, "exchange_rate"],
    ["destination from the browser", { amount: 10, currency: "USD", destination: { exchange_rate: 5 } }, "destination"],
    ["return_url not a string", { amount: 10, currency: "USD", return_url: 5 }, "return_url"],
  ])("422 when %s", async (_name, body, field) => {
    const { proxy, upstream } = setup({ topUps: limits });
    const error = await expectError(await proxy(topUpRequest(body)), 422, "invalid_request");
    expect(Object.keys(error.details ?? {})).toContain(field);
    expect(upstream.calls).toHaveLength(0);
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "422 naming an unknown field called %s",
    async (key) => {
      const { proxy, upstream } = setup();
      const body = `{"amount":10,"currency":"USD","${key}":{"x":1},"description":"${"d".repeat(250)}"}`;
      const error = await expectError(await proxy(topUpRequest(body)), 422, "invalid_request");
      expect(Object.hasOwn(error.details ?? {}, key)).toBe(true);
      expect(error.details?.description).toBeDefined();
      expect(upstream.calls).toHaveLength(0);
    },
  );

  it.each([
    [{ amount: 5, currency: "USD" }],
    [{ amount: 500, currency: "USD" }],
    [{ amount: 10.5, currency: "USD" }],
    [{ amount: 19.99, currency: "USD", description: "Credits" }],
    [{ amount: 100, currency: "JPY" }],
    [{ amount: 10.125, currency: "KWD" }],
    [{ amount: 20, currency: "USD", asset: "TOK", account_name: "credits" }],
  ])("201 for %j", async (body) => {
    const { proxy, upstream } = setup({ topUps: { ...limits, accountNames: ["default", "credits"] } });
    const response = await proxy(topUpRequest(body));
    expect(response.status).toBe(201);
    expect(upstream.calls[0]?.body).toMatchObject({ amount: body.amount });
  });

  it("checks amounts exactly at the limits (decimal strings, no float drift)", async () => {
    const { proxy } = setup({ topUps: { min: "0.1", max: "0.3" } });
    expect((await proxy(topUpRequest({ amount: 0.3, currency: "USD" }))).status).toBe(201);
    expect((await proxy(topUpRequest({ amount: 0.1, currency: "USD" }))).status).toBe(201);
    expect((await proxy(topUpRequest({ amount: 0.31, currency: "USD" }))).status).toBe(422);
    expect((await proxy(topUpRequest({ amount: 0.09, currency: "USD" }))).status).toBe(422);
  });

  it("sends the amount's digits as received (20.00 arrives as 20; 0.1 stays 0.1)", async () => {
    const { proxy, upstream } = setup({ topUps: { currencies: { USD: { min: "0.1", max: 100 } } } });
    await proxy(topUpRequest('{"amount":20.00,"currency":"USD"}'));
    await proxy(topUpRequest('{"amount":0.10,"currency":"USD"}'));
    expect(upstream.calls.map((c) => JSON.stringify((c.body as { amount: number }).amount))).toEqual(["20", "0.1"]);
  });

  it("413 for a body over 16 KB, before reading it all", async () => {
    const { proxy, upstream } = setup();
    const big = JSON.stringify({ amount: 10, currency: "USD", description: "x".repeat(20_000) });
    await expectError(await proxy(topUpRequest(big)), 413, "payload_too_large");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(1024).fill(32));
        controller.close();
      },
    });
    const streamed = new Request(`${BASE}/top-ups`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "abcdefgh123" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectError(await proxy(streamed), 413, "payload_too_large");
    expect(upstream.calls).toHaveLength(0);
  });

  it("400 for malformed JSON, 422 for a non-object", async () => {
    const { proxy } = setup();
    await expectError(await proxy(topUpRequest('{"amount":')), 400, "bad_request");
    await expectError(await proxy(topUpRequest("[1,2]")), 422, "invalid_request");
    await expectError(await proxy(topUpRequest("null")), 422, "invalid_request");
  });

  it("requires an Idempotency-Key of 8-255 visible characters", async () => {
    const { proxy, upstream } = setup();
    const request = (key?: string) => {
      const r = topUpRequest({ amount: 10, currency: "USD" });
      if (key === undefined) r.headers.delete("idempotency-key");
      else r.headers.set("idempotency-key", key);
      return r;
    };
    for (const key of [undefined, "short", "x".repeat(256), "has space 123"]) {
      const error = await expectError(await proxy(request(key)), 422, "invalid_request");
      expect(error.details?.["Idempotency-Key"]).toBeDefined();
    }
    expect(upstream.calls).toHaveLength(0);
  });
});

describe("exchange rates are decided by the server only", () => {
  it("applies unitsPerCurrency(ctx) to the destination", async () => {
    const seen: unknown[] = [];
    const { proxy, upstream } = setup({
      topUps: {
        assets: ["TOK"],
        currencies: ["USD"],
        unitsPerCurrency: (ctx, topUp) => {
          seen.push(ctx, topUp);
          return 1000;
        },
      },
    });
    const request = topUpRequest({ amount: 10, currency: "USD", asset: "TOK" });
    expect((await proxy(request)).status).toBe(201);
    expect(upstream.calls[0]?.body).toMatchObject({ destination: { asset: "TOK", exchange_rate: 1000 } });
    expect(seen).toEqual([{ request }, { asset: "TOK", currency: "USD", amount: 10 }]);
  });

  it("never applies a rate to a top-up of the currency itself (a $10 USD top-up credits $10)", async () => {
    let asked = 0;
    const { proxy, upstream } = setup({
      topUps: {
        assets: ["USD", "TOK"],
        currencies: ["USD"],
        unitsPerCurrency: () => {
          asked++;
          return 1_000_000;
        },
      },
    });
    expect((await proxy(topUpRequest({ amount: 10, currency: "USD" }))).status).toBe(201);
    expect((await proxy(topUpRequest({ amount: 10, currency: "USD", asset: "USD" }))).status).toBe(201);
    expect(asked).toBe(0);
    for (const call of upstream.calls) expect(JSON.stringify(call.body)).not.toContain("exchange_rate");
  });

  it("leaves the asset's default rate when unitsPerCurrency returns undefined", async () => {
    const { proxy, upstream } = setup({ topUps: { unitsPerCurrency: () => undefined } });
    await proxy(topUpRequest({ amount: 10, currency: "USD" }));
    expect(upstream.calls[0]?.body).toMatchObject({ destination: { account_name: "default", asset: "USD" } });
    expect(JSON.stringify(upstream.calls[0]?.body)).not.toContain("exchange_rate");
  });

  it("answers 500 (not a wrong charge) when unitsPerCurrency returns garbage", async () => {
    const { proxy, upstream } = setup({ topUps: { assets: ["TOK"], unitsPerCurrency: () => Number.NaN } });
    await expectError(await proxy(topUpRequest({ amount: 10, currency: "USD", asset: "TOK" })), 500, "internal");
    expect(upstream.calls).toHaveLength(0);
  });
});

describe("return and failure URLs", () => {
  const sent = async (extra: Parameters<typeof setup>[0], body: Record<string, unknown>, path = "/top-ups") => {
    const { proxy, upstream } = setup(extra);
    const response = await proxy(
      topUpRequest({ ...(path === "/top-ups" ? { amount: 10, currency: "USD" } : {}), ...body }, {}, path),
    );
    return { response, body: upstream.calls[0]?.body as { return_url: string; failure_url: string } | undefined };
  };

  it("defaults to / on this origin, marked top_up and failed", async () => {
    const { body } = await sent({}, {});
    expect(body?.return_url).toBe(`${ORIGIN}/?credyt_return=top_up`);
    expect(body?.failure_url).toBe(`${ORIGIN}/?credyt_return=failed`);
  });

  it("uses a configured returnUrl and failureUrl", async () => {
    const { body } = await sent({ returnUrl: "/billing?tab=1", failureUrl: "https://shop.example/oops#x" }, {});
    expect(body?.return_url).toBe(`${ORIGIN}/billing?tab=1&credyt_return=top_up`);
    expect(body?.failure_url).toBe(`${ORIGIN}/oops?credyt_return=failed#x`);
  });

  it("accepts a same-origin or allowed-origin suggestion from the browser", async () => {
    expect((await sent({}, { return_url: "/account" })).body?.return_url).toBe(
      `${ORIGIN}/account?credyt_return=top_up`,
    );
    expect((await sent({}, { return_url: `${ORIGIN}/a?b=c` })).body?.return_url).toBe(
      `${ORIGIN}/a?b=c&credyt_return=top_up`,
    );
    const allowed = await sent({ allowedOrigins: ["https://app.example"] }, { return_url: "https://app.example/done" });
    expect(allowed.body?.return_url).toBe("https://app.example/done?credyt_return=top_up");
    expect(allowed.body?.failure_url).toBe("https://app.example/done?credyt_return=failed");
  });

  it("overrides a credyt_return the browser tried to set", async () => {
    const { body } = await sent({}, { return_url: "/a?credyt_return=portal" });
    expect(body?.return_url).toBe(`${ORIGIN}/a?credyt_return=top_up`);
  });

  it.each([
    "https://evil.example/",
    "http://shop.example/",
    "https://shop.example.evil.example/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "https://user:pass@shop.example/",
    " https://evil.example",
    "/a\nb",
    "ftp://shop.example/",
    "",
  ])("422 for return_url %j", async (url) => {
    const { response, body } = await sent({}, { return_url: url });
    const error = await expectError(response, 422, "invalid_request");
    expect(error.details?.return_url).toBeDefined();
    expect(body).toBeUndefined();
  });

  it("marks the portal's return and failure URLs portal (an expired portal link is no failed payment)", async () => {
    const { response, body } = await sent({}, { return_url: "/settings" }, "/billing-portal/sessions");
    expect(response.status).toBe(201);
    expect(body).toEqual({
      customer_id: CUSTOMER,
      return_url: `${ORIGIN}/settings?credyt_return=portal`,
      failure_url: `${ORIGIN}/settings?credyt_return=portal`,
    });
    const configured = await sent({ failureUrl: "/oops" }, {}, "/billing-portal/sessions");
    expect(configured.body?.failure_url).toBe(`${ORIGIN}/oops?credyt_return=portal`);
  });
});
