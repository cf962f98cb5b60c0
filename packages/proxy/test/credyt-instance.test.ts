// The one-instance API of issue 22: `createCredyt` with `identify`, its store, its limits and its routes,
// against the emulator in-process (its Fetch handler is the upstream `fetch`).
import { createEmulator, type Emulator } from "@credyt/emulator";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type CredytOptions,
  type CredytProxyEvent,
  createCredyt,
  type FetchContext,
  MemoryIdempotencyStore,
} from "../src/index";
import { expectError } from "./helpers";

const ORIGIN = "https://app.example";

interface Upstream {
  emulator: Emulator;
  fetch: typeof fetch;
  calls: string[];
}

/** The emulator as upstream, recording `METHOD path?query` of every call; `rewrite` may change an answer. */
function upstream(rewrite?: (call: string, response: Response) => Response | Promise<Response>): Upstream {
  const emulator = createEmulator();
  const calls: string[] = [];
  const call = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const name = `${request.method} ${url.pathname}${url.search}`;
    calls.push(name);
    const response = await emulator.fetch(request);
    return rewrite ? rewrite(name, response) : response;
  };
  return { emulator, fetch: call as typeof fetch, calls };
}

function instance(up: Upstream, extra: Partial<CredytOptions<FetchContext>> = {}) {
  const events: CredytProxyEvent[] = [];
  const credyt = createCredyt({
    apiKey: up.emulator.apiKey,
    apiUrl: "http://credyt.test",
    fetch: up.fetch,
    origin: ORIGIN,
    identify: ({ request }) => {
      const user = request.headers.get("x-user");
      return user ? { externalId: user, email: `${user}@example.com` } : null;
    },
    onEvent: (event) => {
      events.push(event);
    },
    ...extra,
  });
  return { credyt, events };
}

const wallet = (user: string | null, path = "/wallet") =>
  new Request(`${ORIGIN}/api/credyt${path}`, { headers: user ? { "x-user": user } : {} });

const creations = (up: Upstream) => up.calls.filter((call) => call === "POST /customers").length;

async function customersWith(up: Upstream, externalId: string): Promise<Array<{ id: string; email?: string }>> {
  const response = await up.emulator.fetch(
    new Request(`http://credyt.test/customers?external_id=${encodeURIComponent(externalId)}`, {
      headers: { "X-CREDYT-API-KEY": up.emulator.apiKey },
    }),
  );
  return ((await response.json()) as { items: Array<{ id: string; email?: string }> }).items;
}

