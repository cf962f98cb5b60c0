import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmulator, DEMO_CUSTOMER_ID, EmulatorSeedError, SECOND_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const adjust = (n: number, amount: unknown, asset = "USD") =>
  s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
    transaction_id: uuid(n),
    reason: "gift",
    asset,
    amount,
  });
const topUp = (body: Record<string, unknown>) =>
  s.api("POST", "/top-ups", {
    customer_id: SECOND_CUSTOMER_ID,
    amount: 10,
    currency: "USD",
    return_url: RETURN_URL,
    failure_url: FAILURE_URL,
    ...body,
  });
const events = (...list: Record<string, unknown>[]) =>
  s.api("POST", "/events", {
    customer_id: DEMO_CUSTOMER_ID,
    events: list.map((data, i) => ({
      id: `77777777-7777-4777-8777-${String(i).padStart(12, "0")}`,
      event_type: "tokens_generated",
      occurred_at: "2026-01-01T00:00:00Z",
      data,
    })),
  });
async function errors(res: Response): Promise<Record<string, string[]>> {
  expect(res.status).toBe(422);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return ((await res.json()) as { errors: Record<string, string[]> }).errors;
}
/** Every balance of every account, read over the wire: each must be a finite JSON number. */
async function wireBalances(customer: string): Promise<unknown[]> {
  const wallet = (await (await s.api("GET", `/customers/${customer}/wallet`)).json()) as {
    accounts: Record<string, unknown>[];
  };
  return wallet.accounts.flatMap((a) => [a.available, a.pending_in, a.pending_out]);
}
const usd = () => s.emulator.getAccount(SECOND_CUSTOMER_ID, "default:USD")?.available;
const tok = () => s.emulator.getAccount(DEMO_CUSTOMER_ID, "default:TOK")?.available;
/** How many events the demo customer has (the seeded history included). */
const eventCount = async () =>
  ((await (await s.api("GET", `/events?customer_id=${DEMO_CUSTOMER_ID}`)).json()) as { total_count: number })
    .total_count;

