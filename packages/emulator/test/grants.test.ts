import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECOND_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start({ now: () => new Date("2026-01-01T00:00:00.000Z") });
});
afterEach(() => s.close());

const usd = () => s.emulator.getAccount(SECOND_CUSTOMER_ID, "default:USD")?.available;
const adjust = (n: number, amount: number, extra: Record<string, unknown> = {}) =>
  s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
    transaction_id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    asset: "USD",
    amount,
    reason: "gift",
    ...extra,
  });

describe("credit grants", () => {
  it("what is left of an expiring adjustment is removed when it expires; debits spend it first", async () => {
    expect((await adjust(1, 10, { expires_at: "2026-01-02T00:00:00Z" })).status).toBe(201);
    expect(usd()).toBe(60);
    expect((await adjust(2, -4, { reason: "external_refund" })).status).toBe(201);
    expect(usd()).toBe(56);
    await s.admin("POST", "/__emulator/clock", { now: "2026-01-02T00:00:00Z" });
    // 6 of the 10 were unspent and lapse; the seeded 50 never expires.
    expect((await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json()).available).toBe(
      50,
    );
  });

  it("a paid top-up's credit lapses at credit_expires_at, by default after a year", async () => {
    const create = async (extra: Record<string, unknown>) => {
      const res = await s.api("POST", "/top-ups", {
        customer_id: SECOND_CUSTOMER_ID,
        amount: 5,
        currency: "USD",
        return_url: RETURN_URL,
        failure_url: FAILURE_URL,
        ...extra,
      });
      const { id } = (await res.json()) as { id: string };
      await s.admin("POST", `/__emulator/top-ups/${id}/complete`);
    };
    await create({ credit_expires_at: "2026-03-01T00:00:00+01:00" });
    await create({});
    expect(usd()).toBe(60);
    await s.admin("POST", "/__emulator/clock", { now: "2026-03-01T00:00:00Z" });
    await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`);
    expect(usd()).toBe(55);
    await s.admin("POST", "/__emulator/clock", { now: "2027-01-01T00:00:00Z" });
    await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet`);
    expect(usd()).toBe(50);
  });

  it("an invalid expires_at is a 422", async () => {
    const res = await adjust(3, 1, { expires_at: "2026-13-01T00:00:00Z" });
    expect(res.status).toBe(422);
  });
});
