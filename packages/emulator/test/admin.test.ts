import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start({ now: () => new Date("2026-01-01T00:00:00.000Z") });
});
afterEach(() => s.close());

describe("admin routes", () => {
  it("are off unless enabled", async () => {
    const off = await start({ admin: false });
    try {
      expect((await off.admin("POST", "/__emulator/reset")).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it("reset returns to the seed", async () => {
    await s.api("POST", "/customers", { name: "Temp", external_id: "temp" });
    await s.api("POST", `/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: "11111111-1111-4111-8111-111111111111",
      asset: "USD",
      amount: 100,
      reason: "gift",
    });
    expect((await s.admin("POST", "/__emulator/reset")).status).toBe(200);
    expect(
      ((await (await s.api("GET", "/customers?external_id=temp")).json()) as { total_count: number }).total_count,
    ).toBe(0);
    expect(s.emulator.getAccount(DEMO_CUSTOMER_ID, "default:usd")?.available).toBe(14.566678);
  });

  it("moves the clock by advance_ms or to an absolute time; 422 for bad input", async () => {
    const a = await s.admin("POST", "/__emulator/clock", { advance_ms: 90_000 });
    expect(await a.json()).toEqual({ now: "2026-01-01T00:01:30.000Z" });
    const b = await s.admin("POST", "/__emulator/clock", { now: "2027-05-05T10:00:00Z" });
    expect(await b.json()).toEqual({ now: "2027-05-05T10:00:00.000Z" });
    expect(s.emulator.now().toISOString()).toBe("2027-05-05T10:00:00.000Z");
    expect((await s.admin("POST", "/__emulator/clock", { advance_ms: -1 })).status).toBe(422);
    expect((await s.admin("POST", "/__emulator/clock", { later: true })).status).toBe(422);
    expect((await s.admin("POST", "/__emulator/reset")).status).toBe(200);
    expect(s.emulator.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("exposes the state for debugging", async () => {
    const res = await s.admin("GET", "/__emulator/state");
    const state = (await res.json()) as { customers: { accounts: { available: string }[] }[] };
    expect(state.customers[0]?.accounts[0]?.available).toBe("14.566678");
  });
});
