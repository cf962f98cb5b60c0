// One customer must not take billing down for everyone (issue 25, item 1): every upstream call is charged to
// the customer who caused it, stream opens count as reads, identical summaries are merged, and the circuit
// breaker opens only when Credyt fails for several customers, never on one customer's 429s or failures.
import { describe, expect, it } from "vitest";
import { MIN_CUSTOMERS } from "../src/_internal/guard";
import { type CredytProxyOptions, createCredytProxy, type FetchContext, MemoryRateLimitStore } from "../src/index";
import { FAKE_KEY, WALLET_TEXT } from "./fake-upstream";
import { BASE, expectError } from "./helpers";

const FLOODER = "cust_flooder0000000000000001";
const others = Array.from({ length: 10 }, (_, i) => `cust_quiet${String(i).padStart(18, "0")}`);

interface Call {
  method: string;
  path: string;
  customer: string | undefined;
}

/** A Credyt stand-in serving any customer's wallet and an empty usage list; `fail` decides failures. */
function world(
  options: Partial<CredytProxyOptions<FetchContext>> = {},
  fail: (call: Call) => Response | undefined = () => undefined,
) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const customer =
      /^\/customers\/([^/]+)/.exec(url.pathname)?.[1] ?? url.searchParams.get("customer_id") ?? undefined;
    const call = { method: request.method, path: url.pathname, customer };
    calls.push(call);
    const failed = fail(call);
    if (failed) return failed;
    if (/^\/customers\/[^/]+\/wallet$/.test(url.pathname)) return json(200, WALLET_TEXT);
    if (url.pathname === "/events") return json(200, '{"items":[],"total_count":0}');
    return json(404, "{}");
  };
  const proxy = createCredytProxy({
    apiKey: FAKE_KEY,
    apiUrl: "https://credyt.test",
    fetch: fetch as typeof globalThis.fetch,
    getCustomerId: ({ request }) => request.headers.get("x-test-who"),
    ...options,
  });
  const callsOf = (customer: string) => calls.filter((c) => c.customer === customer).length;
  const as = (customer: string, path: string) =>
    proxy(new Request(`${BASE}${path}`, { headers: { "x-test-who": customer } }));
  return { proxy, calls, callsOf, as };
}

function json(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "Content-Type": "application/json", ...headers } });
}

async function openAndClose(response: Response): Promise<number> {
  await response.body?.cancel();
  return response.status;
}

