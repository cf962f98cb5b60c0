import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  event_type: "tokens_generated",
  occurred_at: "2026-01-01T00:00:00.1234567Z",
  data: { tokens: 1234 },
  ...extra,
});

describe("assets", () => {
  it("lists the seeded TOK asset and gets by code in any case", async () => {
    const list = await (await s.api("GET", "/assets")).json();
    expect(list).toMatchObject({
      items: [{ code: "TOK", precision: 0, rates: [{ source: "USD", rate: 0.000001 }] }],
      total_count: 1,
    });
    expect((await s.api("GET", "/assets/tok")).status).toBe(200);
    expect((await s.api("GET", "/assets/NOPE")).status).toBe(404);
  });

  it("422 for a duplicate code, a fiat code and invalid fields", async () => {
    const base = { code: "IMG", name: "Images", precision: 0, rates: [{ source: "USD", rate: 0.1 }] };
    expect((await s.api("POST", "/assets", base)).status).toBe(201);
    const cases: [Record<string, unknown>, string][] = [
      [{ code: "img" }, "code"],
      [{ code: "USD" }, "code"],
      [{ code: "9x" }, "code"],
      [{ code: "A2", precision: -1 }, "precision"],
      [{ code: "A3", precision: 1.5 }, "precision"],
      [{ code: "A4", name: "" }, "name"],
      [{ code: "A5", rates: [{ source: "DOLLAR", rate: 1 }] }, "rates[0].source"],
      [{ code: "A6", rates: [{ source: "USD", rate: 0 }] }, "rates[0].rate"],
    ];
    for (const [body, field] of cases) {
      const res = await s.api("POST", "/assets", { ...base, ...body });
      expect(res.status, field).toBe(422);
      expect(((await res.json()) as { errors: object }).errors, field).toHaveProperty([field]);
    }
  });
});

describe("usage events", () => {
  it("debits the priced account by volume, idempotently per event id", async () => {
    const id = "33333333-3333-4333-8333-333333333333";
    const count = async () =>
      ((await (await s.api("GET", `/events?customer_id=${DEMO_CUSTOMER_ID}`)).json()) as { total_count: number })
        .total_count;
    const seeded = await count(); // the demo customer's seeded usage history
    const first = await s.api("POST", "/events", { customer_id: DEMO_CUSTOMER_ID, events: [event(id)] });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      items: [
        { id, fees: [{ amount: 1234, asset: "TOK", account_id: "default:TOK", product_code: "glitch_video_std" }] },
      ],
    });
    const replay = await s.api("POST", "/events", {
      customer_id: DEMO_CUSTOMER_ID,
      events: [event(id, { data: { tokens: 9 } })],
    });
    expect(replay.status).toBe(201);
    expect(s.emulator.getAccount(DEMO_CUSTOMER_ID, "default:TOK")?.available).toBe(993450234 - 1234);
    const got = await (await s.api("GET", `/events/${id}`)).json();
    expect(got).toMatchObject({ id, customer_id: DEMO_CUSTOMER_ID, data: { tokens: 1234 } });
    expect(await count()).toBe(seeded + 1);
    expect((await s.api("GET", "/events/44444444-4444-4444-8444-444444444444")).status).toBe(404);
  });

  it("can take a balance below zero (overdraft) and accepts unpriced events without billing", async () => {
    const events = Array.from({ length: 30 }, (_, i) => ({
      id: `55555555-5555-4555-8555-${String(i).padStart(12, "0")}`,
      event_type: "video_promoted",
      occurred_at: "2026-01-01T00:00:00Z",
    }));
    events.push({
      id: "66666666-6666-4666-8666-666666666666",
      event_type: "unpriced",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    const res = await s.api("POST", "/events", { customer_id: DEMO_CUSTOMER_ID, events });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { items: { fees: unknown[] }[] };
    expect(body.items.at(-1)?.fees).toEqual([]);
    expect(s.emulator.getAccount(DEMO_CUSTOMER_ID, "default:USD")?.available).toBe(-0.433322);
  });

  it("422 naming each invalid field; 404 for an unknown customer", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ events: [] }, "events"],
      [{ events: [event("nope")] }, "events[0].id"],
      [{ events: [event("77777777-7777-4777-8777-777777777777", { event_type: "" })] }, "events[0].event_type"],
      [
        { events: [event("77777777-7777-4777-8777-777777777777", { occurred_at: "yesterday" })] },
        "events[0].occurred_at",
      ],
      [{ customer_id: undefined, events: [event("77777777-7777-4777-8777-777777777777")] }, "customer_id"],
    ];
    for (const [body, field] of cases) {
      const res = await s.api("POST", "/events", { customer_id: DEMO_CUSTOMER_ID, ...body });
      expect(res.status, field).toBe(422);
      expect(((await res.json()) as { errors: object }).errors, field).toHaveProperty([field]);
    }
    const missing = await s.api("POST", "/events", {
      customer_id: "cust_nope",
      events: [event("77777777-7777-4777-8777-777777777777")],
    });
    expect(missing.status).toBe(404);
  });
});
