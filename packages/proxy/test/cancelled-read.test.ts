// A call the host runtime cancels (Next.js abandoning a prerender, a runtime ending a request's I/O) is not a
// Credyt outage: a request that only joined the shared read still gets its wallet, the breaker does not count
// it, and nothing is retried. Real emulator on a loopback port; the "host" is a fetch wrapper that aborts.
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf } from "../src/_internal/upstream";
import { createCredytApi, createCredytProxy } from "../src/index";
import { expectError } from "./helpers";
import { hostFetch } from "./host-fetch";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

const wallet = (customer = DEMO_CUSTOMER_ID) =>
  new Request("http://app.test/api/credyt/wallet", { headers: { "x-session-user": customer } });

function proxyWith(hostFetchFn: typeof fetch) {
  return createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    origin: "http://app.test",
    fetch: hostFetchFn,
    circuitBreaker: { threshold: 2, cooldownMs: 60_000 },
    getCustomerId: ({ request }) => request.headers.get("x-session-user") ?? DEMO_CUSTOMER_ID,
  });
}

describe("a read joined by another request survives the cancellation of the request that started it", () => {
  it("server code (createCredytApi): the starter gets the cancellation, the joiner its wallet", async () => {
    const host = hostFetch((call) => call === 1);
    const api = createCredytApi({ apiKey: emulator.apiKey, apiUrl: emulator.url, fetch: host.fetch });
    // Both in one tick: the second joins the first's call.
    const [starter, joiner] = await Promise.allSettled([
      api.getWallet(DEMO_CUSTOMER_ID),
      api.getWallet(DEMO_CUSTOMER_ID),
    ]);
    expect(starter.status).toBe("rejected");
    expect(failureOf((starter as PromiseRejectedResult).reason)?.cancelled).toBe(true);
    expect(joiner.status).toBe("fulfilled");
    expect((joiner as PromiseFulfilledResult<{ accounts: unknown[] }>).value.accounts.length).toBeGreaterThan(0);
    // The joiner's own call started only after the shared one was cancelled: it had joined, then read again.
    expect(host.log).toEqual(["start 1 GET", "cancel 1", "start 2 GET"]);
  });

  it("over HTTP (the proxy): the joined request answers 200 with the wallet", async () => {
    const host = hostFetch((call) => call === 1);
    const proxy = proxyWith(host.fetch);
    const [starter, joiner] = await Promise.all([proxy(wallet()), proxy(wallet())]);
    expect(host.log).toEqual(["start 1 GET", "cancel 1", "start 2 GET"]);
    expect(joiner.status).toBe(200);
    expect(((await joiner.json()) as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
    // The starter's client is usually gone; if it still listens, it gets the documented error shape.
    const text = await starter.clone().text();
    expect(text).not.toMatch(/AbortError|at |stack|DOMException/);
    await expectError(starter, 502, "upstream_error");
  });
});

describe("a cancelled call is not a Credyt outage", () => {
  it("cancelled reads of several customers are not retried and do not open the breaker", async () => {
    const host = hostFetch((call) => call <= 4);
    const proxy = proxyWith(host.fetch);
    for (let i = 1; i <= 4; i++) {
      await expectError(await proxy(wallet(`cust_cancelled${i}`)), 502, "upstream_error");
    }
    // One call each: a cancellation is never retried.
    expect(host.log.filter((line) => line.startsWith("start"))).toHaveLength(4);
    // Threshold 2 over 4 customers: had they counted, the breaker would answer 503 here.
    const after = await proxy(wallet());
    expect(after.status).toBe(200);
  });

  it("a cancelled POST is not retried and does not count for the breaker either", async () => {
    const host = hostFetch((_call, init) => init?.method === "POST");
    const proxy = proxyWith(host.fetch);
    for (let i = 1; i <= 3; i++) {
      const response = await proxy(
        new Request("http://app.test/api/credyt/top-ups", {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Idempotency-Key": `cancelled-post-${i}-${Date.now()}`,
            "x-session-user": DEMO_CUSTOMER_ID.replace(/.$/, String(i)),
          },
          body: '{"amount":10,"currency":"USD"}',
        }),
      );
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.text()).not.toMatch(/AbortError|DOMException|stack/);
    }
    expect(host.log.filter((line) => line.includes("POST"))).toHaveLength(3);
    expect((await proxy(wallet())).status).toBe(200);
  });

  it("Next.js's rejection of a fetch in an abandoned prerender counts as a cancellation (by its digest)", async () => {
    let calls = 0;
    const api = createCredytApi({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      fetch: (async () => {
        calls += 1;
        // The shape of Next's HangingPromiseRejectionError, without depending on Next.
        throw Object.assign(new Error("During prerendering, fetch() rejects when the prerender is complete."), {
          digest: "HANGING_PROMISE_REJECTION",
        });
      }) as typeof fetch,
    });
    const error = await api.getWallet(DEMO_CUSTOMER_ID).catch((reason: unknown) => reason);
    expect(failureOf(error)).toMatchObject({ cancelled: true, isOutage: false, retryable: false });
    expect(calls).toBe(1);
  });
});