describe("money limits: |value| ≤ 1e12, ≤ 12 decimal places, balances stay finite", () => {
  it("adjustments: huge, too precise or non-finite amounts are 422 on `amount`; balances never become null", async () => {
    for (const [n, amount] of [
      [1, 1e308],
      [2, -1e308],
      [3, 1e12 + 1],
      [4, 1e-13],
      [5, 0.1234567890123],
    ] as const) {
      expect(await errors(await adjust(n, amount)), String(amount)).toHaveProperty(["amount"]);
    }
    // JSON's 1e400 parses to Infinity.
    const infinite = await s.api(
      "POST",
      `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`,
      `{"transaction_id":"${uuid(6)}","reason":"gift","asset":"USD","amount":1e400}`,
    );
    expect(await errors(infinite)).toHaveProperty(["amount"]);
    expect(usd()).toBe(50);
    for (const b of await wireBalances(SECOND_CUSTOMER_ID)) expect(Number.isFinite(b)).toBe(true);
  });

  it("adjustments at the limit are accepted; one that would push the balance past ±1e12 is refused", async () => {
    expect((await adjust(10, 0.000000000001)).status).toBe(201);
    expect((await adjust(11, 1e12 - 51)).status).toBe(201);
    expect(await errors(await adjust(12, 1))).toEqual({
      amount: [
        "This would take the balance of account 'default:USD' beyond the emulator's limit of ±1000000000000 (pending top-ups included).",
      ],
    });
    expect((await adjust(13, -1e12)).status).toBe(201);
    expect(await errors(await adjust(14, -1e12))).toHaveProperty(["amount"]);
    // A refused adjustment is not recorded: the same transaction_id can be used again.
    expect((await adjust(14, -1)).status).toBe(201);
    for (const b of await wireBalances(SECOND_CUSTOMER_ID)) expect(Number.isFinite(b)).toBe(true);
    // A refused credit to a new account does not create it.
    expect(await errors(await adjust(15, 1e13, "EUR"))).toHaveProperty(["amount"]);
    expect(s.emulator.getAccount(SECOND_CUSTOMER_ID, "default:EUR")).toBeUndefined();
  });

  it("top-ups: exchange_rate and amount are bounded, and so are the units they buy", async () => {
    expect(await errors(await topUp({ amount: 1.0000000000001 }))).toHaveProperty(["amount"]);
    for (const exchange_rate of [1e13, 1e-13, 1e308]) {
      const res = await topUp({ destination: { asset: "TOK", exchange_rate } });
      expect(await errors(res), String(exchange_rate)).toHaveProperty(["destination.exchange_rate"]);
    }
    // In range, but 1e6 USD × 1e12 TOK/USD = 1e18 TOK: refused.
    const tooMany = await topUp({ amount: 1_000_000, destination: { asset: "TOK", exchange_rate: 1e12 } });
    expect(await errors(tooMany)).toHaveProperty(["destination.exchange_rate"]);
    // An asset priced at 1e-12 USD: 1e6 USD buys 1e18 units at the asset's own rate: refused on `amount`.
    const asset = { code: "DUST", name: "Dust", precision: 0, rates: [{ source: "USD", rate: 1e-12 }] };
    expect((await s.api("POST", "/assets", asset)).status).toBe(201);
    expect(await errors(await topUp({ amount: 1_000_000, destination: { asset: "DUST" } }))).toHaveProperty(["amount"]);
    expect(s.emulator.getAccount(SECOND_CUSTOMER_ID, "default:DUST")).toBeUndefined();
  });

  it("top-ups: pending_in counts toward the cap, so completing every pending top-up stays within it", async () => {
    expect((await adjust(20, 1e12 - 60)).status).toBe(201);
    const ok = await topUp({ amount: 10 });
    expect(ok.status).toBe(201);
    expect(await errors(await topUp({ amount: 0.01 }))).toHaveProperty(["amount"]);
    // …and an adjustment can't use the headroom reserved by the pending top-up.
    expect(await errors(await adjust(21, 0.01))).toHaveProperty(["amount"]);
    const { id } = (await ok.json()) as { id: string };
    expect((await s.admin("POST", `/__emulator/top-ups/${id}/complete`)).status).toBe(200);
    expect(usd()).toBe(1e12);
    for (const b of await wireBalances(SECOND_CUSTOMER_ID)) expect(Number.isFinite(b)).toBe(true);
  });

  it("assets: a rate beyond the limits is 422 naming the field", async () => {
    for (const rate of [1e13, 1e-13, 1e308]) {
      const res = await s.api("POST", "/assets", {
        code: `R${String(rate).replace(/[^0-9]/g, "")}`,
        name: "R",
        precision: 0,
        rates: [{ source: "USD", rate }],
      });
      expect(await errors(res), String(rate)).toHaveProperty(["rates[0].rate"]);
    }
  });

  it("events: a negative volume is 422, never a credit", async () => {
    const before = tok();
    const stored = await eventCount();
    expect(await errors(await events({ tokens: -1000 }))).toEqual({ "events[0].data.tokens": ["Must be at least 0."] });
    expect(tok()).toBe(before);
    expect(await eventCount()).toBe(stored);
  });

  it("events: volumes beyond the limits are 422; a request that would pass the cap changes nothing", async () => {
    const before = tok() as number;
    const stored = await eventCount();
    for (const tokens of [1e13, 1e-13, 1e308]) {
      expect(await errors(await events({ tokens })), String(tokens)).toHaveProperty(["events[0].data.tokens"]);
    }
    // 1e12 alone is fine (993450234 − 1e12 > −1e12), but two of them in one request cross the cap:
    // the whole request is refused and nothing is billed.
    const res = await events({ tokens: 1 }, { tokens: 1e12 }, { tokens: 1e12 });
    expect(await errors(res)).toHaveProperty(["events[2].data.tokens"]);
    expect(tok()).toBe(before);
    expect(await eventCount()).toBe(stored);
    expect((await events({ tokens: 1e12 })).status).toBe(201);
    expect(tok()).toBe(before - 1e12);
    for (const b of await wireBalances(DEMO_CUSTOMER_ID)) expect(Number.isFinite(b)).toBe(true);
  });
});

describe("seed limits", () => {
  for (const [account, field] of [
    [{ asset: "USD", available: 1e13 }, "customers[0].accounts[0].available"],
    [{ asset: "USD", available: 0.1234567890123 }, "customers[0].accounts[0].available"],
    [{ asset: "USD", available: 1e12, pending_in: 1 }, "customers[0].accounts[0].available"],
  ] as const) {
    it(`a seed balance beyond the limits fails naming ${field} (${JSON.stringify(account)})`, () => {
      let error: unknown;
      try {
        createEmulator({ seed: { customers: [{ name: "x", accounts: [account] }] } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EmulatorSeedError);
      expect((error as EmulatorSeedError).field).toBe(field);
    });
  }
});
