import { describe, expect, it } from "vitest";
import { MemoryIdempotencyStore, MemoryRateLimitStore } from "../src/index";
import { CUSTOMER } from "./fake-upstream";
import { BASE, expectError, setup } from "./helpers";

const topUp = (key: string, body: unknown = { amount: 10, currency: "USD" }) =>
  new Request(`${BASE}/top-ups`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });

describe("Idempotency-Key", () => {
  it("replays the first response for the same customer and key", async () => {
    const { proxy, upstream, events } = setup();
    const first = await proxy(topUp("same-key-0001"));
    const second = await proxy(topUp("same-key-0001"));
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(upstream.topUpCount()).toBe(1);
    expect(events.filter((e) => e.type === "top_up.created")).toHaveLength(1);
  });

  it("409 for the same key with a different body, and nothing is created", async () => {
    const { proxy, upstream } = setup();
    await proxy(topUp("same-key-0002"));
    await expectError(
      await proxy(topUp("same-key-0002", { amount: 11, currency: "USD" })),
      409,
      "idempotency_conflict",
    );
    expect(upstream.topUpCount()).toBe(1);
  });

  it("scopes keys per customer", async () => {
    let customer = CUSTOMER;
    const { proxy, upstream } = setup({ getCustomerId: () => customer });
    await proxy(topUp("shared-key-01"));
    customer = "cust_473cr1y0ghbyc3m1yfbwvn3nxx";
    const other = await proxy(topUp("shared-key-01"));
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    expect(upstream.topUpCount()).toBe(2);
  });

  it("coalesces concurrent requests: 50 at once make one top-up and all get its answer", async () => {
    const { proxy, upstream } = setup({}, async (call) => {
      if (call.path === "/top-ups") await new Promise((r) => setTimeout(r, 50));
      return undefined;
    });
    const responses = await Promise.all(Array.from({ length: 50 }, () => proxy(topUp("concurrent-key-1"))));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(upstream.topUpCount()).toBe(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(49);
  });

  it("replays Credyt's final 4xx, but lets a retry through after a brief failure window on 5xx", async () => {
    let fail = 422;
    const { proxy, upstream } = setup({}, (call) =>
      call.path === "/top-ups" && fail ? new Response("{}", { status: fail }) : undefined,
    );
    await expectError(await proxy(topUp("final-error-01")), 422, "invalid_request");
    fail = 0;
    await expectError(await proxy(topUp("final-error-01")), 422, "invalid_request");
    expect(upstream.calls).toHaveLength(1);
  });

  it("does not send a second POST for concurrent waiters when the first one fails", async () => {
    const { proxy, upstream } = setup({}, async (call) => {
      if (call.path !== "/top-ups") return undefined;
      await new Promise((r) => setTimeout(r, 30));
      return new Response("oops", { status: 500 });
    });
    const responses = await Promise.all(Array.from({ length: 5 }, () => proxy(topUp("failing-key-01"))));
    for (const response of responses) await expectError(response, 502, "upstream_error");
    // A 500 may have created the top-up: the waiters may look it up (GETs), but never POST again.
    expect(upstream.calls.filter((call) => call.method === "POST")).toHaveLength(1);
  });

  it("works with a custom store implementing the interface", async () => {
    const store = new MemoryIdempotencyStore({ max: 10 });
    const claims: string[] = [];
    const { proxy } = setup({
      idempotencyStore: {
        claim: async (key, print, ttl) => {
          claims.push(key);
          return store.claim(key, print, ttl);
        },
        complete: (key, record, ttl) => store.complete(key, record, ttl),
        release: (key) => store.release(key),
      },
    });
    await proxy(topUp("custom-store-1"));
    expect(claims).toEqual([`credyt:idem:${CUSTOMER}:custom-store-1`]);
  });
});

describe("MemoryIdempotencyStore", () => {
  it("claims once, reports pending, then done, and releases only pending claims", async () => {
    const store = new MemoryIdempotencyStore();
    expect(await store.claim("k", "f1", 1000)).toEqual({ status: "claimed" });
    expect(await store.claim("k", "f2", 1000)).toEqual({ status: "pending", fingerprint: "f1" });
    const record = { fingerprint: "f1", response: { status: 201, headers: {}, body: "{}" } };
    await store.complete("k", record, 1000);
    await store.release("k");
    expect(await store.claim("k", "f1", 1000)).toEqual({ status: "done", record });
  });

  it("lets a claim expire", async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim("k", "f", 5);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.claim("k", "f", 5)).toEqual({ status: "claimed" });
  });
});

describe("per-customer rate limit on POSTs", () => {
  it("429 with Retry-After past the limit; GETs and replays are not counted", async () => {
    const { proxy, upstream, events } = setup({ rateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await proxy(topUp("rate-key-0001"))).status).toBe(201);
    expect((await proxy(topUp("rate-key-0001"))).status).toBe(201);
    expect((await proxy(new Request(`${BASE}/wallet`))).status).toBe(200);
    expect((await proxy(topUp("rate-key-0002"))).status).toBe(201);
    const limited = await proxy(topUp("rate-key-0003"));
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
    await expectError(limited, 429, "rate_limited");
    expect(upstream.topUpCount()).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: "request.rejected", code: "rate_limited", customerId: CUSTOMER });
  });

  it("counts portal sessions too, and separately per customer", async () => {
    let customer = CUSTOMER;
    const { proxy } = setup({ getCustomerId: () => customer, rateLimit: { limit: 1, windowMs: 60_000 } });
    const portal = () =>
      new Request(`${BASE}/billing-portal/sessions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
    expect((await proxy(portal())).status).toBe(201);
    expect((await proxy(portal())).status).toBe(429);
    customer = "cust_473cr1y0ghbyc3m1yfbwvn3nxx";
    expect((await proxy(portal())).status).toBe(201);
  });

  it("can be turned off", async () => {
    const { proxy } = setup({ rateLimit: false });
    for (let i = 0; i < 40; i++) expect((await proxy(topUp(`no-limit-key-${i}`))).status).toBe(201);
  });

  it("MemoryRateLimitStore counts in fixed windows", async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.hit("a", 30)).toMatchObject({ count: 1 });
    expect(await store.hit("a", 30)).toMatchObject({ count: 2 });
    expect(await store.hit("b", 30)).toMatchObject({ count: 1 });
    await new Promise((r) => setTimeout(r, 40));
    expect(await store.hit("a", 30)).toMatchObject({ count: 1 });
  });
});
