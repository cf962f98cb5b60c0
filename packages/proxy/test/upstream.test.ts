import { CredytError } from "@credyt/core";
import { describe, expect, it } from "vitest";
import { failureOf, UpstreamFailure } from "../src/_internal/upstream";
import { createCredytApi } from "../src/index";
import { CUSTOMER, FAKE_KEY, fakeUpstream, WALLET_TEXT } from "./fake-upstream";
import { expectError, get, setup, topUpRequest } from "./helpers";

const failWith =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    new Response('{"title":"boom","detail":"internal stack at Credyt.Api.Foo"}', { status, headers });

describe("upstream failures map to the catalogue without leaking internals", () => {
  it.each([
    [500, 502, "upstream_error"],
    [503, 502, "upstream_error"],
    [401, 502, "upstream_error"],
    [403, 502, "upstream_error"],
    [404, 404, "not_found"],
    [400, 422, "invalid_request"],
    [422, 422, "invalid_request"],
    [409, 422, "invalid_request"],
    [418, 502, "upstream_error"],
  ])("Credyt %i → %i %s", async (upstreamStatus, status, code) => {
    const { proxy } = setup({}, failWith(upstreamStatus));
    const response = await proxy(topUpRequest({ amount: 10, currency: "USD" }));
    const text = await response.clone().text();
    expect(text).not.toMatch(/Credyt\.Api|boom|stack/);
    await expectError(response, status, code);
  });

  it("Credyt 429 → 503 unavailable with Retry-After", async () => {
    const { proxy } = setup({}, failWith(429, { "Retry-After": "7" }));
    const response = await proxy(get("/wallet"));
    expect(response.headers.get("retry-after")).toBe("7");
    await expectError(response, 503, "unavailable");
  });

  it("timeout → 504, and the POST is not retried", async () => {
    const { proxy, upstream } = setup(
      { timeoutMs: 50 },
      () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500)),
    );
    const started = Date.now();
    await expectError(await proxy(topUpRequest({ amount: 10, currency: "USD" })), 504, "upstream_timeout");
    expect(Date.now() - started).toBeLessThan(450);
    expect(upstream.calls).toHaveLength(1);
  });

  it("connection failure → 502", async () => {
    const { proxy } = setup({
      fetch: async () => {
        throw new TypeError("fetch failed: ECONNRESET");
      },
    });
    const response = await proxy(topUpRequest({ amount: 10, currency: "USD" }));
    expect(await response.clone().text()).not.toContain("ECONNRESET");
    await expectError(response, 502, "upstream_error");
  });

  it("malformed JSON or a wrong shape from Credyt → 502", async () => {
    for (const body of [
      '{"accounts":[',
      '{"accounts":[{"id":1}]}',
      "<html>",
      '{"accounts":[{"id":"a","name":"b","asset":"USD","available":"1"}]}',
    ]) {
      const { proxy } = setup({}, () => new Response(body, { status: 200 }));
      await expectError(await proxy(get("/wallet")), 502, "upstream_error");
    }
  });

  it("retries GETs at most twice on 5xx, then answers 502", async () => {
    const { proxy, upstream } = setup({}, failWith(500));
    await expectError(await proxy(get("/wallet")), 502, "upstream_error");
    expect(upstream.calls).toHaveLength(3);
  });

  it("a GET retry can succeed", async () => {
    let n = 0;
    const { proxy, upstream } = setup({}, () => (++n === 1 ? new Response("", { status: 502 }) : undefined));
    const response = await proxy(get("/wallet"));
    expect(await response.text()).toBe(WALLET_TEXT);
    expect(upstream.calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 418, 422, 429])("never retries a GET answered %i", async (status) => {
    const { proxy, upstream } = setup({}, failWith(status, { "Retry-After": "1" }));
    await proxy(get("/wallet"));
    expect(upstream.calls).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])("retries a GET answered %i twice", async (status) => {
    const { proxy, upstream } = setup({}, failWith(status));
    await expectError(await proxy(get("/wallet")), 502, "upstream_error");
    expect(upstream.calls).toHaveLength(3);
  });

  it("retries a GET whose connection failed, never one that timed out or sent a bad body", async () => {
    const refused = setup({
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      },
    });
    await expectError(await refused.proxy(get("/wallet")), 502, "upstream_error");
    let calls = 0;
    const counted = setup({
      fetch: async () => {
        calls += 1;
        throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      },
    });
    await counted.proxy(get("/wallet"));
    expect(calls).toBe(3);
    const garbled = setup({}, () => new Response("<html>", { status: 200 }));
    await expectError(await garbled.proxy(get("/wallet")), 502, "upstream_error");
    expect(garbled.upstream.calls).toHaveLength(1);
    const slow = setup(
      { timeoutMs: 50 },
      () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 300)),
    );
    await expectError(await slow.proxy(get("/wallet")), 504, "upstream_timeout");
    expect(slow.upstream.calls).toHaveLength(1);
  });

  it("never retries POSTs, nor GETs on 4xx", async () => {
    const a = setup({}, failWith(500));
    await a.proxy(topUpRequest({ amount: 10, currency: "USD" }));
    expect(a.upstream.calls).toHaveLength(1);
    const b = setup({}, failWith(404));
    await b.proxy(get("/wallet/default:EUR"));
    expect(b.upstream.calls).toHaveLength(1);
  });

  it("reports upstream failures to onEvent with a reason but no key", async () => {
    const { proxy, events } = setup({}, failWith(401));
    await proxy(get("/wallet"));
    expect(events).toEqual([
      expect.objectContaining({
        type: "request.rejected",
        code: "upstream_error",
        status: 502,
        path: "/wallet",
        customerId: CUSTOMER,
      }),
    ]);
    const event = events[0] as { reason: string };
    expect(event.reason).toMatch(/HTTP 401/);
    expect(event.reason).not.toContain(FAKE_KEY);
  });
});

