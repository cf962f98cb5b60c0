import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmulator, DEMO_CUSTOMER_ID, EmulatorSeedError, SECOND_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

const NOW = "2026-11-30T12:00:00.000Z";
const DAY = 24 * 3600_000;

interface WireEvent {
  id: string;
  customer_id: string;
  event_type: string;
  occurred_at: string;
  subject?: string;
  data?: Record<string, number>;
  fees: { amount: number; asset: string; product_version: number; product_code: string }[];
}
interface Page {
  items: WireEvent[];
  total_count: number;
  limit: number;
  offset: number;
}

let s: TestServer;
beforeEach(async () => {
  s = await start({ now: () => new Date(NOW) });
});
afterEach(() => s.close());

const list = async (query: string) => {
  const res = await s.api("GET", `/events?${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json()) as Page;
};
const post = (customer: string, id: string, occurredAt: string, tokens = 100) =>
  s.api("POST", "/events", {
    customer_id: customer,
    events: [{ id, event_type: "tokens_generated", occurred_at: occurredAt, data: { tokens } }],
  });
const ms = (iso: string) => Date.parse(iso.replace(/(\.\d{3})\d+/, "$1"));

describe("seeded usage history of the demo customer", () => {
  it("holds a few weeks of priced events before now, with fees, and leaves the seeded balances alone", async () => {
    const all = await list(`customer_id=${DEMO_CUSTOMER_ID}&limit=100`);
    expect(all.total_count).toBeGreaterThan(60);
    const everything: WireEvent[] = [];
    for (let offset = 0; offset < all.total_count; offset += 100) {
      everything.push(...(await list(`customer_id=${DEMO_CUSTOMER_ID}&limit=100&offset=${offset}`)).items);
    }
    expect(everything).toHaveLength(all.total_count);
    const times = everything.map((e) => ms(e.occurred_at));
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first
    expect(Math.max(...times)).toBeLessThan(Date.parse(NOW));
    expect(Date.parse(NOW) - Math.min(...times)).toBeGreaterThan(21 * DAY);
    expect(new Set(everything.map((e) => e.occurred_at.slice(0, 10))).size).toBeGreaterThanOrEqual(21);
    expect(new Set(everything.map((e) => e.event_type))).toEqual(new Set(["video_promoted", "tokens_generated"]));
    for (const e of everything) {
      expect(e.fees).toHaveLength(1);
      const fee = e.fees[0];
      expect(fee).toMatchObject({ product_code: "glitch_video_std", product_version: 1 });
      if (e.event_type === "tokens_generated") expect(fee).toMatchObject({ asset: "TOK", amount: e.data?.tokens });
      else expect(fee).toMatchObject({ asset: "USD", amount: 0.5 });
    }
    const wallet = (await (await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet`)).json()) as {
      accounts: { asset: string; available: number }[];
    };
    expect(wallet.accounts.map((a) => [a.asset, a.available])).toEqual([
      ["USD", 14.566678],
      ["TOK", 993450234],
    ]);
    // The second customer, and the empty seed, have none.
    expect((await list(`customer_id=${SECOND_CUSTOMER_ID}`)).total_count).toBe(0);
    const empty = createEmulator({ seed: "empty" });
    const res = await empty.fetch(
      new Request("http://emulator.test/events", { headers: { "x-credyt-api-key": empty.apiKey } }),
    );
    expect(((await res.json()) as Page).total_count).toBe(0);
  });

  it("is deterministic for a given clock, and follows the clock it starts at", async () => {
    const read = async (now: string) => {
      const e = createEmulator({ now: () => new Date(now) });
      const res = await e.fetch(
        new Request(`http://emulator.test/events?customer_id=${DEMO_CUSTOMER_ID}&limit=100`, {
          headers: { "x-credyt-api-key": e.apiKey },
        }),
      );
      return (await res.json()) as Page;
    };
    const a = await read(NOW);
    expect(await read(NOW)).toEqual(a);
    const later = await read("2027-03-01T08:00:00.000Z");
    expect(later.items.map((e) => e.id)).toEqual(a.items.map((e) => e.id));
    expect(ms(later.items[0]?.occurred_at ?? "") - ms(a.items[0]?.occurred_at ?? "")).toBe(
      Date.parse("2027-03-01T08:00:00.000Z") - Date.parse(NOW),
    );
  });

  it("a seed can ask for history (usage_history_days); a bad value names the field", () => {
    const seed = (days: unknown) => ({
      products: [{ code: "p", prices: [{ event_type: "call", asset: "USD", unit_price: 0.01 }] }],
      customers: [{ name: "C", products: ["p"], usage_history_days: days, accounts: [{ asset: "USD", available: 3 }] }],
    });
    const e = createEmulator({ seed: seed(7) as never });
    expect(e.snapshot().store).toMatchObject({
      events: expect.arrayContaining([expect.objectContaining({ event_type: "call" })]),
    });
    expect(() => createEmulator({ seed: seed(-1) as never })).toThrow(EmulatorSeedError);
    expect(() => createEmulator({ seed: seed("many") as never })).toThrow(/customers\[0\]\.usage_history_days/);
  });
});

