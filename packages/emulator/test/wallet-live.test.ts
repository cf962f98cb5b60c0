import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
let now = Date.parse("2026-01-01T00:00:00.000Z");
beforeEach(async () => {
  now = Date.parse("2026-01-01T00:00:00.000Z");
  s = await start({ now: () => new Date(now), topUpTtlMs: 60_000 });
});
afterEach(() => s.close());

type Account = { id: string; available: number; pending_in: number };
/** One wallet read, as a proxy's poll would make it: the accounts by id, and the response's cache header. */
async function read(
  customer = SECOND_CUSTOMER_ID,
): Promise<{ accounts: Record<string, Account>; cache: string | null }> {
  const res = await s.api("GET", `/customers/${customer}/wallet`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { accounts: Account[] };
  return { accounts: Object.fromEntries(body.accounts.map((a) => [a.id, a])), cache: res.headers.get("cache-control") };
}
const usd = async (customer = SECOND_CUSTOMER_ID) => (await read(customer)).accounts["default:USD"];
const uuid = (n: number) => `7e570000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const topUp = async (amount: number) => {
  const res = await s.api("POST", "/top-ups", {
    customer_id: SECOND_CUSTOMER_ID,
    amount,
    currency: "USD",
    return_url: RETURN_URL,
    failure_url: FAILURE_URL,
  });
  return (await res.json()) as { id: string; redirect_url: string };
};

describe("wallet changes are visible to the very next read", () => {
  it("usage events, adjustments, payments on the checkout page and both kinds of expiry", async () => {
    expect(await read()).toMatchObject({ cache: "no-store" });
    expect(await usd()).toMatchObject({ available: 50, pending_in: 0 });

    // A usage event bills at once (demo customer: 0.5 USD per video_promoted).
    await s.api("POST", "/events", {
      customer_id: DEMO_CUSTOMER_ID,
      events: [{ id: uuid(1), event_type: "video_promoted", occurred_at: "2026-01-01T00:00:00Z" }],
    });
    expect(await usd(DEMO_CUSTOMER_ID)).toMatchObject({ available: 14.066678 });

    // An adjustment, expiring in one hour.
    await s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: uuid(2),
      asset: "USD",
      amount: 0.35,
      reason: "gift",
      expires_at: "2026-01-01T01:00:00Z",
    });
    expect(await usd()).toMatchObject({ available: 50.35, pending_in: 0 });

    // A top-up is pending at once; paid on the real checkout page, it is available at once.
    const paid = await topUp(20.01);
    expect(await usd()).toMatchObject({ available: 50.35, pending_in: 20.01 });
    const signIn = await fetch(paid.redirect_url, { redirect: "manual" });
    const token = new URL(signIn.headers.get("location") as string, s.url).searchParams.get("token") as string;
    const pay = await fetch(`${s.url}/checkout`, {
      method: "POST",
      body: new URLSearchParams({ token, card_number: "4242424242424242", expiry: "12/34", cvc: "123" }),
      redirect: "manual",
    });
    expect(pay.status).toBe(303);
    expect(await usd()).toMatchObject({ available: 70.36, pending_in: 0 });

    // An abandoned top-up stops being pending at its expires_at (the clock moves; the next read sees it).
    await topUp(5);
    expect(await usd()).toMatchObject({ pending_in: 5 });
    now += 60_000;
    expect(await usd()).toMatchObject({ available: 70.36, pending_in: 0 });

    // What is left of the expiring adjustment lapses at its expires_at.
    now = Date.parse("2026-01-01T01:00:00.000Z");
    expect(await usd()).toMatchObject({ available: 70.01, pending_in: 0 });
  });
});

describe("faults on the wallet read (for poller and stream tests)", () => {
  const fault = (rule: Record<string, unknown>) => s.admin("POST", "/__emulator/faults", rule);

  it("GET /customers/:id/wallet can be made slow", async () => {
    expect((await fault({ method: "GET", path: "/customers/:id/wallet", latency_ms: 300, count: 1 })).status).toBe(201);
    const t0 = performance.now();
    expect(await usd()).toMatchObject({ available: 50 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it("a rule for GET /customers/:id/wallet leaves writes under that prefix and single-account reads alone", async () => {
    await fault({ method: "GET", path: "/customers/:id/wallet", status: 503 });
    expect((await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`)).status).toBe(503);
    expect((await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/`)).status).toBe(503);
    const adjust = await s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: uuid(3),
      asset: "USD",
      amount: 1,
      reason: "gift",
    });
    expect(adjust.status).toBe(201);
    const one = await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`);
    expect(await one.json()).toMatchObject({ available: 51 });
  });

  it("can be broken for a while (503 with Retry-After, reset, malformed JSON); changes made meanwhile show on recovery", async () => {
    await fault({ method: "GET", path: "/customers/:id/wallet", status: 503, retry_after: 2, count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(await res.json()).toMatchObject({ status: 503, detail: "Injected by the Credyt emulator (fault)." });
    }
    await fault({ method: "GET", path: "/customers/:id/wallet", reset_connection: true, count: 1 });
    await expect(s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`)).rejects.toThrow();
    await fault({ method: "GET", path: "/customers/:id/wallet", malformed_json: true, count: 1 });
    await expect((await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`)).json()).rejects.toThrow();
    // During the outage a write still lands, and the first good read shows it.
    await s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: uuid(4),
      asset: "USD",
      amount: 2.5,
      reason: "gift",
    });
    expect(await usd()).toMatchObject({ available: 52.5 });
  });

  it("hang holds a read unanswered until the faults are cleared, then it is answered from the current data", async () => {
    await fault({ method: "GET", path: "/customers/:id/wallet", hang: true, count: 1 });
    let settled = false;
    const pending = s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false);
    expect(await (await s.admin("GET", "/__emulator/faults")).json()).toEqual({ faults: [], hanging: 1 });
    // A write while the read hangs; the held read, once released, answers with it.
    await s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: uuid(5),
      asset: "USD",
      amount: 1.25,
      reason: "gift",
    });
    await s.admin("DELETE", "/__emulator/faults");
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accounts: Account[] }).accounts[0]).toMatchObject({ available: 51.25 });
    expect(await (await s.admin("GET", "/__emulator/faults")).json()).toEqual({ faults: [], hanging: 0 });
  });

  it("hang ends when the client gives up (no held request or timer is left behind); with a status it answers that", async () => {
    await fault({ method: "GET", path: "/customers/:id/wallet", hang: true, count: 1 });
    await expect(
      fetch(`${s.url}/customers/${SECOND_CUSTOMER_ID}/wallet`, {
        headers: { "x-credyt-api-key": s.apiKey },
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    let hanging = 1;
    for (let i = 0; i < 50 && hanging > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      hanging = ((await (await s.admin("GET", "/__emulator/faults")).json()) as { hanging: number }).hanging;
    }
    expect(hanging).toBe(0);
    await fault({ method: "GET", path: "/customers/:id/wallet", hang: true, status: 504, count: 1 });
    const held = s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`);
    for (let i = 0; i < 50 && hanging === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      hanging = ((await (await s.admin("GET", "/__emulator/faults")).json()) as { hanging: number }).hanging;
    }
    expect(hanging).toBe(1);
    await s.admin("POST", "/__emulator/reset"); // a reset releases held requests too
    expect((await held).status).toBe(504);
    expect((await s.admin("POST", "/__emulator/faults", { path: "/", hang: "yes" })).status).toBe(422);
  });

  it("a literal path breaks one customer's wallet and leaves another's alone", async () => {
    await fault({ method: "GET", path: `/customers/${DEMO_CUSTOMER_ID}/wallet`, status: 500 });
    expect((await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet`)).status).toBe(500);
    expect(await usd()).toMatchObject({ available: 50 });
    expect((await s.admin("DELETE", "/__emulator/faults")).status).toBe(200);
    expect(await usd(DEMO_CUSTOMER_ID)).toMatchObject({ available: 14.566678 });
  });
});
