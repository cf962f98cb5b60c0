// Issue 21: the proxy against every reading of what Credyt does not document (credyt-api.md section 12).
// Each row is one emulator playing a pairwise combination of readings; every route must give the exact
// answer or the documented error. One emulator per row, in process; the top-up row also over real HTTP.
import { startEmulator } from "@credyt/emulator/node";
import { describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/index";
import { expectError } from "./helpers";
import {
  ALICE,
  emulatorWith,
  fault,
  ORIGIN,
  oneAtATime,
  type PlannedEvent,
  pairwiseReadings,
  plannedEvents,
  postEvents,
  proxyOn,
  type Readings,
  TOK_RATE,
  UNKNOWN,
} from "./readings-matrix";

const get = (path: string) => new Request(`${ORIGIN}/api/credyt${path}`);
const post = (path: string, body: object, key?: string) =>
  new Request(`${ORIGIN}/api/credyt${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { "Idempotency-Key": key } : {}) },
    body: JSON.stringify(body),
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface WireEvent {
  id: string;
  occurred_at: string;
  fees: { amount: number; asset: string; product_code?: string }[];
}

/** The planned events newest first, as the proxy must list them whatever order Credyt lists in. */
const newestFirst = (events: PlannedEvent[]) =>
  [...events].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at) || (a.id < b.id ? 1 : -1));

/** Exact sums with integers of millionths (every planned amount has at most 2 decimals). */
function monthTotals(events: PlannedEvent[]): { asset: string; amount: number }[] {
  const sums = new Map<string, number>();
  for (const e of events.filter((x) => x.inMonth))
    sums.set(e.fee.asset, (sums.get(e.fee.asset) ?? 0) + Math.round(e.fee.amount * 1_000_000));
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([asset, micros]) => ({ asset, amount: micros / 1_000_000 }));
}

const rows = [...pairwiseReadings(), ...oneAtATime()];
const label = (r: Readings) =>
  Object.entries(r)
    .filter(([k, v]) => (pairwiseReadings()[0] as Record<string, unknown>)[k] !== v)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ") || "defaults";

describe.each(rows.map((r) => [label(r), r] as const))("readings: %s", (_name, readings) => {
  it("usage, summary, quote, top-up, portal and errors give the exact answer or the documented error", async () => {
    const emulator = emulatorWith(readings);
    const events = plannedEvents();
    await postEvents(emulator, events);
    const proxy = proxyOn(emulator);
    const feesUnnamed = readings.feeFields === "amount-and-version";

    // /usage: every event of alice once, newest first, with its fees; or the explained error.
    if (feesUnnamed) {
      const error = await expectError(await proxy(get("/usage?limit=5")), 502, "upstream_error");
      expect(error.message).toMatch(/without its asset/);
    } else {
      const seen: WireEvent[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const response = await proxy(get(`/usage?limit=5${cursor ? `&cursor=${cursor}` : ""}`));
        expect(response.status).toBe(200);
        const body = (await response.json()) as { items: WireEvent[]; next_cursor: string | null };
        seen.push(...body.items);
        cursor = body.next_cursor;
        if (!cursor) break;
      }
      const expected = newestFirst(events);
      expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      for (const [i, e] of seen.entries()) {
        const want = expected[i] as PlannedEvent;
        expect(Date.parse(e.occurred_at)).toBe(Date.parse(want.occurred_at));
        expect(e.fees.map((f) => ({ asset: f.asset, amount: f.amount }))).toEqual([want.fee]);
        if (readings.feeFields === "full") expect(e.fees[0]?.product_code).toBe("studio");
      }
    }

    // /usage/summary: only this month, exact; or complete:false with a correct lower bound.
    const summary = (await (await proxy(get("/usage/summary?tz=UTC"))).json()) as {
      totals: { asset: string; amount: number }[];
      event_count: number;
      complete: boolean;
    };
    expect(summary.event_count).toBe(events.filter((e) => e.inMonth).length);
    if (feesUnnamed) {
      expect(summary.complete).toBe(false);
      expect(summary.totals).toEqual([]);
    } else {
      expect(summary.complete).toBe(true);
      expect(summary.totals).toEqual(monthTotals(events));
    }

    // /quote from the asset's documented rate (currency per unit): 10 / 0.03 = 333.33…, rounded down.
    const quote = (await (await proxy(get("/quote?asset=TOK&currency=USD&amount=10"))).json()) as {
      units: number;
      rate_source: string;
    };
    expect(quote).toMatchObject({ units: Math.floor(10 / TOK_RATE), rate_source: "credyt" });

    // A top-up without an override sends none: Credyt's rate credits what the quote said.
    const plain = await proxy(post("/top-ups", { amount: 10, currency: "USD", asset: "TOK" }, "matrix-plain-0001"));
    expect(plain.status).toBe(201);
    const plainTopUp = emulator.getTopUp(((await plain.json()) as { id: string }).id);
    expect(plainTopUp?.destination.exchange_rate).toBeUndefined();
    expect(plainTopUp?.units).toBe(quote.units);

    // An override named in the direction this Credyt reads: quote and credit agree (250 TOK per USD).
    const override =
      readings.overrideDirection === "units-per-currency"
        ? { unitsPerCurrency: () => 250 }
        : { currencyPerUnit: () => 0.004 };
    const withRate = proxyOn(emulator, {
      topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500, ...override },
    });
    const appQuote = (await (await withRate(get("/quote?asset=TOK&currency=USD&amount=10"))).json()) as {
      units: number;
      rate_source: string;
    };
    expect(appQuote).toEqual(expect.objectContaining({ units: 2500, rate_source: "app" }));
    const rated = await withRate(post("/top-ups", { amount: 10, currency: "USD", asset: "TOK" }, "matrix-rate-0001"));
    expect(emulator.getTopUp(((await rated.json()) as { id: string }).id)?.units).toBe(2500);

    // The portal, and an upstream error (unknown customer) in this reading's error content type.
    const portal = await proxy(post("/billing-portal/sessions", {}));
    expect(portal.status).toBe(201);
    expect(((await portal.json()) as { redirect_url: string }).redirect_url).toMatch(/\/api\/sign-in\?token=/);
    const stranger = proxyOn(emulator, { getCustomerId: () => UNKNOWN });
    await expectError(await stranger(get("/wallet")), 404, "not_found");
  });

  it("a top-up whose POST timed out and was created late, retried with the same key, exists exactly once", async () => {
    const emulator = emulatorWith(readings);
    const proxy = proxyOn(emulator, { timeoutMs: 100 });
    const ofAlice = () => emulator.listTopUps().filter((t) => t.customer_id === ALICE);
    // Another customer's top-up, so a list that ignores customer_id shows something foreign.
    const bob = proxyOn(emulator, { getCustomerId: () => "cust_4b0b0000000000000000000000" });
    expect((await bob(post("/top-ups", { amount: 5, currency: "USD" }, "matrix-bob-00001"))).status).toBe(201);

    await fault(emulator, { method: "POST", path: "/top-ups", latency_ms: 250, count: 1 });
    const key = "matrix-late-00001";
    await expectError(await proxy(post("/top-ups", { amount: 25, currency: "USD" }, key)), 504, "upstream_timeout");
    const findable = ["served", "newest-first", "ignores-customer"].includes(readings.topUpList);
    // Before Credyt has created it (unless the machine is very slow): whatever the list says, no second POST.
    const early = await proxy(post("/top-ups", { amount: 25, currency: "USD" }, key));
    if (early.status !== 201 || !findable) {
      const error = await expectError(early, 504, "upstream_timeout");
      expect(error.details).toEqual({ idempotency_key: ["outcome_unknown"] });
    }
    // Credyt creates it about 250 ms after the POST; wait for that, whatever the machine's load.
    for (let waited = 0; ofAlice().length === 0 && waited < 5_000; waited += 50) await sleep(50);
    expect(ofAlice()).toHaveLength(1);
    // A look-up slowed past the timeout is "unknown" too (retry later): a recognisable list finds it in the end.
    let late = await proxy(post("/top-ups", { amount: 25, currency: "USD" }, key));
    for (let i = 0; i < 5 && findable && late.status !== 201; i++) {
      await sleep(100);
      late = await proxy(post("/top-ups", { amount: 25, currency: "USD" }, key));
    }
    if (findable) {
      expect(late.status).toBe(201);
      expect(((await late.json()) as { id: string }).id).toBe(ofAlice()[0]?.id);
    } else {
      const error = await expectError(late, 504, "upstream_timeout");
      expect(error.details).toEqual({ idempotency_key: ["outcome_unknown"] });
    }
    expect((await proxy(post("/top-ups", { amount: 25, currency: "USD" }, key))).status).toBe(findable ? 201 : 504);
    expect(ofAlice()).toHaveLength(1);
  });
});

describe("over real HTTP", () => {
  it("the same answers through a real socket, in a reading far from the defaults", async () => {
    const running = await startEmulator({
      port: 0,
      readings: {
        eventsOrder: "creation",
        eventTimeFilters: "ignored",
        eventsTotalCount: "absent",
        listFees: "absent",
        feeFields: "asset-renamed",
        topUpList: "405",
        quoteAnswer: "absent",
        overrideDirection: "currency-per-unit",
        errorContentType: "json",
        timestampDigits: 0,
      },
    });
    try {
      const proxy = createCredytProxy({
        apiKey: running.apiKey,
        apiUrl: running.url,
        publicOrigin: ORIGIN,
        getCustomerId: () => "cust_4yd8340ff7fvwe1emfpe87d4w6",
        topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500 },
      });
      const summary = (await (await proxy(get("/usage/summary?tz=UTC"))).json()) as { complete: boolean };
      expect(summary.complete).toBe(true);
      const quote = (await (await proxy(get("/quote?asset=TOK&currency=USD&amount=10"))).json()) as { units: number };
      expect(quote.units).toBe(10_000_000);
      const usage = (await (await proxy(get("/usage?limit=100"))).json()) as { items: WireEvent[] };
      const times = usage.items.map((e) => Date.parse(e.occurred_at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(usage.items.every((e) => e.fees.every((f) => f.asset === "USD" || f.asset === "TOK"))).toBe(true);
    } finally {
      await running.close();
    }
  });
});
