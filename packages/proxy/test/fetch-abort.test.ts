// "Cancelled" needs the host's evidence (the incoming request aborted, or Next's prerender digest). An app
// whose own `fetch` gives up with `controller.abort()` is reporting Credyt's slowness: a timeout, counted by
// the breaker, never "cancelled". Real loopback servers: one that never answers, one that answers a wallet.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf } from "../src/_internal/upstream";
import { createCredytApi, createCredytProxy } from "../src/index";
import { expectError } from "./helpers";

const WALLET = JSON.stringify({
  accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 1.5, pending_in: 0, pending_out: 0 }],
});
let hanging: Server;
let answering: Server;
let hangingUrl: string;
let answeringUrl: string;
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
beforeAll(async () => {
  hanging = createServer(() => {}); // reads the request, never answers
  answering = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(WALLET);
  });
  hangingUrl = await listen(hanging);
  answeringUrl = await listen(answering);
});
afterAll(() => {
  for (const server of [hanging, answering]) {
    server.closeAllConnections();
    server.close();
  }
});

/** The app's fetch: gives up after `ms` with its own controller, as apps enforcing a timeout do. */
function fetchWithOwnTimeout(ms: number, calls: string[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }) as typeof fetch;
}

const wallet = (customer: string, signal?: AbortSignal) =>
  new Request("http://app.test/api/credyt/wallet", { headers: { "x-session-user": customer }, signal });

describe("an abort by the app's own fetch is Credyt being slow, not a cancellation", () => {
  it("the proxy answers 504 upstream_timeout and the breaker counts it (threshold 2: it opens after two customers)", async () => {
    const calls: string[] = [];
    const proxy = createCredytProxy({
      apiKey: "key_test_fetchabort0000000000",
      apiUrl: hangingUrl,
      origin: "http://app.test",
      fetch: fetchWithOwnTimeout(30, calls),
      circuitBreaker: { threshold: 2, cooldownMs: 60_000 },
      getCustomerId: ({ request }) => request.headers.get("x-session-user"),
    });
    for (let i = 1; i <= 2; i++) await expectError(await proxy(wallet(`cust_selfabort${i}`)), 504, "upstream_timeout");
    // A timeout is not retried: one call each.
    expect(calls).toHaveLength(2);
    // Counted as an outage for two customers: the breaker is open, nothing more is sent.
    await expectError(await proxy(wallet("cust_selfabort3")), 503, "unavailable");
    expect(calls).toHaveLength(2);
  });

  it("server code sees an outage (a timeout), not a cancellation", async () => {
    const api = createCredytApi({
      apiKey: "key_test_fetchabort0000000000",
      apiUrl: hangingUrl,
      fetch: fetchWithOwnTimeout(30, []),
    });
    const error = await api.getWallet("cust_selfabort").catch((reason: unknown) => reason);
    expect(failureOf(error)).toMatchObject({ cancelled: false, isOutage: true, maybeApplied: true });
  });
});

describe("an abort while the incoming request was aborted is the host's cancellation", () => {
  it("answers the documented 502, is not retried and does not count for the breaker", async () => {
    const calls: string[] = [];
    const controllers = new Map<string, AbortController>();
    // The host ends the request (its signal aborts) and with it the request's I/O.
    const hostEndsRequest = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(String(input));
      const customer = /customers\/([^/]+)\//.exec(String(input))?.[1] ?? "";
      const incoming = controllers.get(customer);
      if (!incoming) return fetch(input, init);
      incoming.abort();
      throw new DOMException("This operation was aborted", "AbortError");
    }) as typeof fetch;
    const proxy = createCredytProxy({
      apiKey: "key_test_fetchabort0000000000",
      apiUrl: answeringUrl,
      origin: "http://app.test",
      fetch: hostEndsRequest,
      circuitBreaker: { threshold: 2, cooldownMs: 60_000 },
      getCustomerId: ({ request }) => request.headers.get("x-session-user"),
    });
    for (let i = 1; i <= 4; i++) {
      const customer = `cust_hostended${i}`;
      const controller = new AbortController();
      controllers.set(customer, controller);
      const response = await proxy(wallet(customer, controller.signal));
      await expectError(response, 502, "upstream_error");
    }
    expect(calls).toHaveLength(4);
    // Four customers' calls, threshold 2: had they counted, this would be 503.
    const after = await proxy(wallet("cust_alive"));
    expect(after.status).toBe(200);
  });
});