describe("onEvent", () => {
  it("reports created top-ups and portal sessions", async () => {
    const { proxy, events } = setup();
    await proxy(
      topUpRequest({ amount: 12.5, currency: "USD" }, { "Idempotency-Key": "event-key-001", "X-Request-Id": "r1" }),
    );
    await proxy(topUpRequest({}, { "X-Request-Id": "r2" }, "/billing-portal/sessions"));
    expect(events).toEqual([
      {
        type: "top_up.created",
        requestId: "r1",
        method: "POST",
        path: "/top-ups",
        customerId: CUSTOMER,
        topUpId: expect.stringMatching(/^top_/),
        amount: 12.5,
        currency: "USD",
        asset: "USD",
        idempotencyKey: "event-key-001",
      },
      {
        type: "portal_session.created",
        requestId: "r2",
        method: "POST",
        path: "/billing-portal/sessions",
        customerId: CUSTOMER,
      },
    ]);
  });

  it("reports rejections with the reason", async () => {
    const { proxy, events } = setup();
    await proxy(topUpRequest({ amount: -1, currency: "USD" }));
    expect(events[0]).toMatchObject({
      type: "request.rejected",
      status: 422,
      code: "invalid_request",
      path: "/top-ups",
    });
    expect((events[0] as { reason: string }).reason).toMatch(/amount/);
  });

  it("a throwing onEvent does not change the answer", async () => {
    const { proxy } = setup({
      onEvent: () => {
        throw new Error("audit log down");
      },
    });
    expect((await proxy(topUpRequest({ amount: 10, currency: "USD" }))).status).toBe(201);
  });
});

describe("createCredytApi", () => {
  const api = () => {
    const upstream = fakeUpstream();
    return {
      upstream,
      api: createCredytApi({ apiKey: FAKE_KEY, apiUrl: "https://credyt.test", fetch: upstream.fetch }),
    };
  };

  it("reads a wallet and an account as core's camelCase types, exact amounts", async () => {
    const { api: credyt } = api();
    const wallet = await credyt.getWallet(CUSTOMER);
    expect(wallet.accounts.map((a) => a.available)).toEqual([14.566678, 993450234]);
    expect(await credyt.getAccount(CUSTOMER, "default:USD")).toEqual({
      id: "default:USD",
      name: "default",
      asset: "USD",
      available: 14.566678,
      pendingIn: 0,
      pendingOut: 0,
    });
  });

  it("creates top-ups and portal sessions", async () => {
    const { api: credyt, upstream } = api();
    const topUp = await credyt.createTopUp({
      customer_id: CUSTOMER,
      amount: 20,
      currency: "USD",
      return_url: "https://a.example/?credyt_return=top_up",
      failure_url: "https://a.example/?credyt_return=failed",
    });
    expect(topUp).toMatchObject({ status: "initiated", redirectUrl: expect.stringMatching(/^https:/) });
    expect(topUp.id).toMatch(/^top_/);
    expect(topUp.createdAt).toBe("2026-11-25T10:00:00.000000Z");
    const session = await credyt.createBillingPortalSession({
      customer_id: CUSTOMER,
      return_url: "https://a.example/",
      failure_url: "https://a.example/",
    });
    expect(session).toEqual({
      redirectUrl: "https://billing.credyt.ai/api/sign-in?token=p",
      expiresAt: "2026-11-25T10:10:00Z",
    });
    expect(upstream.calls.map((c) => c.headers.get("x-credyt-api-key"))).toEqual([FAKE_KEY, FAKE_KEY]);
  });

  it("carries the typed failure (status, retryable, maybeApplied) the retry decision reads", async () => {
    const failing = (status: number) =>
      createCredytApi({
        apiKey: FAKE_KEY,
        apiUrl: "https://credyt.test",
        fetch: fakeUpstream({ respond: failWith(status) }).fetch,
      });
    const causeOf = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(CredytError);
      const failure = failureOf(error);
      expect(failure).toBeInstanceOf(UpstreamFailure);
      return failure as UpstreamFailure;
    };
    expect(await causeOf(failing(404).getWallet(CUSTOMER))).toMatchObject({ status: 404, retryable: false });
    expect(await causeOf(failing(401).getWallet(CUSTOMER))).toMatchObject({ status: 401, retryable: false });
    expect(await causeOf(failing(429).getWallet(CUSTOMER))).toMatchObject({
      status: 429,
      retryable: false,
      // A quota answer, which one customer can draw: never evidence of an outage (issue 25).
      isOutage: false,
    });
    expect(await causeOf(failing(503).getWallet(CUSTOMER))).toMatchObject({
      status: 503,
      retryable: true,
      maybeApplied: false,
    });
    const body = { customer_id: CUSTOMER, amount: 5, currency: "USD", return_url: "https://a.example/" };
    expect(await causeOf(failing(500).createTopUp({ ...body, failure_url: body.return_url }))).toMatchObject({
      status: 500,
      retryable: true,
      maybeApplied: true,
    });
  });

  it("throws CredytError for upstream failures and bad ids", async () => {
    const { api: credyt } = api();
    await expect(credyt.getAccount(CUSTOMER, "default:EUR")).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(credyt.getAccount(CUSTOMER, "../admin")).rejects.toBeInstanceOf(CredytError);
    await expect(credyt.getWallet("cust/../x")).rejects.toMatchObject({ code: "invalid_request" });
    const bad = createCredytApi({ apiKey: "key_wrong", apiUrl: "https://credyt.test", fetch: fakeUpstream().fetch });
    await expect(bad.getWallet(CUSTOMER)).rejects.toMatchObject({ code: "upstream_error", status: 502 });
  });
});