describe("identify: customers from your own user ids", () => {
  it("creates the customer on first sight (with the configured products, so its accounts exist), then reuses it", async () => {
    const up = upstream();
    const { credyt } = instance(up, { customers: { products: ["glitch_video_std"] } });
    const first = await credyt.fetch(wallet("user-1"));
    expect(first.status).toBe(200);
    // The product prices in USD and TOK: subscribing provisioned both accounts.
    const accounts = ((await first.json()) as { accounts: Array<{ id: string }> }).accounts.map((a) => a.id).sort();
    expect(accounts).toEqual(["default:TOK", "default:USD"]);
    expect((await credyt.fetch(wallet("user-1"))).status).toBe(200);
    expect(creations(up)).toBe(1);
    const found = await customersWith(up, "user-1");
    expect(found).toHaveLength(1);
    expect(found[0]?.email).toBe("user-1@example.com");
    // The mapping is cached: the second request looked nothing up.
    expect(up.calls.filter((call) => call.startsWith("GET /customers?"))).toHaveLength(1);
  });

  it("20 simultaneous first requests of a new user create exactly one customer (one process)", async () => {
    const up = upstream();
    const { credyt } = instance(up);
    const answers = await Promise.all(Array.from({ length: 20 }, () => credyt.fetch(wallet("user-burst"))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(creations(up)).toBe(1);
    expect(await customersWith(up, "user-burst")).toHaveLength(1);
  });

  it("reads a single customer object as the look-up's answer, and a 404 as none", async () => {
    // Credyt's own collection reads `responseJson.id`: the look-up may answer the customer itself.
    const up = upstream(async (call, response) => {
      if (!call.startsWith("GET /customers?")) return response;
      const items = ((await response.json()) as { items: unknown[] }).items;
      if (items.length === 0) return new Response('{"title":"Not Found"}', { status: 404 });
      return Response.json(items[0]);
    });
    const { credyt } = instance(up);
    expect((await credyt.fetch(wallet("user-single"))).status).toBe(200);
    expect(creations(up)).toBe(1);
    // A second instance (no shared mapping) finds it through the single-object answer.
    const { credyt: other } = instance(up);
    expect((await other.fetch(wallet("user-single"))).status).toBe(200);
    expect(creations(up)).toBe(1);
  });

  it.each([
    ["an unknown shape", () => Response.json({ data: [] })],
    ["a page that ignored the filter", () => Response.json({ items: [{ id: "cust_someoneelse", external_id: "x" }] })],
    ["a customer with another external_id", () => Response.json({ id: "cust_someoneelse", external_id: "x" })],
    ["a non-object", () => Response.json([1, 2])],
  ])("answers 502 for %s, never 'absent' (so no duplicate customer is created)", async (_name, answer) => {
    const up = upstream((call, response) => (call.startsWith("GET /customers?") ? answer() : response));
    const { credyt, events } = instance(up);
    await expectError(await credyt.fetch(wallet("user-odd")), 502, "upstream_error");
    expect(creations(up)).toBe(0);
    const rejected = events.find((event) => event.type === "request.rejected");
    expect(rejected && "reason" in rejected ? rejected.reason : "").toMatch(/customer look-up/);
  });

  it("identify answering null is 401; a bad answer is a 500 naming the fix in onEvent", async () => {
    const up = upstream();
    const { credyt } = instance(up);
    await expectError(await credyt.fetch(wallet(null)), 401, "unauthorized");
    const { credyt: broken, events } = instance(up, { identify: () => ({ externalId: "" }) });
    await expectError(await broken.fetch(wallet("x")), 500, "internal");
    expect(JSON.stringify(events)).toContain("identify(ctx) answered an externalId");
    expect(creations(up)).toBe(0);
  });

  it("api.customers.getOrCreate and notify({ externalId }) share the instance's mapping", async () => {
    const up = upstream();
    const { credyt } = instance(up);
    const [a, b] = await Promise.all([
      credyt.api.customers.getOrCreate("user-api", { name: "Ada" }),
      credyt.api.customers.getOrCreate("user-api"),
    ]);
    expect(a).toBe(b);
    expect(a).toMatch(/^cust_/);
    expect(creations(up)).toBe(1);
    expect(await credyt.api.customers.find("user-api")).toBe(a);
    expect(await credyt.api.customers.find("nobody")).toBeNull();
    await expect(credyt.notify({ externalId: "nobody" })).resolves.toBeUndefined();
    await expect(credyt.notify({ externalId: "user-api" })).resolves.toBeUndefined();
    expect((await credyt.api.getWallet(a)).accounts).toBeDefined();
  });

  it("api.customers.getWallet(userId) is getOrCreate then getWallet: one customer, the same wallet", async () => {
    const up = upstream();
    const { credyt } = instance(up);
    const [first, second] = await Promise.all([
      credyt.api.customers.getWallet("user-wallet", { email: "w@example.com" }),
      credyt.api.customers.getWallet("user-wallet"),
    ]);
    expect(creations(up)).toBe(1);
    const id = await credyt.api.customers.find("user-wallet");
    expect(id).toMatch(/^cust_/);
    expect(first).toEqual(await credyt.api.getWallet(id as string));
    expect(second).toEqual(first);
  });
});

describe("limits: each merged over its default, false is off", () => {
  it("300 reads of one customer with reads off give 0 429s (getRateLimit:false used to fall back to the POST limit)", async () => {
    const up = upstream();
    const { credyt } = instance(up, { rateLimit: { reads: false } });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await credyt.fetch(wallet("user-reads"))).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    expect(statuses.filter((s) => s === 200)).toHaveLength(300);
  });

  it("the older getRateLimit: false turns reads off too", async () => {
    const up = upstream();
    const { credyt: legacy } = instance(up, { getRateLimit: false } as Partial<CredytOptions<FetchContext>>);
    let limited = 0;
    for (let i = 0; i < 150; i++) if ((await legacy.fetch(wallet("user-legacy"))).status === 429) limited++;
    expect(limited).toBe(0);
  });

  it("a partial limit keeps the other defaults: reads { limit: 3 } answers the 4th read 429", async () => {
    const up = upstream();
    const { credyt } = instance(up, { rateLimit: { reads: { limit: 3 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await credyt.fetch(wallet("user-partial"))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("routes", () => {
  it("GET {base}/config serves the top-up limits per currency, with no customer needed", async () => {
    const up = upstream();
    const { credyt } = instance(up, {
      topUps: { currencies: { USD: { min: 5, max: 500 }, JPY: {} }, assets: ["USD", "JPY", "TOK"] },
    });
    const response = await credyt.fetch(wallet(null, "/config"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      top_ups: {
        currencies: [
          { currency: "USD", min: "5", max: "500", digits: 2 },
          { currency: "JPY", min: "500", max: "150000", digits: 0 },
        ],
        assets: ["USD", "JPY", "TOK"],
        account_names: ["default"],
      },
      streams: true,
    });
    expect(up.calls).toEqual([]);
  });

  it("defaults are per currency: no 1-cent USD checkout, no fractional or 1-yen JPY one", async () => {
    const up = upstream();
    const { credyt } = instance(up, { topUps: { currencies: ["USD", "JPY"] } });
    const topUp = (amount: number, currency: string) =>
      credyt.fetch(
        new Request(`${ORIGIN}/api/credyt/top-ups`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": `key-${currency}-${amount}-abc`,
            "x-user": "u",
          },
          body: JSON.stringify({ amount, currency }),
        }),
      );
    await expectError(await topUp(0.01, "USD"), 422, "invalid_request");
    await expectError(await topUp(1, "JPY"), 422, "invalid_request");
    await expectError(await topUp(2000, "USD"), 422, "invalid_request");
    expect((await topUp(5, "USD")).status).toBe(201);
    expect((await topUp(500, "JPY")).status).toBe(201);
  });

  it.each(["/customers", "/customers/cust_x/wallet", "/", "/wallets", "/config/x"])("%s is 404", async (path) => {
    const up = upstream();
    const { credyt } = instance(up);
    await expectError(await credyt.fetch(wallet("user-1", path)), 404, "not_found");
    expect(up.calls).toEqual([]);
  });
});

describe("failures are reported, never swallowed", () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    vi.spyOn(console, "error").mockImplementation((message: unknown) => {
      errors.push(String(message));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a failing rate-limit store on a GET: the read goes on, onEvent gets store_error", async () => {
    const up = upstream();
    const failing = {
      idempotency: createMemoryIdempotency(),
      rateLimit: {
        hit: async () => {
          throw new Error("redis down");
        },
      },
    };
    const { credyt, events } = instance(up, { store: failing });
    expect((await credyt.fetch(wallet("user-store"))).status).toBe(200);
    const reported = events.filter((event) => event.type === "store_error");
    // The read limit and the upstream budget both count in that store: each failed hit is reported.
    expect(reported.length).toBeGreaterThanOrEqual(1);
    for (const event of reported)
      expect(event).toMatchObject({ type: "store_error", operation: "rate_limit.hit", message: "redis down" });
  });

  it("an idempotency store that cannot record a created top-up: the customer gets the top-up, onEvent the failure", async () => {
    const up = upstream();
    const memory = createMemoryIdempotency();
    const store = {
      idempotency: {
        claim: memory.claim.bind(memory),
        release: memory.release.bind(memory),
        complete: async () => {
          throw new Error("disk full");
        },
      },
      rateLimit: { hit: async () => ({ count: 1, resetMs: 1000 }) },
    };
    const { credyt, events } = instance(up, {
      store,
      getCustomerId: undefined,
      identify: () => ({ externalId: "u2" }),
    });
    const response = await credyt.fetch(
      new Request(`${ORIGIN}/api/credyt/top-ups`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "store-fail-key-1" },
        body: JSON.stringify({ amount: 10, currency: "USD" }),
      }),
    );
    expect(response.status).toBe(201);
    const failures = events.filter((event) => event.type === "store_error").map((event) => event.operation);
    expect(failures).toContain("idempotency.complete");
  });

  it("a throwing onEvent never changes the answer and is written to the log", async () => {
    const up = upstream();
    const { credyt } = instance(up, {
      onEvent: () => {
        throw new Error("audit sink down");
      },
    });
    await expectError(await credyt.fetch(wallet(null)), 401, "unauthorized");
    expect(errors.join("\n")).toMatch(/onEvent threw for a request.rejected event: audit sink down/);
  });
});

describe("configuration is checked on first use, so a build without secrets imports it", () => {
  it("createCredyt without an API key does not throw; the first request is a 500 and the log says what to fix", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const credyt = createCredyt({ apiKey: undefined as unknown as string, identify: () => null, dev: false });
    const response = await credyt.fetch(new Request(`${ORIGIN}/api/credyt/wallet`));
    await expectError(response, 500, "internal");
    expect(String(error.mock.calls[0]?.[0])).toMatch(/createCredyt: `apiKey` is missing/);
    await expect(credyt.api.getWallet("cust_x")).rejects.toThrow(/apiKey` is missing/);
    error.mockRestore();
  });
});

function createMemoryIdempotency() {
  return new MemoryIdempotencyStore();
}
