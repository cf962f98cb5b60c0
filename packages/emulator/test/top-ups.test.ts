import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

const base = {
  customer_id: SECOND_CUSTOMER_ID,
  amount: 25,
  currency: "USD",
  return_url: RETURN_URL,
  failure_url: FAILURE_URL,
};
const create = async (body: Record<string, unknown> = {}) => {
  const res = await s.api("POST", "/top-ups", { ...base, ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; redirect_url: string; expires_at: string; created_at: string };
};
const get = async (id: string) => (await (await s.api("GET", `/top-ups/${id}`)).json()) as Record<string, unknown>;
const usd = async () =>
  (await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json()) as Record<string, number>;

describe("top-ups", () => {
  it("initiated top-ups count in pending_in; GET returns the request and status", async () => {
    const t = await create({ amount: 12.345678, description: "Pack", metadata: { order_id: "o1" } });
    expect(await usd()).toMatchObject({ available: 50, pending_in: 12.345678 });
    expect(await get(t.id)).toMatchObject({
      id: t.id,
      status: "initiated",
      customer_id: SECOND_CUSTOMER_ID,
      amount: 12.345678,
      currency: "USD",
      description: "Pack",
      destination: { account_name: "default", asset: "USD" },
      units: 12.345678,
      return_url: RETURN_URL,
      failure_url: FAILURE_URL,
      metadata: { order_id: "o1" },
      redirect_url: expect.stringContaining("/api/sign-in?token="),
    });
    expect(Date.parse(t.expires_at) - Date.parse(t.created_at)).toBe(24 * 3600_000);
  });

  it("admin complete credits exactly and clears pending_in; a second settle is 409", async () => {
    const t = await create({ amount: 0.1 });
    await create({ amount: 0.2 });
    const res = await s.admin("POST", `/__emulator/top-ups/${t.id}/complete`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "completed", completed_at: expect.any(String) });
    expect(await usd()).toMatchObject({ available: 50.1, pending_in: 0.2 });
    expect((await s.admin("POST", `/__emulator/top-ups/${t.id}/fail`)).status).toBe(409);
    expect(s.emulator.getTopUp(t.id)?.status).toBe("completed");
  });

  it("admin fail marks failed with a code and releases pending_in", async () => {
    const t = await create();
    const res = await s.admin("POST", `/__emulator/top-ups/${t.id}/fail`, { code: "insufficient_funds" });
    expect(await res.json()).toMatchObject({ status: "failed", failure_code: "insufficient_funds" });
    expect(await usd()).toMatchObject({ available: 50, pending_in: 0 });
    expect((await s.admin("POST", "/__emulator/top-ups/top_nope/complete")).status).toBe(404);
  });

  it("expires after 24 hours of emulator time", async () => {
    const t = await create();
    await s.admin("POST", "/__emulator/clock", { advance_ms: 24 * 3600_000 - 1000 });
    expect((await get(t.id)).status).toBe("initiated");
    await s.admin("POST", "/__emulator/clock", { advance_ms: 1000 });
    expect(await get(t.id)).toMatchObject({ status: "expired", expired_at: expect.any(String) });
    expect(await usd()).toMatchObject({ available: 50, pending_in: 0 });
  });

  it("converts into a custom asset at its default rate (units = amount / rate), rounded to its precision", async () => {
    const t = await create({ amount: 2.5, destination: { asset: "tok" } });
    expect(await get(t.id)).toMatchObject({ units: 2500000, destination: { asset: "TOK" } });
    await s.admin("POST", `/__emulator/top-ups/${t.id}/complete`);
    const tok = await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:TOK`)).json();
    expect(tok).toMatchObject({ available: 2500000, pending_in: 0 });
  });

  it("uses the request's exchange_rate override, and precision 2 for a created asset", async () => {
    await s.api("POST", "/assets", {
      code: "MIN",
      name: "Minutes",
      precision: 2,
      rates: [{ source: "USD", rate: 0.3 }],
    });
    const t1 = await create({ amount: 1, destination: { asset: "MIN" } });
    expect((await get(t1.id)).units).toBe(3.33);
    const t2 = await create({ amount: 1, destination: { asset: "MIN", exchange_rate: 7.5 } });
    expect((await get(t2.id)).units).toBe(7.5);
  });

  it("lists top-ups by customer", async () => {
    await create();
    await create({ customer_id: DEMO_CUSTOMER_ID });
    const list = (await (await s.api("GET", `/top-ups?customer_id=${DEMO_CUSTOMER_ID}`)).json()) as {
      items: unknown[];
      total_count: number;
    };
    expect(list.total_count).toBe(1);
    expect(s.emulator.listTopUps()).toHaveLength(2);
  });

  it("422 naming each invalid field, 404 for an unknown customer or top-up", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 0 }, "amount"],
      [{ amount: -5 }, "amount"],
      [{ amount: "5" }, "amount"],
      [{ currency: "DOLLARS" }, "currency"],
      [{ currency: "ZZZ" }, "currency"],
      [{ return_url: "not a url" }, "return_url"],
      [{ failure_url: "javascript:alert(1)" }, "failure_url"],
      [{ return_url: undefined }, "return_url"],
      [{ destination: { asset: "NOPE" } }, "destination.asset"],
      [{ destination: { asset: "EUR" } }, "destination.asset"],
      [{ destination: { exchange_rate: 0 } }, "destination.exchange_rate"],
      [{ credit_expires_at: "soon" }, "credit_expires_at"],
      [{ customer_id: undefined }, "customer_id"],
    ];
    for (const [body, field] of cases) {
      const res = await s.api("POST", "/top-ups", { ...base, ...body });
      expect(res.status, field).toBe(422);
      expect(((await res.json()) as { errors: object }).errors, field).toHaveProperty([field]);
    }
    expect((await s.api("POST", "/top-ups", { ...base, customer_id: "cust_nope" })).status).toBe(404);
    expect((await s.api("GET", "/top-ups/top_nope")).status).toBe(404);
    expect(await usd()).toMatchObject({ pending_in: 0 });
  });
});
