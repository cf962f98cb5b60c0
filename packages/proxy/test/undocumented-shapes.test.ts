// Issue 21: shapes no emulator reading plays, against a fake Credyt: the quote route's answer only when
// recognisable, a fee's asset only from what Credyt names, a list item without fees read one by one.
import { describe, expect, it } from "vitest";
import { CUSTOMER } from "./fake-upstream";
import { expectError, get, setup } from "./helpers";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const topUps = { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500 };
const noUsdRate = { code: "TOK", precision: 2, rates: [{ source: "EUR", rate: 0.5 }] };

describe("quote when the asset has no rate for the currency", () => {
  it("uses the quote route's units, rounded down to the asset's precision", async () => {
    const { proxy } = setup({ topUps }, (call) =>
      call.path === "/assets/TOK"
        ? json(200, noUsdRate)
        : call.path === "/assets/TOK/quote"
          ? json(200, { asset: "TOK", source: "USD", units: 12.345 })
          : undefined,
    );
    const quote = await (await proxy(get("/quote?asset=TOK&currency=USD&amount=10"))).json();
    expect(quote).toMatchObject({ units: 12.34, rate_source: "credyt" });
  });

  it.each([
    ["other field names", json(200, { quantity: 12 })],
    ["a quote of another asset", json(200, { asset: "GEM", units: 12 })],
    ["no such route", json(404, { title: "Not Found", status: 404 })],
  ])("answers 502 for %s, never a guess", async (_name, answer) => {
    const { proxy } = setup({ topUps }, (call) =>
      call.path === "/assets/TOK" ? json(200, noUsdRate) : call.path === "/assets/TOK/quote" ? answer : undefined,
    );
    const error = await expectError(await proxy(get("/quote?asset=TOK&currency=USD&amount=10")), 502, "upstream_error");
    expect(error.message).toMatch(/cannot be quoted/);
  });

  it("divides by a currencyPerUnit override exactly (10 ÷ 0.3 = 33.33, rounded down)", async () => {
    const { proxy } = setup({ topUps: { ...topUps, currencyPerUnit: () => 0.3 } }, (call) =>
      call.path === "/assets/TOK" ? json(200, noUsdRate) : undefined,
    );
    expect(await (await proxy(get("/quote?asset=TOK&currency=USD&amount=10"))).json()).toMatchObject({
      units: 33.33,
      rate_source: "app",
    });
  });

  it("refuses the old exchangeRate option with the fix", () => {
    expect(() => setup({ topUps: { ...topUps, exchangeRate: () => 1 } as never })).toThrow(/unitsPerCurrency/);
    expect(() => setup({ topUps: { ...topUps, unitsPerCurrency: () => 1, currencyPerUnit: () => 1 } })).toThrow(
      /not both/,
    );
  });
});

describe("usage fees Credyt names differently", () => {
  const event = (id: string, at: string, fees?: unknown) => ({
    id,
    event_type: "api_call",
    occurred_at: at,
    ...(fees === undefined ? {} : { fees }),
  });

  it("takes the asset from account_id, reads missing fees from GET /events/{id} once, orders by occurred_at", async () => {
    const now = new Date();
    const a = new Date(now.getTime() - 2000).toISOString();
    const b = new Date(now.getTime() - 1000).toISOString();
    let details = 0;
    const { proxy } = setup({}, (call) => {
      if (call.path === "/events")
        return json(200, {
          items: [event("e-old", a, [{ amount: 0.5, account_id: "default:usd" }]), event("e-new", b)],
        });
      if (call.path === "/events/e-new") {
        details++;
        return json(200, {
          ...event("e-new", b, [{ amount: 7, currency: "TOK", product_version: 1 }]),
          customer_id: CUSTOMER,
        });
      }
      return undefined;
    });
    for (let i = 0; i < 2; i++) {
      const page = (await (await proxy(get("/usage"))).json()) as { items: { id: string; fees: unknown[] }[] };
      expect(page.items.map((e) => e.id)).toEqual(["e-new", "e-old"]);
      expect(page.items.map((e) => e.fees)).toEqual([[{ amount: 7, asset: "TOK" }], [{ amount: 0.5, asset: "USD" }]]);
    }
    expect(details).toBe(1);
  });

  it("an empty fees list is no fee, not unknown", async () => {
    const at = new Date(Date.now() - 1000).toISOString();
    const { proxy } = setup({}, (call) =>
      call.path === "/events" ? json(200, { items: [event("e-free", at, [])] }) : undefined,
    );
    const summary = (await (await proxy(get("/usage/summary"))).json()) as { complete: boolean; event_count: number };
    expect(summary).toMatchObject({ complete: true, event_count: 1 });
  });
});

it("later pages of one paging reuse the first page's read of the history; the first page always reads afresh", async () => {
  const base = Date.now() - 60_000;
  const items = Array.from({ length: 5 }, (_, i) => ({
    id: `e-${i}`,
    event_type: "api_call",
    occurred_at: new Date(base + i * 1000).toISOString(),
    fees: [],
  }));
  let reads = 0;
  const { proxy } = setup({}, (call) => {
    if (call.path !== "/events") return undefined;
    reads++;
    return json(200, { items });
  });
  const first = (await (await proxy(get("/usage?limit=2"))).json()) as { items: { id: string }[]; next_cursor: string };
  const second = (await (await proxy(get(`/usage?limit=2&cursor=${first.next_cursor}`))).json()) as {
    items: { id: string }[];
  };
  expect([...first.items, ...second.items].map((e) => e.id)).toEqual(["e-4", "e-3", "e-2", "e-1"]);
  expect(reads).toBe(1);
  await proxy(get("/usage?limit=2"));
  expect(reads).toBe(2);
});

describe("usage amounts past 16 significant digits (issue 25: amounts parsed as exact decimals from the JSON text)", () => {
  it("keeps every digit in /usage and adds them exactly in /usage/summary", async () => {
    const at = new Date(Date.now() - 1000).toISOString();
    // Written as JSON text: JSON.parse would round these to 12345678901234568 and 0.30000000000000004.
    const body =
      `{"items":[{"id":"e-big","event_type":"api_call","occurred_at":"${at}","fees":[{"amount":12345678901234567.891,"asset":"TOK"}]},` +
      `{"id":"e-small","event_type":"api_call","occurred_at":"${at}","fees":[{"amount":0.1000000000000000001,"asset":"TOK"}]}]}`;
    const { proxy } = setup({}, (call) =>
      call.path === "/events"
        ? new Response(body, { status: 200, headers: { "Content-Type": "application/json" } })
        : undefined,
    );
    const usage = await (await proxy(get("/usage"))).text();
    expect(usage).toContain('"amount":12345678901234567.891');
    expect(usage).toContain('"amount":0.1000000000000000001');
    const summary = await (await proxy(get("/usage/summary?tz=UTC"))).text();
    expect(summary).toContain('"totals":[{"asset":"TOK","amount":12345678901234567.9910000000000000001}]');
  });
});
