import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

const account = async (id = "default:USD", customer = SECOND_CUSTOMER_ID) =>
  (await (await s.api("GET", `/customers/${customer}/wallet/${id}`)).json()) as Record<string, number>;
const adjust = (body: Record<string, unknown>, customer = SECOND_CUSTOMER_ID) =>
  s.api("POST", `/customers/${customer}/wallet/adjustments`, { reason: "gift", asset: "USD", ...body });
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("wallet reads", () => {
  it("matches account ids case-insensitively, with the colon encoded or not", async () => {
    for (const id of ["default:USD", "default:usd", "DEFAULT%3AUSD", "default%3ausd"]) {
      const res = await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet/${id}`);
      expect(res.status, id).toBe(200);
      expect(await res.json()).toEqual({
        id: "default:USD",
        name: "default",
        asset: "USD",
        available: 14.566678,
        pending_in: 0,
        pending_out: 0,
      });
    }
  });

  it("404 for an unknown account or customer", async () => {
    expect((await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet/default:EUR`)).status).toBe(404);
    expect((await s.api("GET", "/customers/cust_nope/wallet")).status).toBe(404);
    expect((await s.api("GET", "/customers/cust_nope/wallet/default:USD")).status).toBe(404);
  });
});

describe("adjustments", () => {
  it("credits, then a negative amount debits into overdraft", async () => {
    expect((await adjust({ transaction_id: uuid(1), amount: 0.1 })).status).toBe(201);
    expect((await adjust({ transaction_id: uuid(2), amount: 0.2 })).status).toBe(201);
    expect((await account()).available).toBe(50.3);
    expect((await adjust({ transaction_id: uuid(3), amount: -80.3, reason: "external_refund" })).status).toBe(201);
    expect((await account()).available).toBe(-30);
  });

  it("a replayed transaction_id returns the first result and never applies twice", async () => {
    const first = await adjust({ transaction_id: uuid(9), amount: 5 });
    const firstBody = await first.json();
    const replay = await adjust({ transaction_id: uuid(9).toUpperCase(), amount: 5 });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(firstBody);
    expect((await account()).available).toBe(55);
  });

  it("the same transaction_id on another customer is a separate adjustment", async () => {
    await adjust({ transaction_id: uuid(7), amount: 1 });
    await adjust({ transaction_id: uuid(7), amount: 1 }, DEMO_CUSTOMER_ID);
    expect((await account()).available).toBe(51);
    expect((await account("default:USD", DEMO_CUSTOMER_ID)).available).toBe(15.566678);
  });

  it("accepts each documented reason and creates the account on first credit", async () => {
    let n = 20;
    for (const reason of ["external_topup", "external_refund", "gift"]) {
      expect((await adjust({ transaction_id: uuid(n++), amount: 1, reason })).status, reason).toBe(201);
    }
    expect((await adjust({ transaction_id: uuid(n++), amount: 7, asset: "eur", account_name: "promo" })).status).toBe(
      201,
    );
    expect(await account("promo:EUR")).toMatchObject({ id: "promo:EUR", name: "promo", asset: "EUR", available: 7 });
  });

  it("422 naming each invalid field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ transaction_id: "not-a-uuid", amount: 1 }, "transaction_id"],
      [{ amount: 1 }, "transaction_id"],
      [{ transaction_id: uuid(30) }, "amount"],
      [{ transaction_id: uuid(31), amount: "1" }, "amount"],
      [{ transaction_id: uuid(32), amount: 0 }, "amount"],
      [{ transaction_id: uuid(33), amount: 1, reason: "bonus" }, "reason"],
      [{ transaction_id: uuid(34), amount: 1, asset: "NOPE" }, "asset"],
      [{ transaction_id: uuid(35), amount: 1, expires_at: "tomorrow" }, "expires_at"],
      [{ transaction_id: uuid(36), amount: 1, metadata: { a: 1 } }, "metadata.a"],
    ];
    for (const [body, field] of cases) {
      const res = await adjust(body);
      expect(res.status, field).toBe(422);
      expect(((await res.json()) as { errors: object }).errors, field).toHaveProperty([field]);
    }
    expect((await account()).available).toBe(50);
  });

  it("404 for an unknown customer", async () => {
    expect((await adjust({ transaction_id: uuid(40), amount: 1 }, "cust_nope")).status).toBe(404);
  });
});

describe("concurrency", () => {
  it("200 concurrent credits and debits on one account land exactly", async () => {
    const requests = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? adjust({ transaction_id: uuid(1000 + i), amount: 1.01 })
        : s.api("POST", "/events", {
            customer_id: SECOND_CUSTOMER_ID,
            events: [{ id: uuid(5000 + i), event_type: "video_promoted", occurred_at: "2026-01-01T00:00:00Z" }],
          }),
    );
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((code) => code === 201)).toBe(true);
    // 50 + 100 × 1.01 − 100 × 0.5 = 101
    expect((await account()).available).toBe(101);
  });
});
