import { describe, expect, it } from "vitest";
import { CUSTOMER, FAKE_KEY } from "./fake-upstream";
import { BASE, expectError, get, ORIGIN, setup, topUpRequest } from "./helpers";

describe("routes are an allowlist", () => {
  it.each(["/", "", "/wallets", "/wallet/default:USD/x", "/top-ups/top_1", "/billing-portal", "/admin", "/../wallet"])(
    "404 for %s",
    async (path) => {
      const { proxy, upstream } = setup();
      await expectError(await proxy(get(path)), 404, "not_found");
      expect(upstream.calls).toHaveLength(0);
    },
  );

  it("404 for paths that do not decode", async () => {
    const { proxy, upstream } = setup();
    await expectError(await proxy(get("/wallet/%ZZ")), 404, "not_found");
    await expectError(await proxy(get("/%E0%A4%A")), 404, "not_found");
    expect(upstream.calls).toHaveLength(0);
  });

  it("422 for an account id that is not name:ASSET, before calling Credyt", async () => {
    const { proxy, upstream } = setup();
    for (const id of ["default", "a:b:c", "default:US D", "..%2F..%2Fadmin", "default%3AUSD%2Fx"]) {
      await expectError(await proxy(get(`/wallet/${id}`)), 422, "invalid_request");
    }
    expect(upstream.calls).toHaveLength(0);
  });

  it("404 outside the base path", async () => {
    const { proxy } = setup();
    await expectError(await proxy(new Request(`${ORIGIN}/other/wallet`)), 404, "not_found");
    await expectError(await proxy(new Request(`${ORIGIN}/api/credytwallet`)), 404, "not_found");
  });

  it.each([
    ["POST", "/wallet", "GET"],
    ["DELETE", "/wallet/default:USD", "GET"],
    ["GET", "/top-ups", "POST"],
    ["PUT", "/billing-portal/sessions", "POST"],
    ["OPTIONS", "/top-ups", "POST"],
  ])("405 for %s %s with Allow", async (method, path, allow) => {
    const { proxy, upstream } = setup();
    const response = await proxy(new Request(`${BASE}${path}`, { method }));
    expect(response.headers.get("allow")).toBe(allow);
    await expectError(response, 405, "method_not_allowed");
    expect(upstream.calls).toHaveLength(0);
  });
});