describe("GET /events", () => {
  it("pages newest first in the {items,total_count,limit,offset} envelope; offset and limit are exact", async () => {
    const total = (await list(`customer_id=${DEMO_CUSTOMER_ID}`)).total_count;
    const first = await list(`customer_id=${DEMO_CUSTOMER_ID}`);
    expect(first).toMatchObject({ total_count: total, limit: 20, offset: 0 });
    expect(first.items).toHaveLength(20);
    const second = await list(`customer_id=${DEMO_CUSTOMER_ID}&offset=15&limit=10`);
    expect(second).toMatchObject({ total_count: total, limit: 10, offset: 15 });
    expect(second.items.slice(0, 5)).toEqual(first.items.slice(15, 20));
    const tail = await list(`customer_id=${DEMO_CUSTOMER_ID}&offset=${total - 3}&limit=10`);
    expect(tail.items).toHaveLength(3);
    expect((await list(`customer_id=${DEMO_CUSTOMER_ID}&offset=${total}`)).items).toEqual([]);
  });

  it("a new event is listed at once, in time order, and only under its own customer", async () => {
    const id = "5a1e0000-0000-4000-8000-000000000001";
    expect((await post(SECOND_CUSTOMER_ID, id, "2026-11-30T11:59:00Z", 42)).status).toBe(201);
    const own = await list(`customer_id=${SECOND_CUSTOMER_ID}`);
    expect(own.total_count).toBe(1);
    expect(own.items[0]).toMatchObject({
      id,
      customer_id: SECOND_CUSTOMER_ID,
      fees: [{ amount: 42, asset: "TOK", product_version: 1 }],
    });
    const demoBefore = (await list(`customer_id=${DEMO_CUSTOMER_ID}`)).total_count;
    expect((await list(`customer_id=${DEMO_CUSTOMER_ID}`)).items.some((e) => e.id === id)).toBe(false);
    // An older event, sent later, sorts into its place rather than to the top.
    const old = "5a1e0000-0000-4000-8000-000000000002";
    const latest = "5a1e0000-0000-4000-8000-000000000003";
    await post(DEMO_CUSTOMER_ID, latest, "2026-11-30T11:59:30Z");
    await post(DEMO_CUSTOMER_ID, old, "2026-11-10T00:00:00Z");
    const page = await list(`customer_id=${DEMO_CUSTOMER_ID}&limit=100&offset=0`);
    expect(page.total_count).toBe(demoBefore + 2);
    expect(page.items[0]?.id).toBe(latest);
    const all = await list("limit=100");
    expect(all.total_count).toBe(demoBefore + 3);
    expect(all.items.slice(0, 2).map((e) => e.id)).toEqual([latest, id]);
  });

  it("from (inclusive) and to (exclusive) select by occurred_at, with paging inside the range", async () => {
    const ids = [0, 1, 2, 3].map((i) => `5a1e0000-0000-4000-8000-00000000000${i}`);
    const at = ["2026-11-30T11:50:00Z", "2026-11-30T11:51:00Z", "2026-11-30T11:52:00Z", "2026-11-30T11:53:00Z"];
    for (const [i, id] of ids.entries()) await post(SECOND_CUSTOMER_ID, id, at[i] as string);
    const range = await list(`customer_id=${SECOND_CUSTOMER_ID}&from=${at[1]}&to=${at[3]}`);
    expect(range.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(range.total_count).toBe(2);
    expect((await list(`customer_id=${SECOND_CUSTOMER_ID}&from=${at[1]}`)).total_count).toBe(3);
    expect((await list(`customer_id=${SECOND_CUSTOMER_ID}&to=${at[1]}`)).items.map((e) => e.id)).toEqual([ids[0]]);
    const paged = await list(`customer_id=${SECOND_CUSTOMER_ID}&from=${at[0]}&limit=1&offset=1`);
    expect(paged).toMatchObject({ total_count: 4, limit: 1, offset: 1, items: [{ id: ids[2] }] });
    // Other zones and fractional seconds mean the same instants.
    const zoned = await list(
      `customer_id=${SECOND_CUSTOMER_ID}&from=${encodeURIComponent("2026-11-30T12:51:00.0000000+01:00")}&to=${encodeURIComponent("2026-11-30T11:52:00.001Z")}`,
    );
    expect(zoned.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect((await list(`from=${at[1]}&to=${at[1]}`)).total_count).toBe(0);
    // The demo history is selected by the same rules: the last 7 days hold some, not all.
    const week = await list(
      `customer_id=${DEMO_CUSTOMER_ID}&from=${new Date(Date.parse(NOW) - 7 * DAY).toISOString()}`,
    );
    const everything = await list(`customer_id=${DEMO_CUSTOMER_ID}`);
    expect(week.total_count).toBeGreaterThan(0);
    expect(week.total_count).toBeLessThan(everything.total_count);
  });

  it("refuses bad filters with 422 naming each field, and an unknown customer with 404", async () => {
    const errors = async (query: string) => {
      const res = await s.api("GET", `/events?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      return Object.keys(((await res.json()) as { errors: Record<string, string[]> }).errors).sort();
    };
    expect(await errors("from=yesterday")).toEqual(["from"]);
    expect(await errors("to=2026-13-01T00:00:00Z")).toEqual(["to"]);
    expect(await errors("from=2026-11-30T00:00:00")).toEqual(["from"]); // no zone
    expect(await errors("from=2026-11-30T00:00:01Z&to=2026-11-30T00:00:00Z")).toEqual(["to"]);
    expect(await errors("limit=0&offset=-1&from=x")).toEqual(["from", "limit", "offset"]);
    expect(await errors("limit=101")).toEqual(["limit"]);
    expect(await errors("limit=1e1")).toEqual(["limit"]);
    const missing = await s.api("GET", "/events?customer_id=cust_nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, detail: "Customer 'cust_nope' was not found." });
  });
});

describe("POST /assets/{code}/quote", () => {
  const quote = (code: string, body: unknown) => s.api("POST", `/assets/${code}/quote`, body);

  it("prices a custom asset in a fiat source exactly, as a top-up of that amount would credit", async () => {
    const res = await quote("tok", { source: "usd", amount: 10 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ asset: "TOK", source: "USD", amount: 10, rate: 0.000001, units: 10000000 });
    expect(await (await quote("TOK", { source: "USD", amount: 0.000003 })).json()).toMatchObject({ units: 3 });
    await s.api("POST", "/assets", {
      code: "MIN",
      name: "Minutes",
      precision: 2,
      rates: [{ source: "USD", rate: 0.07 }],
    });
    // 1 / 0.07 = 14.285714…: rounded down to the asset's 2 places, never up, never a float artefact.
    expect(await (await quote("MIN", { source: "USD", amount: 1 })).json()).toMatchObject({ units: 14.28, rate: 0.07 });
    expect(await (await quote("MIN", { source: "USD", amount: 0.1 })).json()).toMatchObject({ units: 1.42 });
    for (const amount of [1, 0.1, 14.566678, 993.45]) {
      const q = (await (await quote("MIN", { source: "USD", amount })).json()) as { units: number };
      const t = (await (
        await s.api("POST", "/top-ups", {
          customer_id: DEMO_CUSTOMER_ID,
          amount,
          currency: "USD",
          destination: { asset: "MIN" },
          return_url: "https://app.example/ok",
          failure_url: "https://app.example/failed",
        })
      ).json()) as { id: string };
      expect(s.emulator.getTopUp(t.id)?.units, String(amount)).toBe(q.units);
    }
  });

  it("refuses bad input: 404 unknown asset, 422 per field, 400/415 for bodies", async () => {
    expect((await quote("NOPE", { source: "USD", amount: 1 })).status).toBe(404);
    expect((await quote("USD", { source: "USD", amount: 1 })).status).toBe(404); // fiat is not a custom asset
    const fields = async (body: unknown) => {
      const res = await quote("TOK", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      return Object.keys(((await res.json()) as { errors: Record<string, string[]> }).errors).sort();
    };
    expect(await fields({ source: "EUR", amount: 1 })).toEqual(["source"]); // no EUR rate
    expect(await fields({ source: "XYZ", amount: 1 })).toEqual(["source"]); // not ISO 4217
    expect(await fields({ source: "dollars", amount: 1 })).toEqual(["source"]);
    expect(await fields({ source: "USD", amount: 0 })).toEqual(["amount"]);
    expect(await fields({ source: "USD", amount: -5 })).toEqual(["amount"]);
    expect(await fields({ source: "USD", amount: "10" })).toEqual(["amount"]);
    expect(await fields({ source: "USD", amount: 1e-13 })).toEqual(["amount"]);
    expect(await fields({ source: "USD", amount: 1e9 })).toEqual(["amount"]); // more units than the cap
    expect(await fields({})).toEqual(["amount", "source"]);
    expect((await quote("TOK", "{not json")).status).toBe(400);
    const text = await fetch(`${s.url}/assets/TOK/quote`, {
      method: "POST",
      headers: { "x-credyt-api-key": s.apiKey, "content-type": "text/plain" },
      body: "source=USD",
    });
    expect(text.status).toBe(415);
    expect((await s.api("GET", "/assets/TOK/quote")).status).toBe(405);
  });
});
