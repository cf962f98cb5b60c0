// The usage routes end to end: proxy (Fetch handler) → a real emulator on a loopback port.
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/index";
import { expectError } from "./helpers";

const ORIGIN = "https://shop.example";
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});

function proxyFor(
  customer: string | null,
  extra: Parameters<typeof createCredytProxy>[0] extends infer O ? Partial<O> : never = {},
) {
  return createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    publicOrigin: ORIGIN,
    getCustomerId: () => customer,
    topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500 },
    ...extra,
  });
}
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/credyt${path}`, { headers });

async function usageEvent(customer: string, id: string, occurredAt: string, tokens?: number) {
  const response = await fetch(`${emulator.url}/events`, {
    method: "POST",
    headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({
      customer_id: customer,
      events: [
        tokens === undefined
          ? { id, event_type: "video_promoted", occurred_at: occurredAt, subject: "video_test" }
          : { id, event_type: "tokens_generated", occurred_at: occurredAt, data: { tokens } },
      ],
    }),
  });
  expect(response.status).toBe(201);
}

interface Page {
  items: { id: string; occurred_at: string; fees: { amount: number; asset: string }[]; data?: unknown }[];
  next_cursor: string | null;
}

describe("GET /usage", () => {
  it("pages the signed-in customer's history newest first with an opaque cursor, without repeats", async () => {
    const proxy = proxyFor(DEMO_CUSTOMER_ID);
    const first = await proxy(get("/usage?limit=10"));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const page1 = (await first.json()) as Page;
    expect(page1.items).toHaveLength(10);
    expect(page1.next_cursor).toMatch(/^v2\./);
    const times = page1.items.map((e) => Date.parse(e.occurred_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Only the protocol's fields leave the proxy (no `data`, no `customer_id`).
    expect(Object.keys(page1.items[0] ?? {}).sort()).toEqual(
      expect.arrayContaining(["event_type", "fees", "id", "occurred_at"]),
    );
    expect(page1.items[0]).not.toHaveProperty("customer_id");
    expect(page1.items[0]).not.toHaveProperty("data");

    // A new event arriving between pages does not shift page two.
    await usageEvent(DEMO_CUSTOMER_ID, crypto.randomUUID(), new Date().toISOString());
    const page2 = (await (await proxy(get(`/usage?limit=10&cursor=${page1.next_cursor}`))).json()) as Page;
    const ids = new Set(page1.items.map((e) => e.id));
    expect(page2.items).toHaveLength(10);
    for (const item of page2.items) expect(ids.has(item.id)).toBe(false);
    expect(Date.parse(page2.items[0]?.occurred_at ?? "")).toBeLessThanOrEqual(times[9] ?? 0);
  });

  it("reaches the end with next_cursor null", async () => {
    const proxy = proxyFor(SECOND_CUSTOMER_ID);
    await usageEvent(SECOND_CUSTOMER_ID, crypto.randomUUID(), new Date().toISOString());
    const page = (await (await proxy(get("/usage"))).json()) as Page;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.next_cursor).toBeNull();
  });

  it("keeps each customer to their own events (isolation)", async () => {
    const mine = crypto.randomUUID();
    await usageEvent(SECOND_CUSTOMER_ID, mine, new Date().toISOString());
    const demo = (await (await proxyFor(DEMO_CUSTOMER_ID)(get("/usage?limit=100"))).json()) as Page;
    expect(demo.items.map((e) => e.id)).not.toContain(mine);
    const second = (await (await proxyFor(SECOND_CUSTOMER_ID)(get("/usage?limit=100"))).json()) as Page;
    expect(second.items.map((e) => e.id)).toContain(mine);
  });

  it("forwards fee amounts digit for digit", async () => {
    const id = crypto.randomUUID();
    await usageEvent(SECOND_CUSTOMER_ID, id, new Date(Date.now() + 1000).toISOString(), 14.566678);
    const page = (await (await proxyFor(SECOND_CUSTOMER_ID)(get("/usage?limit=1"))).text()) as string;
    expect(page).toContain('"amount":14.566678');
  });

  it.each([
    ["/usage?limit=0", "limit"],
    ["/usage?limit=101", "limit"],
    ["/usage?limit=1e2", "limit"],
    ["/usage?limit=-1", "limit"],
    ["/usage?limit=10&limit=20", "limit"],
    ["/usage?cursor=garbage", "cursor"],
    ["/usage?cursor=v1.zzzzzzzzzzz.1", "cursor"],
    ["/usage?cursor=v1.abc.0", "cursor"],
    ["/usage?cursor=v1.abc.zzzzzzz", "cursor"],
    ["/usage?offset=10", "offset"],
    ["/usage?customer_id=cust_473cr1y0ghbyc3m1yfbwvn3nxx", "query.customer_id"],
    ["/usage?cursor=cust_473cr1y0ghbyc3m1yfbwvn3nxx", "query.cursor"],
    ["/usage/summary?tz=Mars/Olympus", "tz"],
    ["/usage/summary?tz=../../etc", "tz"],
    [`/usage/summary?tz=${"A".repeat(300)}`, "tz"],
    ["/usage/summary?period=year", "period"],
    ["/usage/summary?from=2020-01-01", "from"],
    ["/quote?asset=TOK&currency=USD", "amount"],
    ["/quote?asset=TOK&currency=USD&amount=abc", "amount"],
    ["/quote?asset=TOK&currency=USD&amount=1e3", "amount"],
    ["/quote?asset=TOK&currency=USD&amount=-5", "amount"],
    ["/quote?asset=TOK&currency=USD&amount=10.001", "amount"],
    ["/quote?asset=TOK&currency=USD&amount=501", "amount"],
    ["/quote?asset=TOK&currency=EUR&amount=10", "currency"],
    ["/quote?asset=GOLD&currency=USD&amount=10", "asset"],
    ["/quote?asset=TOK&currency=USD&amount=10&exchange_rate=1", "exchange_rate"],
  ])("422 for %s, naming %s", async (path, field) => {
    const error = await expectError(await proxyFor(DEMO_CUSTOMER_ID)(get(path)), 422, "invalid_request");
    expect(Object.keys(error.details ?? {})).toContain(field);
  });

  it("answers 401 when nobody is signed in, 405 for a POST, 403 for a foreign Origin", async () => {
    for (const path of ["/usage", "/usage/summary", "/quote?asset=TOK&currency=USD&amount=10"]) {
      await expectError(await proxyFor(null)(get(path)), 401, "unauthorized");
      const post = new Request(`${ORIGIN}/api/credyt${path}`, { method: "POST" });
      await expectError(await proxyFor(DEMO_CUSTOMER_ID)(post), 405, "method_not_allowed");
      await expectError(
        await proxyFor(DEMO_CUSTOMER_ID)(get(path, { Origin: "https://evil.example" })),
        403,
        "forbidden",
      );
    }
  });

  it("is rate-limited per customer like the other reads", async () => {
    const proxy = proxyFor(DEMO_CUSTOMER_ID, { getRateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await proxy(get("/usage?limit=1"))).status).toBe(200);
    expect((await proxy(get("/quote?asset=TOK&currency=USD&amount=10"))).status).toBe(200);
    const limited = await proxy(get("/usage/summary"));
    await expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

interface Summary {
  tz: string;
  from: string;
  totals: { asset: string; amount: number }[];
  days: { date: string; totals: { asset: string; amount: number }[] }[];
  event_count: number;
  complete: boolean;
}

describe("GET /usage/summary", () => {
  it("adds up this month per asset and per day, exactly, in the customer's time zone", async () => {
    const fresh = await startEmulator({ port: 0, seed: { ...(await seedWithout()) } });
    try {
      const proxy = createCredytProxy({
        apiKey: fresh.apiKey,
        apiUrl: fresh.url,
        publicOrigin: ORIGIN,
        getCustomerId: () => SECOND_CUSTOMER_ID,
      });
      const post = (id: string, tokens: number) =>
        fetch(`${fresh.url}/events`, {
          method: "POST",
          headers: { "X-CREDYT-API-KEY": fresh.apiKey, "Content-Type": "application/json" },
          body: JSON.stringify({
            customer_id: SECOND_CUSTOMER_ID,
            events: [
              { id, event_type: "tokens_generated", occurred_at: new Date().toISOString(), data: { tokens } },
              { id: crypto.randomUUID(), event_type: "video_promoted", occurred_at: new Date().toISOString() },
            ],
          }),
        });
      expect((await post(crypto.randomUUID(), 0.1)).status).toBe(201);
      expect((await post(crypto.randomUUID(), 0.2)).status).toBe(201);
      const response = await proxy(get("/usage/summary?period=month&tz=Asia/Tokyo"));
      expect(response.status).toBe(200);
      const text = await response.text();
      const summary = JSON.parse(text) as Summary;
      expect(summary.tz).toBe("Asia/Tokyo");
      // 0.1 + 0.2 is 0.3 here, never 0.30000000000000004; 2 × 0.5 USD is 1.
      expect(text).toContain('{"asset":"TOK","amount":0.3}');
      expect(summary.totals).toEqual([
        { asset: "TOK", amount: 0.3 },
        { asset: "USD", amount: 1 },
      ]);
      expect(summary.event_count).toBe(4);
      expect(summary.complete).toBe(true);
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
      expect(summary.days.at(-1)).toEqual({ date: today, totals: summary.totals });
      expect(summary.days[0]?.date).toBe(`${today.slice(0, 8)}01`);
      // The month starts at local midnight in Tokyo (UTC+9): 15:00 UTC the day before.
      expect(summary.from).toMatch(/T15:00:00\.000Z$/);
    } finally {
      await fresh.close();
    }
  });

  it("counts the seeded demo history of this month", async () => {
    const summary = (await (await proxyFor(DEMO_CUSTOMER_ID)(get("/usage/summary?tz=UTC"))).json()) as Summary;
    expect(summary.event_count).toBeGreaterThan(0);
    expect(summary.totals.length).toBeGreaterThan(0);
    expect(summary.days.length).toBe(new Date().getUTCDate());
  });
});

async function seedWithout() {
  const { DEFAULT_SEED } = await import("@credyt/emulator");
  return {
    ...DEFAULT_SEED,
    customers: DEFAULT_SEED.customers?.map((c) => ({ ...c, usage_history_days: 0 })),
  };
}

describe("GET /quote", () => {
  it("uses Credyt's quote when the app sets no exchange rate", async () => {
    const response = await proxyFor(DEMO_CUSTOMER_ID)(get("/quote?asset=TOK&currency=USD&amount=10"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      asset: "TOK",
      currency: "USD",
      amount: 10,
      units: 10_000_000,
      rate_source: "credyt",
    });
  });

  it("uses the app's unitsPerCurrency when configured, rounded down to the asset's precision", async () => {
    const proxy = proxyFor(DEMO_CUSTOMER_ID, {
      topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500, unitsPerCurrency: () => 1234.56789 },
    });
    const quote = (await (await proxy(get("/quote?asset=TOK&currency=USD&amount=10"))).json()) as {
      units: number;
      rate_source: string;
    };
    // 10 × 1234.56789 = 12345.6789 units per dollar, rounded down: TOK has precision 0.
    expect(quote).toMatchObject({ units: 12345, rate_source: "app" });
  });

  it("quotes exactly what a top-up with the app's rate then credits", async () => {
    const fresh = await startEmulator({ port: 0, admin: true });
    try {
      const proxy = createCredytProxy({
        apiKey: fresh.apiKey,
        apiUrl: fresh.url,
        publicOrigin: ORIGIN,
        getCustomerId: () => DEMO_CUSTOMER_ID,
        topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500, unitsPerCurrency: () => 1234.56789 },
      });
      const quote = (await (await proxy(get("/quote?asset=TOK&currency=USD&amount=19.99"))).json()) as {
        units: number;
      };
      const tok = async () => {
        const wallet = await fetch(`${fresh.url}/customers/${DEMO_CUSTOMER_ID}/wallet`, {
          headers: { "X-CREDYT-API-KEY": fresh.apiKey },
        });
        const body = (await wallet.json()) as { accounts: { asset: string; available: number }[] };
        return body.accounts.find((a) => a.asset === "TOK")?.available ?? 0;
      };
      const before = await tok();
      const created = await proxy(
        new Request(`${ORIGIN}/api/credyt/top-ups`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Idempotency-Key": `quote-${crypto.randomUUID()}` },
          body: JSON.stringify({ amount: 19.99, currency: "USD", asset: "TOK" }),
        }),
      );
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await fetch(`${fresh.url}/__emulator/top-ups/${id}/complete`, { method: "POST" })).status).toBe(200);
      // 19.99 × 1234.56789 = 24679.0121… → 24679 TOK, both in the quote and in the wallet.
      expect(quote.units).toBe(24679);
      expect((await tok()) - before).toBe(quote.units);
    } finally {
      await fresh.close();
    }
  });

  it("needs no conversion when the asset is the currency", async () => {
    const quote = await (await proxyFor(DEMO_CUSTOMER_ID)(get("/quote?currency=USD&amount=19.99"))).json();
    expect(quote).toEqual({ asset: "USD", currency: "USD", amount: 19.99, units: 19.99, rate_source: "none" });
  });
});

describe("hostile queries on the usage routes", () => {
  it("never answer 5xx or leak the key, whatever the query", async () => {
    const proxy = proxyFor(DEMO_CUSTOMER_ID);
    const nasty = [
      "%00",
      "%ff%fe",
      "'; DROP TABLE events;--",
      "<script>alert(1)</script>",
      "../../../../etc/passwd",
      "9".repeat(400),
      "-0",
      "1e308",
      "NaN",
      "Infinity",
      "v1.%2e%2e.1",
      "constructor",
      "__proto__",
      "\u0000",
      emulator.apiKey,
    ];
    for (const route of ["/usage", "/usage/summary", "/quote"]) {
      for (const name of ["limit", "cursor", "tz", "period", "asset", "currency", "amount", "__proto__"]) {
        for (const value of nasty) {
          const response = await proxy(get(`${route}?${name}=${encodeURIComponent(value)}`));
          const text = await response.text();
          expect(response.status, `${route}?${name}=${value}`).toBeLessThan(500);
          expect(text).not.toContain(emulator.apiKey);
          if (response.status >= 400) expect(Object.keys(JSON.parse(text))).toEqual(["error"]);
        }
      }
    }
  });
});