describe("the customer is only what getCustomerId returns", () => {
  it.each([null, undefined, ""])("401 when getCustomerId returns %s", async (value) => {
    const { proxy, upstream, events } = setup({ getCustomerId: () => value });
    await expectError(await proxy(get("/wallet")), 401, "unauthorized");
    await expectError(await proxy(topUpRequest({ amount: 10, currency: "USD" })), 401, "unauthorized");
    expect(upstream.calls).toHaveLength(0);
    expect(events[0]).toMatchObject({ type: "request.rejected", code: "unauthorized", status: 401, customerId: null });
  });

  it("passes the framework context to getCustomerId (Fetch default: { request })", async () => {
    const seen: unknown[] = [];
    const { proxy } = setup({
      getCustomerId: (ctx) => {
        seen.push(ctx);
        return CUSTOMER;
      },
    });
    const request = get("/wallet");
    await proxy(request);
    expect(seen[0]).toEqual({ request });
  });

  it("answers 500 without details when getCustomerId throws or returns garbage", async () => {
    for (const getCustomerId of [
      () => {
        throw new Error(`db down ${FAKE_KEY}`);
      },
      () => "cust/../../admin",
    ]) {
      const { proxy, events } = setup({ getCustomerId });
      const response = await proxy(get("/wallet"));
      const text = await response.clone().text();
      expect(text).not.toContain("db down");
      await expectError(response, 500, "internal");
      expect(JSON.stringify(events)).not.toContain(FAKE_KEY);
    }
  });

  it.each([
    ["body customer_id", topUpRequest({ amount: 10, currency: "USD", customer_id: "cust_other" }), "customer_id"],
    ["body customerId", topUpRequest({ amount: 10, currency: "USD", customerId: "cust_other" }), "customerId"],
    ["query", get("/wallet?customer_id=cust_other"), "query.customer_id"],
    ["query value", get("/wallet?id=cust_other"), "query.id"],
    ["header", get("/wallet", { "X-Customer-Id": "cust_other" }), "header.x-customer-id"],
    ["credyt header", get("/wallet", { "X-Credyt-Customer": "cust_other" }), "header.x-credyt-customer"],
    ["path account", get("/wallet/cust_other"), "path"],
  ])("422 for a customer id sent by the browser in the %s", async (_where, request, field) => {
    const { proxy, upstream } = setup();
    const error = await expectError(await proxy(request), 422, "invalid_request");
    expect(error.details?.[field]?.[0]).toMatch(/decided by the server/);
    expect(upstream.calls).toHaveLength(0);
  });

  it("portal sessions use the server's customer too", async () => {
    const { proxy, upstream } = setup();
    const bad = new Request(`${BASE}/billing-portal/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer_id: "cust_other" }),
    });
    await expectError(await proxy(bad), 422, "invalid_request");
    expect(upstream.calls).toHaveLength(0);
  });
});

describe("the key never leaves the server; browser credentials never reach Credyt", () => {
  it("does not forward cookie, authorization or any browser header upstream", async () => {
    const { proxy, upstream } = setup();
    await proxy(
      get("/wallet", {
        Cookie: "session=abc",
        Authorization: "Bearer user-token",
        Connection: "keep-alive, x-evil",
        "X-Evil": "1",
        "X-CREDYT-ACCOUNT": "acc_other",
        "X-CREDYT-API-KEY": "key_from_browser",
      }),
    );
    const headers = upstream.calls[0]?.headers;
    expect(headers?.get("cookie")).toBeNull();
    expect(headers?.get("authorization")).toBeNull();
    expect(headers?.get("connection")).toBeNull();
    expect(headers?.get("x-evil")).toBeNull();
    expect(headers?.get("x-credyt-account")).toBeNull();
    expect(headers?.get("x-credyt-api-key")).toBe(FAKE_KEY);
  });

  it("answers with no hop-by-hop or upstream headers", async () => {
    const { proxy } = setup(
      {},
      () =>
        new Response('{"accounts":[]}', {
          headers: {
            "Content-Type": "application/json",
            "Set-Cookie": "a=b",
            "X-Upstream-Secret": "s",
            Connection: "close",
          },
        }),
    );
    const response = await proxy(get("/wallet"));
    expect(response.status).toBe(200);
    expect([...response.headers.keys()].sort()).toEqual([
      "cache-control",
      "content-type",
      "credyt-customer-ref",
      "x-content-type-options",
      "x-request-id",
    ]);
  });

  it("refuses an upstream body that echoes the key", async () => {
    const { proxy } = setup({}, () =>
      Response.json({ accounts: [{ id: "default:USD", name: FAKE_KEY, asset: "USD", available: 1 }] }),
    );
    const response = await proxy(get("/wallet"));
    expect(await response.clone().text()).not.toContain(FAKE_KEY);
    await expectError(response, 502, "upstream_error");
  });

  it("keeps the key out of every error and event", async () => {
    const { proxy, events } = setup({}, () => new Response(`bad key ${FAKE_KEY}`, { status: 401 }));
    const responses = await Promise.all([
      proxy(get("/wallet")),
      proxy(topUpRequest({ amount: 10, currency: "USD" })),
      proxy(topUpRequest("{not json")),
      proxy(get("/nope")),
    ]);
    for (const response of responses) {
      expect(await response.text()).not.toContain(FAKE_KEY);
      expect(JSON.stringify([...response.headers])).not.toContain(FAKE_KEY);
    }
    expect(events.length).toBe(4);
    expect(JSON.stringify(events)).not.toContain(FAKE_KEY);
  });
});

describe("cross-site protection", () => {
  it("403 for a foreign Origin, on GET and POST", async () => {
    const { proxy, upstream } = setup();
    await expectError(await proxy(get("/wallet", { Origin: "https://evil.example" })), 403, "forbidden");
    await expectError(
      await proxy(topUpRequest({ amount: 10, currency: "USD" }, { Origin: "https://evil.example" })),
      403,
      "forbidden",
    );
    await expectError(await proxy(get("/wallet", { Origin: "null" })), 403, "forbidden");
    expect(upstream.calls).toHaveLength(0);
  });

  it("accepts the same origin and allowed origins", async () => {
    const { proxy } = setup({ allowedOrigins: ["https://app.example"] });
    expect((await proxy(get("/wallet", { Origin: ORIGIN }))).status).toBe(200);
    expect((await proxy(get("/wallet", { Origin: "https://app.example" }))).status).toBe(200);
    expect((await proxy(get("/wallet"))).status).toBe(200);
  });

  it.each([
    [undefined],
    ["text/plain"],
    ["application/x-www-form-urlencoded"],
    ["multipart/form-data; boundary=x"],
    ["application/json; charset=latin1"],
    ["application/jsonp"],
  ])("415 for Content-Type %s", async (type) => {
    const { proxy, upstream } = setup();
    const headers: Record<string, string> = { "Idempotency-Key": "abcdefgh12" };
    if (type) headers["Content-Type"] = type;
    const request = new Request(`${BASE}/top-ups`, { method: "POST", headers, body: '{"amount":10,"currency":"USD"}' });
    if (!type) request.headers.delete("content-type");
    await expectError(await proxy(request), 415, "unsupported_media_type");
    expect(upstream.calls).toHaveLength(0);
  });

  it("accepts application/json with a utf-8 charset", async () => {
    const { proxy } = setup();
    const response = await proxy(
      topUpRequest({ amount: 10, currency: "USD" }, { "Content-Type": "application/json; charset=UTF-8" }),
    );
    expect(response.status).toBe(201);
  });
});

describe("request ids and caching", () => {
  it("passes a sane X-Request-Id through, upstream and back", async () => {
    const { proxy, upstream } = setup();
    const response = await proxy(get("/wallet", { "X-Request-Id": "req-123" }));
    expect(response.headers.get("x-request-id")).toBe("req-123");
    expect(upstream.calls[0]?.headers.get("x-request-id")).toBe("req-123");
  });

  it("generates one when missing or unsafe", async () => {
    const { proxy, upstream } = setup();
    const response = await proxy(get("/wallet", { "X-Request-Id": "<script>" }));
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstream.calls[0]?.headers.get("x-request-id")).toBe(id);
  });

  it("every response is no-store, errors included", async () => {
    const { proxy } = setup();
    for (const request of [get("/wallet"), get("/nope"), topUpRequest("{")]) {
      expect((await proxy(request)).headers.get("cache-control")).toBe("no-store");
    }
  });
});