describe("noisy neighbour: upstream calls are charged to the customer who caused them", () => {
  it("a flooder opening and closing streams and asking for summaries stays within its upstream budget; others keep 2xx", async () => {
    const { as, callsOf } = world({ getRateLimit: false, upstreamBudget: { limit: 20, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const flood = [
        ...Array.from({ length: 20 }, () => as(FLOODER, "/wallet/stream").then(openAndClose)),
        ...Array.from({ length: 5 }, (_, i) => as(FLOODER, `/usage/summary?tz=Etc/GMT-${i}`).then(openAndClose)),
      ];
      const quiet = others.map((customer) => as(customer, "/wallet").then(openAndClose));
      const [flooded, normal] = await Promise.all([Promise.all(flood), Promise.all(quiet)]);
      statuses.push(...normal);
      expect(flooded.some((s) => s === 429) || round === 0).toBe(true);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(statuses).toHaveLength(100);
    // 250 stream opens and summaries; the flooder's calls to Credyt stop at its budget.
    expect(callsOf(FLOODER)).toBeLessThanOrEqual(20);
    for (const customer of others) expect(callsOf(customer)).toBe(10);
  });

  it("the budget is counted in the rate-limit store: two instances sharing one store share one budget", async () => {
    const store = new MemoryRateLimitStore();
    const keys = new Set<string>();
    const shared = {
      hit: (key: string, windowMs: number) => {
        keys.add(key);
        return store.hit(key, windowMs);
      },
    };
    const options = { rateLimit: { store: shared, limit: 30, windowMs: 60_000 }, getRateLimit: false as const };
    const budget = { upstreamBudget: { limit: 10, windowMs: 60_000 } };
    const a = world({ ...options, ...budget });
    const b = world({ ...options, ...budget });
    for (let i = 0; i < 20; i++) {
      await openAndClose(await a.as(FLOODER, `/usage/summary?tz=Etc/GMT-${i % 12}`));
      await openAndClose(await b.as(FLOODER, `/usage/summary?tz=Etc/GMT+${i % 12}`));
    }
    expect(a.callsOf(FLOODER) + b.callsOf(FLOODER)).toBe(10);
    expect(keys).toContain(`credyt:upstream:${FLOODER}`);
  });

  it("opening GET /wallet/stream counts against the read limit", async () => {
    const { as, callsOf } = world({ getRateLimit: { limit: 5, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect(await openAndClose(await as(FLOODER, "/wallet/stream"))).toBe(200);
    await expectError(await as(FLOODER, "/wallet/stream"), 429, "rate_limited");
    expect(callsOf(FLOODER)).toBe(5);
  });

  it("retries are charged too: a budget of 2 allows one first attempt and one retry, not two", async () => {
    const { as, callsOf } = world({ upstreamBudget: { limit: 2, windowMs: 60_000 } }, () => json(503, "{}"));
    expect((await as(FLOODER, "/wallet")).status).toBe(502);
    expect(callsOf(FLOODER)).toBe(2);
    await expectError(await as(FLOODER, "/wallet"), 429, "rate_limited");
    expect(callsOf(FLOODER)).toBe(2);
  });

  it("twenty concurrent identical summaries cost Credyt one list call, and a repeat within 2 s none", async () => {
    const { as, callsOf } = world();
    const answers = await Promise.all(Array.from({ length: 20 }, () => as(FLOODER, "/usage/summary?tz=UTC")));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(callsOf(FLOODER)).toBe(1);
    expect((await as(FLOODER, "/usage/summary?tz=UTC")).status).toBe(200);
    expect(callsOf(FLOODER)).toBe(1);
    // Another zone is another summary; another customer never gets this one's.
    expect((await as(FLOODER, "/usage/summary?tz=Asia/Tokyo")).status).toBe(200);
    expect((await as(others[0] as string, "/usage/summary?tz=UTC")).status).toBe(200);
    expect(callsOf(FLOODER)).toBe(2);
    expect(callsOf(others[0] as string)).toBe(1);
  });
});

it("notify() forgets the customer's kept summary: the next read after a usage event is computed afresh", async () => {
  const { as, callsOf, proxy } = world();
  expect((await as(FLOODER, "/usage/summary?tz=UTC")).status).toBe(200);
  expect((await as(FLOODER, "/usage/summary?tz=UTC")).status).toBe(200);
  expect(callsOf(FLOODER)).toBe(1);
  await proxy.notify(FLOODER);
  const before = callsOf(FLOODER);
  expect((await as(FLOODER, "/usage/summary?tz=UTC")).status).toBe(200);
  expect(callsOf(FLOODER)).toBe(before + 1);
});

describe("noisy neighbour: the circuit breaker opens only when Credyt fails for everyone", () => {
  it("one customer drawing 429s with Retry-After: 3600 never opens it; others keep 200 and the wait is clamped", async () => {
    const { as } = world({ circuitBreaker: { threshold: 5, cooldownMs: 60_000 } }, (call) =>
      call.customer === FLOODER ? json(429, "{}", { "Retry-After": "3600" }) : undefined,
    );
    for (let i = 0; i < 30; i++) {
      const response = await as(FLOODER, "/wallet");
      await expectError(response, 503, "unavailable");
      expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    }
    for (const customer of others) expect((await as(customer, "/wallet")).status).toBe(200);
  });

  it("one customer whose reads fail (5xx) never opens it for the others", async () => {
    const { as } = world({ circuitBreaker: { threshold: 3, cooldownMs: 60_000 } }, (call) =>
      call.customer === FLOODER ? json(500, "{}") : undefined,
    );
    for (let i = 0; i < 30; i++) expect((await as(FLOODER, "/wallet")).status).toBe(502);
    for (const customer of others) expect((await as(customer, "/wallet")).status).toBe(200);
  });

  it(`opens when failures in a row come from ${MIN_CUSTOMERS} or more customers, and holds a huge Retry-After at most 30 s`, async () => {
    let failing = true;
    const { as, calls } = world({ circuitBreaker: { threshold: 3, cooldownMs: 100 } }, () =>
      failing ? json(503, "{}", { "Retry-After": "3600" }) : undefined,
    );
    for (const customer of others.slice(0, 4)) await as(customer, "/wallet");
    const before = calls.length;
    const open = await as(others[5] as string, "/wallet");
    await expectError(open, 503, "unavailable");
    expect(calls.length).toBe(before);
    const retryAfter = Number(open.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    failing = false;
  });
});
